"""Plausible wrong answers for day 18 (numerical stability); each must lose its points."""

MUTANTS = [
    {
        "name": "naive log-sum-exp without the shift",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def logsumexp(x):
    """log(sum(exp(x))) of each row of a (B, C) array, shifted by the row's max: shape (B,)."""
    return np.log(np.exp(x).sum(axis=1))
''',
    },
    {
        "name": "shifts every row by the maximum of the whole batch",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def logsumexp(x):
    """log(sum(exp(x))) of each row of a (B, C) array, shifted by the row's max: shape (B,)."""
    c = x.max()
    return c + np.log(np.exp(x - c).sum(axis=1))
''',
    },
    {
        "name": "subtracts the row max in place, changing the caller's array",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def softmax(x):
    """Softmax of each row of a (B, C) array, computed from logits shifted by the row's max."""
    x -= x.max(axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)
''',
    },
    {
        "name": "row max without keepdims (broadcasts along the wrong axis on square batches)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def softmax(x):
    """Softmax of each row of a (B, C) array, computed from logits shifted by the row's max."""
    e = np.exp(x - x.max(axis=1))
    return e / e.sum(axis=1, keepdims=True)
''',
    },
    {
        "name": "log of a (stable) softmax instead of LSE - z_y",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits, targets):
    """Mean over the batch of LSE(z_b) - z_b[y_b]: the cross-entropy loss, computed from logits."""
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(targets)), targets])))
''',
    },
    {
        "name": "picks logits[:, targets], a (B, B) block",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits, targets):
    """Mean over the batch of LSE(z_b) - z_b[y_b]: the cross-entropy loss, computed from logits."""
    c = logits.max(axis=1, keepdims=True)
    lse = c[:, 0] + np.log(np.exp(logits - c).sum(axis=1))
    return float(np.mean(lse - logits[:, targets]))
''',
    },
    {
        "name": "sums over the batch instead of averaging",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits, targets):
    """Mean over the batch of LSE(z_b) - z_b[y_b]: the cross-entropy loss, computed from logits."""
    c = logits.max(axis=1, keepdims=True)
    lse = c[:, 0] + np.log(np.exp(logits - c).sum(axis=1))
    return float(np.sum(lse - logits[np.arange(logits.shape[0]), targets]))
''',
    },
    {
        "name": "forgets the 1/B of the mean",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def cross_entropy_grad(logits, targets):
    """d(mean cross-entropy)/d(logits) = (softmax - onehot) / B, shape (B, C)."""
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    grad = e / e.sum(axis=1, keepdims=True)
    grad[np.arange(logits.shape[0]), targets] -= 1.0
    return grad
''',
    },
    {
        "name": "onehot - softmax (sign flipped)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def cross_entropy_grad(logits, targets):
    """d(mean cross-entropy)/d(logits) = (softmax - onehot) / B, shape (B, C)."""
    B = logits.shape[0]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    grad = -e / e.sum(axis=1, keepdims=True)
    grad[np.arange(B), targets] += 1.0
    return grad / B
''',
    },
    {
        "name": "naive softmax inside the gradient",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def cross_entropy_grad(logits, targets):
    """d(mean cross-entropy)/d(logits) = (softmax - onehot) / B, shape (B, C)."""
    B = logits.shape[0]
    e = np.exp(logits)
    grad = e / e.sum(axis=1, keepdims=True)
    grad[np.arange(B), targets] -= 1.0
    return grad / B
''',
    },
]

MUTANTS += [
    {
        "name": "tries the naive log-sum-exp first (warnings silenced) and shifts only when it is not finite",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def logsumexp(x):
    """log(sum(exp(x))) of each row of a (B, C) array, shifted by the row's max: shape (B,)."""
    with np.errstate(all="ignore"):
        naive = np.log(np.exp(x).sum(axis=1))
    if np.all(np.isfinite(naive)):
        return naive
    c = x.max(axis=1, keepdims=True)
    return c[:, 0] + np.log(np.exp(x - c).sum(axis=1))
''',
    },
    {
        "name": "tries the naive softmax first and falls back to the shifted one when it is not finite",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def softmax(x):
    """Softmax of each row of a (B, C) array, computed from logits shifted by the row's max."""
    e = np.exp(x)
    p = e / e.sum(axis=1, keepdims=True)
    if np.all(np.isfinite(p)):
        return p
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
''',
    },
    {
        "name": "the same fallback with the warnings silenced by np.errstate",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def softmax(x):
    """Softmax of each row of a (B, C) array, computed from logits shifted by the row's max."""
    with np.errstate(all="ignore"):
        e = np.exp(x)
        p = e / e.sum(axis=1, keepdims=True)
    if np.all(np.isfinite(p)):
        return p
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
''',
    },
    {
        "name": "naive LSE first (warnings silenced), the stable one only when the loss is not finite",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits, targets):
    """Mean over the batch of LSE(z_b) - z_b[y_b]: the cross-entropy loss, computed from logits."""
    B = logits.shape[0]
    with np.errstate(all="ignore"):
        lse = np.log(np.exp(logits).sum(axis=1))
    if not np.all(np.isfinite(lse)):
        c = logits.max(axis=1, keepdims=True)
        lse = c[:, 0] + np.log(np.exp(logits - c).sum(axis=1))
    return float(np.mean(lse - logits[np.arange(B), targets]))
''',
    },
    {
        "name": "divides by the number of classes C instead of the batch size B",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def cross_entropy_grad(logits, targets):
    """d(mean cross-entropy)/d(logits) = (softmax - onehot) / B, shape (B, C)."""
    B, C = logits.shape
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    grad = e / e.sum(axis=1, keepdims=True)
    grad[np.arange(B), targets] -= 1.0
    return grad / C
''',
    },
]
