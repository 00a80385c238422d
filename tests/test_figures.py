"""Every figure a day draws says what its axes show: each axes with tick labels and each colourbar
carries a label, checked as the figure renders in a kernel (tests/figure_labels.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from days import KERNEL_NAME, day_notebooks
from figure_labels import problems_in, unlabelled

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("notebook", day_notebooks(), ids=lambda p: p.parent.name[:6])
def test_every_axis_the_day_draws_is_labelled(notebook: Path) -> None:
    assert problems_in(notebook, KERNEL_NAME) == []


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
