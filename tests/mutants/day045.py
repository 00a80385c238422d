"""Plausible wrong answers for day 45 (CSE and exact algebraic simplification); each must lose the points listed."""

MUTANTS = [
    {
        "name": "value_key sorts the operands of every operation, so x - y is y - x",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def value_key(ins: Instr) -> tuple | None:
    if not OPS[ins.op].pure:
        return None
    return (ins.op, tuple(sorted(ins.args)), repr(ins.attrs))
''',
    },
    {
        "name": "value_key compares attributes with ==, so const 0.0 and const -0.0 get one key",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def value_key(ins: Instr) -> tuple | None:
    info = OPS[ins.op]
    if not info.pure:
        return None
    args = tuple(sorted(ins.args)) if info.commutative else tuple(ins.args)
    return (ins.op, args, ins.attrs)
''',
    },
    {
        "name": "value_key gives rand and emit a key too",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def value_key(ins: Instr) -> tuple | None:
    info = OPS[ins.op]
    args = tuple(sorted(ins.args)) if info.commutative else tuple(ins.args)
    return (ins.op, args, repr(ins.attrs))
''',
    },
    {
        "name": "CSE merges two calls of rand (forgets purity)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cse(program: Program) -> Program:
    seen, rename, body = {}, {}, []
    for ins in program.body:
        ins = Instr(ins.out, ins.op, tuple(rename.get(a, a) for a in ins.args), ins.attrs)
        info = OPS[ins.op]
        key = (ins.op, tuple(sorted(ins.args)) if info.commutative else ins.args, repr(ins.attrs))
        if key in seen:
            rename[ins.out] = seen[key]
            continue
        seen[key] = ins.out
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "CSE treats sub, div and matmul as commutative",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cse(program: Program) -> Program:
    seen, rename, body = {}, {}, []
    for ins in program.body:
        ins = Instr(ins.out, ins.op, tuple(rename.get(a, a) for a in ins.args), ins.attrs)
        key = (ins.op, tuple(sorted(ins.args)), repr(ins.attrs)) if OPS[ins.op].pure else None
        if key is not None and key in seen:
            rename[ins.out] = seen[key]
            continue
        if key is not None:
            seen[key] = ins.out
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "CSE ignores attributes (sum axis=0 merged with axis=1, pow 2 with 3)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cse(program: Program) -> Program:
    seen, rename, body = {}, {}, []
    for ins in program.body:
        ins = Instr(ins.out, ins.op, tuple(rename.get(a, a) for a in ins.args), ins.attrs)
        info = OPS[ins.op]
        key = (ins.op, tuple(sorted(ins.args)) if info.commutative else ins.args) if info.pure else None
        if key is not None and key in seen:
            rename[ins.out] = seen[key]
            continue
        if key is not None:
            seen[key] = ins.out
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "CSE makes the key from the operands before renaming them, so chains of copies survive",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cse(program: Program) -> Program:
    seen, rename, body = {}, {}, []
    for ins in program.body:
        key = value_key(ins)
        ins = Instr(ins.out, ins.op, tuple(rename.get(a, a) for a in ins.args), ins.attrs)
        if key is not None and key in seen:
            rename[ins.out] = seen[key]
            continue
        if key is not None:
            seen[key] = ins.out
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "the simplifier also rewrites x * 0 -> 0 (wrong for inf, nan and negative x)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def simplify(program: Program) -> Program:
    defs, rename, body = {}, {}, []

    def is_const(name, target):
        d = defs.get(name)
        if d is None or d.op != "const" or np.ndim(d.attr("value")) != 0:
            return False
        v = float(d.attr("value"))
        return v == target and bool(np.signbit(v)) == bool(np.signbit(target))

    for ins in program.body:
        args = tuple(rename.get(a, a) for a in ins.args)
        ins = Instr(ins.out, ins.op, args, ins.attrs)
        same = None
        if ins.op == "mul":
            same = args[0] if is_const(args[1], 1.0) else args[1] if is_const(args[0], 1.0) else None
            if is_const(args[1], 0.0):
                same = args[1]
            elif is_const(args[0], 0.0):
                same = args[0]
        elif ins.op == "div" and is_const(args[1], 1.0):
            same = args[0]
        elif ins.op == "add":
            same = args[0] if is_const(args[1], -0.0) else args[1] if is_const(args[0], -0.0) else None
        elif ins.op == "sub" and is_const(args[1], 0.0):
            same = args[0]
        elif ins.op in ("neg", "transpose") and args[0] in defs and defs[args[0]].op == ins.op:
            same = defs[args[0]].args[0]
        elif ins.op == "pow" and np.ndim(ins.attr("exponent")) == 0 and ins.attr("exponent") == 1:
            same = args[0]
        if same is not None:
            rename[ins.out] = same
            continue
        defs[ins.out] = ins
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "the simplifier tests zero with == only, so x + 0.0 -> x and x - (-0.0) -> x (wrong for x = -0.0)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def simplify(program: Program) -> Program:
    defs, rename, body = {}, {}, []

    def is_const(name, target):
        d = defs.get(name)
        return d is not None and d.op == "const" and np.ndim(d.attr("value")) == 0 and d.attr("value") == target

    for ins in program.body:
        args = tuple(rename.get(a, a) for a in ins.args)
        ins = Instr(ins.out, ins.op, args, ins.attrs)
        same = None
        if ins.op == "mul":
            same = args[0] if is_const(args[1], 1.0) else args[1] if is_const(args[0], 1.0) else None
        elif ins.op == "div" and is_const(args[1], 1.0):
            same = args[0]
        elif ins.op == "add":
            same = args[0] if is_const(args[1], 0.0) else args[1] if is_const(args[0], 0.0) else None
        elif ins.op == "sub" and is_const(args[1], 0.0):
            same = args[0]
        elif ins.op in ("neg", "transpose") and args[0] in defs and defs[args[0]].op == ins.op:
            same = defs[args[0]].args[0]
        elif ins.op == "pow" and ins.attr("exponent") == 1:
            same = args[0]
        if same is not None:
            rename[ins.out] = same
            continue
        defs[ins.out] = ins
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "the simplifier accepts constants of any shape, so x * ones((2, 1)) -> x changes the shape",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def simplify(program: Program) -> Program:
    defs, rename, body = {}, {}, []

    def is_const(name, target):
        d = defs.get(name)
        if d is None or d.op != "const":
            return False
        v = np.asarray(d.attr("value"), dtype=np.float64)
        return bool(np.all(v == target) and np.all(np.signbit(v) == np.signbit(target)))

    for ins in program.body:
        args = tuple(rename.get(a, a) for a in ins.args)
        ins = Instr(ins.out, ins.op, args, ins.attrs)
        same = None
        if ins.op == "mul":
            same = args[0] if is_const(args[1], 1.0) else args[1] if is_const(args[0], 1.0) else None
        elif ins.op == "div" and is_const(args[1], 1.0):
            same = args[0]
        elif ins.op == "add":
            same = args[0] if is_const(args[1], -0.0) else args[1] if is_const(args[0], -0.0) else None
        elif ins.op == "sub" and is_const(args[1], 0.0):
            same = args[0]
        elif ins.op in ("neg", "transpose") and args[0] in defs and defs[args[0]].op == ins.op:
            same = defs[args[0]].args[0]
        elif ins.op == "pow" and ins.attr("exponent") == 1:
            same = args[0]
        if same is not None:
            rename[ins.out] = same
            continue
        defs[ins.out] = ins
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "the simplifier only looks at the right operand, so 1 * x and -0.0 + x stay",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def simplify(program: Program) -> Program:
    defs, rename, body = {}, {}, []

    def is_const(name, target):
        d = defs.get(name)
        if d is None or d.op != "const" or np.ndim(d.attr("value")) != 0:
            return False
        v = float(d.attr("value"))
        return v == target and bool(np.signbit(v)) == bool(np.signbit(target))

    for ins in program.body:
        args = tuple(rename.get(a, a) for a in ins.args)
        ins = Instr(ins.out, ins.op, args, ins.attrs)
        same = None
        if ins.op in ("mul", "div") and is_const(args[1], 1.0):
            same = args[0]
        elif ins.op == "add" and is_const(args[1], -0.0):
            same = args[0]
        elif ins.op == "sub" and is_const(args[1], 0.0):
            same = args[0]
        elif ins.op in ("neg", "transpose") and args[0] in defs and defs[args[0]].op == ins.op:
            same = defs[args[0]].args[0]
        elif ins.op == "pow" and ins.attr("exponent") == 1:
            same = args[0]
        if same is not None:
            rename[ins.out] = same
            continue
        defs[ins.out] = ins
        body.append(ins)
    return Program(program.inputs, tuple(body), tuple(rename.get(o, o) for o in program.outputs), program.name)
''',
    },
    {
        "name": "optimize runs one round only",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def optimize(program: Program, passes, max_rounds: int = 10) -> Program:
    for p in passes:
        program = p(program)
    return program
''',
    },
    {
        "name": "optimize stops at the first pass that changes nothing, not after a whole unchanged round",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def optimize(program: Program, passes, max_rounds: int = 10) -> Program:
    for _ in range(max_rounds):
        for p in passes:
            new = p(program)
            if new == program:
                return program
            program = new
    raise RuntimeError("no fixed point")
''',
    },
    {
        "name": "optimize returns silently when max_rounds runs out",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def optimize(program: Program, passes, max_rounds: int = 10) -> Program:
    for _ in range(max_rounds):
        start = program
        for p in passes:
            program = p(program)
        if program == start:
            break
    return program
''',
    },
]
