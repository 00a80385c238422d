"""Wrong answers learners really write for day 8 (reverse mode by hand); each must lose points."""

MUTANTS = [
    {
        "name": "recomputes x*y instead of reusing the node",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_shared"],
        "source": '''G_GRAPH = [
    ("x", "input", ()),
    ("y", "input", ()),
    ("p", "mul", ("x", "y")),
    ("s", "sin", ("p",)),
    ("q", "mul", ("x", "y")),
    ("d", "sub", ("q", "y")),
    ("n", "mul", ("s", "d")),
    ("e", "exp", ("y",)),
    ("g", "div", ("n", "e")),
]''',
    },
    {
        "name": "subtraction with its arguments swapped (y - xy)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''G_GRAPH = [
    ("x", "input", ()),
    ("y", "input", ()),
    ("p", "mul", ("x", "y")),
    ("s", "sin", ("p",)),
    ("d", "sub", ("y", "p")),
    ("n", "mul", ("s", "d")),
    ("e", "exp", ("y",)),
    ("g", "div", ("n", "e")),
]''',
    },
    {
        "name": "stores the values in the inputs dict (aliasing)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def forward_sweep(graph, inputs):
    values = inputs
    for name, op, args in graph:
        if op == "input":
            values[name] = float(inputs[name])
        else:
            values[name] = FORWARD[op](*(values[arg] for arg in args))
    return values''',
    },
    {
        "name": "keeps integer inputs as ints",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def forward_sweep(graph, inputs):
    values = {}
    for name, op, args in graph:
        if op == "input":
            values[name] = inputs[name]
        else:
            values[name] = FORWARD[op](*(values[arg] for arg in args))
    return values''',
    },
    {
        "name": "overwrites adjoints (=) instead of accumulating (+=)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_reuse"],
        "source": '''def backward_sweep(graph, values, output):
    adjoints = {name: 0.0 for name, _, _ in graph}
    adjoints[output] = 1.0
    for name, op, args in reversed(graph):
        if op == "input":
            continue
        partials = LOCAL[op](*(values[arg] for arg in args))
        for arg, partial in zip(args, partials):
            adjoints[arg] = adjoints[name] * partial
    return adjoints''',
    },
    {
        "name": "sweeps in forward topological order",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_tree", "ex3_tests_reuse"],
        "source": '''def backward_sweep(graph, values, output):
    adjoints = {name: 0.0 for name, _, _ in graph}
    adjoints[output] = 1.0
    for name, op, args in graph:
        if op == "input":
            continue
        partials = LOCAL[op](*(values[arg] for arg in args))
        for arg, partial in zip(args, partials):
            adjoints[arg] += adjoints[name] * partial
    return adjoints''',
    },
    {
        "name": "deduplicates an op's inputs, so mul(x, x) counts x once",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_reuse"],
        "source": '''def backward_sweep(graph, values, output):
    adjoints = {name: 0.0 for name, _, _ in graph}
    adjoints[output] = 1.0
    for name, op, args in reversed(graph):
        if op == "input":
            continue
        partials = dict(zip(args, LOCAL[op](*(values[arg] for arg in args))))
        for arg, partial in partials.items():
            adjoints[arg] += adjoints[name] * partial
    return adjoints''',
    },
    {
        "name": "a seed overwrites what flowed back from later seeded nodes",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def vjp_sweep(graph, values, seeds):
    adjoints = {name: 0.0 for name, _, _ in graph}
    for name, op, args in reversed(graph):
        if name in seeds:
            adjoints[name] = float(seeds[name])
        if op == "input":
            continue
        partials = LOCAL[op](*(values[arg] for arg in args))
        for arg, partial in zip(args, partials):
            adjoints[arg] += adjoints[name] * partial
    return adjoints''',
    },
    {
        "name": "starts the sweep at the last node of the list instead of at the output",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_tree"],
        "source": '''def backward_sweep(graph, values, output):
    adjoints = {name: 0.0 for name, _, _ in graph}
    adjoints[graph[-1][0]] = 1.0
    for name, op, args in reversed(graph):
        if op == "input":
            continue
        partials = LOCAL[op](*(values[arg] for arg in args))
        for arg, partial in zip(args, partials):
            adjoints[arg] += adjoints[name] * partial
    return adjoints''',
    },
]
