"""An engine with a planted bug, for day 30: the derivative of tanh uses x instead of tanh(x).

d tanh(x)/dx = 1 - tanh(x)^2; this engine computes 1 - x^2, which agrees near x = 0 (where
tanh(x) is about x) and nowhere else. Everything else is the reference engine, copied below.
"""

# ruff: noqa: F821, S102 (Tensor, unbroadcast, ... come from the copy that exec makes below)
from pathlib import Path

import graphcompute.tensor as _reference

exec(compile(Path(_reference.__file__).read_text(), _reference.__file__, "exec"), globals())


def _tanh(self):
    out = Tensor(np.tanh(self.data), (self,), "tanh")

    def _backward():
        self.grad += (1.0 - self.data ** 2) * out.grad   # BUG: should be 1 - tanh(x)^2
    out._backward = _backward
    return out


Tensor.tanh = _tanh
