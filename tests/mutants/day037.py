"""Plausible wrong answers for day 37 (torch.func: grad, vmap, jacrev, jacfwd, forward mode); each must lose the points listed."""

MUTANTS = [
    {
        "name": "computes v^T J (a VJP) instead of J v",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jvp_forward_ad(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    J = torch.autograd.functional.jacobian(f, x)
    return v @ J
''',
    },
    {
        "name": "reverse mode with vjp, taking v as the output weights",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jvp_forward_ad(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    _, vjp_fn = torch.func.vjp(f, x)
    return vjp_fn(v)[0]
''',
    },
    {
        "name": "unpacks the dual after the dual_level ended (tangent is None)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jvp_forward_ad(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    with fwAD.dual_level():
        out = f(fwAD.make_dual(x, v))
    return fwAD.unpack_dual(out).tangent
''',
    },
    {
        "name": "returns the jacrev result transposed (n, m)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian(f, x: torch.Tensor) -> tuple[torch.Tensor, str]:
    m, n = f(x).numel(), x.numel()
    if m > n:
        return jacfwd(f)(x).T, "jacfwd"
    return jacrev(f)(x).T, "jacrev"
''',
    },
    {
        "name": "picks jacrev for tall Jacobians and jacfwd for wide ones",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian(f, x: torch.Tensor) -> tuple[torch.Tensor, str]:
    m, n = f(x).numel(), x.numel()
    if m > n:
        return jacrev(f)(x), "jacrev"
    return jacfwd(f)(x), "jacfwd"
''',
    },
    {
        "name": "vmaps over the wrong dimension of X (rows instead of columns)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def apply_to_columns(f, X: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    return vmap(f, in_dims=(0, None), out_dims=1)(X, W)
''',
    },
    {
        "name": "batches W too (in_dims=1 for both arguments)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def apply_to_columns(f, X: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    return vmap(f, in_dims=1, out_dims=1)(X, W)
''',
    },
    {
        "name": "forgets out_dims, returning (B, m)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def apply_to_columns(f, X: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    return vmap(f, in_dims=(1, None))(X, W)
''',
    },
    {
        "name": "gradient of the batch-summed loss, copied to every example",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def per_sample_grads(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> dict[str, torch.Tensor]:
    params = {name: p.detach() for name, p in model.named_parameters()}

    def loss(params, x, y):
        logits = functional_call(model, params, (x,))
        return torch.nn.functional.cross_entropy(logits, y, reduction="sum")

    g = grad(loss)(params, x, y)
    B = x.shape[0]
    return {name: t.unsqueeze(0).expand(B, *t.shape).clone() for name, t in g.items()}
''',
    },
    {
        "name": "per-example gradients divided by the batch size (mean loss over the batch)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def per_sample_grads(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> dict[str, torch.Tensor]:
    params = {name: p.detach() for name, p in model.named_parameters()}
    B = x.shape[0]

    def loss_one(params, x_i, y_i):
        logits = functional_call(model, params, (x_i[None],))
        return torch.nn.functional.cross_entropy(logits, y_i[None]) / B

    return vmap(grad(loss_one), in_dims=(None, 0, 0))(params, x, y)
''',
    },
    {
        "name": "forgets in_dims=None for the parameters, so they are batched too",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def per_sample_grads(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> dict[str, torch.Tensor]:
    params = {name: p.detach() for name, p in model.named_parameters()}

    def loss_one(params, x_i, y_i):
        logits = functional_call(model, params, (x_i[None],))
        return torch.nn.functional.cross_entropy(logits, y_i[None])

    return vmap(grad(loss_one))(params, x, y)
''',
    },
]
