"""Plausible wrong answers for day 49 (torch.export); each must lose the points listed."""

_EX4_EXPORT = '''


def export_gate(example):
    return export(CondGate(), (example,))
'''

MUTANTS = [
    {
        "name": "reads only input_specs, so outputs and buffer mutations are missing",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def signature_summary(ep):
    summary = {}
    for spec in ep.graph_signature.input_specs:
        name = spec.target if spec.target is not None else spec.arg.name
        summary.setdefault(spec.kind.name, []).append(name)
    return summary
''',
    },
    {
        "name": "takes the parameters from ep.state_dict, which holds the buffers too",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def signature_summary(ep):
    summary = {"PARAMETER": list(ep.state_dict)}
    for spec in list(ep.graph_signature.input_specs) + list(ep.graph_signature.output_specs):
        if spec.kind.name == "PARAMETER":
            continue
        name = spec.target if spec.target is not None else spec.arg.name
        summary.setdefault(spec.kind.name, []).append(name)
    return summary
''',
    },
    {
        "name": "uses the placeholder names (p_lin_weight) instead of the targets",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def signature_summary(ep):
    summary = {}
    for spec in list(ep.graph_signature.input_specs) + list(ep.graph_signature.output_specs):
        summary.setdefault(spec.kind.name, []).append(spec.arg.name)
    return summary
''',
    },
    {
        "name": "returns the distinct ops sorted, not the calls in graph order",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def aten_ops(ep):
    return sorted({str(n.target) for n in ep.graph.nodes
                   if n.op == "call_function" and str(n.target).startswith("aten.")})
''',
    },
    {
        "name": "keeps every call_function node, getitem included",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def aten_ops(ep):
    return [str(n.target) for n in ep.graph.nodes if n.op == "call_function"]
''',
    },
    {
        "name": "forgets dynamic_shapes: the export is specialised to the example's batch",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def export_dynamic_batch(model, example, max_batch):
    return export(model, (example,))
''',
    },
    {
        "name": "treats max as exclusive (max=max_batch - 1)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def export_dynamic_batch(model, example, max_batch):
    return export(model, (example,), dynamic_shapes=({0: Dim("batch", min=1, max=max_batch - 1)},))
''',
    },
    {
        "name": "names the argument x in a dict, which fails for nn.Linear (forward(input))",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def export_dynamic_batch(model, example, max_batch):
    return export(model, (example,), dynamic_shapes={"x": {0: Dim("batch", min=1, max=max_batch)}})
''',
    },
    {
        "name": "swaps the two branches of torch.cond",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''class CondGate(torch.nn.Module):
    def forward(self, x):
        return torch.cond(x.sum() > 0, lambda x: torch.exp(x) - 1, lambda x: torch.relu(x) * 2, (x,))
''' + _EX4_EXPORT,
    },
    {
        "name": "tests x.sum() >= 0, so a sum of exactly 0 takes the wrong branch",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''class CondGate(torch.nn.Module):
    def forward(self, x):
        return torch.cond(x.sum() >= 0, lambda x: torch.relu(x) * 2, lambda x: torch.exp(x) - 1, (x,))
''' + _EX4_EXPORT,
    },
    {
        "name": "keeps the Python if, which export refuses",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''class CondGate(torch.nn.Module):
    def forward(self, x):
        if x.sum() > 0:
            return torch.relu(x) * 2
        return torch.exp(x) - 1
''' + _EX4_EXPORT,
    },
]
