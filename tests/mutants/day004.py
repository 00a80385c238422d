"""Wrong answers learners really write on day 4 (numerical derivatives); each must lose its points."""

MUTANTS = [
    {
        "name": "computes in float64 whatever dtype asks for",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def step_errors(f, df, x, hs, method="central", dtype=np.float64):
    if method not in ("forward", "central"):
        raise ValueError(method)
    errors = []
    for h in hs:
        if method == "forward":
            approx = (f(x + h) - f(x)) / h
        else:
            approx = (f(x + h) - f(x - h)) / (2 * h)
        errors.append(abs(float(approx) - float(df(x))))
    return np.array(errors)
''',
    },
    {
        "name": "central difference divided by h instead of 2h",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def step_errors(f, df, x, hs, method="central", dtype=np.float64):
    if method not in ("forward", "central"):
        raise ValueError(method)
    xd = dtype(x)
    errors = []
    for h in hs:
        hd = dtype(h)
        if method == "forward":
            approx = (f(xd + hd) - f(xd)) / hd
        else:
            approx = (f(xd + hd) - f(xd - hd)) / hd
        errors.append(abs(float(approx) - float(df(x))))
    return np.array(errors)
''',
    },
    {
        "name": "returns signed errors, not absolute ones",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def step_errors(f, df, x, hs, method="central", dtype=np.float64):
    if method not in ("forward", "central"):
        raise ValueError(method)
    xd = dtype(x)
    errors = []
    for h in hs:
        hd = dtype(h)
        if method == "forward":
            approx = (f(xd + hd) - f(xd)) / hd
        else:
            approx = (f(xd + hd) - f(xd - hd)) / (2 * hd)
        errors.append(float(approx) - float(df(x)))
    return np.array(errors)
''',
    },
    {
        "name": "fits log h against log error (axes swapped)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def estimate_order(hs, errors):
    slope, _ = np.polyfit(np.log(errors), np.log(hs), 1)
    return float(slope)
''',
    },
    {
        "name": "slope from the first and last points only",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def estimate_order(hs, errors):
    hs, errors = np.asarray(hs, dtype=float), np.asarray(errors, dtype=float)
    return float((np.log(errors[-1]) - np.log(errors[0])) / (np.log(hs[-1]) - np.log(hs[0])))
''',
    },
    {
        "name": "square root, as for the forward difference",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def optimal_central_step(eps, f0, f3):
    return float(2 * (eps * abs(f0) / abs(f3)) ** 0.5)
''',
    },
    {
        "name": "forgets the absolute values of f0 and f3",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def optimal_central_step(eps, f0, f3):
    return (3 * eps * f0 / f3) ** (1 / 3)
''',
    },
    {
        "name": "nudges x in place and undoes the nudge with -= h",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def numerical_gradient(f, x, h=1e-6):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        x[i] += h
        up = float(f(x))
        x[i] -= 2 * h
        down = float(f(x))
        x[i] += h
        grad[i] = (up - down) / (2 * h)
    return grad
''',
    },
    {
        "name": "forward difference instead of central",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def numerical_gradient(f, x, h=1e-6):
    xp = np.array(x, dtype=np.float64)
    grad = np.zeros_like(xp)
    base = float(f(xp))
    for i in np.ndindex(xp.shape):
        old = xp[i]
        xp[i] = old + h
        grad[i] = (float(f(xp)) - base) / h
        xp[i] = old
    return grad
''',
    },
    {
        "name": "copies x but keeps its dtype (int and float32 inputs)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def numerical_gradient(f, x, h=1e-6):
    xp = x.copy()
    grad = np.zeros(xp.shape)
    for i in np.ndindex(xp.shape):
        old = xp[i]
        xp[i] = old + h
        up = float(f(xp))
        xp[i] = old - h
        down = float(f(xp))
        xp[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad
''',
    },
    {
        "name": "loops over range(len(x)), so 2-D inputs nudge whole rows",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def numerical_gradient(f, x, h=1e-6):
    xp = np.array(x, dtype=np.float64)
    grad = np.zeros_like(xp)
    for i in range(len(xp)):
        old = xp[i].copy()
        xp[i] = old + h
        up = float(f(xp))
        xp[i] = old - h
        down = float(f(xp))
        xp[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad
''',
    },
]
