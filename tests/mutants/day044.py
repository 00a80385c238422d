"""Plausible wrong answers for day 44 (constant folding and dead-code elimination, on the IR and in FX); each must lose the points listed."""

MUTANTS = [
    {
        "name": "folds by running a little program of the instruction, without asking whether it is pure (folds rand and emit)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fold_constants(program: Program) -> Program:
    known = {}
    body = []
    for ins in program.body:
        if ins.op == "const":
            known[ins.out] = ins
        elif all(a in known for a in ins.args):
            operands = tuple(known[a] for a in dict.fromkeys(ins.args))
            mini = Program((), operands + (ins,), (ins.out,))
            [value] = run(mini, [])
            ins = Instr(ins.out, "const", (), (("value", const_value(value)),))
            known[ins.out] = ins
        body.append(ins)
    return replace(program, body=tuple(body))
''',
    },
    {
        "name": "computes without the attributes (sum forgets its axis, pow its exponent)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fold_constants(program: Program) -> Program:
    known = {}
    body = []
    for ins in program.body:
        info = OPS[ins.op]
        if ins.op == "const":
            known[ins.out] = np.asarray(ins.attr("value"), dtype=np.float64)
        elif info.pure and all(a in known for a in ins.args):
            try:
                value = info.compute(*(known[a] for a in ins.args))
            except TypeError:
                body.append(ins)
                continue
            known[ins.out] = np.asarray(value, dtype=np.float64)
            ins = Instr(ins.out, "const", (), (("value", const_value(value)),))
        body.append(ins)
    return replace(program, body=tuple(body))
''',
    },
    {
        "name": "folds only instructions that read the program's own constants, not the ones just folded (chains stay half done)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fold_constants(program: Program) -> Program:
    known = {i.out: np.asarray(i.attr("value"), dtype=np.float64) for i in program.body if i.op == "const"}
    body = []
    for ins in program.body:
        info = OPS[ins.op]
        if ins.op != "const" and info.pure and all(a in known for a in ins.args):
            value = info.compute(*(known[a] for a in ins.args), **dict(ins.attrs))
            ins = Instr(ins.out, "const", (), (("value", const_value(value)),))
        body.append(ins)
    return replace(program, body=tuple(body))
''',
    },
    {
        "name": "also simplifies x * 0 to the constant 0 (treats an input as known, loses its shape)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fold_constants(program: Program) -> Program:
    known = {}
    body = []
    for ins in program.body:
        info = OPS[ins.op]
        if ins.op == "const":
            known[ins.out] = np.asarray(ins.attr("value"), dtype=np.float64)
        elif info.pure and all(a in known for a in ins.args):
            value = info.compute(*(known[a] for a in ins.args), **dict(ins.attrs))
            known[ins.out] = np.asarray(value, dtype=np.float64)
            ins = Instr(ins.out, "const", (), (("value", const_value(value)),))
        elif ins.op == "mul" and any(a in known and known[a].ndim == 0 and float(known[a]) == 0.0 for a in ins.args):
            known[ins.out] = np.asarray(0.0)
            ins = Instr(ins.out, "const", (), (("value", 0.0),))
        body.append(ins)
    return replace(program, body=tuple(body))
''',
    },
    {
        "name": "keeps only what the outputs need: drops an unused rand and emit",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def eliminate_dead_code(program: Program) -> Program:
    live = set(program.outputs)
    kept = []
    for ins in reversed(program.body):
        if ins.out in live:
            kept.append(ins)
            live.update(ins.args)
    return replace(program, body=tuple(reversed(kept)))
''',
    },
    {
        "name": "keeps impure instructions but not what they read",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def eliminate_dead_code(program: Program) -> Program:
    live = set(program.outputs)
    kept = []
    for ins in reversed(program.body):
        if ins.out in live:
            kept.append(ins)
            live.update(ins.args)
        elif not OPS[ins.op].pure:
            kept.append(ins)
    return replace(program, body=tuple(reversed(kept)))
''',
    },
    {
        "name": "one forward sweep that removes what nobody reads (the rest of a dead chain stays)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def eliminate_dead_code(program: Program) -> Program:
    users = program.users()
    body = [ins for ins in program.body
            if users[ins.out] or ins.out in program.outputs or not OPS[ins.op].pure]
    return replace(program, body=tuple(body))
''',
    },
    {
        "name": "counts only instructions as readers, forgetting that the outputs read too",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def eliminate_dead_code(program: Program) -> Program:
    live = set()
    kept = []
    for ins in reversed(program.body):
        if ins.out in live or not OPS[ins.op].pure:
            kept.append(ins)
            live.update(ins.args)
    return replace(program, body=tuple(reversed(kept)))
''',
    },
    {
        "name": "runs a single round",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def optimize(program: Program, passes, max_rounds: int = 10) -> tuple[Program, int]:
    new = program
    for p in passes:
        new = p(new)
    return new, int(new != program)
''',
    },
    {
        "name": "compares programs with is, so it never sees a fixed point",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def optimize(program: Program, passes, max_rounds: int = 10) -> tuple[Program, int]:
    for rounds in range(max_rounds):
        new = program
        for p in passes:
            new = p(new)
        if new is program:
            return program, rounds
        program = new
    return program, max_rounds
''',
    },
    {
        "name": "stops when the number of instructions stops changing",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def optimize(program: Program, passes, max_rounds: int = 10) -> tuple[Program, int]:
    for rounds in range(max_rounds):
        new = program
        for p in passes:
            new = p(new)
        if len(new.body) == len(program.body):
            return new, rounds
        program = new
    return program, max_rounds
''',
    },
    {
        "name": "folds rand_like too (ignores is_impure)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def fold_fx_constants(gm: fx.GraphModule) -> fx.GraphModule:
    g = copy.deepcopy(gm)
    values = {}
    count = 0
    for node in list(g.graph.nodes):
        if node.op == "get_attr":
            values[node] = getattr(g, node.target)
            continue
        if node.op not in ("call_function", "call_method"):
            continue
        inputs = node.all_input_nodes
        if not inputs or not all(n in values for n in inputs):
            continue
        args = fx.node.map_arg(node.args, lambda n: values[n])
        kwargs = fx.node.map_arg(node.kwargs, lambda n: values[n])
        if node.op == "call_function":
            value = node.target(*args, **kwargs)
        else:
            value = getattr(args[0], node.target)(*args[1:], **kwargs)
        name = f"_folded_{count}"
        count += 1
        g.register_buffer(name, value)
        with g.graph.inserting_before(node):
            new = g.graph.get_attr(name)
        values[new] = value
        node.replace_all_uses_with(new)
        g.graph.erase_node(node)
    g.graph.eliminate_dead_code()
    g.recompile()
    return g
''',
    },
    {
        "name": "edits the module it was given instead of a copy",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def fold_fx_constants(gm: fx.GraphModule) -> fx.GraphModule:
    g = gm
    values = {}
    count = 0
    for node in list(g.graph.nodes):
        if node.op == "get_attr":
            values[node] = getattr(g, node.target)
            continue
        if node.op not in ("call_function", "call_method"):
            continue
        inputs = node.all_input_nodes
        if not inputs or not all(n in values for n in inputs) or node.is_impure():
            continue
        args = fx.node.map_arg(node.args, lambda n: values[n])
        kwargs = fx.node.map_arg(node.kwargs, lambda n: values[n])
        if node.op == "call_function":
            value = node.target(*args, **kwargs)
        else:
            value = getattr(args[0], node.target)(*args[1:], **kwargs)
        name = f"_folded_{count}"
        count += 1
        g.register_buffer(name, value)
        with g.graph.inserting_before(node):
            new = g.graph.get_attr(name)
        values[new] = value
        node.replace_all_uses_with(new)
        g.graph.erase_node(node)
    g.graph.eliminate_dead_code()
    g.recompile()
    return g
''',
    },
    {
        "name": "folds only call_function nodes (w.tanh() and .sum() are call_method)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def fold_fx_constants(gm: fx.GraphModule) -> fx.GraphModule:
    g = copy.deepcopy(gm)
    values = {}
    count = 0
    for node in list(g.graph.nodes):
        if node.op == "get_attr":
            values[node] = getattr(g, node.target)
            continue
        if node.op != "call_function":
            continue
        inputs = node.all_input_nodes
        if not inputs or not all(n in values for n in inputs) or node.is_impure():
            continue
        args = fx.node.map_arg(node.args, lambda n: values[n])
        kwargs = fx.node.map_arg(node.kwargs, lambda n: values[n])
        value = node.target(*args, **kwargs)
        name = f"_folded_{count}"
        count += 1
        g.register_buffer(name, value)
        with g.graph.inserting_before(node):
            new = g.graph.get_attr(name)
        values[new] = value
        node.replace_all_uses_with(new)
        g.graph.erase_node(node)
    g.graph.eliminate_dead_code()
    g.recompile()
    return g
''',
    },
]
