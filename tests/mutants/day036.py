"""Plausible wrong answers for day 36 (higher-order derivatives, HVPs, Newton); each must lose the points listed."""

MUTANTS = [
    {
        "name": "forgets create_graph, catches the error and returns zeros",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def second_derivative(f, x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().to(torch.float64).requires_grad_(True)
    (d1,) = torch.autograd.grad(f(x).sum(), x)
    try:
        (d2,) = torch.autograd.grad(d1.sum(), x)
    except RuntimeError:
        d2 = torch.zeros_like(x)
    return d2.detach()
''',
    },
    {
        "name": "returns the first derivative",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def second_derivative(f, x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().to(torch.float64).requires_grad_(True)
    (d1,) = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    return d1.detach()
''',
    },
    {
        "name": "detaches the first gradient, then requires_grad_ and allow_unused give None, returned as zeros",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def hvp(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().to(torch.float64).requires_grad_(True)
    v = v.detach().to(torch.float64)
    (g,) = torch.autograd.grad(f(x), x)
    g.requires_grad_(True)
    (hv,) = torch.autograd.grad((g * v).sum(), x, allow_unused=True)
    if hv is None:
        hv = torch.zeros_like(x)
    return hv.detach()
''',
    },
    {
        "name": "multiplies the Hessian's row sums by v instead of differentiating g . v",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def hvp(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().to(torch.float64).requires_grad_(True)
    v = v.detach().to(torch.float64)
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    (h1,) = torch.autograd.grad(g.sum(), x)
    return (h1 * v).detach()
''',
    },
    {
        "name": "reuses the first gradient's graph across columns without retain_graph",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def hessian(f, x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().to(torch.float64).requires_grad_(True)
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    eye = torch.eye(x.numel(), dtype=torch.float64)
    cols = [torch.autograd.grad(g, x, grad_outputs=eye[k])[0] for k in range(x.numel())]
    return torch.stack(cols, dim=1).detach()
''',
    },
    {
        "name": "keeps only the diagonal (each second derivative d2f/dxk2)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def hessian(f, x: torch.Tensor) -> torch.Tensor:
    x = x.detach().clone().to(torch.float64).requires_grad_(True)
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    diag = [torch.autograd.grad(g[k], x, retain_graph=True)[0][k] for k in range(x.numel())]
    return torch.diag(torch.stack(diag)).detach()
''',
    },
    {
        "name": "steps along +H^-1 g (wrong sign)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def newton(f, x0: torch.Tensor, steps: int) -> torch.Tensor:
    path = [x0.detach().clone().to(torch.float64)]
    for _ in range(steps):
        x = path[-1].clone().requires_grad_(True)
        (g,) = torch.autograd.grad(f(x), x)
        H = torch.autograd.functional.hessian(f, path[-1])
        path.append((path[-1] + torch.linalg.solve(H, g)).detach())
    return torch.stack(path)
''',
    },
    {
        "name": "multiplies by H instead of solving with it (x - H g)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def newton(f, x0: torch.Tensor, steps: int) -> torch.Tensor:
    path = [x0.detach().clone().to(torch.float64)]
    for _ in range(steps):
        x = path[-1].clone().requires_grad_(True)
        (g,) = torch.autograd.grad(f(x), x)
        H = torch.autograd.functional.hessian(f, path[-1])
        path.append((path[-1] - H @ g).detach())
    return torch.stack(path)
''',
    },
    {
        "name": "leaves the starting point out of the path",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def newton(f, x0: torch.Tensor, steps: int) -> torch.Tensor:
    x = x0.detach().clone().to(torch.float64)
    path = []
    for _ in range(steps):
        xl = x.clone().requires_grad_(True)
        (g,) = torch.autograd.grad(f(xl), xl)
        H = torch.autograd.functional.hessian(f, x)
        x = x + torch.linalg.solve(H, -g)
        path.append(x)
    return torch.stack(path)
''',
    },
]
