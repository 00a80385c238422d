"""What each page of the console shows, assembled from the course and its gradebook: plain data
for the templates, built without the web framework so it can be tested and benchmarked alone."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache

from nbformat import NotebookNode, from_dict
from nbformat.v4.rwbase import rejoin_lines
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from grader import cells
from grader.course import Course
from grader.current import CurrentCell, CurrentNotebook, current_grades
from grader.export import assignment_totals
from grader.feedback import render_cell
from grader.gradebook import Gradebook
from grader.stats import CellStats, cell_stats, score_distribution

MAX_EXECUTED_BYTES = 50 * 1024 * 1024
_FORMATTER = HtmlFormatter(nowrap=True)
_LEXER = PythonLexer()


@lru_cache(maxsize=4096)
def _executed_cells(path: str, size: int, mtime_ns: int) -> tuple | None:
    """The cells of an autograded notebook as parsed JSON, read once per version of the file
    (turned into notebook nodes only when shown: that costs more than the parse)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_EXECUTED_BYTES + 1)
        if len(data) > MAX_EXECUTED_BYTES:
            return None
        found = json.loads(data).get("cells", [])
        if not isinstance(found, list):
            return None
        # only the answers and tests are ever shown: the teaching cells and their outputs
        # would cost memory for every student
        return tuple(c for c in found if isinstance(c, dict) and
                     (_nbgrader(c).get("grade") or _nbgrader(c).get("solution")))
    except (OSError, ValueError, AttributeError, TypeError):  # not a notebook any more
        return None


def _executed_version(course: Course, assignment: str, student: str,
                      notebook: str) -> tuple[str, int, int] | None:
    """(path, size, mtime) of the notebook as the grader executed it; None where there is none
    (a rejected submission). The grader wrote these files, not the student, but what is in the
    cells is the student's, so it is rendered inert."""
    path = course.autograded_dir / student / assignment / notebook
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not os.path.isfile(path) or os.path.islink(path):
        return None
    return str(path), info.st_size, info.st_mtime_ns


@lru_cache(maxsize=8192)
def _highlighted(source: str) -> str:
    return highlight(source, _LEXER, _FORMATTER)


def _nbgrader(cell: dict) -> dict:
    meta = cell.get("metadata")
    found = meta.get("nbgrader") if isinstance(meta, dict) else None
    return found if isinstance(found, dict) else {}


def _node(cell: dict) -> NotebookNode:
    """One parsed cell as a notebook node, its multi-line strings joined."""
    nb = rejoin_lines(from_dict({"cells": [cell]}))
    return nb.cells[0]


def answer_html(executed: tuple | None, grade_id: str) -> str:
    """What a grader reads for one graded cell: the cell itself, and for a test cell the answer
    cells the student wrote before it (since the previous graded cell)."""
    if executed is None:
        return '<p class="none">No executed notebook: see the notes of this submission.</p>'
    index = next((i for i, c in enumerate(executed) if _nbgrader(c).get("grade_id") == grade_id),
                 None)
    if index is None:
        return '<p class="none">This cell is missing from the executed notebook.</p>'
    shown = [executed[index]]
    target = _nbgrader(executed[index])
    if target.get("grade") and not target.get("solution"):  # a test: the answers above it too
        for cell in reversed(executed[:index]):
            meta = _nbgrader(cell)
            if meta.get("grade"):
                break
            if meta.get("solution"):
                shown.insert(0, cell)
    parts = []
    for raw in shown:
        try:
            cell = _node(raw)
        except (AttributeError, TypeError, ValueError):
            parts.append('<p class="none">This cell cannot be read.</p>')
            continue
        code = None
        if cell.cell_type == "code" and not cells.is_grade(cell) and isinstance(cell.source, str):
            code = _highlighted(cell.source)
        parts.append(render_cell(cell, code_html=code))
    return "".join(parts)


@lru_cache(maxsize=8192)
def _answer_of_version(path: str, size: int, mtime_ns: int, grade_id: str) -> str:
    return answer_html(_executed_cells(path, size, mtime_ns), grade_id)


def student_answer(course: Course, assignment: str, student: str, notebook: str,
                   grade_id: str) -> str:
    """`answer_html` of a student's executed notebook, kept while the file does not change."""
    version = _executed_version(course, assignment, student, notebook)
    return answer_html(None, grade_id) if version is None else \
        _answer_of_version(*version, grade_id)


def prefetch(course: Course) -> int:
    """Read every autograded notebook once, so that the first page a grader opens does not wait
    for the whole class's files (the console runs this beside the server as it starts)."""
    count = 0
    root = course.autograded_dir
    if not root.is_dir():
        return 0
    for path in sorted(root.glob("*/*/*.ipynb")):
        student, assignment = path.parent.parent.name, path.parent.name
        version = _executed_version(course, assignment, student, path.name)
        if version is not None:
            _executed_cells(*version)
            count += 1
    return count


def anonymous_name(student: str, assignment: str) -> str:
    """A stable stand-in for a name in anonymous mode: the same student is the same label on
    every page of an assignment, and the label says nothing about the id."""
    return "Student " + hashlib.sha256(f"{assignment}\0{student}".encode()).hexdigest()[:6]


@dataclass
class QuestionRow:
    student: str
    label: str
    cell: CurrentCell
    answer: str  # inert HTML


@dataclass
class Question:
    assignment: str
    notebook: str
    grade_id: str
    max_points: float
    needs_person: bool
    rows: list[QuestionRow]
    graded: int
    bank: list = field(default_factory=list)


def question_page(course: Course, gradebook: Gradebook, assignment: str, notebook: str,
                  grade_id: str, anonymous: bool = False) -> Question | None:
    """Every student's answer to one graded cell, with its current grade."""
    rows = []
    for n in current_grades(gradebook, assignment):
        if n.record.notebook != notebook:
            continue
        cell = next((c for c in n.cells if c.grade_id == grade_id), None)
        if cell is None:
            continue
        student = n.record.student_id
        rows.append(QuestionRow(student, anonymous_name(student, assignment) if anonymous else student,
                                cell, student_answer(course, assignment, student, notebook, grade_id)))
    if not rows:
        return None
    rows.sort(key=lambda r: r.label)
    graded = sum(1 for r in rows if r.cell.points is not None)
    return Question(assignment, notebook, grade_id, max(r.cell.max_points for r in rows),
                    rows[0].cell.needs_person, rows, graded, gradebook.comments(assignment, grade_id))


@dataclass
class AssignmentSummary:
    name: str
    students: int  # with a grade
    missing: int
    pending: int  # notebooks waiting for a person
    due: str
    questions: list[tuple[str, str, float, bool, int, int]]  # notebook, grade id, max, manual, graded, total


def overview(course: Course, gradebook: Gradebook) -> list[AssignmentSummary]:
    notebooks = current_grades(gradebook)
    roster = [s.id for s in gradebook.roster()]
    rows = assignment_totals(notebooks, roster, course)
    out = []
    for name in sorted({r["assignment"] for r in rows}):
        mine = [n for n in notebooks if n.record.assignment == name]
        questions: dict[tuple[str, str], list[CurrentCell]] = {}
        for n in mine:
            for c in n.cells:
                questions.setdefault((n.record.notebook, c.grade_id), []).append(c)
        out.append(AssignmentSummary(
            name,
            len({n.record.student_id for n in mine}),
            sum(1 for r in rows if r["assignment"] == name and r["status"] == "missing"),
            sum(1 for n in mine if n.pending),
            course.due[name].strftime("%Y-%m-%d %H:%M UTC") if name in course.due else "",
            [(nb, gid, max(c.max_points for c in cs), cs[0].needs_person,
              sum(1 for c in cs if c.points is not None), len(cs))
             for (nb, gid), cs in questions.items()]))
    return out


@dataclass
class StatsPage:
    assignment: str
    cells: list[CellStats]
    totals: dict[str, float]
    max_score: float


def stats_page(gradebook: Gradebook, assignment: str) -> StatsPage | None:
    notebooks = current_grades(gradebook, assignment)
    if not notebooks:
        return None
    totals = score_distribution(notebooks)
    most: dict[str, float] = {}
    for n in notebooks:
        most[n.record.student_id] = most.get(n.record.student_id, 0.0) + n.max_score
    return StatsPage(assignment, cell_stats(notebooks), totals, max(most.values(), default=0.0))


def _bins(counts: dict[float, int], max_points: float) -> list[tuple[str, int, float]]:
    """(label, count, points at its left edge) for every bar: one per whole point from 0 to the
    maximum when that is at most 40 bars, else ten equal ranges; empty bars are drawn too."""
    if max_points <= 0:
        return [(f"{v:g}", n, v) for v, n in sorted(counts.items())]
    whole = float(max_points).is_integer() and max_points <= 40 and \
        all(float(v).is_integer() for v in counts)
    if whole:
        slots = [[f"{k}", 0, float(k)] for k in range(int(max_points) + 1)]
        for value, n in counts.items():
            slots[min(max(int(value), 0), int(max_points))][1] += n
    else:
        width = max_points / 10
        slots = [[f"{k * width:g}–{(k + 1) * width:g}", 0, k * width] for k in range(10)]
        for value, n in counts.items():
            slots[min(max(int(value / width), 0), 9)][1] += n
    return [tuple(slot) for slot in slots]


def histogram_svg(counts: dict[float, int], max_points: float, *, x_label: str = "points",
                  y_label: str = "students", width: int = 420, height: int = 180) -> str:
    """A bar chart as inline SVG, drawn here (no script): points along x from 0 to the maximum,
    students up y, both axes labelled, each bar titled with its count."""
    left, bottom, top, right = 44, 34, 10, 10
    plot_w, plot_h = width - left - right, height - top - bottom
    bins = _bins(counts, max_points)
    most = max((n for _, n, _ in bins), default=0) or 1
    bar_w = plot_w / max(len(bins), 1)
    every = max(1, len(bins) // 10)  # at most about ten tick labels along x
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="hist" width="{width}" '
              f'height="{height}" viewBox="0 0 {width} {height}">'),
             f'<title>{y_label} by {x_label}</title>',
             (f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
              'stroke="#59636e"/>'),
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#59636e"/>']
    for tick in sorted({0, most // 2, most}):
        y = top + plot_h - plot_h * tick / most
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick}</text>')
    for i, (label, n, edge) in enumerate(bins):
        h = plot_h * n / most
        x = left + i * bar_w
        colour = "#1a7f37" if edge >= max_points else "#d4a72c" if edge > 0 else "#cf222e"
        if n:
            parts.append(f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" '
                         f'width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" fill="{colour}">'
                         f'<title>{label} points: {n} student(s)</title></rect>')
        if i % every == 0 or i == len(bins) - 1:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" '
                         f'text-anchor="middle" font-size="11">{label}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 4}" text-anchor="middle" '
                 f'font-size="12">{x_label}</text>')
    parts.append(f'<text transform="translate(12 {top + plot_h / 2}) rotate(-90)" '
                 f'text-anchor="middle" font-size="12">{y_label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def total_counts(totals: dict[str, float]) -> dict[float, int]:
    counts: dict[float, int] = {}
    for value in totals.values():
        counts[value] = counts.get(value, 0) + 1
    return counts


@dataclass
class StudentPage:
    student: str
    name: str
    email: str
    rows: list[dict]
    notebooks: list[CurrentNotebook]
    history: list


def student_page(course: Course, gradebook: Gradebook, student: str) -> StudentPage | None:
    roster = {s.id: s for s in gradebook.roster()}
    notebooks = current_grades(gradebook, student_id=student)
    if not notebooks and student not in roster:
        return None
    rows = [r for r in assignment_totals(notebooks, [student] if student in roster else [], course,
                                         gradebook.assignments())
            if r["student_id"] == student]
    history = []
    for assignment in sorted({n.record.assignment for n in notebooks}):
        history += gradebook.history(assignment, student)
    manual = gradebook.manual_grades(student_id=student)
    entry = roster.get(student)
    return StudentPage(student, entry.name if entry else "", entry.email if entry else "", rows,
                       notebooks, sorted(history + manual, key=lambda x: x.graded_at))


@dataclass
class RosterPage:
    students: list  # roster rows, then anyone graded who is not on the roster
    assignments: list[str]
    totals: dict[tuple[str, str], dict]  # (student, assignment) -> export's row

    def cell(self, student: str, assignment: str) -> dict | None:
        return self.totals.get((student, assignment))


def roster_page(course: Course, gradebook: Gradebook) -> RosterPage:
    roster = gradebook.roster()
    rows = assignment_totals(current_grades(gradebook), [s.id for s in roster], course)
    known = {s.id for s in roster}
    others = sorted({r["student_id"] for r in rows} - known)
    return RosterPage([*roster, *others], sorted({r["assignment"] for r in rows}),
                      {(r["student_id"], r["assignment"]): r for r in rows})
