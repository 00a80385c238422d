"""Plausible wrong answers for day 13 (forward versus reverse mode); each must lose the points listed."""

MUTANTS = [
    {
        "name": "stacks the columns as rows: an n x m transposed Jacobian",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jacobian_forward(f, x: list[float]) -> np.ndarray:
    columns = []
    for j in range(len(x)):
        outs = f([Dual(xk, 1.0 if k == j else 0.0) for k, xk in enumerate(x)])
        columns.append([o.dot for o in outs])
    return np.array(columns, dtype=np.float64)
''',
    },
    {
        "name": "seeds every tangent with 1 at once (gets J @ ones in every column)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jacobian_forward(f, x: list[float]) -> np.ndarray:
    columns = []
    for j in range(len(x)):
        outs = f([Dual(xk, 1.0) for xk in x])
        columns.append([o.dot for o in outs])
    return np.array(columns, dtype=np.float64).T
''',
    },
    {
        "name": "central differences on floats instead of dual numbers",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def jacobian_forward(f, x: list[float]) -> np.ndarray:
    h = 1e-6
    columns = []
    for j in range(len(x)):
        up = [xk + (h if k == j else 0.0) for k, xk in enumerate(x)]
        down = [xk - (h if k == j else 0.0) for k, xk in enumerate(x)]
        columns.append([(float(a) - float(b)) / (2 * h) for a, b in zip(f(up), f(down))])
    return np.array(columns, dtype=np.float64).T
''',
    },
    {
        "name": "one extra call of f to learn m: right Jacobian, n + 1 passes (loses only the pass count)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_passes"],
        "source": '''def jacobian_forward(f, x: list[float]) -> np.ndarray:
    m = len(f([Dual(xk) for xk in x]))
    J = np.zeros((m, len(x)))
    for j in range(len(x)):
        outs = f([Dual(xk, 1.0 if k == j else 0.0) for k, xk in enumerate(x)])
        J[:, j] = [o.dot for o in outs]
    return J
''',
    },
    {
        "name": "reuses one graph and zeroes only the inputs between rows",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian_reverse(f, x: list[float]) -> np.ndarray:
    xs = [Value(v) for v in x]
    outs = f(xs)
    rows = []
    for y in outs:
        for v in xs:
            v.grad = 0.0
        y.backward()
        rows.append([v.grad for v in xs])
    return np.array(rows, dtype=np.float64)
''',
    },
    {
        "name": "never zeroes: every row adds to the previous ones",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian_reverse(f, x: list[float]) -> np.ndarray:
    xs = [Value(v) for v in x]
    outs = f(xs)
    rows = []
    for y in outs:
        y.backward()
        rows.append([v.grad for v in xs])
    return np.array(rows, dtype=np.float64)
''',
    },
    {
        "name": "reverse Jacobian transposed",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def jacobian_reverse(f, x: list[float]) -> np.ndarray:
    m = len(f([Value(v) for v in x]))
    rows = []
    for i in range(m):
        xs = [Value(v) for v in x]
        f(xs)[i].backward()
        rows.append([v.grad for v in xs])
    return np.array(rows, dtype=np.float64).T
''',
    },
    {
        "name": "normalizes v to a unit vector",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def directional_derivative(f, x: list[float], v: list[float]) -> float:
    norm = math.sqrt(sum(vi * vi for vi in v))
    return float(f([Dual(xi, vi / norm) for xi, vi in zip(x, v)]).dot)
''',
    },
    {
        "name": "builds the whole gradient with n passes, then takes the dot product",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_pass"],
        "source": '''def directional_derivative(f, x: list[float], v: list[float]) -> float:
    grad = [f([Dual(xk, 1.0 if k == j else 0.0) for k, xk in enumerate(x)]).dot for j in range(len(x))]
    return float(sum(g * vi for g, vi in zip(grad, v)))
''',
    },
    {
        "name": "swaps n and m: forward mode pays per output",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def chain_cost(dims: list[int], mode: str) -> int:
    per_vector = sum(dims[k] * dims[k - 1] for k in range(1, len(dims)))
    if mode == "forward":
        return dims[-1] * per_vector
    if mode == "reverse":
        return dims[0] * per_vector
    raise ValueError(mode)
''',
    },
    {
        "name": "skips the first step of the chain (off by one)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def chain_cost(dims: list[int], mode: str) -> int:
    per_vector = sum(dims[k] * dims[k - 1] for k in range(2, len(dims)))
    if mode == "forward":
        return dims[0] * per_vector
    if mode == "reverse":
        return dims[-1] * per_vector
    raise ValueError(mode)
''',
    },
]
