"""Plausible wrong answers for day 51 (timing correctly); each must lose the points listed.

Each is the instructor's answer with one rule changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

MEDIAN_TIME = '''def median_time(fn, *, repeat: int, warmup: int, number: int = 1, clock=time.perf_counter) -> float:
    """Median seconds per call of fn(), over `repeat` timed blocks of `number` calls, after `warmup` untimed calls."""
    if repeat < 1 or number < 1 or warmup < 0:
        raise ValueError(f"need repeat >= 1, number >= 1 and warmup >= 0; got {repeat}, {number}, {warmup}")
    for _ in range(warmup):
        fn()
    per_call = []
    for _ in range(repeat):
        start = clock()
        for _ in range(number):
            fn()
        per_call.append((clock() - start) / number)
    return float(statistics.median(per_call))
'''

SPREAD = '''def iqr(times) -> float:
    """Interquartile range q(0.75) - q(0.25) of `times`, quantiles interpolated linearly."""
    x = np.asarray(times, dtype=np.float64)
    return float(np.quantile(x, 0.75) - np.quantile(x, 0.25))


def mad(times) -> float:
    """Median absolute deviation of `times` from their median (unscaled)."""
    x = np.asarray(times, dtype=np.float64)
    return float(np.median(np.abs(x - np.median(x))))
'''

CHOOSE_NUMBER = '''def choose_number(fn, *, min_time: float, clock=time.perf_counter) -> tuple[int, float]:
    """The first number in 1, 2, 5, 10, 20, 50, ... whose timed block of fn() calls lasts at least min_time."""
    scale = 1
    while True:
        for step in (1, 2, 5):
            number = step * scale
            start = clock()
            for _ in range(number):
                fn()
            elapsed = clock() - start
            if elapsed >= min_time:
                return number, float(elapsed)
        scale *= 10
'''

COMPARE = '''def compare(times_a, times_b) -> tuple[float, str]:
    """(median(a) / median(b), verdict): 'b faster', 'a faster' or 'not distinguishable' from the quartiles."""
    qa = np.quantile(np.asarray(times_a, dtype=np.float64), [0.25, 0.5, 0.75])
    qb = np.quantile(np.asarray(times_b, dtype=np.float64), [0.25, 0.5, 0.75])
    speedup = float(qa[1] / qb[1])
    if qb[2] < qa[0]:
        verdict = "b faster"
    elif qa[2] < qb[0]:
        verdict = "a faster"
    else:
        verdict = "not distinguishable"
    return speedup, verdict
'''


MUTANTS = [
    {
        "name": "the mean of the blocks instead of their median",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(MEDIAN_TIME, ("    return float(statistics.median(per_call))\n",
                                        "    return float(statistics.mean(per_call))\n")),
    },
    {
        "name": "the clock starts before the warm-up (blocks timed back to back: the first one includes the warm-up)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(MEDIAN_TIME,
                          ("    for _ in range(warmup):\n        fn()\n    per_call = []\n    for _ in range(repeat):\n"
                           "        start = clock()\n        for _ in range(number):\n            fn()\n"
                           "        per_call.append((clock() - start) / number)\n",
                           "    start = clock()\n    for _ in range(warmup):\n        fn()\n    per_call = []\n"
                           "    for _ in range(repeat):\n        for _ in range(number):\n            fn()\n"
                           "        end = clock()\n        per_call.append((end - start) / number)\n"
                           "        start = end\n")),
    },
    {
        "name": "one block too few (range(repeat - 1))",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(MEDIAN_TIME, ("    for _ in range(repeat):\n", "    for _ in range(repeat - 1):\n")),
    },
    {
        "name": "the block's time is not divided by number",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(MEDIAN_TIME, ("        per_call.append((clock() - start) / number)\n",
                                        "        per_call.append(clock() - start)\n")),
    },
    {
        "name": "np.percentile given fractions (0.25, 0.75) instead of percents",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_iqr"],
        "source": changed(SPREAD, ("    return float(np.quantile(x, 0.75) - np.quantile(x, 0.25))\n",
                                   "    return float(np.percentile(x, 0.75) - np.percentile(x, 0.25))\n")),
    },
    {
        "name": "the MAD measures deviations from the mean instead of the median",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_mad"],
        "source": changed(SPREAD, ("np.abs(x - np.median(x))", "np.abs(x - np.mean(x))")),
    },
    {
        "name": "a block must last more than min_time (> instead of >=)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(CHOOSE_NUMBER, ("            if elapsed >= min_time:\n", "            if elapsed > min_time:\n")),
    },
    {
        "name": "the trials' times are added up instead of timing each block on its own",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(CHOOSE_NUMBER,
                          ("    scale = 1\n", "    scale, total = 1, 0.0\n"),
                          ("            elapsed = clock() - start\n            if elapsed >= min_time:\n"
                           "                return number, float(elapsed)\n",
                           "            total += clock() - start\n            if total >= min_time:\n"
                           "                return number, float(total)\n")),
    },
    {
        "name": "the speed-up inverted (median(b) / median(a))",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(COMPARE, ("    speedup = float(qa[1] / qb[1])\n", "    speedup = float(qb[1] / qa[1])\n")),
    },
    {
        "name": "the verdict compares the medians only and ignores the spread",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(COMPARE, ("    if qb[2] < qa[0]:\n", "    if qb[1] < qa[1]:\n"),
                          ("    elif qa[2] < qb[0]:\n", "    elif qa[1] < qb[1]:\n")),
    },
    {
        "name": "the verdict compares the full ranges (min and max) instead of the quartiles",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(COMPARE, ("    if qb[2] < qa[0]:\n", "    if np.max(times_b) < np.min(times_a):\n"),
                          ("    elif qa[2] < qb[0]:\n", "    elif np.max(times_a) < np.min(times_b):\n")),
    },
]
