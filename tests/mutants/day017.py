"""Plausible wrong answers for day 17 (optimizers from scratch); each must lose its points."""

MUTANTS = [
    {
        "name": "sign error in the first term of d/dx",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def rosenbrock_grad(p, a=1.0, b=100.0):
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = [x, y], derived by hand."""
    x, y = p
    return np.array([2 * (a - x) - 4 * b * x * (y - x ** 2), 2 * b * (y - x ** 2)])
''',
    },
    {
        "name": "hard-codes a = 1 and b = 100",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def rosenbrock_grad(p, a=1.0, b=100.0):
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = [x, y], derived by hand."""
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x ** 2), 200 * (y - x ** 2)])
''',
    },
    {
        "name": "drops the factor 2 of the chain rule in the second term",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def rosenbrock_grad(p, a=1.0, b=100.0):
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = [x, y], derived by hand."""
    x, y = p
    return np.array([-2 * (a - x) - 2 * b * x * (y - x ** 2), b * (y - x ** 2)])
''',
    },
    {
        "name": "sign error in the term -4bx(y - x^2), which vanishes at (0, 1) and (1, 1)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def rosenbrock_grad(p, a=1.0, b=100.0):
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = [x, y], derived by hand."""
    x, y = float(p[0]), float(p[1])
    return np.array([-2.0 * (a - x) + 4.0 * b * x * (y - x * x), 2.0 * b * (y - x * x)])
''',
    },
    {
        "name": "forgets that the second term depends on x too (d/dx = -2(a - x) only)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def rosenbrock_grad(p, a=1.0, b=100.0):
    """Gradient of (a - x)^2 + b (y - x^2)^2 at p = [x, y], derived by hand."""
    x, y = float(p[0]), float(p[1])
    return np.array([-2.0 * (a - x), 2.0 * b * (y - x * x)])
''',
    },
    {
        "name": "uses the averaging convention v = beta v + (1 - beta) g",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def momentum_step(x, grad, velocity, lr, beta):
    """One heavy-ball step as torch.optim.SGD(momentum=beta) takes it; returns (new_x, new_velocity)."""
    v = beta * velocity + (1 - beta) * grad
    return x - lr * v, v
''',
    },
    {
        "name": "steps with the old velocity",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def momentum_step(x, grad, velocity, lr, beta):
    """One heavy-ball step as torch.optim.SGD(momentum=beta) takes it; returns (new_x, new_velocity)."""
    new_x = x - lr * velocity
    return new_x, beta * velocity + grad
''',
    },
    {
        "name": "updates x and the velocity in place",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def momentum_step(x, grad, velocity, lr, beta):
    """One heavy-ball step as torch.optim.SGD(momentum=beta) takes it; returns (new_x, new_velocity)."""
    velocity *= beta
    velocity += grad
    x -= lr * velocity
    return x, velocity
''',
    },
    {
        "name": "forgets the bias correction",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def adam_step(x, grad, m, s, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step as torch.optim.Adam takes it; t counts steps from 1. Returns (new_x, new_m, new_s)."""
    m = beta1 * m + (1 - beta1) * grad
    s = beta2 * s + (1 - beta2) * grad ** 2
    return x - lr * m / (np.sqrt(s) + eps), m, s
''',
    },
    {
        "name": "puts eps inside the square root",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def adam_step(x, grad, m, s, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step as torch.optim.Adam takes it; t counts steps from 1. Returns (new_x, new_m, new_s)."""
    m = beta1 * m + (1 - beta1) * grad
    s = beta2 * s + (1 - beta2) * grad ** 2
    m_hat = m / (1 - beta1 ** t)
    s_hat = s / (1 - beta2 ** t)
    return x - lr * m_hat / np.sqrt(s_hat + eps), m, s
''',
    },
    {
        "name": "returns the bias-corrected averages as the new state",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def adam_step(x, grad, m, s, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam step as torch.optim.Adam takes it; t counts steps from 1. Returns (new_x, new_m, new_s)."""
    m = (beta1 * m + (1 - beta1) * grad) / (1 - beta1 ** t)
    s = (beta2 * s + (1 - beta2) * grad ** 2) / (1 - beta2 ** t)
    return x - lr * m / (np.sqrt(s) + eps), m, s
''',
    },
    {
        "name": "uses the largest diagonal entry instead of the largest eigenvalue",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def max_stable_lr(H):
    """2 / largest eigenvalue of H: gradient descent on x^T H x / 2 converges below this step."""
    return float(2.0 / np.max(np.diag(H)))
''',
    },
    {
        "name": "returns 1 / lambda_max",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def max_stable_lr(H):
    """2 / largest eigenvalue of H: gradient descent on x^T H x / 2 converges below this step."""
    return float(1.0 / np.linalg.eigvalsh(H).max())
''',
    },
]
