"""Plausible wrong answers for day 46 (fusion, kernel code generation, memory traffic); each must lose the points listed."""

MUTANTS = [
    {
        "name": "joins the group of its first user without asking about the others (fuses across a value used outside the group)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fusion_groups(program: Program) -> list[list[str]]:
    def fusible(ins):
        info = OPS[ins.op]
        return info.pure and info.elementwise
    users = program.users()
    outputs = set(program.outputs)
    group_of, groups = {}, []
    for ins in reversed(program.body):
        readers = users[ins.out]
        if fusible(ins) and ins.out not in outputs and readers and fusible(readers[0]):
            joined = group_of[readers[0].out]
        else:
            joined = len(groups)
            groups.append([])
        groups[joined].append(ins.out)
        group_of[ins.out] = joined
    return [list(reversed(g)) for g in reversed(groups)]
''',
    },
    {
        "name": "forgets the program's outputs (fuses away an output in the middle of a chain)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fusion_groups(program: Program) -> list[list[str]]:
    def fusible(ins):
        info = OPS[ins.op]
        return info.pure and info.elementwise
    users = program.users()
    group_of, groups = {}, []
    for ins in reversed(program.body):
        joined = None
        readers = users[ins.out]
        if fusible(ins) and readers and all(fusible(u) for u in readers):
            found = {group_of[u.out] for u in readers}
            if len(found) == 1:
                joined = found.pop()
        if joined is None:
            joined = len(groups)
            groups.append([])
        groups[joined].append(ins.out)
        group_of[ins.out] = joined
    return [list(reversed(g)) for g in reversed(groups)]
''',
    },
    {
        "name": "treats everything but matmul and sum as fusible (fuses through rand, emit and const)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fusion_groups(program: Program) -> list[list[str]]:
    def fusible(ins):
        return ins.op not in ("matmul", "sum")
    users = program.users()
    outputs = set(program.outputs)
    group_of, groups = {}, []
    for ins in reversed(program.body):
        joined = None
        readers = users[ins.out]
        if fusible(ins) and ins.out not in outputs and readers and all(fusible(u) for u in readers):
            found = {group_of[u.out] for u in readers}
            if len(found) == 1:
                joined = found.pop()
        if joined is None:
            joined = len(groups)
            groups.append([])
        groups[joined].append(ins.out)
        group_of[ins.out] = joined
    return [list(reversed(g)) for g in reversed(groups)]
''',
    },
    {
        "name": "puts the kernel where the group's first instruction was (before operands such as a rand are defined)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def fuse(program: Program) -> Program:
    defs = program.defining()
    replacement, absorbed = {}, set()
    for group in fusion_groups(program):
        if len(group) < 2:
            continue
        operands = []
        for name in group:
            for a in defs[name].args:
                if a not in group and a not in operands:
                    operands.append(a)
        last = group[-1]
        kernel = Program(tuple(operands), tuple(defs[n] for n in group), (last,), f"k{len(replacement)}")
        replacement[group[0]] = Instr(last, "fused", tuple(operands), (("body", kernel),))
        absorbed.update(group[1:])
    body = tuple(replacement.get(ins.out, ins) for ins in program.body if ins.out not in absorbed)
    return Program(program.inputs, body, program.outputs, program.name)
''',
    },
    {
        "name": "wraps every fusible instruction in a kernel, groups of one too",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def fuse(program: Program) -> Program:
    defs = program.defining()
    replacement, absorbed = {}, set()
    for group in fusion_groups(program):
        if not (OPS[defs[group[0]].op].pure and OPS[defs[group[0]].op].elementwise):
            continue
        operands = []
        for name in group:
            for a in defs[name].args:
                if a not in group and a not in operands:
                    operands.append(a)
        last = group[-1]
        kernel = Program(tuple(operands), tuple(defs[n] for n in group), (last,), f"k{len(replacement)}")
        replacement[last] = Instr(last, "fused", tuple(operands), (("body", kernel),))
        absorbed.update(group[:-1])
    body = tuple(replacement.get(ins.out, ins) for ins in program.body if ins.out not in absorbed)
    return Program(program.inputs, body, program.outputs, program.name)
''',
    },
    {
        "name": "sorts the kernel's operands by name instead of first-use order",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def fuse(program: Program) -> Program:
    defs = program.defining()
    replacement, absorbed = {}, set()
    for group in fusion_groups(program):
        if len(group) < 2:
            continue
        operands = sorted({a for name in group for a in defs[name].args if a not in group})
        last = group[-1]
        kernel = Program(tuple(operands), tuple(defs[n] for n in group), (last,), f"k{len(replacement)}")
        replacement[last] = Instr(last, "fused", tuple(operands), (("body", kernel),))
        absorbed.update(group[:-1])
    body = tuple(replacement.get(ins.out, ins) for ins in program.body if ins.out not in absorbed)
    return Program(program.inputs, body, program.outputs, program.name)
''',
    },
    {
        "name": "the generator writes sub and div with their operands swapped (b - a, b / a)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''NUMPY_CALLS = {
    "add": "np.add({0}, {1})", "sub": "np.subtract({1}, {0})", "mul": "np.multiply({0}, {1})",
    "div": "np.divide({1}, {0})", "neg": "np.negative({0})", "exp": "np.exp({0})", "log": "np.log({0})",
    "tanh": "np.tanh({0})", "relu": "np.maximum({0}, 0.0)", "step": "np.greater({0}, 0.0).astype(np.float64)",
}


def kernel_source(ins: Instr) -> str:
    body = ins.attr("body")
    lines = [f"def {body.name}({', '.join(body.inputs)}):"]
    for inner in body.body:
        if inner.op == "pow":
            call = f"np.power({inner.args[0]}, {inner.attr('exponent')!r})"
        else:
            call = NUMPY_CALLS[inner.op].format(*inner.args)
        lines.append(f"    {inner.out} = {call}")
    lines.append(f"    return {body.outputs[0]}")
    return "\\n".join(lines) + "\\n"


def compile_kernel(ins: Instr):
    namespace = {"np": np}
    exec(kernel_source(ins), namespace)
    return namespace[ins.attr("body").name]
''',
    },
    {
        "name": "the generated function takes its parameters in sorted order, not the kernel's input order",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''NUMPY_CALLS = {
    "add": "np.add({0}, {1})", "sub": "np.subtract({0}, {1})", "mul": "np.multiply({0}, {1})",
    "div": "np.divide({0}, {1})", "neg": "np.negative({0})", "exp": "np.exp({0})", "log": "np.log({0})",
    "tanh": "np.tanh({0})", "relu": "np.maximum({0}, 0.0)", "step": "np.greater({0}, 0.0).astype(np.float64)",
}


def kernel_source(ins: Instr) -> str:
    body = ins.attr("body")
    lines = [f"def {body.name}({', '.join(sorted(body.inputs))}):"]
    for inner in body.body:
        if inner.op == "pow":
            call = f"np.power({inner.args[0]}, {inner.attr('exponent')!r})"
        else:
            call = NUMPY_CALLS[inner.op].format(*inner.args)
        lines.append(f"    {inner.out} = {call}")
    lines.append(f"    return {body.outputs[0]}")
    return "\\n".join(lines) + "\\n"


def compile_kernel(ins: Instr):
    namespace = {"np": np}
    exec(kernel_source(ins), namespace)
    return namespace[ins.attr("body").name]
''',
    },
    {
        "name": "step written as np.heaviside(a, 1.0), which is 1 at zero instead of 0",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''NUMPY_CALLS = {
    "add": "np.add({0}, {1})", "sub": "np.subtract({0}, {1})", "mul": "np.multiply({0}, {1})",
    "div": "np.divide({0}, {1})", "neg": "np.negative({0})", "exp": "np.exp({0})", "log": "np.log({0})",
    "tanh": "np.tanh({0})", "relu": "np.maximum({0}, 0.0)", "step": "np.heaviside({0}, 1.0)",
}


def kernel_source(ins: Instr) -> str:
    body = ins.attr("body")
    lines = [f"def {body.name}({', '.join(body.inputs)}):"]
    for inner in body.body:
        if inner.op == "pow":
            call = f"np.power({inner.args[0]}, {inner.attr('exponent')!r})"
        else:
            call = NUMPY_CALLS[inner.op].format(*inner.args)
        lines.append(f"    {inner.out} = {call}")
    lines.append(f"    return {body.outputs[0]}")
    return "\\n".join(lines) + "\\n"


def compile_kernel(ins: Instr):
    namespace = {"np": np}
    exec(kernel_source(ins), namespace)
    return namespace[ins.attr("body").name]
''',
    },
    {
        "name": "counts the intermediates of a fused kernel as if they went through memory",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def memory_traffic(program: Program, shapes: dict) -> int:
    sizes = value_shapes(program, shapes)
    total = 0
    for ins in program.body:
        if ins.op == "fused":
            total += memory_traffic(ins.attr("body"), {n: sizes[a] for n, a in zip(ins.attr("body").inputs, ins.args)})
            continue
        total += sum(8 * math.prod(sizes[a]) for a in dict.fromkeys(ins.args))
        total += 8 * math.prod(sizes[ins.out])
    return total
''',
    },
    {
        "name": "reads a repeated operand twice (mul(x, x) reads x twice)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def memory_traffic(program: Program, shapes: dict) -> int:
    sizes = value_shapes(program, shapes)
    total = 0
    for ins in program.body:
        total += sum(8 * math.prod(sizes[a]) for a in ins.args)
        total += 8 * math.prod(sizes[ins.out])
    return total
''',
    },
    {
        "name": "a read costs the broadcast (result) size, and np.prod makes a NumPy integer",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def memory_traffic(program: Program, shapes: dict) -> int:
    sizes = value_shapes(program, shapes)
    total = 0
    for ins in program.body:
        out = np.prod(sizes[ins.out])
        total += 8 * out * len(set(ins.args)) + 8 * out
    return total
''',
    },
]
