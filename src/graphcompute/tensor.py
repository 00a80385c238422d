"""The tensor reverse-mode engine of days 21 to 26, as a reference for the days after them.

The scalar `Value` of days 9 and 10, grown to arrays: a `Tensor` holds a NumPy array (float64
unless told otherwise), a gradient of the same shape, the tensors it was made from and the
operation that made it. As in micrograd, each operation builds a new node and, right beside its
forward computation, the closure that pushes gradient back to its inputs; `backward()` is a
topological sort and one reversed loop; gradients accumulate with `+=`, so a tensor used twice
gets both contributions.

Three ideas are new with arrays, one per day:
- broadcasting stretches an input without copying it, so its gradient must be summed back to the
  input's shape (`unbroadcast`, day 22);
- a reduction sends each output's gradient back to the inputs it summarised (`sum`, `mean`,
  `max`, day 24);
- the gradient of `A @ B` is `G @ B.T` and `A.T @ G`, and the shapes alone say so (day 25).
The fused `softmax_cross_entropy` (day 26) shows why a hand-written backward can beat the chain
of primitives: it is shorter, faster and never overflows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

Number = int | float
ArrayLike = np.ndarray | Number | Sequence
Axis = int | Sequence[int] | None


# -- the adjoint of broadcasting ----------------------------------------------------------------
def unbroadcast(grad: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    """Sum `grad` down to `shape`, undoing the broadcast that stretched an input of that shape.

    Broadcasting copies one input value into many output positions, so that value's gradient is
    the sum over all of them: first over the leading axes NumPy added in front, then (keeping the
    axis) over every axis where the input had length 1 and the gradient does not.
    """
    shape = tuple(shape)
    grad = np.asarray(grad)
    extra = grad.ndim - len(shape)
    if extra < 0:
        raise ValueError(f"a gradient of shape {grad.shape} cannot come from broadcasting shape {shape}")
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    if grad.shape != shape:
        raise ValueError(f"a gradient of shape {grad.shape} cannot come from broadcasting shape {shape}")
    return grad


def _normalize_axis(axis: Axis, ndim: int) -> tuple[int, ...]:
    """The reduced axes as sorted non-negative integers (None means every axis)."""
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    return tuple(sorted(int(a) % ndim for a in axes)) if ndim else ()


def _keepdims(grad: np.ndarray, axis: Axis, ndim: int, keepdims: bool) -> np.ndarray:
    """Put back the reduced axes (as length 1) so an output gradient broadcasts over the input."""
    return grad if keepdims else np.expand_dims(grad, _normalize_axis(axis, ndim))


class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    # NumPy must hand `array + tensor` to Tensor.__radd__ instead of looping over the tensor.
    __array_ufunc__ = None

    def __init__(self, data: ArrayLike, _children: tuple[Tensor, ...] = (), _op: str = "",
                 label: str = "", dtype: np.dtype | type = np.float64) -> None:
        self.data = np.array(data, dtype=dtype)  # a copy: mutating the caller's array changes nothing here
        self.grad = np.zeros_like(self.data)
        self._backward: Callable[[], None] = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    # -- what NumPy users expect to read -------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    def item(self) -> float:
        """The value of a one-element tensor as a Python float (a loss, for printing)."""
        return float(self.data.item())

    def zero_grad(self) -> None:
        """Reset `.grad` to zeros: backward adds to it, it never overwrites it."""
        self.grad = np.zeros_like(self.data)

    # -- elementwise primitives: forward and local backward side by side -----------------------
    def __add__(self, other: Tensor | ArrayLike) -> Tensor:
        other = _as_tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other: Tensor | ArrayLike) -> Tensor:
        other = _as_tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += unbroadcast(other.data * out.grad, self.shape)
            other.grad += unbroadcast(self.data * out.grad, other.shape)
        out._backward = _backward
        return out

    def __pow__(self, exponent: Number) -> Tensor:
        if not isinstance(exponent, (int, float, np.integer, np.floating)):
            raise TypeError("Tensor ** exponent supports a number as the exponent only")
        out = Tensor(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> Tensor:
        out = Tensor(np.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> Tensor:
        out = Tensor(np.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self) -> Tensor:
        t = np.tanh(self.data)
        out = Tensor(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> Tensor:
        out = Tensor(np.maximum(self.data, 0.0), (self,), "relu")

        def _backward() -> None:
            self.grad += (self.data > 0) * out.grad  # 0 at the kink, as PyTorch does
        out._backward = _backward
        return out

    # -- matrix product: the shapes say where each transpose goes (day 25) ---------------------
    def __matmul__(self, other: Tensor | ArrayLike) -> Tensor:
        other = _as_tensor(other)
        if self.ndim < 2 or other.ndim < 2:
            raise ValueError(f"matmul takes 2-D (or batched) tensors, got shapes {self.shape} and "
                             f"{other.shape}; reshape a vector to (1, n) or (n, 1) first")
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward() -> None:
            # (n, k) @ (k, m) -> (n, m): dA = G @ B^T is (n, m)(m, k); dB = A^T @ G is (k, n)(n, m).
            # With batch axes, a broadcast operand sums its gradient over the batch.
            self.grad += unbroadcast(out.grad @ other.data.swapaxes(-1, -2), self.shape)
            other.grad += unbroadcast(self.data.swapaxes(-1, -2) @ out.grad, other.shape)
        out._backward = _backward
        return out

    # -- reductions: each output's gradient goes back to what it summarised (day 24) -----------
    def sum(self, axis: Axis = None, keepdims: bool = False) -> Tensor:
        out = Tensor(self.data.sum(axis=axis, keepdims=keepdims), (self,), "sum")

        def _backward() -> None:
            self.grad += np.broadcast_to(_keepdims(out.grad, axis, self.ndim, keepdims), self.shape)
        out._backward = _backward
        return out

    def max(self, axis: Axis = None, keepdims: bool = False) -> Tensor:
        """The largest entries; the gradient goes to the argmax.

        When several entries tie for the maximum they share the gradient equally, as PyTorch's
        `amax` does: the result is the same function whichever of them is "the" argmax, and the
        even split is the average of those choices.
        """
        out = Tensor(self.data.max(axis=axis, keepdims=keepdims), (self,), "max")

        def _backward() -> None:
            kept = self.data.max(axis=axis, keepdims=True)
            winners = (self.data == kept).astype(self.data.dtype)
            share = winners / winners.sum(axis=axis, keepdims=True)
            self.grad += share * _keepdims(out.grad, axis, self.ndim, keepdims)
        out._backward = _backward
        return out

    # -- moving entries around without changing them ------------------------------------------
    def reshape(self, *shape: int | Sequence[int]) -> Tensor:
        new_shape = tuple(shape[0]) if len(shape) == 1 and not isinstance(shape[0], (int, np.integer)) else shape
        out = Tensor(self.data.reshape(new_shape), (self,), "reshape")

        def _backward() -> None:
            self.grad += out.grad.reshape(self.shape)
        out._backward = _backward
        return out

    def transpose(self, axes: Sequence[int] | None = None) -> Tensor:
        """Permute the axes (reverse them by default); the gradient permutes back."""
        axes = tuple(range(self.ndim))[::-1] if axes is None else tuple(int(a) % self.ndim for a in axes)
        out = Tensor(self.data.transpose(axes), (self,), "T")

        def _backward() -> None:
            self.grad += out.grad.transpose(np.argsort(axes))
        out._backward = _backward
        return out

    @property
    def T(self) -> Tensor:
        return self.transpose()

    def __getitem__(self, index: object) -> Tensor:
        """Select entries; an entry selected twice (fancy indexing) gets both gradients."""
        out = Tensor(self.data[index], (self,), "[]")

        def _backward() -> None:
            grad = np.zeros_like(self.data)
            np.add.at(grad, index, out.grad)  # not grad[index] += ...: that drops repeated indices
            self.grad += grad
        out._backward = _backward
        return out

    # -- the backward pass: topological order, then one reversed sweep -------------------------
    def backward(self, grad: ArrayLike | None = None) -> None:
        """Fill `.grad` of every tensor this one depends on with the vector-Jacobian product.

        `grad` is the upstream gradient, of this tensor's shape; it may be left out only for a
        one-element tensor (a loss), where it is 1. Gradients accumulate across calls, as in
        PyTorch: zero them between passes.
        """
        if grad is None:
            if self.size != 1:
                raise ValueError(f"backward() without a gradient needs a one-element tensor, not shape "
                                 f"{self.shape}; pass grad= of that shape (a random one tests more than ones)")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=self.data.dtype)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")

        order: list[Tensor] = []
        visited: set[int] = set()
        stack: list[tuple[Tensor, bool]] = [(self, False)]
        while stack:  # depth-first, without recursion, so long chains do not hit Python's limit
            t, children_done = stack.pop()
            if children_done:
                order.append(t)
            elif id(t) not in visited:
                visited.add(id(t))
                stack.append((t, True))
                stack.extend((child, False) for child in t._prev)

        self.grad += grad
        for t in reversed(order):
            t._backward()

    # -- derived operations, one line each -----------------------------------------------------
    def mean(self, axis: Axis = None, keepdims: bool = False) -> Tensor:
        total = self.sum(axis, keepdims)
        return total * (total.size / self.size)

    def __neg__(self) -> Tensor:
        return self * -1.0

    def __radd__(self, other: ArrayLike) -> Tensor:
        return self + other

    def __sub__(self, other: Tensor | ArrayLike) -> Tensor:
        return self + (-_as_tensor(other))

    def __rsub__(self, other: ArrayLike) -> Tensor:
        return _as_tensor(other) + (-self)

    def __rmul__(self, other: ArrayLike) -> Tensor:
        return self * other

    def __truediv__(self, other: Tensor | ArrayLike) -> Tensor:
        return self * _as_tensor(other) ** -1

    def __rtruediv__(self, other: ArrayLike) -> Tensor:
        return _as_tensor(other) * self ** -1

    def __rmatmul__(self, other: ArrayLike) -> Tensor:
        return _as_tensor(other) @ self

    def sigmoid(self) -> Tensor:
        return 1.0 / (1.0 + (-self).exp())

    def __repr__(self) -> str:
        body = np.array2string(self.data, precision=4, separator=", ", threshold=20, prefix="Tensor(")
        return f"Tensor({body}, shape={self.shape})"


def _as_tensor(x: Tensor | ArrayLike) -> Tensor:
    """Wrap a number or an array as a leaf, so every operand has `.data` and `.grad`."""
    return x if isinstance(x, Tensor) else Tensor(x)


def zero_grad(tensors: Iterable[Tensor]) -> None:
    """Reset the gradients of the parameters an optimizer steps, before the next backward."""
    for t in tensors:
        t.zero_grad()


# -- a fused operation with its own backward (day 26) --------------------------------------------
def softmax_cross_entropy(logits: Tensor | ArrayLike, targets: Sequence[int] | np.ndarray) -> Tensor:
    """Mean over the batch of -log softmax(logits)[target]: one node instead of a chain.

    Built from primitives as day 26 builds it (shift by the row maximum, `exp`, a row `sum`, a
    division, indexing, `log`, `mean`), the loss is eleven operations, sixteen tensors counting the
    logits and four constants.

    `logits` has shape (N, C), `targets` holds N class indices in [0, C). The forward subtracts
    each row's maximum (log-sum-exp), so large logits never overflow; the backward is the famous
    (softmax - one_hot) / N, with no exp, log or division to differentiate through one by one.
    """
    logits = _as_tensor(logits)
    targets = np.asarray(targets)
    if logits.ndim != 2:
        raise ValueError(f"logits must have shape (N, C), got {logits.shape}")
    n, classes = logits.shape
    if targets.shape != (n,) or not np.issubdtype(targets.dtype, np.integer):
        raise ValueError(f"targets must be {n} integer class indices (shape ({n},)), got {targets.dtype} "
                         f"of shape {targets.shape}")
    if n and (targets.min() < 0 or targets.max() >= classes):
        raise ValueError(f"targets must lie in [0, {classes}), got {targets.min()}..{targets.max()}")
    rows = np.arange(n)
    shifted = logits.data - logits.data.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    out = Tensor(-log_probs[rows, targets].mean(), (logits,), "softmax_ce")

    def _backward() -> None:
        grad = np.exp(log_probs)  # softmax
        grad[rows, targets] -= 1.0
        logits.grad += grad / n * out.grad
    out._backward = _backward
    return out
