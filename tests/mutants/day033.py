"""Plausible wrong answers for day 33 (in-place operations, saved tensors, version counters); each must lose the points listed."""

MUTANTS = [
    {
        "name": "counts saved tensors by id, so x * x reports one slot instead of two",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def saved_tensor_report(f, *inputs) -> list[tuple[int, ...]]:
    seen = {}

    def pack(t):
        seen.setdefault(id(t), tuple(t.shape))
        return t

    def unpack(t):
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
        f(*inputs)
    return list(seen.values())
''',
    },
    {
        "name": "returns torch.Size objects instead of tuples",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def saved_tensor_report(f, *inputs) -> list[tuple[int, ...]]:
    shapes = []

    def pack(t):
        shapes.append(t.shape)
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        f(*inputs)
    return shapes
''',
    },
    {
        "name": "reads only the output's own grad_fn instead of every saved tensor",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def saved_tensor_report(f, *inputs) -> list[tuple[int, ...]]:
    out = f(*inputs)
    fn = out.grad_fn
    shapes = []
    for name in sorted(dir(fn)):
        if name.startswith("_saved_"):
            value = getattr(fn, name)
            if isinstance(value, torch.Tensor):
                shapes.append(tuple(value.shape))
    return shapes
''',
    },
    {
        "name": "never runs backward, so a changed saved tensor goes unnoticed",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def backward_outcome(f, *inputs) -> str:
    leaves = [t.detach().clone().to(torch.float64).requires_grad_(True) for t in inputs]
    try:
        f(*leaves)
    except RuntimeError as error:
        if "leaf Variable" in str(error):
            return "leaf"
        raise
    return "ok"
''',
    },
    {
        "name": "calls any RuntimeError in the forward 'leaf' and any in backward 'modified'",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def backward_outcome(f, *inputs) -> str:
    leaves = [t.requires_grad_(True) for t in inputs]
    try:
        out = f(*leaves)
    except RuntimeError:
        return "leaf"
    try:
        out.backward(torch.ones_like(out))
    except RuntimeError:
        return "modified"
    return "ok"
''',
    },
    {
        "name": "dodges the version check with .data: no error, wrong gradient",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def safe_softplus(x: torch.Tensor) -> torch.Tensor:
    y = x.exp()
    y.data.add_(1)
    return y.log()
''',
    },
    {
        "name": "clones in the wrong place (before exp_, which then saves the tensor changed next)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def safe_softplus(x: torch.Tensor) -> torch.Tensor:
    y = x.clone().exp_()
    y.add_(1)
    return y.log()
''',
    },
    {
        "name": "detaches before the in-place add, cutting the graph",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def safe_softplus(x: torch.Tensor) -> torch.Tensor:
    y = x.exp().detach()
    y.add_(1)
    return y.log()
''',
    },
    {
        "name": "pack keeps float64 (nothing saved), counting the original bytes",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def grads_with_half_saved(f, inputs, upstream):
    leaves = [t.detach().clone().to(torch.float64).requires_grad_(True) for t in inputs]
    stored = 0

    def pack(t):
        nonlocal stored
        stored += t.numel() * t.element_size()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = f(*leaves)
    out.backward(upstream)
    return [leaf.grad for leaf in leaves], stored
''',
    },
    {
        "name": "converts the integer indices to float16 too",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def grads_with_half_saved(f, inputs, upstream):
    leaves = [t.detach().clone().to(torch.float64).requires_grad_(True) for t in inputs]
    stored = 0

    def pack(t):
        nonlocal stored
        kept = t.to(torch.float16)
        stored += kept.numel() * kept.element_size()
        return t.dtype, kept

    def unpack(packed):
        dtype, kept = packed
        return kept.to(dtype)

    with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
        out = f(*leaves)
    out.backward(upstream)
    return [leaf.grad for leaf in leaves], stored
''',
    },
    {
        "name": "unpack forgets to return the tensor",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def grads_with_half_saved(f, inputs, upstream):
    leaves = [t.detach().clone().to(torch.float64).requires_grad_(True) for t in inputs]
    stored = 0

    def pack(t):
        nonlocal stored
        kept = t.to(torch.float16) if t.is_floating_point() else t
        stored += kept.numel() * kept.element_size()
        return t.dtype, kept

    def unpack(packed):
        dtype, kept = packed
        kept.to(dtype)

    with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
        out = f(*leaves)
    out.backward(upstream)
    return [leaf.grad for leaf in leaves], stored
''',
    },
]
