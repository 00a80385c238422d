"""Plausible wrong answers for day 26 (softmax and cross-entropy, fused); each must lose its points."""

MUTANTS = [
    {
        "name": "log of a softmax instead of z - LSE(z)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax of each row: z - LSE(z), with each row shifted by its own maximum."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.log(e / e.sum(axis=1, keepdims=True))
''',
    },
    {
        "name": "shifts every row by the maximum of the whole batch",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax of each row: z - LSE(z), with each row shifted by its own maximum."""
    shifted = z - z.max()
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
''',
    },
    {
        "name": "row max without keepdims (broadcasts along the wrong axis on square batches)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax of each row: z - LSE(z), with each row shifted by its own maximum."""
    shifted = z - z.max(axis=1)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
''',
    },
    {
        "name": "reduction 'none' multiplies by upstream without [:, None] (silent when N == C)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cross_entropy_backward(log_probs: np.ndarray, targets: np.ndarray, upstream, reduction: str) -> np.ndarray:
    """upstream times (softmax - onehot), divided by N for the mean: the gradient for the logits."""
    N = log_probs.shape[0]
    grad = np.exp(log_probs)
    grad[np.arange(N), targets] -= 1.0
    if reduction == "mean":
        return grad * upstream / N
    return grad * upstream
''',
    },
    {
        "name": "ignores the upstream gradient (right only when it is 1)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cross_entropy_backward(log_probs: np.ndarray, targets: np.ndarray, upstream, reduction: str) -> np.ndarray:
    """upstream times (softmax - onehot), divided by N for the mean: the gradient for the logits."""
    N = log_probs.shape[0]
    grad = np.exp(log_probs)
    grad[np.arange(N), targets] -= 1.0
    return grad / N if reduction == "mean" else grad
''',
    },
    {
        "name": "the mean divides by the number of classes C instead of the batch size N",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cross_entropy_backward(log_probs: np.ndarray, targets: np.ndarray, upstream, reduction: str) -> np.ndarray:
    """upstream times (softmax - onehot), divided by N for the mean: the gradient for the logits."""
    N, C = log_probs.shape
    grad = np.exp(log_probs)
    grad[np.arange(N), targets] -= 1.0
    if reduction == "mean":
        return grad * (np.asarray(upstream) / C)
    if reduction == "sum":
        return grad * np.asarray(upstream)
    return grad * np.asarray(upstream)[:, None]
''',
    },
    {
        "name": "subtracts the one-hot with logits[:, targets] (a column block, not one entry per row)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cross_entropy_backward(log_probs: np.ndarray, targets: np.ndarray, upstream, reduction: str) -> np.ndarray:
    """upstream times (softmax - onehot), divided by N for the mean: the gradient for the logits."""
    N = log_probs.shape[0]
    grad = np.exp(log_probs)
    grad[:, targets] -= 1.0
    if reduction == "mean":
        return grad * (np.asarray(upstream) / N)
    if reduction == "sum":
        return grad * np.asarray(upstream)
    return grad * np.asarray(upstream)[:, None]
''',
    },
    {
        "name": "overwrites logits.grad instead of adding to it",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits: Tensor, targets: np.ndarray, reduction: str = "mean") -> Tensor:
    """One node: the cross-entropy of each row, reduced; its backward is (softmax - onehot) times upstream."""
    targets = np.asarray(targets)
    log_probs = log_softmax(logits.data)
    losses = -log_probs[np.arange(logits.shape[0]), targets]
    value = {"mean": losses.mean, "sum": losses.sum, "none": lambda: losses}[reduction]()
    out = Tensor(value, (logits,), "cross_entropy")

    def _backward() -> None:
        logits.grad = cross_entropy_backward(log_probs, targets, out.grad, reduction)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "backward uses an upstream gradient of ones instead of out.grad",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits: Tensor, targets: np.ndarray, reduction: str = "mean") -> Tensor:
    """One node: the cross-entropy of each row, reduced; its backward is (softmax - onehot) times upstream."""
    targets = np.asarray(targets)
    log_probs = log_softmax(logits.data)
    losses = -log_probs[np.arange(logits.shape[0]), targets]
    value = {"mean": losses.mean, "sum": losses.sum, "none": lambda: losses}[reduction]()
    out = Tensor(value, (logits,), "cross_entropy")

    def _backward() -> None:
        logits.grad += cross_entropy_backward(log_probs, targets, np.ones_like(out.grad), reduction)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "saves the softmax and subtracts the one-hot from it in place (a second backward is wrong)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits: Tensor, targets: np.ndarray, reduction: str = "mean") -> Tensor:
    """One node: the cross-entropy of each row, reduced; its backward is (softmax - onehot) times upstream."""
    targets = np.asarray(targets)
    N = logits.shape[0]
    log_probs = log_softmax(logits.data)
    probs = np.exp(log_probs)
    losses = -log_probs[np.arange(N), targets]
    value = {"mean": losses.mean, "sum": losses.sum, "none": lambda: losses}[reduction]()
    out = Tensor(value, (logits,), "cross_entropy")

    def _backward() -> None:
        probs[np.arange(N), targets] -= 1.0
        g = out.grad[:, None] if reduction == "none" else out.grad
        logits.grad += probs * g / (N if reduction == "mean" else 1)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "builds the loss from engine primitives instead of one node",
        "cell": "ex3_answer",
        "loses": ["ex3_tests", "ex3_tests_one_node"],
        "source": '''def cross_entropy(logits: Tensor, targets: np.ndarray, reduction: str = "mean") -> Tensor:
    """One node: the cross-entropy of each row, reduced; its backward is (softmax - onehot) times upstream."""
    N = logits.shape[0]
    shifted = logits - logits.data.max(axis=1, keepdims=True)
    e = shifted.exp()
    losses = -(e / e.sum(axis=1, keepdims=True))[np.arange(N), np.asarray(targets)].log()
    return {"mean": losses.mean, "sum": losses.sum, "none": lambda: losses}[reduction]()
''',
    },
    {
        "name": "spreads eps over the other C - 1 classes instead of all C",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def smoothed_cross_entropy(logits: Tensor, targets: np.ndarray, eps: float) -> Tensor:
    """Mean cross-entropy against (1 - eps) * onehot + eps / C, as one node with backward (p - q) / N."""
    N, C = logits.shape
    log_probs = log_softmax(logits.data)
    q = np.full((N, C), eps / (C - 1))
    q[np.arange(N), np.asarray(targets)] = 1.0 - eps
    out = Tensor(-(q * log_probs).sum() / N, (logits,), "smoothed_cross_entropy")

    def _backward() -> None:
        logits.grad += (np.exp(log_probs) - q) / N * out.grad
    out._backward = _backward
    return out
''',
    },
    {
        "name": "smoothed forward, but the backward still subtracts the plain one-hot",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def smoothed_cross_entropy(logits: Tensor, targets: np.ndarray, eps: float) -> Tensor:
    """Mean cross-entropy against (1 - eps) * onehot + eps / C, as one node with backward (p - q) / N."""
    N, C = logits.shape
    log_probs = log_softmax(logits.data)
    q = np.full((N, C), eps / C)
    q[np.arange(N), np.asarray(targets)] += 1.0 - eps
    out = Tensor(-(q * log_probs).sum() / N, (logits,), "smoothed_cross_entropy")

    def _backward() -> None:
        grad = np.exp(log_probs)
        grad[np.arange(N), np.asarray(targets)] -= 1.0
        logits.grad += grad / N * out.grad
    out._backward = _backward
    return out
''',
    },
    {
        "name": "tries the naive log(softmax) first and falls back to the shifted form when it overflows",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax of each row: z - LSE(z), with each row shifted by its own maximum."""
    e = np.exp(z)
    naive = z - np.log(e.sum(axis=1, keepdims=True))
    if np.all(np.isfinite(naive)):
        return naive
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
''',
    },
    {
        "name": "reduction 'sum' divided by N as well",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def cross_entropy_backward(log_probs: np.ndarray, targets: np.ndarray, upstream, reduction: str) -> np.ndarray:
    """upstream times (softmax - onehot), divided by N for the mean: the gradient for the logits."""
    N = log_probs.shape[0]
    grad = np.exp(log_probs)
    grad[np.arange(N), targets] -= 1.0
    if reduction in ("mean", "sum"):
        return grad * (np.asarray(upstream) / N)
    return grad * np.asarray(upstream)[:, None]
''',
    },
    {
        "name": "the loss as -log of the softmax probability (log of 0 for large logits)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def cross_entropy(logits: Tensor, targets: np.ndarray, reduction: str = "mean") -> Tensor:
    """One node: the cross-entropy of each row, reduced; its backward is (softmax - onehot) times upstream."""
    targets = np.asarray(targets)
    log_probs = log_softmax(logits.data)
    losses = -np.log(np.exp(log_probs)[np.arange(logits.shape[0]), targets])
    value = {"mean": losses.mean, "sum": losses.sum, "none": lambda: losses}[reduction]()
    out = Tensor(value, (logits,), "cross_entropy")

    def _backward() -> None:
        logits.grad += cross_entropy_backward(log_probs, targets, out.grad, reduction)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "label smoothing from engine primitives (a stable log-softmax chain), not one node",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_one_node"],
        "source": '''def smoothed_cross_entropy(logits: Tensor, targets: np.ndarray, eps: float) -> Tensor:
    """Mean cross-entropy against (1 - eps) * onehot + eps / C, as one node with backward (p - q) / N."""
    N, C = logits.shape
    shifted = logits - logits.data.max(axis=1, keepdims=True)
    log_probs = shifted - shifted.exp().sum(axis=1, keepdims=True).log()
    q = np.full((N, C), eps / C)
    q[np.arange(N), np.asarray(targets)] += 1.0 - eps
    return -(log_probs * q).sum() / N
''',
    },
]

