"""Plausible wrong answers for day 47 (autodiff as a program transformation); each must lose the points listed.

Most are the instructor's answer with one rule changed: `changed` makes them from the two answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

VJP = '''def vjp(b: Builder, ins: Instr, g: str) -> tuple[str, ...]:
    """Emit into `b` the gradient contribution of each operand of `ins`, given the name `g`
    of the gradient of `ins.out`; return their names, one per operand, in order."""
    op, args, y = ins.op, ins.args, ins.out
    if op == "const":
        return ()
    if op == "add":
        a, c = args
        return b.emit("sum_like", g, a), b.emit("sum_like", g, c)
    if op == "sub":
        a, c = args
        return b.emit("sum_like", g, a), b.emit("sum_like", b.emit("neg", g), c)
    if op == "mul":
        a, c = args
        return b.emit("sum_like", b.emit("mul", g, c), a), b.emit("sum_like", b.emit("mul", g, a), c)
    if op == "div":
        a, c = args
        da = b.emit("sum_like", b.emit("div", g, c), a)
        dc = b.emit("sum_like", b.emit("neg", b.emit("div", b.emit("mul", g, y), c)), c)
        return da, dc
    if op == "matmul":
        a, c = args
        return b.emit("matmul", g, b.emit("transpose", c)), b.emit("matmul", b.emit("transpose", a), g)
    (a,) = args
    if op == "neg":
        return (b.emit("neg", g),)
    if op == "exp":
        return (b.emit("mul", g, y),)
    if op == "log":
        return (b.emit("div", g, a),)
    if op == "tanh":
        one = b.emit("const", value=1.0)
        return (b.emit("mul", g, b.emit("sub", one, b.emit("mul", y, y))),)
    if op == "relu":
        return (b.emit("mul", g, b.emit("step", a)),)
    if op == "step":
        return (b.emit("expand_like", b.emit("const", value=0.0), a),)
    if op == "pow":
        e = ins.attr("exponent")
        slope = b.emit("mul", b.emit("const", value=float(e)), b.emit("pow", a, exponent=e - 1))
        return (b.emit("mul", g, slope),)
    if op == "transpose":
        return (b.emit("transpose", g),)
    if op == "sum":
        return (b.emit("expand_like", g, a, axis=ins.attr("axis")),)
    raise ValueError(f"no VJP rule for {op!r}")
'''

GRAD_PROGRAM = '''def grad_program(program: Program) -> Program:
    """The program computing `program`'s outputs, then the gradient of each of its inputs."""
    seeds = [f"d_out{k}" for k in range(len(program.outputs))]
    b = Builder([*program.inputs, *seeds])
    b.body.extend(program.body)
    grads: dict[str, str] = {}

    def accumulate(name: str, contribution: str) -> None:
        if name in grads:
            grads[name] = b.emit("add", grads[name], contribution)
        else:
            grads[name] = contribution

    for out, seed in zip(program.outputs, seeds):
        accumulate(out, seed)
    for ins in reversed(program.body):
        if ins.out in grads:
            for a, contribution in zip(ins.args, vjp(b, ins, grads[ins.out])):
                accumulate(a, contribution)
    results = []
    for x in program.inputs:
        if x not in grads:
            grads[x] = b.emit("expand_like", b.emit("const", value=0.0), x)
        results.append(grads[x])
    return b.build(*program.outputs, *results, name=f"grad_{program.name}")
'''


MUTANTS = [
    {
        "name": "the elementwise rules forget sum_like, so a broadcast operand gets a gradient of the output's shape",
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_elementwise'],
        "source": '''def vjp(b: Builder, ins: Instr, g: str) -> tuple[str, ...]:
    """Emit into `b` the gradient contribution of each operand of `ins`, given the name `g`
    of the gradient of `ins.out`; return their names, one per operand, in order."""
    op, args, y = ins.op, ins.args, ins.out
    if op == "const":
        return ()
    if op == "add":
        a, c = args
        return g, g
    if op == "sub":
        a, c = args
        return g, b.emit("neg", g)
    if op == "mul":
        a, c = args
        return b.emit("mul", g, c), b.emit("mul", g, a)
    if op == "div":
        a, c = args
        da = b.emit("div", g, c)
        dc = b.emit("neg", b.emit("div", b.emit("mul", g, y), c))
        return da, dc
    if op == "matmul":
        a, c = args
        return b.emit("matmul", g, b.emit("transpose", c)), b.emit("matmul", b.emit("transpose", a), g)
    (a,) = args
    if op == "neg":
        return (b.emit("neg", g),)
    if op == "exp":
        return (b.emit("mul", g, y),)
    if op == "log":
        return (b.emit("div", g, a),)
    if op == "tanh":
        one = b.emit("const", value=1.0)
        return (b.emit("mul", g, b.emit("sub", one, b.emit("mul", y, y))),)
    if op == "relu":
        return (b.emit("mul", g, b.emit("step", a)),)
    if op == "step":
        return (b.emit("expand_like", b.emit("const", value=0.0), a),)
    if op == "pow":
        e = ins.attr("exponent")
        slope = b.emit("mul", b.emit("const", value=float(e)), b.emit("pow", a, exponent=e - 1))
        return (b.emit("mul", g, slope),)
    if op == "transpose":
        return (b.emit("transpose", g),)
    if op == "sum":
        return (b.emit("expand_like", g, a, axis=ins.attr("axis")),)
    raise ValueError(f"no VJP rule for {op!r}")
''',
    },
    {
        "name": 'sub gives its second operand +g instead of -g',
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_elementwise'],
        "source": changed(VJP,
                        ('        return b.emit("sum_like", g, a), b.emit("sum_like", b.emit("neg", g), c)\n',
                         '        return b.emit("sum_like", g, a), b.emit("sum_like", g, c)\n')),
    },
    {
        "name": "div's second operand loses the minus sign of -a / b**2",
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_elementwise'],
        "source": changed(VJP,
                        ('        dc = b.emit("sum_like", b.emit("neg", b.emit("div", b.emit("mul", g, y), c)), c)\n',
                         '        dc = b.emit("sum_like", b.emit("div", b.emit("mul", g, y), c), c)\n')),
    },
    {
        "name": "div's second operand divides by the wrong operand (g * y / a)",
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_elementwise'],
        "source": changed(VJP,
                        ('        dc = b.emit("sum_like", b.emit("neg", b.emit("div", b.emit("mul", g, y), c)), c)\n',
                         '        dc = b.emit("sum_like", b.emit("neg", b.emit("div", b.emit("mul", g, y), a)), c)\n')),
    },
    {
        "name": "pow's rule forgets the factor p (p * a ** (p - 1) becomes a ** (p - 1))",
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_elementwise'],
        "source": changed(VJP,
                        ('        slope = b.emit("mul", b.emit("const", value=float(e)), b.emit("pow", a, exponent=e - 1))\n',
                         '        slope = b.emit("pow", a, exponent=e - 1)\n')),
    },
    {
        "name": "matmul's rule without the transposes (right only for square matrices)",
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_structure'],
        "source": changed(VJP,
                        ('        return b.emit("matmul", g, b.emit("transpose", c)), b.emit("matmul", b.emit("transpose", a), g)\n',
                         '        return b.emit("matmul", g, c), b.emit("matmul", a, g)\n')),
    },
    {
        "name": "sum's rule forgets the axis (expand_like without axis)",
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_structure'],
        "source": changed(VJP,
                        ('        return (b.emit("expand_like", g, a, axis=ins.attr("axis")),)\n',
                         '        return (b.emit("expand_like", g, a),)\n')),
    },
    {
        "name": "step's contribution is g * 0 (nan where g is inf or nan)",
        "cell": 'ex1_answer',
        "loses": ['ex1_tests_structure'],
        "source": changed(VJP,
                        ('        return (b.emit("expand_like", b.emit("const", value=0.0), a),)\n',
                         '        return (b.emit("mul", g, b.emit("const", value=0.0)),)\n')),
    },
    {
        "name": "the backward overwrites a reused value's gradient instead of accumulating",
        "cell": 'ex2_answer',
        "loses": ['ex2_tests'],
        "source": changed(GRAD_PROGRAM,
                        ('        if name in grads:\n            grads[name] = b.emit("add", grads[name], contribution)\n        else:\n            grads[name] = contribution\n',
                         '        grads[name] = contribution\n')),
    },
    {
        "name": 'the adjoints walk the instructions in program order instead of reverse',
        "cell": 'ex2_answer',
        "loses": ['ex2_tests'],
        "source": changed(GRAD_PROGRAM,
                        ('    for ins in reversed(program.body):\n',
                         '    for ins in program.body:\n')),
    },
    {
        "name": "an unused input's gradient is u * 0 (nan for u = inf or nan)",
        "cell": 'ex2_answer',
        "loses": ['ex2_tests_unused'],
        "source": changed(GRAD_PROGRAM,
                        ('            grads[x] = b.emit("expand_like", b.emit("const", value=0.0), x)\n',
                         '            grads[x] = b.emit("mul", x, b.emit("const", value=0.0))\n')),
    },
    {
        "name": "an unused input's gradient is a scalar const 0.0 (shape (), not the input's)",
        "cell": 'ex2_answer',
        "loses": ['ex2_tests_unused'],
        "source": changed(GRAD_PROGRAM,
                        ('            grads[x] = b.emit("expand_like", b.emit("const", value=0.0), x)\n',
                         '            grads[x] = b.emit("const", value=0.0)\n')),
    },
    {
        "name": 'torch_gradients ignores the seeds: backward of the sum of the outputs (a seed of ones)',
        "cell": 'ex3_answer',
        "loses": ['ex3_tests'],
        "source": '''def torch_gradients(program: Program, inputs: list, seeds: list) -> tuple[np.ndarray, ...]:
    """Run `program` with torch (float64) and return its outputs, then the gradient of each
    input for the upstream gradients `seeds`, all as NumPy arrays."""
    env = {n: torch.tensor(np.asarray(v), dtype=torch.float64, requires_grad=True)
           for n, v in zip(program.inputs, inputs)}
    leaves = [env[n] for n in program.inputs]
    for ins in program.body:
        a = [env[n] for n in ins.args]
        op = ins.op
        if op == "const":
            v = torch.tensor(ins.attr("value"), dtype=torch.float64)
        elif op == "pow":
            v = a[0] ** ins.attr("exponent")
        elif op == "transpose":
            v = a[0].transpose(-1, -2) if a[0].ndim >= 2 else a[0]
        elif op == "sum":
            axis = ins.attr("axis")
            v = a[0].sum() if axis is None else a[0].sum(dim=axis)
        else:
            v = TORCH_OPS[op](*a)
        env[ins.out] = v
    outs = [env[n] for n in program.outputs]
    gs = [torch.ones_like(o) for o in outs]
    grads = torch.autograd.grad(outs, leaves, grad_outputs=gs, allow_unused=True)
    grads = [torch.zeros_like(x) if d is None else d for x, d in zip(leaves, grads)]
    return tuple(t.detach().numpy() for t in outs + grads)
''',
    },
    {
        "name": 'torch_gradients computes in float32',
        "cell": 'ex3_answer',
        "loses": ['ex3_tests'],
        "source": '''def torch_gradients(program: Program, inputs: list, seeds: list) -> tuple[np.ndarray, ...]:
    """Run `program` with torch (float64) and return its outputs, then the gradient of each
    input for the upstream gradients `seeds`, all as NumPy arrays."""
    env = {n: torch.tensor(np.asarray(v), dtype=torch.float32, requires_grad=True)
           for n, v in zip(program.inputs, inputs)}
    leaves = [env[n] for n in program.inputs]
    for ins in program.body:
        a = [env[n] for n in ins.args]
        op = ins.op
        if op == "const":
            v = torch.tensor(ins.attr("value"), dtype=torch.float32)
        elif op == "pow":
            v = a[0] ** ins.attr("exponent")
        elif op == "transpose":
            v = a[0].transpose(-1, -2) if a[0].ndim >= 2 else a[0]
        elif op == "sum":
            axis = ins.attr("axis")
            v = a[0].sum() if axis is None else a[0].sum(dim=axis)
        else:
            v = TORCH_OPS[op](*a)
        env[ins.out] = v
    outs = [env[n] for n in program.outputs]
    gs = [torch.tensor(np.asarray(s), dtype=torch.float32) for s in seeds]
    grads = torch.autograd.grad(outs, leaves, grad_outputs=gs, allow_unused=True)
    grads = [torch.zeros_like(x) if d is None else d for x, d in zip(leaves, grads)]
    return tuple(t.detach().double().numpy() for t in outs + grads)
''',
    },
]
