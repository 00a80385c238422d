"""Plausible wrong answers for day 57 (the cost of Python); each must lose the points listed.

Each is the instructor's answer with one rule changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

COUNT_NODES = '''def count_nodes(value) -> int:
    """Number of distinct Value nodes reachable from `value` through _prev, itself included."""
    seen = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(node._prev)
    return len(seen)
'''

FIT_OVERHEAD = '''def fit_overhead(sizes, times) -> tuple[float, float]:
    """Least-squares (a, b) of t = a + b * n: the fixed cost per call and the cost per element."""
    n = np.asarray(sizes, dtype=np.float64)
    t = np.asarray(times, dtype=np.float64)
    if n.shape != t.shape or n.ndim != 1:
        raise ValueError(f"sizes and times must be 1-D of the same length, got shapes {n.shape} and {t.shape}")
    if np.unique(n).size < 2:
        raise ValueError("need at least two distinct sizes to fit a line")
    dn = n - n.mean()
    b = float(np.sum(dn * (t - t.mean())) / np.sum(dn * dn))
    a = float(t.mean() - b * n.mean())
    return a, b
'''

CROSSOVER = '''def crossover(a1: float, b1: float, a2: float, b2: float) -> float | None:
    """The size n >= 0 where a1 + b1 n == a2 + b2 n, or None if there is none."""
    if b1 == b2:
        return None
    n = (a2 - a1) / (b1 - b2)
    return float(n) if n >= 0 else None
'''

MIN_SIZE = '''def min_size_for_efficiency(a: float, b: float, efficiency: float) -> int:
    """Smallest n >= 1 with b n / (a + b n) >= efficiency, for t(n) = a + b n."""
    return max(1, math.ceil(a * efficiency / (b * (1.0 - efficiency))))
'''


MUTANTS = [
    {
        "name": "a shared node counted once per path (no set of nodes seen)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(COUNT_NODES, ("        if id(node) in seen:\n            continue\n", ""),
                          ("    seen = set()\n", "    seen = []\n"),
                          ("        seen.add(id(node))\n", "        seen.append(id(node))\n")),
    },
    {
        "name": "nodes told apart by their data instead of their identity",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(COUNT_NODES, ("        if id(node) in seen:\n", "        if node.data in seen:\n"),
                          ("        seen.add(id(node))\n", "        seen.add(node.data)\n")),
    },
    {
        "name": "the output node itself not counted",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(COUNT_NODES, ("    return len(seen)\n", "    return len(seen) - 1\n")),
    },
    {
        "name": "a fit through the origin (no intercept: a = 0, b = sum(n t) / sum(n n))",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(FIT_OVERHEAD,
                          ("    dn = n - n.mean()\n    b = float(np.sum(dn * (t - t.mean())) / np.sum(dn * dn))\n"
                           "    a = float(t.mean() - b * n.mean())\n",
                           "    b = float(np.sum(n * t) / np.sum(n * n))\n    a = 0.0\n")),
    },
    {
        "name": "slope and intercept swapped (np.polyfit's order, highest power first)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(FIT_OVERHEAD, ("    return a, b\n", "    return b, a\n")),
    },
    {
        "name": "the logarithms fitted (a line on the log-log plot: log t = log a + b log n)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(FIT_OVERHEAD,
                          ("    dn = n - n.mean()\n    b = float(np.sum(dn * (t - t.mean())) / np.sum(dn * dn))\n"
                           "    a = float(t.mean() - b * n.mean())\n",
                           "    slope, intercept = np.polyfit(np.log(n), np.log(t), 1)\n"
                           "    a, b = float(np.exp(intercept)), float(slope)\n")),
    },
    {
        "name": "the crossover with a sign error ((a1 - a2) / (b1 - b2))",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(CROSSOVER, ("    n = (a2 - a1) / (b1 - b2)\n", "    n = (a1 - a2) / (b1 - b2)\n")),
    },
    {
        "name": "parallel lines not handled (ZeroDivisionError)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(CROSSOVER, ("    if b1 == b2:\n        return None\n", "")),
    },
    {
        "name": "a crossing at negative n returned instead of None",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(CROSSOVER, ("    return float(n) if n >= 0 else None\n", "    return float(n)\n")),
    },
    {
        "name": "rounded down (int) instead of up",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(MIN_SIZE, ("    return max(1, math.ceil(a * efficiency / (b * (1.0 - efficiency))))\n",
                                     "    return max(1, int(a * efficiency / (b * (1.0 - efficiency))))\n")),
    },
    {
        "name": "efficiency and overhead share confused (a (1 - e) / (b e))",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(MIN_SIZE, ("math.ceil(a * efficiency / (b * (1.0 - efficiency)))",
                                     "math.ceil(a * (1.0 - efficiency) / (b * efficiency))")),
    },
]
