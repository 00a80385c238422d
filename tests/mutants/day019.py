"""Plausible wrong answers for day 19 (initialization and gradient norms); each must lose its points."""

MUTANTS = [
    {
        "name": "He with fan_out instead of fan_in",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def init_std(kind, fan_in, fan_out):
    """Standard deviation of the weights for LeCun, Xavier or He initialization."""
    if kind == "lecun":
        return (1.0 / fan_in) ** 0.5
    if kind == "xavier":
        return (2.0 / (fan_in + fan_out)) ** 0.5
    if kind == "he":
        return (2.0 / fan_out) ** 0.5
    raise ValueError(kind)
''',
    },
    {
        "name": "returns variances instead of standard deviations",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def init_std(kind, fan_in, fan_out):
    """Standard deviation of the weights for LeCun, Xavier or He initialization."""
    if kind == "lecun":
        return 1.0 / fan_in
    if kind == "xavier":
        return 2.0 / (fan_in + fan_out)
    if kind == "he":
        return 2.0 / fan_in
    raise ValueError(kind)
''',
    },
    {
        "name": "returns None for an unknown kind instead of raising",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def init_std(kind, fan_in, fan_out):
    """Standard deviation of the weights for LeCun, Xavier or He initialization."""
    if kind == "lecun":
        return (1.0 / fan_in) ** 0.5
    if kind == "xavier":
        return (2.0 / (fan_in + fan_out)) ** 0.5
    if kind == "he":
        return (2.0 / fan_in) ** 0.5
''',
    },
    {
        "name": "LeCun with fan_out instead of fan_in",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def init_std(kind, fan_in, fan_out):
    """Standard deviation of the weights for LeCun, Xavier or He initialization."""
    if kind == "lecun":
        return (1.0 / fan_out) ** 0.5
    if kind == "xavier":
        return (2.0 / (fan_in + fan_out)) ** 0.5
    if kind == "he":
        return (2.0 / fan_in) ** 0.5
    raise ValueError(kind)
''',
    },
    {
        "name": "ignores input_mean_square",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def predicted_mean_square(depth, fan_in, std, activation, input_mean_square=1.0):
    """E[h_L^2] after depth layers: each multiplies the mean square by fan_in * std^2 (halved by ReLU)."""
    factors = {"linear": 1.0, "relu": 0.5}
    if activation not in factors:
        raise ValueError(activation)
    return float((factors[activation] * fan_in * std ** 2) ** depth)
''',
    },
    {
        "name": "uses std instead of std squared in the factor",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def predicted_mean_square(depth, fan_in, std, activation, input_mean_square=1.0):
    """E[h_L^2] after depth layers: each multiplies the mean square by fan_in * std^2 (halved by ReLU)."""
    if activation not in ("linear", "relu"):
        raise ValueError(activation)
    factor = fan_in * std * (0.5 if activation == "relu" else 1.0)
    return float(input_mean_square * factor ** depth)
''',
    },
    {
        "name": "halves the result once for ReLU instead of at every layer",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def predicted_mean_square(depth, fan_in, std, activation, input_mean_square=1.0):
    """E[h_L^2] after depth layers: each multiplies the mean square by fan_in * std^2 (halved by ReLU)."""
    if activation not in ("linear", "relu"):
        raise ValueError(activation)
    result = input_mean_square * (fan_in * std ** 2) ** depth
    return float(result / 2 if activation == "relu" else result)
''',
    },
    {
        "name": "takes fan_in from weight.shape[0] (out_features)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def init_mlp_(model, std_for, generator):
    """Re-draw every nn.Linear's weights in place, with std std_for(fan_in, fan_out), and zero its bias."""
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.Linear):
                fan_in, fan_out = layer.weight.shape
                layer.weight.normal_(0.0, std_for(fan_in, fan_out), generator=generator)
                layer.bias.zero_()
''',
    },
    {
        "name": "replaces the parameters with new nn.Parameter objects",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def init_mlp_(model, std_for, generator):
    """Re-draw every nn.Linear's weights in place, with std std_for(fan_in, fan_out), and zero its bias."""
    for layer in model:
        if isinstance(layer, nn.Linear):
            fan_out, fan_in = layer.weight.shape
            std = std_for(fan_in, fan_out)
            layer.weight = nn.Parameter(torch.randn(fan_out, fan_in, generator=generator) * std)
            layer.bias = nn.Parameter(torch.zeros(fan_out))
''',
    },
    {
        "name": "ignores the generator and draws from the global RNG",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def init_mlp_(model, std_for, generator):
    """Re-draw every nn.Linear's weights in place, with std std_for(fan_in, fan_out), and zero its bias."""
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.Linear):
                fan_out, fan_in = layer.weight.shape
                layer.weight.normal_(0.0, std_for(fan_in, fan_out))
                layer.bias.zero_()
''',
    },
    {
        "name": "clips each parameter's gradient separately",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def clip_grad_norm_(parameters, max_norm):
    """Scale all gradients together so that their global norm is at most max_norm; return the norm before."""
    grads = [p.grad for p in list(parameters) if p.grad is not None]
    total = sum(float(g.pow(2).sum()) for g in grads) ** 0.5
    for g in grads:
        norm = float(g.norm())
        if norm > max_norm:
            g.mul_(max_norm / (norm + 1e-6))
    return total
''',
    },
    {
        "name": "rescales even when the norm is below max_norm (makes gradients larger)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def clip_grad_norm_(parameters, max_norm):
    """Scale all gradients together so that their global norm is at most max_norm; return the norm before."""
    grads = [p.grad for p in list(parameters) if p.grad is not None]
    total = sum(float(g.pow(2).sum()) for g in grads) ** 0.5
    for g in grads:
        g.mul_(max_norm / (total + 1e-6))
    return total
''',
    },
    {
        "name": "reads the parameters generator twice, so nothing gets clipped",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def clip_grad_norm_(parameters, max_norm):
    """Scale all gradients together so that their global norm is at most max_norm; return the norm before."""
    total = sum(float(p.grad.pow(2).sum()) for p in parameters if p.grad is not None) ** 0.5
    if total > max_norm:
        for p in parameters:
            if p.grad is not None:
                p.grad.mul_(max_norm / (total + 1e-6))
    return total
''',
    },
    {
        "name": "clips by the sum of the parameters' norms instead of the global norm",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def clip_grad_norm_(parameters, max_norm):
    """Scale all gradients together so that their global norm is at most max_norm; return the norm before."""
    grads = [p.grad for p in list(parameters) if p.grad is not None]
    total = sum(float(g.norm()) for g in grads)
    if total > max_norm:
        for g in grads:
            g.mul_(max_norm / (total + 1e-6))
    return float(total)
''',
    },
    {
        "name": "returns the norm after clipping",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def clip_grad_norm_(parameters, max_norm):
    """Scale all gradients together so that their global norm is at most max_norm; return the norm before."""
    grads = [p.grad for p in list(parameters) if p.grad is not None]
    total = sum(float(g.pow(2).sum()) for g in grads) ** 0.5
    if total > max_norm:
        for g in grads:
            g.mul_(max_norm / (total + 1e-6))
    return sum(float(g.pow(2).sum()) for g in grads) ** 0.5
''',
    },
]
