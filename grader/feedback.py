"""Feedback: one HTML page per student and assignment notebook.

Score per exercise, what failed and why, the learner's own outputs and plots, and the totals.
Hidden tests stay hidden unless the instructor asks (`show_hidden`): a test cell shows its visible
part, and a failure inside a hidden test shows its message but not its code or traceback.
Everything the student wrote is escaped; their HTML outputs are shown as text, never rendered.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone

import mistune
from nbformat import NotebookNode

from grader import cells
from grader.gradebook import NotebookGrade
from grader.release import replace_region
from grader.score import ANSI, CellScore, failing_line

CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:980px;margin:2rem auto;
 padding:0 1rem;color:#1f2328;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem} .sub{color:#59636e;margin-top:0}
.total{font-size:2.2rem;font-weight:700} .total small{font-size:1rem;color:#59636e;font-weight:400}
table.scores{border-collapse:collapse;width:100%;margin:1rem 0 2rem}
table.scores th,table.scores td{border-bottom:1px solid #d1d9e0;padding:.45rem .6rem;text-align:left}
table.scores td.num{text-align:right;font-variant-numeric:tabular-nums}
table.scores td.msg{white-space:pre-wrap;font-size:.9rem}
.badge{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.85rem;font-weight:600}
.passed{background:#dafbe1;color:#1a7f37}.failed{background:#ffebe9;color:#cf222e}
.partial,.pending{background:#fff8c5;color:#9a6700}.unanswered{background:#eff2f5;color:#59636e}
.notes{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.6rem 1rem}
.cell{border:1px solid #d1d9e0;border-radius:6px;margin:1rem 0;overflow:hidden}
.cell .head{background:#f6f8fa;padding:.3rem .7rem;font-size:.85rem;color:#59636e;display:flex;
 justify-content:space-between}
.cell pre{margin:0;padding:.6rem .8rem;overflow-x:auto;font-size:.85rem;background:#fff}
.cell .out{border-top:1px dashed #d1d9e0} .cell .err{background:#fff5f5;color:#82071e}
.md{padding:.2rem 1rem} img{max-width:100%} .anchor-link{display:none}
.said{background:#ddf4ff;border-radius:6px;padding:.2rem .6rem;margin-top:.3rem;white-space:pre-wrap}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _visible_source(cell: NotebookNode, show_hidden: bool) -> str:
    if show_hidden or not cells.is_grade(cell):
        return cell.source
    source, removed = replace_region(cell.source, cells.BEGIN_HIDDEN_TESTS, cells.END_HIDDEN_TESTS,
                                     ["# (hidden tests)"])
    return source if removed else cell.source


def _hidden_lines(cell: NotebookNode) -> set[int]:
    """1-based line numbers of the cell that lie in a hidden-tests region."""
    hidden, inside = set(), False
    for number, line in enumerate(cell.source.split("\n"), start=1):
        if cells.BEGIN_HIDDEN_TESTS in line:
            inside = True
        if inside:
            hidden.add(number)
        if cells.END_HIDDEN_TESTS in line:
            inside = False
    return hidden


def _render_output(output: NotebookNode, cell: NotebookNode, show_hidden: bool) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        css = "out err" if output.get("name") == "stderr" else "out"
        return f'<pre class="{css}">{_esc(output.get("text", ""))}</pre>'
    if kind == "error":
        message = f'{output.get("ename", "Error")}: {ANSI.sub("", str(output.get("evalue", "")))}'
        line = failing_line(output)
        if show_hidden or (line is not None and line not in _hidden_lines(cell)):
            trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
            return f'<pre class="out err">{_esc(trace or message)}</pre>'
        note = " (in a hidden test)" if cells.is_grade(cell) and _hidden_lines(cell) else ""
        return f'<pre class="out err">{_esc(message)}{note}</pre>'
    if kind in ("execute_result", "display_data"):
        data = output.get("data", {})
        for mime in ("image/png", "image/jpeg"):
            if mime in data:
                payload = re.sub(r"\s", "", str(data[mime]))
                if re.fullmatch(r"[A-Za-z0-9+/=]*", payload):
                    return f'<div class="out"><img alt="figure" src="data:{mime};base64,{payload}"></div>'
        if "text/plain" in data:
            return f'<pre class="out">{_esc(str(data["text/plain"]))}</pre>'
    return ""


def render_feedback(nb: NotebookNode, grade: NotebookGrade, *, show_hidden: bool = False,
                    said: dict[str, list[str]] | None = None, late: str = "") -> str:
    """The feedback page for one executed notebook and its grade; `said` holds what a person
    wrote about each graded cell, `late` what lateness costs (grader.late.describe)."""
    said = said or {}
    by_id = {c.grade_id: c for c in grade.cells}
    rows = []
    for c in grade.cells:
        got = "—" if c.points is None else f"{c.points:g}"
        words = "".join(f'<div class="said">{_esc(text)}</div>' for text in said.get(c.grade_id, []))
        rows.append(f'<tr><td><code>{_esc(c.grade_id)}</code></td>'
                    f'<td><span class="badge {_esc(c.outcome)}">{_esc(c.outcome)}</span></td>'
                    f'<td class="num">{got} / {c.max_points:g}</td>'
                    f'<td class="msg">{_esc(c.message)}{words}</td></tr>')
    notes = ""
    problems = ([grade.reason] if grade.reason else []) + grade.flags + ([late] if late else [])
    if problems:
        notes = '<div class="notes"><b>Notes</b><ul>' + "".join(
            f"<li>{_esc(p)}</li>" for p in problems) + "</ul></div>"
    body = [render_cell(cell, by_id.get(cells.grade_id(cell)), show_hidden=show_hidden)
            for cell in (nb.cells if grade.status == "graded" else [])]
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    pending = " (manual grading pending)" if grade.pending else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_esc(grade.assignment)} · {_esc(grade.student_id)}</title>
<style>{CSS}</style></head><body>
<h1>{_esc(grade.assignment)} · {_esc(grade.notebook)}</h1>
<p class="sub">Feedback for <b>{_esc(grade.student_id)}</b>, graded {when}</p>
<p class="total">{grade.score:g} <small>/ {grade.max_score:g} points{pending}</small></p>
{notes}
<table class="scores"><tr><th>Graded cell</th><th>Result</th><th>Points</th><th>Message</th></tr>
{''.join(rows)}</table>
{''.join(body)}
</body></html>
"""


# mistune with escape=True: raw HTML in the markdown becomes text, and a link or image to a
# javascript:, vbscript:, file: or non-image data: URL becomes "#harmful-link"
_MARKDOWN = mistune.create_markdown(escape=True, plugins=["strikethrough", "table", "url", "math"])


def render_markdown(source: str) -> str:
    """A markdown cell a student may have written, as inert HTML."""
    return f'<div class="md">{_MARKDOWN(source)}</div>'


def render_cell(cell: NotebookNode, score: CellScore | None = None, *,
                show_hidden: bool = False, code_html: str | None = None) -> str:
    """One cell as the feedback page shows it: markdown rendered inert, code escaped (or
    `code_html`, already escaped, such as highlighted code), outputs as text or images."""
    gid = cells.grade_id(cell)
    if cell.cell_type == "markdown":
        return render_markdown(cell.source)
    if cell.cell_type != "code":
        return ""
    label = ""
    if score is not None:
        got = "—" if score.points is None else f"{score.points:g}"
        label = f'<span class="badge {_esc(score.outcome)}">{got} / {score.max_points:g}</span>'
    kind = "test" if cells.is_grade(cell) else "answer" if cells.is_solution(cell) else "code"
    outputs = "".join(_render_output(o, cell, show_hidden) for o in cell.get("outputs", []))
    code = code_html if code_html is not None else _esc(_visible_source(cell, show_hidden))
    return (f'<div class="cell"><div class="head"><span>{kind}'
            f'{" · " + _esc(gid) if gid else ""}</span>{label}</div>'
            f'<pre>{code}</pre>{outputs}</div>')
