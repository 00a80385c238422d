"""Gradient checks the way the course's tests make them.

A test that sums an output before calling backward feeds an upstream gradient of ones and lets a
wrong backward pass; these helpers compare against central differences in float64 with a random,
non-uniform upstream gradient, and say which input and which index disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def central_difference(f: Callable[[float], float], x: float, h: float = 1e-6) -> float:
    """(f(x + h) - f(x - h)) / 2h: error O(h^2), the default numerical derivative of the course."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Gradient of a scalar function of an array by central differences, in float64."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        up = float(f(x))
        x[index] = old - h
        down = float(f(x))
        x[index] = old
        grad[index] = (up - down) / (2.0 * h)
    return grad


def numerical_vjp(f: Callable[..., np.ndarray], inputs: Sequence[np.ndarray], upstream: np.ndarray,
                  h: float = 1e-6) -> list[np.ndarray]:
    """Vector-Jacobian products u^T J_i for every input i of f, by central differences."""
    inputs = [np.array(x, dtype=np.float64) for x in inputs]
    upstream = np.asarray(upstream, dtype=np.float64)
    grads = []
    for i in range(len(inputs)):
        def scalar(xi: np.ndarray, i: int = i) -> float:
            args = list(inputs)
            args[i] = xi
            return float(np.sum(np.asarray(f(*args), dtype=np.float64) * upstream))
        grads.append(numerical_gradient(scalar, inputs[i], h))
    return grads


def relative_error(a: np.ndarray | float, b: np.ndarray | float, floor: float = 1e-12) -> float:
    """max |a - b| / max(|a|, |b|, floor): scale-free, so it means the same for large and small values."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    return float(np.max(np.abs(a - b) / scale)) if a.size else 0.0


def first_mismatch(actual: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> tuple[int, ...] | None:
    """Index of the first element outside tolerance, or None when all agree."""
    bad = ~np.isclose(actual, expected, rtol=rtol, atol=atol)
    if not bad.any():
        return None
    return tuple(int(i) for i in np.argwhere(bad)[0])


def assert_grad_close(actual: object, expected: object, name: str = "gradient", *,
                      rtol: float = 1e-5, atol: float = 1e-8) -> None:
    """Assert two gradients agree, with a message a learner can act on.

    The message names the input, the shape if it is wrong, and the first index that differs.
    """
    a = np.asarray(_to_numpy(actual), dtype=np.float64)
    e = np.asarray(_to_numpy(expected), dtype=np.float64)
    if a.shape != e.shape:
        raise AssertionError(
            f"{name}: shape {a.shape} but the input has shape {e.shape}; a gradient always has the "
            "shape of the value it belongs to (did a broadcast need summing back?)")
    index = first_mismatch(a, e, rtol, atol)
    if index is not None:
        where = f" at index {index}" if a.ndim else ""
        raise AssertionError(f"{name}{where}: got {float(a[index])!r}, expected {float(e[index])!r}")


def _to_numpy(x: object) -> object:
    detach = getattr(x, "detach", None)
    if callable(detach):  # a torch tensor
        return detach().cpu().numpy()
    data = getattr(x, "data", None)
    if isinstance(data, np.ndarray):  # a course Tensor
        return data
    return x
