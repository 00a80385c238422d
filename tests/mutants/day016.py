"""Plausible wrong answers for day 16 (Jacobians, VJPs and JVPs); each must lose its points."""

MUTANTS = [
    {
        "name": "stacks the finite-difference columns as rows (transposed Jacobian)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jacobian_fd(f, x, h=1e-6):
    """The (m, n) Jacobian of f at x by central differences, column by column."""
    cols = []
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = h
        cols.append((f(x + e) - f(x - e)) / (2 * h))
    return np.array(cols)
''',
    },
    {
        "name": "uses a one-sided (forward) difference",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jacobian_fd(f, x, h=1e-6):
    """The (m, n) Jacobian of f at x by central differences, column by column."""
    fx = f(x)
    J = np.zeros((len(fx), len(x)))
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = h
        J[:, j] = (f(x + e) - fx) / h
    return J
''',
    },
    {
        "name": "perturbs x in place and leaves it changed",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jacobian_fd(f, x, h=1e-6):
    """The (m, n) Jacobian of f at x by central differences, column by column."""
    m = len(f(x))
    J = np.zeros((m, len(x)))
    for j in range(len(x)):
        x[j] += h
        up = f(x)
        x[j] -= 2 * h
        down = f(x)
        J[:, j] = (up - down) / (2 * h)
    return J
''',
    },
    {
        "name": "calls vjp once per row, running f m times",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian_by_vjps(f, x):
    """The (m, n) Jacobian of f at x: one forward pass, then one VJP per output row."""
    m = f(x).shape[0]
    return torch.stack([vjp(f, x, e)[1] for e in torch.eye(m)], dim=0)
''',
    },
    {
        "name": "stacks the rows along dim 1 (transposed)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian_by_vjps(f, x):
    """The (m, n) Jacobian of f at x: one forward pass, then one VJP per output row."""
    xg = x.detach().clone().requires_grad_(True)
    y = f(xg)
    rows = [torch.autograd.grad(y, xg, grad_outputs=e, retain_graph=True)[0] for e in torch.eye(y.shape[0])]
    return torch.stack(rows, dim=1)
''',
    },
    {
        "name": "sums the outputs (upstream of ones) instead of one-hot rows",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian_by_vjps(f, x):
    """The (m, n) Jacobian of f at x: one forward pass, then one VJP per output row."""
    xg = x.detach().clone().requires_grad_(True)
    y = f(xg)
    rows = [torch.autograd.grad(y, xg, grad_outputs=torch.ones_like(y), retain_graph=True)[0]
            for _ in range(y.shape[0])]
    return torch.stack(rows)
''',
    },
    {
        "name": "multiplies by A instead of A transpose (only works for square A)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def layer_vjp(A, x, u):
    """u^T J for f(x) = A tanh(x): pull u back through A, then through tanh."""
    return (u @ A.T) * (1 - torch.tanh(x) ** 2)
''',
    },
    {
        "name": "uses tanh instead of its derivative",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def layer_vjp(A, x, u):
    """u^T J for f(x) = A tanh(x): pull u back through A, then through tanh."""
    return (A.T @ u) * torch.tanh(x)
''',
    },
    {
        "name": "returns the VJP formula for a JVP",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_jvp(A, x, v):
    """J v for f(x) = A tanh(x): push v forward through tanh, then through A."""
    return (1 - torch.tanh(x) ** 2) * (A.T @ v)
''',
    },
    {
        "name": "applies the tanh derivative after A, at the wrong point",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_jvp(A, x, v):
    """J v for f(x) = A tanh(x): push v forward through tanh, then through A."""
    return (1 - torch.tanh(A @ x) ** 2) * (A @ v)
''',
    },
    {
        "name": "torch.diagonal without moving the example dimension first",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def per_example_jacobians(f, X):
    """Jacobians of a row-by-row map, one (m, n) block per example: shape (B, m, n)."""
    return torch.diagonal(jacobian(f, X), dim1=0, dim2=2)
''',
    },
    {
        "name": "takes example 0's block for every example",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def per_example_jacobians(f, X):
    """Jacobians of a row-by-row map, one (m, n) block per example: shape (B, m, n)."""
    J = jacobian(f, X)
    return torch.stack([J[b, :, 0, :] for b in range(X.shape[0])])
''',
    },
]
