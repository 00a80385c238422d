"""An engine with a planted bug, for day 30: the gradient of B in `A @ B` forgets a transpose.

For out = A @ B with upstream gradient G, the gradient of B is A^T @ G; this engine computes
A @ G, which has the right shape only when A is square, and the right values only when A is
symmetric. Everything else is the reference engine, copied below.
"""

# ruff: noqa: F821, S102 (Tensor, unbroadcast, ... come from the copy that exec makes below)
from pathlib import Path

import graphcompute.tensor as _reference

exec(compile(Path(_reference.__file__).read_text(), _reference.__file__, "exec"), globals())


def _matmul(self, other):
    other = _as_tensor(other)
    out = Tensor(self.data @ other.data, (self, other), "@")

    def _backward():
        self.grad += unbroadcast(out.grad @ other.data.swapaxes(-1, -2), self.shape)
        other.grad += unbroadcast(self.data @ out.grad, other.shape)   # BUG: A @ G, not A^T @ G
    out._backward = _backward
    return out


Tensor.__matmul__ = _matmul
