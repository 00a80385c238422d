"""Plausible wrong answers for day 27 (an MLP on digits with the tensor engine); each must lose its points."""

_LINEAR_TAIL = '''
    def __call__(self, x: Tensor) -> Tensor:
        return x @ self.W + self.b

    def parameters(self) -> list[Tensor]:
        return [self.W, self.b]
'''

MUTANTS = [
    {
        "name": "weights drawn from N(0, 1): no He scaling",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_init"],
        "source": '''class Linear:
    """x @ W + b for a batch x of shape (B, nin): a layer that owns its parameters."""

    def __init__(self, nin: int, nout: int, rng: np.random.Generator) -> None:
        self.W = Tensor(rng.normal(0.0, 1.0, size=(nin, nout)))
        self.b = Tensor(np.zeros(nout))
''' + _LINEAR_TAIL,
    },
    {
        "name": "bias kept as a NumPy array, so it never receives a gradient",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_init", "ex1_tests"],
        "source": '''class Linear:
    """x @ W + b for a batch x of shape (B, nin): a layer that owns its parameters."""

    def __init__(self, nin: int, nout: int, rng: np.random.Generator) -> None:
        self.W = Tensor(rng.normal(0.0, np.sqrt(2.0 / nin), size=(nin, nout)))
        self.b = np.zeros(nout)
''' + _LINEAR_TAIL,
    },
    {
        "name": "bias of shape (1, nout) instead of (nout,)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_init"],
        "source": '''class Linear:
    """x @ W + b for a batch x of shape (B, nin): a layer that owns its parameters."""

    def __init__(self, nin: int, nout: int, rng: np.random.Generator) -> None:
        self.W = Tensor(rng.normal(0.0, np.sqrt(2.0 / nin), size=(nin, nout)))
        self.b = Tensor(np.zeros((1, nout)))
''' + _LINEAR_TAIL,
    },
    {
        "name": "forward computed on .data arrays: the output has no graph behind it",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''class Linear:
    """x @ W + b for a batch x of shape (B, nin): a layer that owns its parameters."""

    def __init__(self, nin: int, nout: int, rng: np.random.Generator) -> None:
        self.W = Tensor(rng.normal(0.0, np.sqrt(2.0 / nin), size=(nin, nout)))
        self.b = Tensor(np.zeros(nout))

    def __call__(self, x: Tensor) -> Tensor:
        return Tensor(x.data @ self.W.data + self.b.data)

    def parameters(self) -> list[Tensor]:
        return [self.W, self.b]
''',
    },
    {
        "name": "never zeroes the gradients: they pile up from step to step",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def train_step(params: list[Tensor], forward, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """Forward, fused loss, zero the gradients, backward, step downhill in place; the loss as a float."""
    loss = softmax_cross_entropy(forward(X), y)
    loss.backward()
    for p in params:
        p.data -= lr * p.grad
    return loss.item()
''',
    },
    {
        "name": "zeroes the gradients after the update instead of before backward",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def train_step(params: list[Tensor], forward, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """Forward, fused loss, zero the gradients, backward, step downhill in place; the loss as a float."""
    loss = softmax_cross_entropy(forward(X), y)
    loss.backward()
    for p in params:
        p.data -= lr * p.grad
    zero_grad(params)
    return loss.item()
''',
    },
    {
        "name": "returns the loss Tensor instead of a float",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def train_step(params: list[Tensor], forward, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """Forward, fused loss, zero the gradients, backward, step downhill in place; the loss as a float."""
    loss = softmax_cross_entropy(forward(X), y)
    zero_grad(params)
    loss.backward()
    for p in params:
        p.data -= lr * p.grad
    return loss
''',
    },
    {
        "name": "steps uphill (+= instead of -=)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def train_step(params: list[Tensor], forward, X: np.ndarray, y: np.ndarray, lr: float) -> float:
    """Forward, fused loss, zero the gradients, backward, step downhill in place; the loss as a float."""
    loss = softmax_cross_entropy(forward(X), y)
    zero_grad(params)
    loss.backward()
    for p in params:
        p.data += lr * p.grad
    return loss.item()
''',
    },
    {
        "name": "argmax over the batch axis (axis=0) instead of over the classes",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def accuracy(logits: np.ndarray, y: np.ndarray) -> float:
    """Fraction of rows whose argmax is the label."""
    return float(np.mean(np.argmax(logits, axis=0) == y))
''',
    },
    {
        "name": "returns the number of correct rows instead of the fraction",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def accuracy(logits: np.ndarray, y: np.ndarray) -> float:
    """Fraction of rows whose argmax is the label."""
    return float(np.sum(np.argmax(logits, axis=1) == y))
''',
    },
    {
        "name": "fancy-index += counts each repeated (true, predicted) pair once",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Counts of (true class, predicted class) pairs: rows are the truth, columns the prediction."""
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    cm[y_true, y_pred] += 1
    return cm
''',
    },
    {
        "name": "rows are the prediction, columns the truth (transposed)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Counts of (true class, predicted class) pairs: rows are the truth, columns the prediction."""
    cm = np.zeros((num_classes, num_classes), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[p, t] += 1
    return cm
''',
    },
    {
        "name": "a confusion matrix of floats (np.zeros without dtype)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Counts of (true class, predicted class) pairs: rows are the truth, columns the prediction."""
    cm = np.zeros((num_classes, num_classes))
    np.add.at(cm, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return cm
''',
    },
    {
        "name": "W drawn with the spread sqrt(2 / nout) instead of sqrt(2 / nin)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_init"],
        "source": '''class Linear:
    """x @ W + b for a batch x of shape (B, nin): a layer that owns its parameters."""

    def __init__(self, nin: int, nout: int, rng: np.random.Generator) -> None:
        self.W = Tensor(rng.normal(0.0, np.sqrt(2.0 / nout), size=(nin, nout)))
        self.b = Tensor(np.zeros(nout))
''' + _LINEAR_TAIL,
    },
]

