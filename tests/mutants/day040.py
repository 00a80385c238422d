"""Plausible wrong answers for day 40 (measuring learning: exports, retention, pass rates, bootstrap); each must lose the points listed."""

MUTANTS = [
    {
        "name": "retention counts only the learners who handed in exactly day d (not monotone)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def retention_curve(rows: list[dict], n_days: int) -> np.ndarray:
    learners = {r["student_id"] for r in rows}
    on_day = defaultdict(set)
    for r in rows:
        on_day[int(r["assignment"][3:6])].add(r["student_id"])
    return np.array([len(on_day[d]) / len(learners) for d in range(1, n_days + 1)], dtype=np.float64)
''',
    },
    {
        "name": "retention counts the days handed in instead of the last day",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def retention_curve(rows: list[dict], n_days: int) -> np.ndarray:
    count = defaultdict(int)
    for r in rows:
        count[r["student_id"]] += 1
    n = np.array(list(count.values()))
    return np.array([np.mean(n >= d) for d in range(1, n_days + 1)], dtype=np.float64)
''',
    },
    {
        "name": "pass rate as the mean score fraction instead of full marks on every cell",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def exercise_pass_rates(records: list[dict]) -> dict[tuple[str, str], float]:
    latest = {}
    for r in records:
        key = (r["assignment"], r["student_id"], r["notebook"])
        if key not in latest or datetime.fromisoformat(r["graded_at"]) > datetime.fromisoformat(latest[key]["graded_at"]):
            latest[key] = r
    fractions = defaultdict(list)
    for r in latest.values():
        got, out_of = defaultdict(float), defaultdict(float)
        for c in r["cells"]:
            e = c["grade_id"].split("_")[0]
            got[e] += c["points"] or 0.0
            out_of[e] += c["max_points"]
        for e in got:
            fractions[(r["assignment"], e)].append(got[e] / out_of[e])
    return {k: float(np.mean(v)) for k, v in fractions.items()}


def stalls(rates: dict, k: int) -> list:
    return sorted(rates, key=lambda key: (rates[key], key))[:k]
''',
    },
    {
        "name": "keeps the first attempt (earliest graded_at) instead of the latest",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def exercise_pass_rates(records: list[dict]) -> dict[tuple[str, str], float]:
    first = {}
    for r in records:
        key = (r["assignment"], r["student_id"], r["notebook"])
        if key not in first or datetime.fromisoformat(r["graded_at"]) < datetime.fromisoformat(first[key]["graded_at"]):
            first[key] = r
    ok = defaultdict(list)
    for r in first.values():
        full = defaultdict(list)
        for c in r["cells"]:
            full[c["grade_id"].split("_")[0]].append(c["points"] is not None and c["points"] == c["max_points"])
        for e, v in full.items():
            ok[(r["assignment"], e)].append(all(v))
    return {k: float(np.mean(v)) for k, v in ok.items()}


def stalls(rates: dict, k: int) -> list:
    return sorted(rates, key=lambda key: (rates[key], key))[:k]
''',
    },
    {
        "name": "stalls sorts by rate only, so ties come in the dict's order",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_stalls"],
        "source": '''def exercise_pass_rates(records: list[dict]) -> dict[tuple[str, str], float]:
    latest = {}
    for r in records:
        key = (r["assignment"], r["student_id"], r["notebook"])
        if key not in latest or datetime.fromisoformat(r["graded_at"]) > datetime.fromisoformat(latest[key]["graded_at"]):
            latest[key] = r
    ok = defaultdict(list)
    for r in latest.values():
        full = defaultdict(list)
        for c in r["cells"]:
            full[c["grade_id"].split("_")[0]].append(c["points"] is not None and c["points"] == c["max_points"])
        for e, v in full.items():
            ok[(r["assignment"], e)].append(all(v))
    return {k: float(np.mean(v)) for k, v in ok.items()}


def stalls(rates: dict, k: int) -> list:
    return sorted(rates, key=rates.get)[:k]
''',
    },
    {
        "name": "the bootstrap resamples outcome rows instead of learners",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def bootstrap_diff_ci(outcomes: list[dict], n_boot: int, level: float, seed: int) -> tuple[float, float, float]:
    rng = np.random.default_rng(seed)
    a = np.array([float(o["passed"]) for o in outcomes if o["hint"] == "A"])
    b = np.array([float(o["passed"]) for o in outcomes if o["hint"] == "B"])
    estimate = b.mean() - a.mean()
    diffs = np.empty(n_boot)
    for i in range(n_boot):
        diffs[i] = b[rng.integers(0, len(b), size=len(b))].mean() - a[rng.integers(0, len(a), size=len(a))].mean()
    low, high = np.quantile(diffs, [(1 - level) / 2, (1 + level) / 2])
    return float(estimate), float(low), float(high)
''',
    },
    {
        "name": "percentile interval with the wrong quantiles (1 - level and level: 5% and 95% for a 95% interval)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def bootstrap_diff_ci(outcomes: list[dict], n_boot: int, level: float, seed: int) -> tuple[float, float, float]:
    rng = np.random.default_rng(seed)
    counts = {"A": defaultdict(lambda: [0, 0]), "B": defaultdict(lambda: [0, 0])}
    for o in outcomes:
        c = counts[o["hint"]][o["student_id"]]
        c[0] += bool(o["passed"])
        c[1] += 1
    arrays = {arm: np.array([counts[arm][i] for i in sorted(counts[arm])]) for arm in "AB"}
    estimate = arrays["B"][:, 0].sum() / arrays["B"][:, 1].sum() - arrays["A"][:, 0].sum() / arrays["A"][:, 1].sum()
    diffs = np.empty(n_boot)
    for b in range(n_boot):
        rate = {}
        for arm in "AB":
            pick = rng.integers(0, len(arrays[arm]), size=len(arrays[arm]))
            rate[arm] = arrays[arm][pick, 0].sum() / arrays[arm][pick, 1].sum()
        diffs[b] = rate["B"] - rate["A"]
    low, high = np.quantile(diffs, [1 - level, level])
    return float(estimate), float(low), float(high)
''',
    },
    {
        "name": "earned counts the points of passing exercises only, dropping partial credit of failing ones",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def progress_summary(cache: dict) -> dict:
    out = {"points": 0.0, "earned": 0.0, "done": [], "started": [], "not_started": []}
    if cache.get("format") != 1:
        return out
    for entry in cache["days"].values():
        result = entry.get("result")
        if not isinstance(result, dict):
            continue
        exercises = result["exercises"]
        out["points"] += float(sum(e["points"] for e in exercises))
        out["earned"] += float(sum(e["points"] for e in exercises if e["state"] == "pass"))
        if not exercises:
            continue
        states = {e["state"] for e in exercises}
        group = "done" if states == {"pass"} else "not_started" if states == {"not started"} else "started"
        out[group].append(result["day"])
    for group in ("done", "started", "not_started"):
        out[group].sort()
    return out
''',
    },
    {
        "name": "ignores the cache format and calls a day done when it earned anything",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def progress_summary(cache: dict) -> dict:
    out = {"points": 0.0, "earned": 0.0, "done": [], "started": [], "not_started": []}
    for entry in cache.get("days", {}).values():
        result = entry.get("result")
        if not isinstance(result, dict):
            continue
        exercises = result["exercises"]
        out["points"] += float(sum(e["points"] for e in exercises))
        out["earned"] += float(sum(e["earned"] for e in exercises))
        if not exercises:
            continue
        if all(e["state"] == "pass" for e in exercises):
            out["done"].append(result["day"])
        elif any(e["earned"] > 0 for e in exercises):
            out["started"].append(result["day"])
        else:
            out["not_started"].append(result["day"])
    for group in ("done", "started", "not_started"):
        out[group].sort()
    return out
''',
    },
]
