"""An engine with a planted bug, for day 30: `*` overwrites gradients instead of adding to them.

`self.grad = ...` instead of `self.grad += ...` in the backward of multiplication: right as long
as every tensor feeds a single operation, wrong as soon as one feeds two (`x * y + x`), or the
same one twice (`x * x`). Everything else is the reference engine, copied below.
"""

# ruff: noqa: F821, S102 (Tensor, unbroadcast, ... come from the copy that exec makes below)
from pathlib import Path

import graphcompute.tensor as _reference

exec(compile(Path(_reference.__file__).read_text(), _reference.__file__, "exec"), globals())


def _mul(self, other):
    other = _as_tensor(other)
    out = Tensor(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad = unbroadcast(other.data * out.grad, self.shape)    # BUG: = instead of +=
        other.grad = unbroadcast(self.data * out.grad, other.shape)   # BUG: = instead of +=
    out._backward = _backward
    return out


Tensor.__mul__ = _mul
