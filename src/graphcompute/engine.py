"""The scalar reverse-mode engine of days 9 and 10, as a reference for the days after them.

One class, `Value`: each operation builds a new node and, right beside its forward computation,
the closure that pushes gradient back to its inputs. `backward()` is a topological sort and one
reversed loop. Gradients accumulate with `+=`, so a value used twice (`x + x`) gets both paths.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Union

Number = Union[int, float]


class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: Number, _children: tuple["Value", ...] = (), _op: str = "",
                 label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward: Callable[[], None] = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    # -- primitive operations: forward and local backward side by side ----------------------
    def __add__(self, other: Value | Number) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: Value | Number) -> Value:
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, exponent: Number) -> Value:
        if not isinstance(exponent, (int, float)):
            raise TypeError("Value ** exponent supports int and float exponents only")
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> Value:
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> Value:
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> Value:
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if out.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- the backward pass: topological order, then one reversed sweep ----------------------
    def backward(self) -> None:
        """Fill `.grad` of every value this one depends on with d(self)/d(value).

        Gradients accumulate across calls, as in PyTorch: zero them between passes.
        """
        order: list[Value] = []
        visited: set[int] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:  # depth-first, without recursion, so long chains do not hit Python's limit
            v, children_done = stack.pop()
            if children_done:
                order.append(v)
            elif id(v) not in visited:
                visited.add(id(v))
                stack.append((v, True))
                stack.extend((child, False) for child in v._prev)

        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    # -- derived operations, one line each ----------------------------------------------------
    def __neg__(self) -> Value:
        return self * -1

    def __radd__(self, other: Number) -> Value:
        return self + other

    def __sub__(self, other: Value | Number) -> Value:
        return self + (-other)

    def __rsub__(self, other: Number) -> Value:
        return other + (-self)

    def __rmul__(self, other: Number) -> Value:
        return self * other

    def __truediv__(self, other: Value | Number) -> Value:
        return self * other ** -1

    def __rtruediv__(self, other: Number) -> Value:
        return other * self ** -1

    def sigmoid(self) -> Value:
        return 1 / (1 + (-self).exp())

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"
