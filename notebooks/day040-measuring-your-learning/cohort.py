"""A synthetic cohort of Graph Compute 100 learners, written exactly as `gc100 export` writes it.

`write_cohort(folder, seed)` simulates `n_learners` learners working through days 1 to `n_days`
and writes, into `folder`:

* `gradebook.csv` and `gradebook.json`: the final export (`gc100 export --format csv` and
  `--format json`): one row per (assignment, student), one record per (assignment, student,
  notebook), each the **latest** grade of that notebook;
* `exports/gradebook-<date>.json`: the JSON exports taken earlier in the course (full snapshots of
  the gradebook at that moment, as a nightly export would leave them);
* `hint_arms.csv`: `student_id,hint`, the hint version (A or B) each learner was shown on the hard
  exercises (an experiment; the gradebook has no such column).

What is simulated: learners of different ability; drop-outs (a learner stops after some day, more
often after a hard day); skipped days; retries (a later submission of the same day, graded later,
replaces the earlier grade in the gradebook's latest view, and may even score less); a few
rejected submissions; a few hard exercises; and hint B raising the chance of passing a hard
exercise a little. Only `csv`, `json` and `numpy` are used. `generate(seed)` returns the same
texts without writing anything.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

# the course's first 30 days: folder name and test cells (grade_id, points), as the notebooks have them
# (day 20's written review, graded by hand, is left out: the cohort is what the autograder records)
DAYS = [
    ("day001-learning-sandbox", [("ex1_tests", 3.0), ("ex2_tests", 3.0), ("ex3_tests", 2.0), ("ex3_tests_reuse", 2.0)]),
    ("day002-expression-trees", [("ex1_tests", 2.0), ("ex1_tests_errors", 1.0), ("ex2_tests", 2.0), ("ex3_tests", 2.0), ("ex4_tests", 3.0)]),
    ("day003-computational-graphs", [("ex1_tests", 3.0), ("ex2_tests", 2.0), ("ex2_tests_cycles", 2.0), ("ex3_tests", 2.0), ("ex3_tests_fast", 1.0)]),
    ("day004-numerical-derivatives", [("ex1_tests", 3.0), ("ex2_tests", 2.0), ("ex3_tests", 2.0), ("ex4_tests", 3.0)]),
    ("day005-symbolic-differentiation", [("ex1_tests_rules", 3.0), ("ex1_tests_chain", 2.0), ("ex2_tests", 3.0), ("ex3_tests", 2.0)]),
    ("day006-forward-mode-dual-numbers", [("ex1_tests_arith", 2.0), ("ex1_tests_mixed", 2.0), ("ex2_tests", 2.0), ("ex3_tests", 2.0), ("ex4_tests", 1.5), ("ex4_tests_passes", 0.5)]),
    ("day007-chain-rule-on-graphs", [("ex1_tests", 3.0), ("ex2_tests", 2.0), ("ex3_tests", 2.5), ("ex3_tests_calls", 0.5), ("ex4_tests", 2.0)]),
    ("day008-reverse-mode-by-hand", [("ex1_tests", 1.5), ("ex1_tests_shared", 0.5), ("ex2_tests", 2.0), ("ex3_tests_tree", 2.0), ("ex3_tests_reuse", 2.0), ("ex4_tests", 2.0)]),
    ("day009-scalar-engine-part1", [("ex1_tests", 2.0), ("ex2_tests", 2.0), ("ex3_tests", 2.0), ("ex4_tests_chain", 1.0), ("ex4_tests_reuse", 2.0), ("ex5_tests", 1.0)]),
    ("day010-scalar-engine-part2", [("ex1_tests", 1.5), ("ex1_tests_nodes", 0.5), ("ex2_tests", 1.5), ("ex2_tests_nodes", 0.5), ("ex3_tests", 1.0), ("ex3_tests_torch", 2.0), ("ex4_tests", 2.0), ("ex5_tests", 1.0)]),
    ("day011-neurons-layers-mlp", [("ex1_tests", 1.5), ("ex1_tests_errors", 0.5), ("ex2_tests", 3.0), ("ex3_tests", 2.0), ("ex4_tests_build", 1.0), ("ex4_tests_call", 2.0)]),
    ("day012-losses-gradient-descent", [("ex1_tests", 1.5), ("ex1_tests_errors", 0.5), ("ex2_tests", 1.5), ("ex2_tests_errors", 0.5), ("ex3_tests", 2.0), ("ex4_tests_types", 1.0), ("ex4_tests_values", 3.0)]),
    ("day013-forward-vs-reverse-cost", [("ex1_tests", 2.0), ("ex1_tests_passes", 1.0), ("ex2_tests", 3.0), ("ex3_tests", 1.0), ("ex3_tests_pass", 1.0), ("ex4_tests", 2.0)]),
    ("day014-gradient-checking", [("ex1_tests", 1.5), ("ex1_tests_shapes", 0.5), ("ex2_tests", 2.0), ("ex3_tests_verdicts", 1.5), ("ex3_tests_shape", 0.5), ("ex3_tests_teeth", 2.0), ("ex4_tests", 2.0)]),
    ("day015-torch-autograd-first-look", [("ex1_tests", 3.0), ("ex2_tests", 2.5), ("ex2_tests_calls", 0.5), ("ex3_tests_shape", 1.0), ("ex3_tests_values", 3.0)]),
    ("day016-jacobians-vjp-jvp", [("ex1_tests", 2.0), ("ex2_tests", 1.0), ("ex2_tests_once", 1.0), ("ex3_tests", 1.0), ("ex4_tests", 1.0), ("ex5_tests", 1.0), ("ex5_tests_forward", 1.0), ("ex6_tests", 2.0)]),
    ("day017-optimizers-from-scratch", [("ex1_tests", 2.0), ("ex2_tests", 3.0), ("ex3_tests", 3.0), ("ex4_tests", 2.0)]),
    ("day018-numerical-stability", [("ex1_tests", 2.0), ("ex2_tests", 2.0), ("ex3_tests", 3.0), ("ex4_tests", 3.0)]),
    ("day019-initialization-gradient-norms", [("ex1_tests", 2.0), ("ex2_tests", 2.0), ("ex3_tests", 3.0), ("ex4_tests", 3.0)]),
    ("day020-milestone-code-review", [("ex1_tests", 1.0), ("ex2_tests", 2.0), ("ex3_tests", 2.0), ("ex4_tests", 3.0)]),
    ("day021-arrays-shapes-strides", [("ex1_tests", 2.0), ("ex2_tests", 3.0), ("ex3_tests", 2.0), ("ex4_tests", 3.0)]),
    ("day022-broadcasting-unbroadcast", [("ex1_tests", 1.0), ("ex1_tests_rule", 1.0), ("ex2_tests", 1.0), ("ex2_tests_fast", 1.0), ("ex3_tests", 3.0), ("ex4_tests", 3.0)]),
    ("day023-tensor-engine", [("ex1_tests", 2.0), ("ex2_tests", 2.0), ("ex3_tests", 3.0), ("ex4_tests_chain", 1.0), ("ex4_tests_reuse", 2.0)]),
    ("day024-reductions-gradients", [("ex1_tests", 2.0), ("ex1_tests_writeable", 1.0), ("ex2_tests", 2.0), ("ex3_tests", 3.0), ("ex4_tests", 2.0)]),
    ("day025-matmul-gradient", [("ex1_tests", 3.0), ("ex2_tests", 2.0), ("ex3_tests", 3.0), ("ex4_tests", 2.0)]),
    ("day026-softmax-cross-entropy-fused", [("ex1_tests", 2.0), ("ex2_tests", 2.0), ("ex3_tests", 2.0), ("ex3_tests_one_node", 1.0), ("ex4_tests", 2.0), ("ex4_tests_one_node", 1.0)]),
    ("day027-mlp-on-digits", [("ex1_tests", 2.0), ("ex1_tests_init", 1.0), ("ex2_tests", 3.0), ("ex3_tests", 2.0), ("ex4_tests", 2.0)]),
    ("day028-convolution-im2col", [("ex1_tests", 3.0), ("ex2_tests", 3.0), ("ex3_tests", 2.0), ("ex4_tests", 2.0)]),
    ("day029-einsum-gradient", [("ex1_tests", 2.0), ("ex2_tests", 2.0), ("ex3_tests", 2.0), ("ex3_tests_writeable", 1.0), ("ex4_tests", 3.0)]),
    ("day030-testing-engines", [("ex1_tests", 2.0), ("ex2_tests", 3.0), ("ex3_tests", 2.0), ("ex4_tests", 3.0)]),
]
# the hard exercises (assignment, exercise): low pass rates, drop-outs after them, and the hint experiment
HARD = [("day008-reverse-mode-by-hand", "ex3"), ("day010-scalar-engine-part2", "ex3"),
        ("day016-jacobians-vjp-jvp", "ex5"), ("day022-broadcasting-unbroadcast", "ex4"),
        ("day026-softmax-cross-entropy-fused", "ex3")]
START = datetime(2026, 9, 7, 8, 0, 0)
EXPORT_DAYS = (10, 20)  # calendar days after START of the earlier exports (the final one comes last)
HINT_EFFECT = 0.8       # hint B adds this to the logit of passing a hard exercise
FAIL_MESSAGES = ["AssertionError: expected {v}, got {w}", "AssertionError: wrong shape: expected (3, 2), got (2, 3)",
                 "TypeError: unsupported operand type(s) for +: 'Value' and 'NoneType'",
                 "AssertionError: the gradient of input {v} is off by {w}"]


def exercise_of(grade_id: str) -> str:
    return grade_id.split("_")[0]


def _simulate(seed: int, n_learners: int, n_days: int) -> tuple[list[dict], list[tuple[str, str]]]:
    """Every grading of every submission (records in the JSON export's shape), and the hint arms."""
    rng = np.random.default_rng(seed)
    hard = set(HARD)
    students = [f"s{i:03d}" for i in range(1, n_learners + 1)]
    arms = [(s, "A" if h == 0 else "B") for s, h in zip(students, rng.permutation(np.arange(n_learners) % 2))]
    hint = dict(arms)
    history = []
    for student in students:
        ability = rng.normal(0.0, 1.8)
        clock = START + timedelta(hours=float(rng.uniform(0, 30)))
        hazard_scale = float(rng.uniform(0.5, 1.5))
        for d in range(1, n_days + 1):
            name, cells = DAYS[(d - 1) % len(DAYS)]
            assignment = name if d <= len(DAYS) else f"day{d:03d}-extra"
            clock += timedelta(hours=float(rng.uniform(14, 40)))
            if rng.random() < 0.05:  # a skipped day: nothing handed in, the learner goes on
                continue
            exercises = sorted({exercise_of(g) for g, _ in cells})
            diff = {e: (-2.2 if (assignment, e) in hard else 2.6 - 0.03 * d) for e in exercises}
            for e in exercises:
                if (assignment, e) in hard and hint[student] == "B":
                    diff[e] += HINT_EFFECT
            mastered = {e: False for e in exercises}
            attempts = 1 + int(rng.poisson(0.6)) + (1 if any((assignment, e) in hard for e in exercises) else 0)
            when = clock
            for attempt in range(min(attempts, 4)):
                if attempt:
                    when += timedelta(hours=float(rng.uniform(0.3, 20)), microseconds=int(rng.integers(1, 999999)))
                else:
                    when += timedelta(seconds=float(rng.uniform(0, 3600)), microseconds=int(rng.integers(1, 999999)))
                notebook = f"{assignment}.ipynb"
                digest = hashlib.sha256(f"{seed}/{student}/{assignment}/{attempt}".encode()).hexdigest()
                if rng.random() < 0.015:  # a submission the grader could not read
                    reason = f"{notebook} is not valid JSON (Expecting ',' delimiter: line {int(rng.integers(40, 900))} column 5)"
                    cell_rows = [{"grade_id": g, "points": 0.0, "max_points": p, "outcome": "failed",
                                  "message": reason} for g, p in cells]
                    history.append({"assignment": assignment, "student_id": student, "notebook": notebook,
                                    "score": 0.0, "max_score": float(sum(p for _, p in cells)),
                                    "status": "rejected", "reason": reason, "flags": [], "graded_at": when,
                                    "submission_hash": digest, "cells": cell_rows})
                    continue
                for e in exercises:
                    p = 1.0 / (1.0 + np.exp(-(ability + diff[e] + 0.35 * attempt)))
                    if mastered[e]:
                        mastered[e] = rng.random() > 0.03  # a later edit can break what worked
                    else:
                        mastered[e] = bool(rng.random() < p)
                cell_rows = []
                for g, pts in cells:
                    e = exercise_of(g)
                    ok = mastered[e] or rng.random() < 0.35
                    if ok:
                        cell_rows.append({"grade_id": g, "points": pts, "max_points": pts, "outcome": "passed", "message": ""})
                    else:
                        template = FAIL_MESSAGES[int(rng.integers(len(FAIL_MESSAGES)))]
                        message = template.format(v=int(rng.integers(0, 9)), w=round(float(rng.normal()), 3))
                        cell_rows.append({"grade_id": g, "points": 0.0, "max_points": pts, "outcome": "failed", "message": message})
                history.append({"assignment": assignment, "student_id": student, "notebook": notebook,
                                "score": float(sum(c["points"] for c in cell_rows)),
                                "max_score": float(sum(c["max_points"] for c in cell_rows)),
                                "status": "graded", "reason": "", "flags": [], "graded_at": when,
                                "submission_hash": digest, "cells": cell_rows})
                if all(mastered.values()):
                    break
            clock = max(clock, when)
            quit_chance = hazard_scale * (0.012 + (0.09 if any((assignment, e) in hard for e in exercises) else 0.0)
                                          + (0.03 if not all(mastered.values()) else 0.0))
            if rng.random() < quit_chance:
                break
    history.sort(key=lambda r: r["graded_at"])
    return history, arms


def latest_view(history: list[dict], until: datetime | None = None) -> list[dict]:
    """What the gradebook's latest_records() returns at time `until`: the newest record of every
    (assignment, student, notebook), sorted by those three."""
    newest = {}
    for r in history:
        if until is None or r["graded_at"] <= until:
            newest[(r["assignment"], r["student_id"], r["notebook"])] = r
    return [newest[k] for k in sorted(newest)]


GRADED_AFTER = timedelta(minutes=5)  # the grader runs a few minutes after a hand-in


def _submitted(r: dict) -> datetime | None:
    """When the work was handed in; a file the grader could not read has no time."""
    return None if r["status"] == "rejected" else r["graded_at"] - GRADED_AFTER


def to_json(records: list[dict]) -> str:
    """grader/export.py's to_json, for a course without due dates or grades given by hand: every
    cell as the autograder left it, nothing late."""
    out = []
    for r in records:
        when = _submitted(r)
        out.append({**r, "graded_at": r["graded_at"].isoformat(),
                    "submitted_at": when.isoformat() if when else None,
                    "hours_late": 0, "assignment_late_penalty": 0.0,
                    "cells": [{**c, "graded_by": "autograder", "source": "autograder", "comment": "",
                               "reason": ""} for c in r["cells"]]})
    return json.dumps(out, indent=2)


def to_csv(records: list[dict]) -> str:
    """grader/export.py's to_csv: scores summed over an assignment's notebooks."""
    totals: dict[tuple[str, str], dict] = {}
    for r in records:
        row = totals.setdefault((r["assignment"], r["student_id"]), {
            "assignment": r["assignment"], "student_id": r["student_id"], "score": 0.0, "max_score": 0.0,
            "status": "graded", "pending_manual": False, "graded_at": "", "submission_hash": "",
            "submitted_at": ""})
        row["score"] += r["score"]
        row["max_score"] += r["max_score"]
        if r["status"] != "graded":
            row["status"] = r["status"]
        row["graded_at"] = max(row["graded_at"], r["graded_at"].isoformat())
        row["submission_hash"] = row["submission_hash"] or r["submission_hash"]
        when = _submitted(r)
        row["submitted_at"] = max(row["submitted_at"], when.isoformat() if when else "")
    buffer = io.StringIO()
    fields = ["assignment", "student_id", "score", "max_score", "status", "pending_manual", "graded_at",
              "submission_hash", "submitted_at", "hours_late", "late_penalty", "raw_score"]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in totals.values():  # nothing is late: the score is the raw score
        writer.writerow({**row, "score": f"{row['score']:g}", "max_score": f"{row['max_score']:g}",
                         "hours_late": 0, "late_penalty": 0, "raw_score": f"{row['score']:g}"})
    return buffer.getvalue()


def generate(seed: int, n_learners: int = 200, n_days: int = 30) -> dict[str, str]:
    """The cohort's files as {relative path: text}; nothing is written."""
    history, arms = _simulate(seed, n_learners, n_days)
    files = {}
    for day in EXPORT_DAYS:
        until = START + timedelta(days=day, hours=23)
        files[f"exports/gradebook-{until.date().isoformat()}.json"] = to_json(latest_view(history, until))
    final = latest_view(history)
    files["gradebook.csv"] = to_csv(final)
    files["gradebook.json"] = to_json(final)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student_id", "hint"])
    writer.writerows(arms)
    files["hint_arms.csv"] = buffer.getvalue()
    return files


def write_cohort(folder, seed: int, n_learners: int = 200, n_days: int = 30) -> Path:
    """Write the cohort's files under `folder` (created if needed); return the folder."""
    folder = Path(folder)
    for name, text in generate(seed, n_learners, n_days).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder
