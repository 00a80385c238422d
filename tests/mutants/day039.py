"""Plausible wrong answers for day 39 (debugging gradients: NaN hunting, anomaly mode, per-layer gradient norms); each must lose the points listed."""

MUTANTS = [
    {
        "name": "checks only the final output, and blames the last module",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def first_nonfinite_module(model: nn.Module, x: torch.Tensor) -> str | None:
    with torch.no_grad():
        out = model(x)
    if bool(torch.isfinite(out).all()):
        return None
    return [name for name, m in model.named_modules() if len(list(m.children())) == 0][-1]
''',
    },
    {
        "name": "keeps the last non-finite module instead of the first",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def first_nonfinite_module(model: nn.Module, x: torch.Tensor) -> str | None:
    bad = []

    def watch(name):
        def hook(module, inputs, output):
            if not bool(torch.isfinite(output).all()):
                bad.append(name)
        return hook

    handles = [m.register_forward_hook(watch(name)) for name, m in model.named_modules()
               if len(list(m.children())) == 0]
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return bad[-1] if bad else None
''',
    },
    {
        "name": "never removes its hooks",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def first_nonfinite_module(model: nn.Module, x: torch.Tensor) -> str | None:
    bad = []

    def watch(name):
        def hook(module, inputs, output):
            if not bool(torch.isfinite(output).all()):
                bad.append(name)
        return hook

    for name, m in model.named_modules():
        if len(list(m.children())) == 0:
            m.register_forward_hook(watch(name))
    with torch.no_grad():
        model(x)
    return bad[0] if bad else None
''',
    },
    {
        "name": "walks the modules in definition order, feeding each the previous output",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def first_nonfinite_module(model: nn.Module, x: torch.Tensor) -> str | None:
    h = x
    with torch.no_grad():
        for name, m in model.named_modules():
            if len(list(m.children())) == 0:
                try:
                    h = m(h)
                except RuntimeError:
                    return None
                if not bool(torch.isfinite(h).all()):
                    return name
    return None
''',
    },
    {
        "name": "a single torch.where: the forward is right, the gradient at 0 is NaN",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def safe_sinc(x: torch.Tensor) -> torch.Tensor:
    return torch.where(x == 0, torch.ones_like(x), torch.sin(x) / x)
''',
    },
    {
        "name": "returns 1 wherever |x| < 1e-3, so small nonzero x get the wrong gradient",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def safe_sinc(x: torch.Tensor) -> torch.Tensor:
    small = x.abs() < 1e-3
    safe_x = torch.where(small, torch.ones_like(x), x)
    return torch.where(small, torch.ones_like(x), torch.sin(safe_x) / safe_x)
''',
    },
    {
        "name": "patches the NaN away in the output with nan_to_num (the gradient stays NaN)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def safe_sinc(x: torch.Tensor) -> torch.Tensor:
    return torch.nan_to_num(torch.sin(x) / x, nan=1.0)
''',
    },
    {
        "name": "forgets to turn anomaly mode on, so nothing is ever raised",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''import re


def anomaly_culprit(f, *inputs) -> str | None:
    leaves = [t.detach().clone().to(torch.float64).requires_grad_(True) for t in inputs]
    try:
        out = f(*leaves)
        out.backward(torch.ones_like(out))
    except RuntimeError as error:
        found = re.search(r"Function '(\\w+)' returned nan values", str(error))
        if found is None:
            raise
        return found.group(1)
    return None
''',
    },
    {
        "name": "returns the forward operation's name instead of the backward node's",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''import re


def anomaly_culprit(f, *inputs) -> str | None:
    leaves = [t.detach().clone().to(torch.float64).requires_grad_(True) for t in inputs]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with torch.autograd.detect_anomaly():
                out = f(*leaves)
                out.backward(torch.ones_like(out))
        except RuntimeError as error:
            found = re.search(r"Function '(\\w+)' returned nan values", str(error))
            if found is None:
                raise
            return found.group(1).replace("Backward0", "").lower()
    return None
''',
    },
    {
        "name": "checks the leaves' gradients for NaN instead of using anomaly mode",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def anomaly_culprit(f, *inputs) -> str | None:
    leaves = [t.detach().clone().to(torch.float64).requires_grad_(True) for t in inputs]
    out = f(*leaves)
    out.backward(torch.ones_like(out))
    for leaf in leaves:
        if leaf.grad is not None and bool(leaf.grad.isnan().any()):
            return type(out.grad_fn).__name__
    return None
''',
    },
    {
        "name": "returns the norms in the order backward visits them (last layer first)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    norms = []

    def forward_hook(module, inputs, output):
        output.register_hook(lambda grad: norms.append(grad.norm().item()))

    handles = [m.register_forward_hook(forward_hook) for m in model.modules() if isinstance(m, nn.Linear)]
    model(x).pow(2).mean().backward()
    for handle in handles:
        handle.remove()
    return norms
''',
    },
    {
        "name": "reports the weight gradients' norms instead of the layer outputs'",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    model.zero_grad()
    model(x).pow(2).mean().backward()
    return [m.weight.grad.norm().item() for m in model.modules() if isinstance(m, nn.Linear)]
''',
    },
    {
        "name": "leaves its forward hooks on the model",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_grad_norms(model: nn.Module, x: torch.Tensor) -> list[float]:
    order = []
    norms = {}

    def forward_hook(module, inputs, output):
        position = len(order)
        order.append(module)
        output.register_hook(lambda grad: norms.__setitem__(position, grad.norm().item()))

    for m in model.modules():
        if isinstance(m, nn.Linear):
            m.register_forward_hook(forward_hook)
    model(x).pow(2).mean().backward()
    return [float(norms[i]) for i in range(len(order))]
''',
    },
]
