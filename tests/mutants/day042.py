"""Plausible wrong answers for day 42 (SSA form, printer, interpreter, checker, tape to program); each must lose the points listed."""

MUTANTS = [
    {
        "name": "points every use at the oldest version of a name instead of the newest",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def to_ssa(inputs: list[str], statements: list[tuple], outputs: list[str], name: str = "f") -> Program:
    current = {n: n for n in inputs}
    count = {}
    body = []
    for statement in statements:
        target, op, args = statement[0], statement[1], tuple(statement[2])
        attrs = statement[3] if len(statement) > 3 else {}
        for a in args:
            if a not in current:
                raise NameError(a)
        count[target] = count.get(target, 0) + 1
        new = f"{target}{count[target]}"
        current.setdefault(target, new)
        body.append(Instr(new, op, tuple(current[a] for a in args), tuple(sorted(attrs.items()))))
    for o in outputs:
        if o not in current:
            raise NameError(o)
    return Program(tuple(inputs), tuple(body), tuple(current[o] for o in outputs), name)
''',
    },
    {
        "name": "updates the name before renaming the operands, so x = x + y reads itself",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def to_ssa(inputs: list[str], statements: list[tuple], outputs: list[str], name: str = "f") -> Program:
    current = {n: n for n in inputs}
    count = {}
    body = []
    for statement in statements:
        target, op, args = statement[0], statement[1], tuple(statement[2])
        attrs = statement[3] if len(statement) > 3 else {}
        count[target] = count.get(target, 0) + 1
        new = f"{target}{count[target]}"
        current[target] = new
        for a in args:
            if a not in current:
                raise NameError(a)
        body.append(Instr(new, op, tuple(current[a] for a in args), tuple(sorted(attrs.items()))))
    for o in outputs:
        if o not in current:
            raise NameError(o)
    return Program(tuple(inputs), tuple(body), tuple(current[o] for o in outputs), name)
''',
    },
    {
        "name": "the printer drops the attributes",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def format_program(program: Program) -> str:
    lines = [f"def {program.name}({', '.join(program.inputs)}):"]
    for ins in program.body:
        lines.append(f"    {ins.out} = {ins.op}({', '.join(ins.args)})")
    lines.append(f"    return {', '.join(program.outputs)}")
    return "\\n".join(lines)
''',
    },
    {
        "name": "the printer writes attribute values with str and several outputs as a tuple",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def format_program(program: Program) -> str:
    lines = [f"def {program.name}({', '.join(program.inputs)}):"]
    for ins in program.body:
        parts = list(ins.args) + [f"{k}={v}" for k, v in ins.attrs]
        lines.append(f"    {ins.out} = {ins.op}({', '.join(parts)})")
    lines.append("    return " + (program.outputs[0] if len(program.outputs) == 1 else str(program.outputs)))
    return "\\n".join(lines)
''',
    },
    {
        "name": "the interpreter ignores attributes (except a const's value)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''from collections.abc import Mapping


def run_program(program: Program, inputs) -> tuple[np.ndarray, ...]:
    if not isinstance(inputs, Mapping):
        values = list(inputs)
        if len(values) != len(program.inputs):
            raise TypeError("wrong number of inputs")
        inputs = dict(zip(program.inputs, values))
    for n in program.inputs:
        if n not in inputs:
            raise TypeError(f"missing {n}")
    env = {n: np.asarray(inputs[n], dtype=np.float64) for n in program.inputs}
    for ins in program.body:
        attrs = dict(ins.attrs) if ins.op == "const" else {}
        if ins.op == "pow":
            attrs = {"exponent": 2.0}
        env[ins.out] = np.asarray(OPS[ins.op].compute(*(env[a] for a in ins.args), **attrs), dtype=np.float64)
    return tuple(env[n] for n in program.outputs)
''',
    },
    {
        "name": "the interpreter takes a dict's values in the dict's own order",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''from collections.abc import Mapping


def run_program(program: Program, inputs) -> tuple[np.ndarray, ...]:
    values = list(inputs.values()) if isinstance(inputs, Mapping) else list(inputs)
    if len(values) < len(program.inputs):
        raise TypeError("too few inputs")
    if not isinstance(inputs, Mapping) and len(values) != len(program.inputs):
        raise TypeError("wrong number of inputs")
    env = {n: np.asarray(v, dtype=np.float64) for n, v in zip(program.inputs, values)}
    for ins in program.body:
        env[ins.out] = np.asarray(OPS[ins.op].compute(*(env[a] for a in ins.args), **dict(ins.attrs)), dtype=np.float64)
    return tuple(env[n] for n in program.outputs)
''',
    },
    {
        "name": "the checker compares outs only with earlier outs, so redefining an input passes",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def first_violation(program: Program) -> tuple[str, str] | None:
    if len(set(program.inputs)) != len(program.inputs):
        for k, n in enumerate(program.inputs):
            if n in program.inputs[:k]:
                return ("input listed twice", n)
    defined = set(program.inputs)
    outs = set()
    for ins in program.body:
        if ins.op not in OPS:
            return ("unknown op", ins.out)
        if len(ins.args) != OPS[ins.op].arity:
            return ("wrong arity", ins.out)
        for a in ins.args:
            if a not in defined:
                return ("use before definition", a)
        if ins.out in outs:
            return ("defined twice", ins.out)
        outs.add(ins.out)
        defined.add(ins.out)
    for name in program.outputs:
        if name not in defined:
            return ("output never defined", name)
    return None
''',
    },
    {
        "name": "the checker defines the out before checking the operands, so x1 = add(x1, y) passes",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def first_violation(program: Program) -> tuple[str, str] | None:
    defined = set()
    for name in program.inputs:
        if name in defined:
            return ("input listed twice", name)
        defined.add(name)
    for ins in program.body:
        if ins.op not in OPS:
            return ("unknown op", ins.out)
        if len(ins.args) != OPS[ins.op].arity:
            return ("wrong arity", ins.out)
        if ins.out in defined:
            return ("defined twice", ins.out)
        defined.add(ins.out)
        for a in ins.args:
            if a not in defined:
                return ("use before definition", a)
    for name in program.outputs:
        if name not in defined:
            return ("output never defined", name)
    return None
''',
    },
    {
        "name": "drops the attributes of the tape's records",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def tape_to_program(tape: list[tuple], inputs: list[tuple[str, int]], outputs: list[int]) -> Program:
    name_of = {i: n for n, i in inputs}
    body = []
    for out, op, args, attrs in tape:
        names = []
        for a in args:
            if type(a) is float:
                body.append(Instr(f"v{len(body)}", "const", (), (("value", a),)))
                names.append(body[-1].out)
            else:
                names.append(name_of[a])
        new = f"v{len(body)}"
        body.append(Instr(new, op, tuple(names)))
        name_of[out] = new
    return Program(tuple(n for n, _ in inputs), tuple(body), tuple(name_of[o] for o in outputs), "traced")
''',
    },
    {
        "name": "keeps the first definition of an id, so a reused id points at the old value",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def tape_to_program(tape: list[tuple], inputs: list[tuple[str, int]], outputs: list[int]) -> Program:
    name_of = {i: n for n, i in inputs}
    body = []
    for out, op, args, attrs in tape:
        names = []
        for a in args:
            if type(a) is float:
                body.append(Instr(f"v{len(body)}", "const", (), (("value", a),)))
                names.append(body[-1].out)
            else:
                names.append(name_of[a])
        new = f"v{len(body)}"
        body.append(Instr(new, op, tuple(names), tuple(sorted(attrs.items()))))
        name_of.setdefault(out, new)
    return Program(tuple(n for n, _ in inputs), tuple(body), tuple(name_of[o] for o in outputs), "traced")
''',
    },
]
