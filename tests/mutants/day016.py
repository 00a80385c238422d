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
        "loses": ["ex2_tests_once"],
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
        "cell": "ex6_answer",
        "loses": ["ex6_tests"],
        "source": '''def per_example_jacobians(f, X):
    """Jacobians of a row-by-row map, one (m, n) block per example: shape (B, m, n)."""
    return torch.diagonal(jacobian(f, X), dim1=0, dim2=2)
''',
    },
    {
        "name": "takes example 0's block for every example",
        "cell": "ex6_answer",
        "loses": ["ex6_tests"],
        "source": '''def per_example_jacobians(f, X):
    """Jacobians of a row-by-row map, one (m, n) block per example: shape (B, m, n)."""
    J = jacobian(f, X)
    return torch.stack([J[b, :, 0, :] for b in range(X.shape[0])])
''',
    },
    {
        "name": "forgets the tanh derivative in the VJP (right only at x = 0)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def layer_vjp(A, x, u):
    """u^T J for f(x) = A tanh(x): pull u back through A, then through tanh."""
    return A.T @ u
''',
    },
    {
        "name": "ignores u: pulls back a vector of ones (right only for u = 1)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def layer_vjp(A, x, u):
    """u^T J for f(x) = A tanh(x): pull u back through A, then through tanh."""
    return (A.T @ torch.ones_like(u)) * (1 - torch.tanh(x) ** 2)
''',
    },
    {
        "name": "forgets the tanh derivative in the JVP (right only at x = 0)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_jvp(A, x, v):
    """J v for f(x) = A tanh(x): push v forward through tanh, then through A."""
    return A @ v
''',
    },
    {
        "name": "forward-mode columns stacked as rows (transposed Jacobian)",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def jacobian_by_jvps(f, x):
    """The (m, n) Jacobian of f at x: one forward-mode pass (a JVP) per input column."""
    return torch.stack([torch.func.jvp(f, (x,), (e,))[1] for e in torch.eye(x.shape[0])], dim=0)
''',
    },
    {
        "name": "seeds every pass with a tangent of ones (J @ 1 in every column)",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def jacobian_by_jvps(f, x):
    """The (m, n) Jacobian of f at x: one forward-mode pass (a JVP) per input column."""
    ones = torch.ones_like(x)
    return torch.stack([torch.func.jvp(f, (x,), (ones,))[1] for _ in range(x.shape[0])], dim=1)
''',
    },
    {
        "name": "reads the primal instead of the tangent of the dual output",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def jacobian_by_jvps(f, x):
    """The (m, n) Jacobian of f at x: one forward-mode pass (a JVP) per input column."""
    columns = []
    with fwAD.dual_level():
        for e in torch.eye(x.shape[0]):
            columns.append(fwAD.unpack_dual(f(fwAD.make_dual(x, e))).primal)
    return torch.stack(columns, dim=1)
''',
    },
    {
        "name": "uses torch.autograd.functional.jvp: right values, but two reverse passes each",
        "cell": "ex5_answer",
        "loses": ["ex5_tests_forward"],
        "source": '''def jacobian_by_jvps(f, x):
    """The Jacobian of f at x, of shape f(x).shape + x.shape: one forward-mode pass per entry of x."""
    tangents = [torch.autograd.functional.jvp(f, x, e.view_as(x))[1] for e in torch.eye(x.numel())]
    return torch.stack(tangents, dim=-1).reshape(*tangents[0].shape, *x.shape)
''',
    },
    {
        "name": "stacks the tangents along dim 1: right only when f(x) is 1-D",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def jacobian_by_jvps(f, x):
    """The Jacobian of f at x, of shape f(x).shape + x.shape: one forward-mode pass per entry of x."""
    tangents = [torch.func.jvp(f, (x,), (e.view_as(x),))[1] for e in torch.eye(x.numel())]
    return torch.stack(tangents, dim=1).reshape(*tangents[0].shape, *x.shape)
''',
    },
    {
        "name": "stacks the tangents along dim 0, then reshapes: the entries are scrambled",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def jacobian_by_jvps(f, x):
    """The Jacobian of f at x, of shape f(x).shape + x.shape: one forward-mode pass per entry of x."""
    tangents = [torch.func.jvp(f, (x,), (e.view_as(x),))[1] for e in torch.eye(x.numel())]
    return torch.stack(tangents, dim=0).reshape(*tangents[0].shape, *x.shape)
''',
    },
    {
        "name": "builds the Jacobian by reverse mode (jacobian) instead of forward mode",
        "cell": "ex5_answer",
        "loses": ["ex5_tests_forward"],
        "source": '''def jacobian_by_jvps(f, x):
    """The (m, n) Jacobian of f at x: one forward-mode pass (a JVP) per input column."""
    return jacobian(f, x)
''',
    },
    {
        "name": "calls jacfwd: forward mode, but all columns in one batched call",
        "cell": "ex5_answer",
        "loses": ["ex5_tests_forward"],
        "source": '''def jacobian_by_jvps(f, x):
    """The (m, n) Jacobian of f at x: one forward-mode pass (a JVP) per input column."""
    return jacfwd(f)(x)
''',
    },
]
