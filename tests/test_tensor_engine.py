"""The reference tensor engine (graphcompute.tensor) against torch in float64 and central differences.

Every check feeds backward a random, non-uniform upstream gradient (an upstream of ones, which is
what `.sum().backward()` gives, lets a wrong matmul or broadcast backward pass), uses non-square
and broadcast shapes, and reuses nodes, so `=` for `+=` cannot hide.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import torch

from graphcompute.gradcheck import assert_grad_close, numerical_vjp
from graphcompute.tensor import Tensor, softmax_cross_entropy, unbroadcast, zero_grad

RNG = np.random.default_rng(2024)


def arr(*shape: int, low: float = -2.0, high: float = 2.0) -> np.ndarray:
    return RNG.uniform(low, high, size=shape)


def agree_with_torch(fn: Callable[..., object], *inputs: np.ndarray, numeric: bool = True) -> None:
    """Run `fn` on Tensors and on float64 torch tensors, backward a random upstream, compare."""
    ours = [Tensor(x) for x in inputs]
    out = fn(*ours)
    theirs = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in inputs]
    expected = fn(*theirs)
    assert isinstance(out, Tensor) and out.dtype == np.float64
    assert out.shape == tuple(expected.shape)
    np.testing.assert_allclose(out.data, expected.detach().numpy(), rtol=1e-12, atol=1e-12)
    upstream = RNG.normal(size=out.shape)
    out.backward(upstream)
    expected.backward(torch.tensor(upstream))
    for i, (t, x) in enumerate(zip(ours, theirs)):
        assert_grad_close(t.grad, x.grad, f"input {i}", rtol=1e-10, atol=1e-12)
    if numeric:
        numbers = numerical_vjp(lambda *xs: fn(*(Tensor(x) for x in xs)).data, inputs, upstream)
        for i, (t, g) in enumerate(zip(ours, numbers)):
            assert_grad_close(t.grad, g, f"input {i} (central differences)", rtol=1e-5, atol=1e-7)


# -- unbroadcast ----------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(2, 3, 4), (3, 4), (4,), (1, 4), (3, 1), (2, 1, 4), (1, 1, 1), ()])
def test_unbroadcast_sums_exactly_the_broadcast_axes(shape: tuple[int, ...]) -> None:
    grad = RNG.normal(size=(2, 3, 4))
    x = torch.zeros(shape, dtype=torch.float64, requires_grad=True)
    (x + torch.zeros(2, 3, 4, dtype=torch.float64)).backward(torch.tensor(grad))
    got = unbroadcast(grad, shape)
    assert got.shape == shape
    np.testing.assert_allclose(got, x.grad.numpy(), rtol=1e-12)


def test_unbroadcast_refuses_shapes_that_cannot_broadcast() -> None:
    with pytest.raises(ValueError):
        unbroadcast(np.ones((2, 3)), (4, 3))
    with pytest.raises(ValueError):
        unbroadcast(np.ones(3), (2, 3))


# -- elementwise, with broadcasting -----------------------------------------------------------------
@pytest.mark.parametrize("shapes", [((3, 4), (3, 4)), ((3, 4), (4,)), ((3, 1), (1, 4)),
                                    ((2, 3, 4), (3, 1)), ((), (2, 3))])
def test_binary_operations_with_broadcasting(shapes: tuple[tuple[int, ...], ...]) -> None:
    a, b = arr(*shapes[0]), arr(*shapes[1], low=0.5, high=2.0)
    agree_with_torch(lambda x, y: x + y, a, b)
    agree_with_torch(lambda x, y: x * y, a, b)
    agree_with_torch(lambda x, y: x - y, a, b)
    agree_with_torch(lambda x, y: x / y, a, b)


def test_unary_operations_away_from_kinks() -> None:
    x = arr(3, 5)
    x[np.abs(x) < 0.1] = 0.5
    positive = arr(3, 5, low=0.5, high=3.0)
    agree_with_torch(lambda t: t.exp(), x)
    agree_with_torch(lambda t: t.log(), positive)
    agree_with_torch(lambda t: t.tanh(), x)
    agree_with_torch(lambda t: t.relu(), x)
    agree_with_torch(lambda t: t.sigmoid(), x)
    agree_with_torch(lambda t: -t, x)
    agree_with_torch(lambda t: t ** 3, x)
    agree_with_torch(lambda t: t ** -1.5, positive)


def test_numbers_and_arrays_on_either_side() -> None:
    c = arr(4)
    agree_with_torch(lambda t: 2 + t * 3 - 1, arr(3, 4))
    agree_with_torch(lambda t: 1 / t - 2 * t, arr(3, 4, low=0.5))
    x = Tensor(arr(3, 4))
    for out in (c + x, c * x, c - x, c / (x * x + 1), x - c, x / (c * c + 1)):
        assert isinstance(out, Tensor) and out.shape == (3, 4)
    m = arr(2, 3)
    left = m @ Tensor(arr(3, 4))
    assert isinstance(left, Tensor) and left.shape == (2, 4)


# -- matmul ------------------------------------------------------------------------------------------
def test_matmul_non_square() -> None:
    agree_with_torch(lambda a, b: a @ b, arr(3, 5), arr(5, 2))
    agree_with_torch(lambda a, b: a @ b, arr(1, 4), arr(4, 6))


def test_matmul_batched_and_broadcast_over_the_batch() -> None:
    agree_with_torch(lambda a, b: a @ b, arr(2, 3, 5), arr(2, 5, 4))
    agree_with_torch(lambda a, b: a @ b, arr(2, 3, 5), arr(5, 4))
    agree_with_torch(lambda a, b: a @ b, arr(3, 5), arr(2, 5, 4))


def test_matmul_refuses_vectors_with_a_hint() -> None:
    with pytest.raises(ValueError, match="reshape"):
        Tensor(arr(3)) @ Tensor(arr(3, 2))


def test_a_small_mlp_layer() -> None:
    agree_with_torch(lambda x, w, b: (x @ w + b).tanh() @ w.T, arr(4, 3), arr(3, 5), arr(5))


# -- reductions ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 2)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_sum_mean_max(axis: object, keepdims: bool) -> None:
    x = arr(2, 3, 4)
    torch_axis = axis if axis is not None else (0, 1, 2)
    agree_with_torch(lambda t: t.sum(axis, keepdims) if isinstance(t, Tensor)
                     else t.sum(dim=torch_axis, keepdim=keepdims), x)
    agree_with_torch(lambda t: t.mean(axis, keepdims) if isinstance(t, Tensor)
                     else t.mean(dim=torch_axis, keepdim=keepdims), x)
    agree_with_torch(lambda t: t.max(axis, keepdims) if isinstance(t, Tensor)
                     else t.amax(dim=torch_axis, keepdim=keepdims), x)


def test_max_splits_the_gradient_between_ties_like_amax() -> None:
    x = np.array([[1.0, 3.0, 3.0], [2.0, 0.0, 2.0]])
    agree_with_torch(lambda t: t.max(1) if isinstance(t, Tensor) else t.amax(dim=1), x, numeric=False)
    agree_with_torch(lambda t: t.max() if isinstance(t, Tensor) else t.amax(), x, numeric=False)
    t = Tensor(x)
    t.max(axis=1).backward(np.array([2.0, 4.0]))
    np.testing.assert_array_equal(t.grad, [[0.0, 1.0, 1.0], [2.0, 0.0, 2.0]])


# -- moving entries ---------------------------------------------------------------------------------------
def test_reshape_transpose_and_indexing() -> None:
    agree_with_torch(lambda t: t.reshape(4, 6), arr(2, 3, 4))
    agree_with_torch(lambda t: t.reshape((3, 8)), arr(2, 3, 4))
    agree_with_torch(lambda t: t.T if isinstance(t, Tensor) else t.permute(2, 1, 0), arr(2, 3, 4))
    agree_with_torch(lambda t: t.transpose((1, 2, 0)) if isinstance(t, Tensor) else t.permute(1, 2, 0),
                     arr(2, 3, 4))
    agree_with_torch(lambda t: t[1:, ::2], arr(3, 5))
    rows = np.array([0, 2, 0, 0])  # a repeated index gets every gradient sent to it
    agree_with_torch(lambda t: t[rows] if isinstance(t, Tensor) else t[torch.tensor(rows)], arr(3, 4))


# -- the graph: reuse, accumulation, a second backward ------------------------------------------------------
def test_reused_nodes_accumulate() -> None:
    agree_with_torch(lambda a: a + a, arr(2, 3))
    agree_with_torch(lambda a: a * a * a, arr(2, 3))
    agree_with_torch(lambda a, b: (a @ b) * (a @ b) + a @ b, arr(2, 3), arr(3, 4))

    def diamond(x: object) -> object:
        h = x * 2.0
        return (h.tanh() + h.exp()) * h
    agree_with_torch(diamond, arr(3, 2))


def test_a_second_pass_adds_and_zero_grad_resets() -> None:
    x = Tensor(arr(3, 2))
    (x * x).sum().backward()
    first = x.grad.copy()
    (x * x).sum().backward()  # a fresh graph: the leaf's gradient adds, as over two batches
    np.testing.assert_allclose(x.grad, 2 * first)
    zero_grad([x])
    assert np.all(x.grad == 0) and x.grad.shape == (3, 2)
    # the same graph twice: like the scalar engine, its inner nodes kept their gradients too,
    # so the second pass pushes them again (day 10); zero every node to repeat a pass exactly
    h = x * x
    y = h.sum()
    y.backward()
    y.backward()
    np.testing.assert_allclose(x.grad, 4 * first)
    zero_grad([x, h, y])
    y.backward()
    np.testing.assert_allclose(x.grad, first)


def test_backward_checks_its_upstream_gradient() -> None:
    y = Tensor(arr(2, 3)) * 2.0
    with pytest.raises(ValueError, match="one-element"):
        y.backward()
    with pytest.raises(ValueError, match="shape"):
        y.backward(np.ones((3, 2)))


def test_a_long_chain_needs_no_recursion() -> None:
    x = Tensor(np.ones(2))
    y = x
    for _ in range(3000):
        y = y * 1.0
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, np.ones(2))


def test_leaves_copy_their_data_and_default_to_float64() -> None:
    source = np.arange(6).reshape(2, 3)
    t = Tensor(source)
    source[0, 0] = 100
    assert t.dtype == np.float64 and t.data[0, 0] == 0.0
    assert Tensor(np.ones(2, dtype=np.float32), dtype=np.float32).dtype == np.float32


# -- fused softmax cross-entropy ----------------------------------------------------------------------------
def test_softmax_cross_entropy_matches_torch() -> None:
    logits = arr(5, 4) * 3
    targets = np.array([0, 3, 1, 3, 2])
    ours = Tensor(logits)
    loss = softmax_cross_entropy(ours, targets)
    upstream = 1.7  # not 1, so the backward must multiply by out.grad
    loss.backward(np.array(upstream))
    x = torch.tensor(logits, requires_grad=True)
    expected = torch.nn.functional.cross_entropy(x, torch.tensor(targets))
    (expected * upstream).backward()
    assert abs(loss.item() - expected.item()) < 1e-12
    assert_grad_close(ours.grad, x.grad, "logits", rtol=1e-10, atol=1e-12)
    numeric = numerical_vjp(lambda z: softmax_cross_entropy(Tensor(z), targets).data, [logits],
                            np.array(upstream))[0]
    assert_grad_close(ours.grad, numeric, "logits (central differences)", rtol=1e-5, atol=1e-8)


def test_softmax_cross_entropy_is_stable_and_checks_targets() -> None:
    loss = softmax_cross_entropy(Tensor([[1000.0, 0.0], [0.0, -1000.0]]), [0, 0])
    assert np.isfinite(loss.item()) and loss.item() < 1e-12
    with pytest.raises(ValueError):
        softmax_cross_entropy(Tensor(arr(3, 2)), [0, 2, 1])
    with pytest.raises(ValueError):
        softmax_cross_entropy(Tensor(arr(3, 2)), [0.0, 1.0, 1.0])
