"""Export: the gradebook as CSV, JSON, or Gradescope's results.json per submission.

Scores are summed over an assignment's notebooks from the newest grade of each. As nbgrader
exports, `score` is the points earned so far and `max_score` counts every point, manual ones too.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from grader.gradebook import GradeRecord, Gradebook


def assignment_totals(records: list[GradeRecord]) -> list[dict]:
    totals: dict[tuple[str, str], dict] = {}
    for r in records:
        row = totals.setdefault((r.assignment, r.student_id), {
            "assignment": r.assignment, "student_id": r.student_id, "score": 0.0,
            "max_score": 0.0, "status": "graded", "pending_manual": False, "graded_at": "",
            "submission_hash": "", "notes": []})
        row["score"] += r.score
        row["max_score"] += r.max_score
        row["pending_manual"] = row["pending_manual"] or r.pending
        if r.status != "graded":
            row["status"] = r.status
        row["graded_at"] = max(row["graded_at"], r.graded_at.isoformat())
        row["submission_hash"] = r.submission_hash if not row["submission_hash"] else \
            row["submission_hash"]
        row["notes"] += ([r.reason] if r.reason else []) + r.flag_list()
    return list(totals.values())


def to_csv(gradebook: Gradebook) -> str:
    buffer = io.StringIO()
    fields = ["assignment", "student_id", "score", "max_score", "status", "pending_manual",
              "graded_at", "submission_hash"]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in assignment_totals(gradebook.latest_records()):
        writer.writerow({**row, "score": f"{row['score']:g}", "max_score": f"{row['max_score']:g}"})
    return buffer.getvalue()


def to_json(gradebook: Gradebook) -> str:
    out = []
    for r in gradebook.latest_records():
        out.append({
            "assignment": r.assignment, "student_id": r.student_id, "notebook": r.notebook,
            "score": r.score, "max_score": r.max_score, "status": r.status, "reason": r.reason,
            "flags": r.flag_list(), "graded_at": r.graded_at.isoformat(),
            "submission_hash": r.submission_hash,
            "cells": [{"grade_id": c.grade_id, "points": c.points, "max_points": c.max_points,
                       "outcome": c.outcome, "message": c.message} for c in r.cells]})
    return json.dumps(out, indent=2)


def gradescope_results(records: list[GradeRecord]) -> dict:
    """Gradescope's results.json for one submission (one student's assignment)."""
    tests = []
    for r in records:
        for c in r.cells:
            tests.append({"name": f"{r.notebook}: {c.grade_id}", "score": c.points or 0.0,
                          "max_score": c.max_points, "output": c.message or c.outcome,
                          "visibility": "visible"})
    notes = [x for r in records for x in ([r.reason] if r.reason else []) + r.flag_list()]
    return {"score": sum(r.score for r in records), "output": "\n".join(notes),
            "tests": tests}


def write_gradescope(gradebook: Gradebook, out_dir: Path) -> list[Path]:
    """One `<assignment>/<student_id>/results.json` per submission under `out_dir`."""
    grouped: dict[tuple[str, str], list[GradeRecord]] = {}
    for r in gradebook.latest_records():
        grouped.setdefault((r.assignment, r.student_id), []).append(r)
    written = []
    for (assignment, student), records in grouped.items():
        path = out_dir / assignment / student / "results.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(gradescope_results(records), indent=2))
        written.append(path)
    return written
