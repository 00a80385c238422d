"""Plausible wrong answers for day 14 (gradient checking); each must lose the points listed."""

_GRADCHECK_HEAD = '''def gradcheck(f, backward, x, h: float = 1e-6, rtol: float = 1e-5, atol: float = 1e-8,
              seed: int = 0) -> tuple[int, ...] | None:
    x = np.array(x, dtype=np.float64)
'''

_NUMERICAL = '''    claimed = np.asarray(backward(x.copy(), u), dtype=np.float64)
    if claimed.shape != x.shape:
        raise ValueError("shape")
    numerical = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = float(np.sum(u * f(x)))
        x[index] = old - h
        down = float(np.sum(u * f(x)))
        x[index] = old
        numerical[index] = (up - down) / (2 * h)
'''

MUTANTS = [
    {
        "name": "divides by |b| only: not symmetric",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def relative_error(a, b, floor: float = 1e-12) -> float:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), floor)))
''',
    },
    {
        "name": "averages the entry-wise errors instead of taking the worst",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def relative_error(a, b, floor: float = 1e-12) -> float:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    if a.size == 0:
        return 0.0
    return float(np.mean(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)))
''',
    },
    {
        "name": "lets NumPy broadcast arrays of different shapes",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_shapes"],
        "source": '''def relative_error(a, b, floor: float = 1e-12) -> float:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)))
''',
    },
    {
        "name": "forward difference (f(x+h) - f(x)) / h",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def numerical_gradient(f, x, h: float = 1e-6) -> np.ndarray:
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    base = float(f(x))
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        grad[index] = (float(f(x)) - base) / h
        x[index] = old
    return grad
''',
    },
    {
        "name": "perturbs the caller's array in place (integers round the step away)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def numerical_gradient(f, x, h: float = 1e-6) -> np.ndarray:
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = float(f(x))
        x[index] = old - h
        down = float(f(x))
        x[index] = old
        grad[index] = (up - down) / (2 * h)
    return grad
''',
    },
    {
        "name": "loops over len(x): only right for 1-D arrays",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def numerical_gradient(f, x, h: float = 1e-6) -> np.ndarray:
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in range(len(x)):
        old = x[i].copy()
        x[i] = old + h
        up = float(f(x))
        x[i] = old - h
        down = float(f(x))
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad
''',
    },
    {
        "name": "feeds an upstream gradient of ones (sums the output)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_teeth"],
        "source": _GRADCHECK_HEAD + '''    u = np.ones(np.shape(f(x)))
''' + _NUMERICAL + '''    bad = np.abs(claimed - numerical) > atol + rtol * np.abs(numerical)
    return tuple(int(i) for i in np.argwhere(bad)[0]) if bad.any() else None
''',
    },
    {
        "name": "compares absolutely: |a - n| > rtol",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_teeth"],
        "source": _GRADCHECK_HEAD + '''    u = np.random.default_rng(seed).standard_normal(np.shape(f(x)))
''' + _NUMERICAL + '''    bad = np.abs(claimed - numerical) > rtol
    return tuple(int(i) for i in np.argwhere(bad)[0]) if bad.any() else None
''',
    },
    {
        "name": "reports the worst entry instead of the first",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_verdicts"],
        "source": _GRADCHECK_HEAD + '''    u = np.random.default_rng(seed).standard_normal(np.shape(f(x)))
''' + _NUMERICAL + '''    bad = np.abs(claimed - numerical) > atol + rtol * np.abs(numerical)
    if not bad.any():
        return None
    worst = np.argmax(np.abs(claimed - numerical))
    return tuple(int(i) for i in np.unravel_index(worst, x.shape))
''',
    },
    {
        "name": "reports a flat integer index",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_verdicts"],
        "source": _GRADCHECK_HEAD + '''    u = np.random.default_rng(seed).standard_normal(np.shape(f(x)))
''' + _NUMERICAL + '''    bad = np.abs(claimed - numerical) > atol + rtol * np.abs(numerical)
    return int(np.flatnonzero(bad)[0]) if bad.any() else None
''',
    },
    {
        "name": "keeps only the diagonal of the softmax Jacobian: s * (1 - s) * u",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def softmax_backward(x: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    s = softmax(x)
    return s * (1 - s) * upstream
''',
    },
    {
        "name": "forgets keepdims: <s, u> broadcasts along the wrong axis",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def softmax_backward(x: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    s = softmax(x)
    return s * (upstream - (s * upstream).sum(axis=-1))
''',
    },
    {
        "name": "subtracts the plain mean of u (section 3's bug)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def softmax_backward(x: np.ndarray, upstream: np.ndarray) -> np.ndarray:
    s = softmax(x)
    return s * (upstream - upstream.mean(axis=-1, keepdims=True))
''',
    },
    {
        "name": "never checks the shape of the claimed VJP",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_shape"],
        "source": _GRADCHECK_HEAD + '''    u = np.random.default_rng(seed).standard_normal(np.shape(f(x)))
    claimed = np.asarray(backward(x.copy(), u), dtype=np.float64)
    numerical = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = float(np.sum(u * f(x)))
        x[index] = old - h
        down = float(np.sum(u * f(x)))
        x[index] = old
        numerical[index] = (up - down) / (2 * h)
    bad = np.abs(claimed - numerical) > atol + rtol * np.abs(numerical)
    return tuple(int(i) for i in np.argwhere(bad)[0]) if bad.any() else None
''',
    },
]
