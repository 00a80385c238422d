"""Plausible wrong answers for day 58 (CPU parallelism); each must lose the points listed.

Each is the instructor's answer with one rule changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

AMDAHL = '''def amdahl_speedup(f: float, p: int) -> float:
    """Amdahl's speed-up 1 / ((1 - f) + f / p) for parallel fraction f on p threads."""
    if not 0.0 <= f <= 1.0:
        raise ValueError(f"the parallel fraction f must lie in [0, 1], got {f}")
    if p < 1:
        raise ValueError(f"need at least one thread, got p = {p}")
    return float(1.0 / ((1.0 - f) + f / p))


def max_speedup(f: float) -> float:
    """The limit of amdahl_speedup(f, p) as p grows: 1 / (1 - f), math.inf for f == 1."""
    if not 0.0 <= f <= 1.0:
        raise ValueError(f"the parallel fraction f must lie in [0, 1], got {f}")
    if f == 1.0:
        return math.inf
    return float(1.0 / (1.0 - f))
'''

TIMINGS = '''def efficiency(t1: float, tp: float, p: int) -> float:
    """Parallel efficiency (t1 / tp) / p."""
    if t1 <= 0 or tp <= 0:
        raise ValueError(f"timings must be positive, got t1 = {t1}, tp = {tp}")
    if p < 1:
        raise ValueError(f"need at least one thread, got p = {p}")
    return float(t1 / tp / p)


def parallel_fraction(t1: float, tp: float, p: int) -> float:
    """Amdahl's parallel fraction that explains t1 on 1 thread and tp on p threads, clamped to [0, 1]."""
    if t1 <= 0 or tp <= 0:
        raise ValueError(f"timings must be positive, got t1 = {t1}, tp = {tp}")
    if p < 2:
        raise ValueError(f"need p >= 2 threads to fit a parallel fraction, got p = {p}")
    speedup = t1 / tp
    f = (1.0 - 1.0 / speedup) / (1.0 - 1.0 / p)
    return float(min(max(f, 0.0), 1.0))
'''

SPLIT = '''def split_ranges(n: int, workers: int) -> list[tuple[int, int]]:
    """`workers` contiguous ranges (start, stop) covering 0..n, sizes differing by at most one, longer ones first."""
    if n < 0 or workers < 1:
        raise ValueError(f"need n >= 0 and workers >= 1, got n = {n}, workers = {workers}")
    base, extra = divmod(n, workers)
    ranges, start = [], 0
    for k in range(workers):
        stop = start + base + (1 if k < extra else 0)
        ranges.append((start, stop))
        start = stop
    return ranges
'''

THREADS = '''@contextlib.contextmanager
def with_threads(n: int):
    """Set torch's intra-op thread count to n inside the block; restore the previous count on exit."""
    previous = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def run_with_threads(fn, n: int) -> tuple:
    """(fn(), torch.get_num_threads() read inside) with n intra-op threads; the count is restored afterwards."""
    with with_threads(n):
        seen = torch.get_num_threads()
        result = fn()
    return result, seen
'''

MUTANTS = [
    {
        "name": "Amdahl with f and 1 - f swapped (the serial part divided by p)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(AMDAHL, ("    return float(1.0 / ((1.0 - f) + f / p))\n",
                                   "    return float(1.0 / (f + (1.0 - f) / p))\n")),
    },
    {
        "name": "the limit as p grows taken as 1 / f",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(AMDAHL, ("    return float(1.0 / (1.0 - f))\n", "    return float(1.0 / f)\n")),
    },
    {
        "name": "the speed-up computed as tp / t1 when fitting f",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_fraction"],
        "source": changed(TIMINGS, ("    speedup = t1 / tp\n", "    speedup = tp / t1\n")),
    },
    {
        "name": "the fitted fraction not clamped to [0, 1]",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_fraction"],
        "source": changed(TIMINGS, ("    return float(min(max(f, 0.0), 1.0))\n", "    return float(f)\n")),
    },
    {
        "name": "efficiency not divided by p (the speed-up itself)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_efficiency"],
        "source": changed(TIMINGS, ("    return float(t1 / tp / p)\n", "    return float(t1 / tp)\n")),
    },
    {
        "name": "chunks of n // workers that drop the remainder",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SPLIT, ("        stop = start + base + (1 if k < extra else 0)\n",
                                  "        stop = start + base\n")),
    },
    {
        "name": "the whole remainder given to the last chunk",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SPLIT, ("        stop = start + base + (1 if k < extra else 0)\n",
                                  "        stop = start + base + (extra if k == workers - 1 else 0)\n")),
    },
    {
        "name": "chunks of ceil(n / workers), the last ones short or empty",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SPLIT, ("        stop = start + base + (1 if k < extra else 0)\n",
                                  "        stop = min(n, start + -(-n // workers))\n")),
    },
    {
        "name": "the thread count not restored after an exception (no try/finally)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(THREADS, ("    try:\n        yield\n    finally:\n        torch.set_num_threads(previous)\n",
                                    "    yield\n    torch.set_num_threads(previous)\n")),
    },
    {
        "name": "the previous count read after setting the new one",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(THREADS, ("    previous = torch.get_num_threads()\n    torch.set_num_threads(n)\n",
                                    "    torch.set_num_threads(n)\n    previous = torch.get_num_threads()\n")),
    },
    {
        "name": "restores the default of 1 thread instead of the previous count",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(THREADS, ("        torch.set_num_threads(previous)\n", "        torch.set_num_threads(1)\n")),
    },
]
