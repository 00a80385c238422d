"""Plausible wrong answers for day 48 (torch.compile: backends, graph breaks, guards); each must lose the points listed."""

_EX4 = '''def compile_totals(fn, calls, dynamic=None):
{reset}    count = 0

    def counting_backend(gm, example_inputs):
        nonlocal count
        count += 1
        return gm.forward

    compiled = torch.compile(fn, backend=counting_backend, dynamic=dynamic)
    totals = []
    for args in calls:
{body}
    return totals
'''

MUTANTS = [
    {
        "name": "records only call_function nodes, missing method calls such as x.cos()",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def record_graphs(fn, *args):
    torch._dynamo.reset()
    graphs = []

    def recording_backend(gm, example_inputs):
        graphs.append([node.target.__name__ for node in gm.graph.nodes if node.op == "call_function"])
        return gm.forward

    torch.compile(fn, backend=recording_backend)(*args)
    return graphs
''',
    },
    {
        "name": "names the operations by node.name (add_1, mul_2) instead of their targets",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def record_graphs(fn, *args):
    torch._dynamo.reset()
    graphs = []

    def recording_backend(gm, example_inputs):
        graphs.append([node.name for node in gm.graph.nodes if node.op in ("call_function", "call_method")])
        return gm.forward

    torch.compile(fn, backend=recording_backend)(*args)
    return graphs
''',
    },
    {
        "name": "keeps only the first graph, as if a function were always captured whole",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def record_graphs(fn, *args):
    torch._dynamo.reset()
    graphs = []

    def recording_backend(gm, example_inputs):
        if not graphs:
            graphs.append([node.target.__name__ if node.op == "call_function" else node.target
                           for node in gm.graph.nodes if node.op in ("call_function", "call_method")])
        return gm.forward

    torch.compile(fn, backend=recording_backend)(*args)
    return graphs
''',
    },
    {
        "name": "gives absolute line numbers, not counted from the def line",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def break_summary(fn, *args):
    report = torch._dynamo.explain(fn)(*args)
    return {"graphs": int(report.graph_count),
            "reasons": [r.reason.splitlines()[0] for r in report.break_reasons],
            "lines": [r.user_stack[-1].lineno for r in report.break_reasons]}
''',
    },
    {
        "name": "works the graph count out as one more than the number of break reasons",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def break_summary(fn, *args):
    report = torch._dynamo.explain(fn)(*args)
    first = fn.__code__.co_firstlineno
    return {"graphs": len(report.break_reasons) + 1,
            "reasons": [r.reason.splitlines()[0] for r in report.break_reasons],
            "lines": [r.user_stack[-1].lineno - first for r in report.break_reasons]}
''',
    },
    {
        "name": "still calls .item() and branches on the number: the values are right but the graph breaks",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def scale_if_big_fixed(x):
    n = x.norm().item()
    return x / n if n > 1.0 else x
''',
    },
    {
        "name": "keeps an if on the tensor norm (a data-dependent branch)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def scale_if_big_fixed(x):
    n = x.norm()
    if n > 1.0:
        return x / n
    return x
''',
    },
    {
        "name": "clamps the norm from above instead of below (divides small inputs up to norm 1)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def scale_if_big_fixed(x):
    return x / torch.clamp(x.norm(), max=1.0)
''',
    },
    {
        "name": "forgets torch._dynamo.reset(), so a second run starts from sizes already made dynamic",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _EX4.format(reset="", body='''        compiled(*args)
        totals.append(count)'''),
    },
    {
        "name": "counts one compile per call that compiled, not one per captured graph",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _EX4.format(reset="    torch._dynamo.reset()\n", body='''        before = count
        compiled(*args)
        totals.append((totals[-1] if totals else 0) + (count > before))'''),
    },
]
