"""An engine with a planted bug, for day 30: `sum(axis=...)` broadcasts its gradient back naively.

The backward of a reduction must put the reduced axis back (as length 1) before broadcasting the
output's gradient over the input. This engine broadcasts `out.grad` as it comes: right for
`keepdims=True`, for `axis=None` and for the leading axis, wrong for any other axis, and silently
wrong when the input is square. `mean` is built on `sum`, so it inherits the bug. Everything else
is the reference engine, copied below.
"""

# ruff: noqa: F821, S102 (Tensor, unbroadcast, ... come from the copy that exec makes below)
from pathlib import Path

import graphcompute.tensor as _reference

exec(compile(Path(_reference.__file__).read_text(), _reference.__file__, "exec"), globals())


def _sum(self, axis=None, keepdims=False):
    out = Tensor(self.data.sum(axis=axis, keepdims=keepdims), (self,), "sum")

    def _backward():
        self.grad += np.broadcast_to(out.grad, self.shape)   # BUG: the reduced axis is not put back
    out._backward = _backward
    return out


Tensor.sum = _sum
