"""Plausible wrong answers for day 52 (profilers); each must lose the points listed.

Each is one of the instructor's four answers below with one rule changed: `changed` makes them, and
refuses a change whose text is not found exactly once."""

from days import changed

TOP_FUNCTIONS = '''def top_functions(stats: dict, by: str, k: int) -> list[tuple]:
    """The top `k` rows (key, total calls, primitive calls, seconds) of a pstats dictionary, by tottime or cumtime."""
    if by not in ("tottime", "cumtime"):
        raise ValueError(f"by must be 'tottime' or 'cumtime', not {by!r}")
    rows = []
    for key, (primitive, total, tottime, cumtime, _callers) in stats.items():
        seconds = tottime if by == "tottime" else cumtime
        rows.append((key, total, primitive, seconds))
    rows.sort(key=lambda row: (-row[3], row[0]))
    return rows[:k]
'''

SELF_TIMES = '''def self_times(events: list[dict]) -> dict[int, float]:
    """Each event's duration minus the durations of its direct children, by event id."""
    result = {e["id"]: float(e["duration"]) for e in events}
    for e in events:
        if e["parent"] is not None:
            result[e["parent"]] -= e["duration"]
    return result
'''

OP_TOTALS = '''def op_totals(trace: dict, cat: str = "cpu_op") -> list[tuple[str, int, float]]:
    """(name, count, total duration in us) of a trace's complete events of category `cat`, largest total first."""
    totals: dict[str, list] = {}
    for e in trace["traceEvents"]:
        if e.get("ph") == "X" and e.get("cat") == cat:
            entry = totals.setdefault(e["name"], [0, 0.0])
            entry[0] += 1
            entry[1] += e["dur"]
    rows = [(name, count, float(total)) for name, (count, total) in totals.items()]
    return sorted(rows, key=lambda row: (-row[2], row[0]))
'''

OP_COUNTS = '''def op_counts(step, names: list[str]) -> dict[str, int]:
    """How often each operator or range in `names` runs in one warmed-up call of `step`."""
    step()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        step()
    counts = {e.key: e.count for e in prof.key_averages()}
    return {name: int(counts.get(name, 0)) for name in names}
'''


MUTANTS = [
    {
        "name": "cumulative time where self time was asked (tottime and cumtime swapped)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(TOP_FUNCTIONS,
                          ('        seconds = tottime if by == "tottime" else cumtime\n',
                           '        seconds = cumtime if by == "tottime" else tottime\n')),
    },
    {
        "name": "the entry unpacked as (total, primitive, ...): recursive functions get their counts swapped",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(TOP_FUNCTIONS,
                          ("    for key, (primitive, total, tottime, cumtime, _callers) in stats.items():\n",
                           "    for key, (total, primitive, tottime, cumtime, _callers) in stats.items():\n")),
    },
    {
        "name": "sorted ascending: the k fastest functions instead of the k slowest",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(TOP_FUNCTIONS,
                          ("    rows.sort(key=lambda row: (-row[3], row[0]))\n",
                           "    rows.sort(key=lambda row: (row[3], row[0]))\n")),
    },
    {
        "name": "top k off by one (k + 1 rows)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(TOP_FUNCTIONS, ("    return rows[:k]\n", "    return rows[:k + 1]\n")),
    },
    {
        "name": "children counted twice: every descendant's duration is subtracted from every ancestor",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(SELF_TIMES,
                          ('''    for e in events:
        if e["parent"] is not None:
            result[e["parent"]] -= e["duration"]
''', '''    parent_of = {e["id"]: e["parent"] for e in events}
    for e in events:
        ancestor = e["parent"]
        while ancestor is not None:
            result[ancestor] -= e["duration"]
            ancestor = parent_of[ancestor]
''')),
    },
    {
        "name": "subtracts the children's self times instead of their durations",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(SELF_TIMES,
                          ('''    result = {e["id"]: float(e["duration"]) for e in events}
    for e in events:
        if e["parent"] is not None:
            result[e["parent"]] -= e["duration"]
    return result
''', '''    children = {e["id"]: [] for e in events}
    for e in events:
        if e["parent"] is not None:
            children[e["parent"]].append(e)

    def own(e):
        return float(e["duration"]) - sum(own(c) for c in children[e["id"]])
    return {e["id"]: own(e) for e in events}
''')),
    },
    {
        "name": "one pass that assumes parents come first: a child listed before its parent is overwritten",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(SELF_TIMES,
                          ('''    result = {e["id"]: float(e["duration"]) for e in events}
    for e in events:
        if e["parent"] is not None:
            result[e["parent"]] -= e["duration"]
''', '''    result = {}
    for e in events:
        result[e["id"]] = float(e["duration"])
        if e["parent"] is not None:
            result[e["parent"]] = result.get(e["parent"], 0.0) - e["duration"]
''')),
    },
    {
        "name": "= instead of += for the total: each name keeps its last duration",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(OP_TOTALS, ('            entry[1] += e["dur"]\n', '            entry[1] = e["dur"]\n')),
    },
    {
        "name": "the category is not checked: ranges and the profiler's own span count as operators",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(OP_TOTALS, ('        if e.get("ph") == "X" and e.get("cat") == cat:\n',
                                      '        if e.get("ph") == "X":\n')),
    },
    {
        "name": "the warm-up call is profiled too: every count doubled",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(OP_COUNTS, ('''    step()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        step()
''', '''    with profile(activities=[ProfilerActivity.CPU]) as prof:
        step()
        step()
''')),
    },
    {
        "name": "no warm-up: the first step (momentum buffers created by clone) is profiled",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(OP_COUNTS, ('''    step()
    with profile''', '''    with profile''')),
    },
    {
        "name": "names that never ran are left out instead of counted 0",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(OP_COUNTS, ("    return {name: int(counts.get(name, 0)) for name in names}\n",
                                      "    return {name: int(counts[name]) for name in names if name in counts}\n")),
    },
]
