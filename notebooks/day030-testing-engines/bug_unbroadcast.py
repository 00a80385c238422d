"""An engine with a planted bug, for day 30: `unbroadcast` forgets the stretched length-1 axes.

It sums the leading axes that broadcasting added, as it should, but not the axes where the
input had length 1 and the gradient does not: a (1, 3) input added to a (2, 3) one receives a
(2, 3) gradient. Everything else is the reference engine, copied below so this module can change
it without changing `graphcompute.tensor`.
"""

# ruff: noqa: F821, S102 (Tensor, unbroadcast, ... come from the copy that exec makes below)
from pathlib import Path

import graphcompute.tensor as _reference

# A private copy of the reference engine: its own Tensor class and functions, in this module.
exec(compile(Path(_reference.__file__).read_text(), _reference.__file__, "exec"), globals())


def unbroadcast(grad, shape):  # replaces the copied, correct version
    grad = np.asarray(grad)
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    return grad  # BUG: the axes where `shape` has length 1 are not summed back
