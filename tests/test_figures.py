"""The figure check itself (tests/figure_labels.py): each axes with tick labels and each colourbar
carries a label. It runs on every day inside the instructor's grading (tests/test_days.py)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from figure_labels import problems_in, unlabelled


def test_the_check_finds_an_unlabelled_axis_and_a_bare_colourbar() -> None:
    """The check itself: an unlabelled y-axis and a colourbar without a label are found; an
    axis shared with a labelled neighbour, hidden ticks, and a labelled colourbar pass."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, (left, right) = plt.subplots(1, 2, sharey=True)
    left.plot([0, 1], [0, 1])
    left.set_xlabel("step")
    right.set_xticks([])
    image = right.imshow(np.eye(3))
    bar = fig.colorbar(image, ax=right)
    fig.canvas.draw()
    assert unlabelled(fig) == ["axes (untitled): y-axis has tick labels but no label",
                               "colourbar: y-axis has tick labels but no label"]
    left.set_ylabel("loss")
    bar.set_label("weight")
    fig.canvas.draw()
    assert unlabelled(fig) == []
    plt.close(fig)


@pytest.mark.slow
def test_the_check_reports_the_cell_that_drew_an_unlabelled_axis(tmp_path: Path) -> None:
    """Through a real kernel: the report names the cell by its grade id, and a labelled figure
    in the same notebook adds nothing."""
    from days import KERNEL_NAME

    def cell(gid: str, source: str) -> nbformat.NotebookNode:
        made = nbformat.v4.new_code_cell(source)
        made.metadata["nbgrader"] = {"grade_id": gid, "schema_version": 3}
        return made

    nb = nbformat.v4.new_notebook(cells=[
        cell("setup", "%matplotlib inline\nimport matplotlib.pyplot as plt"),
        cell("good", "fig, ax = plt.subplots()\nax.plot([1, 2])\nax.set_xlabel('step')\n"
                     "ax.set_ylabel('loss')\nplt.show()"),
        cell("bad", "fig, ax = plt.subplots()\nax.plot([1, 2])\nax.set_title('curve')\nplt.show()")])
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": KERNEL_NAME, "language": "python"}
    path = tmp_path / "figures.ipynb"
    nbformat.write(nb, path)
    assert problems_in(path, KERNEL_NAME) == ["bad: axes 'curve': x-axis has tick labels but no label",
                                              "bad: axes 'curve': y-axis has tick labels but no label"]
