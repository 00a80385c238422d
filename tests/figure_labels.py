"""Every axis a learner sees says what it shows: checked on each figure as it renders.

`install()` runs inside a kernel: it wraps `Figure.draw`, so every figure that is drawn (inline
display, `savefig`, an animation frame) is checked after matplotlib has laid out its ticks. An axis
needs a label when it shows tick labels, unless an axis it shares with a neighbour is labelled or
the figure has a `supxlabel`/`supylabel` on that side. Colourbars are axes too, so an unlabelled
colour scale is found the same way.

Run on a notebook from the command line (`python tests/figure_labels.py NOTEBOOK...`) to see what
its figures lack, cell by cell.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PROBLEMS: list[dict] = []


def _shown_tick_labels(axis) -> bool:
    if not axis.get_visible():
        return False
    labels = axis.get_majorticklabels() + axis.get_minorticklabels()
    return any(t.get_visible() and t.get_text().strip() for t in labels)


def _has_label(axis) -> bool:
    return bool(axis.get_label().get_text().strip())


def _labelled(ax, which: str) -> bool:
    """The axis, or one it shares with a neighbour, says what it shows."""
    shared = ax.get_shared_x_axes() if which == "x" else ax.get_shared_y_axes()
    return any(_has_label(sibling.xaxis if which == "x" else sibling.yaxis)
               for sibling in shared.get_siblings(ax))


def _figure_has_sup(fig, which: str) -> bool:
    sup = getattr(fig, "_supxlabel" if which == "x" else "_supylabel", None)
    return sup is not None and bool(sup.get_text().strip())


def _describe(ax) -> str:
    if getattr(ax, "_colorbar", None) is not None:
        return "colourbar"
    title = ax.get_title() or ax.get_title(loc="left") or ax.get_title(loc="right")
    return f"axes '{title}'" if title else "axes (untitled)"


def unlabelled(fig) -> list[str]:
    """What in `fig` shows tick labels but does not say what it measures."""
    found = []
    root = fig.get_figure(root=True) if hasattr(fig, "get_figure") else fig
    for ax in fig.get_axes():
        if not ax.get_visible() or not ax.axison:
            continue
        for which in ("x", "y"):
            axis = ax.xaxis if which == "x" else ax.yaxis
            if not _shown_tick_labels(axis):
                continue
            if _labelled(ax, which) or _figure_has_sup(root, which):
                continue
            found.append(f"{_describe(ax)}: {which}-axis has tick labels but no label")
        zaxis = getattr(ax, "zaxis", None)
        if zaxis is not None and _shown_tick_labels(zaxis) and not _has_label(zaxis):
            found.append(f"{_describe(ax)}: z-axis has tick labels but no label")
    return found


def install() -> None:
    """Wrap Figure.draw in this process so that every drawn figure is checked."""
    from matplotlib.figure import Figure

    if getattr(Figure.draw, "_labels_checked", False):
        return
    original = Figure.draw

    def draw(self, renderer):
        result = original(self, renderer)
        try:
            from IPython import get_ipython
            shell = get_ipython()
            # IPython counts the running cell before it runs: inside cell N the counter says N + 1
            count = shell.execution_count - 1 if shell is not None else None
        except ImportError:
            count = None
        for problem in unlabelled(self):
            entry = {"execution_count": count, "problem": problem}
            if entry not in PROBLEMS:
                PROBLEMS.append(entry)
        return result

    draw._labels_checked = True
    Figure.draw = draw


def report() -> str:
    """The problems found so far, as one JSON line (the kernel's last cell prints it)."""
    return json.dumps(PROBLEMS)


REPORT_SOURCE = "print(_figure_labels.report())"


def with_label_check(nb):
    """A copy of `nb` that checks its own figures: a first cell defines this module in the kernel
    from its source (no path of ours need be visible there, as in the grader's sandbox) and
    installs the check; a last cell prints the report. `problems_of` reads it back."""
    import copy

    import nbformat

    nb = copy.deepcopy(nb)
    install = ("import types as _types\n"
               "_figure_labels = _types.ModuleType('figure_labels')\n"
               f"_figure_labels.__file__ = {str(Path(__file__).resolve())!r}\n"
               f"exec({Path(__file__).read_text()!r}, _figure_labels.__dict__)\n"
               "_figure_labels.install()\n"
               "del _types")
    nb.cells = ([nbformat.v4.new_code_cell(install)] + list(nb.cells)
                + [nbformat.v4.new_code_cell(REPORT_SOURCE)])
    return nb


def problems_of(executed) -> list[str]:
    """The unlabelled axes that an executed `with_label_check` notebook reported, each named by
    the grade id of the cell that drew it."""
    by_count = {c.get("execution_count"): c.get("metadata", {}).get("nbgrader", {}).get("grade_id", f"cell {i}")
                for i, c in enumerate(executed.cells) if c.cell_type == "code"}
    text = "".join(o.get("text", "") for o in executed.cells[-1].get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")
    lines = text.strip().splitlines()
    if not lines:
        return ["the figure check printed no report"]
    found = json.loads(lines[-1])
    return [f"{by_count.get(p['execution_count'], '?')}: {p['problem']}" for p in found]


def problems_in(notebook: Path, kernel_name: str = "graphcompute", timeout: int = 120) -> list[str]:
    """Execute `notebook` (as it is, answers included) and return each unlabelled axis it draws,
    named by the grade id of the cell that drew it."""
    import nbclient
    import nbformat

    nb = with_label_check(nbformat.read(notebook, as_version=4))
    client = nbclient.NotebookClient(nb, kernel_name=kernel_name, timeout=timeout,
                                     allow_errors=True,
                                     resources={"metadata": {"path": str(notebook.parent)}})
    client.execute()
    return problems_of(nb)

if __name__ == "__main__":
    status = 0
    for arg in sys.argv[1:]:
        problems = problems_in(Path(arg))
        print(f"{arg}: {len(problems)} unlabelled")
        for line in problems:
            print("  " + line)
        status |= bool(problems)
    sys.exit(status)
