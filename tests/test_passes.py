"""The reference compiler passes (graphcompute.passes) that day 50 builds its pipeline from."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from graphcompute.ir import OPS, Builder, Program, check, run
from graphcompute.passes import (
    DEFAULT,
    compile_program,
    cse,
    eliminate_dead_code,
    fold_constants,
    fuse_elementwise,
    optimize,
    simplify,
    to_python,
    trace,
    value_key,
)
from graphcompute.tensor import Tensor


def messy() -> Program:
    """Foldable constants, copies, exact identities, dead code, rand and emit, all in one."""
    b = Builder(["x", "y"])
    one, two = b.emit("const", value=1.0), b.emit("const", value=2.0)
    three = b.emit("add", one, two)                       # foldable
    m1, m2 = b.emit("mul", "x", "y"), b.emit("mul", "y", "x")  # one value
    t1, t2 = b.emit("tanh", m1), b.emit("tanh", m2)
    s = b.emit("mul", b.emit("add", t1, t2), one)         # * 1 is exact
    b.emit("exp", "x")                                    # dead
    r = b.emit("rand", shape=(3,))
    b.emit("rand", shape=(2,))                            # unused, still moves the generator
    b.emit("emit", b.emit("neg", b.emit("neg", r)))
    out = b.emit("mul", b.emit("exp", b.emit("neg", s)), three)
    return b.build(out, b.emit("add", r, b.emit("sum", "x")), name="messy")


def same_values(p: Program, q: Program, shapes, seeds=(0, 1, 2)) -> None:
    check(q)
    for seed in seeds:
        gen = np.random.default_rng(seed)
        inputs = [gen.normal(size=s) for s in shapes]
        e1, e2 = [], []
        want = run(p, inputs, rng=np.random.default_rng(seed), effects=e1)
        got = run(q, inputs, rng=np.random.default_rng(seed), effects=e2)
        assert len(got) == len(want) and len(e1) == len(e2)
        for g, w in zip(got + tuple(e2), want + tuple(e1)):
            assert g.shape == w.shape and np.array_equal(g, w, equal_nan=True)


def impure(p: Program) -> list:
    return [(i.op, i.attrs) for i in p.body if not OPS[i.op].pure]


SHAPES = [(3,), (3,)]


@pytest.mark.parametrize("pass_", [fold_constants, eliminate_dead_code, cse, simplify, fuse_elementwise])
def test_each_pass_keeps_values_and_the_impure_instructions(pass_) -> None:
    p = messy()
    q = pass_(p)
    same_values(p, q, SHAPES)
    assert impure(q) == impure(p)
    assert q.inputs == p.inputs and q.name == p.name


def test_each_pass_has_its_property() -> None:
    p = messy()
    folded = fold_constants(p)
    consts = {i.out for i in folded.body if i.op == "const"}
    assert not [i for i in folded.body if OPS[i.op].pure and i.op != "const" and set(i.args) <= consts]
    live = eliminate_dead_code(p)
    assert "exp" not in [i.op for i in live.body if i.args == ("x",)]
    assert len([i for i in live.body if i.op == "rand"]) == 2
    keys = [value_key(i) for i in cse(p).body if value_key(i) is not None]
    assert len(keys) == len(set(keys))
    simple = simplify(p)
    assert not [i for i in simple.body if i.op == "neg" and simple.defining().get(i.args[0], i).op == "neg"]


def test_simplify_leaves_inexact_identities_alone() -> None:
    b = Builder(["x"])
    zero = b.emit("const", value=0.0)
    p = b.build(b.emit("mul", "x", zero), b.emit("add", "x", zero), b.emit("sub", "x", "x"))
    assert simplify(p) == p


def test_fusion_makes_single_output_kernels_of_private_values() -> None:
    b = Builder(["x", "w"])
    h = b.emit("matmul", "x", "w")
    a = b.emit("tanh", b.emit("mul", h, h))             # one kernel: mul, tanh, exp
    e = b.emit("exp", a)
    shared = b.emit("neg", "x")                           # used by two kernels: stays outside
    k2 = b.emit("exp", b.emit("add", shared, b.emit("relu", shared)))
    p = b.build(e, b.emit("sum", k2), shared, name="g")
    q = fuse_elementwise(p)
    kernels = [i for i in q.body if i.op == "fused"]
    assert len(kernels) == 2 and [i.op for i in kernels[0].attr("body").body] == ["mul", "tanh", "exp"]
    assert "neg" in [i.op for i in q.body]
    same_values(p, q, [(2, 3), (3, 4)])
    assert fuse_elementwise(q) == q


def test_optimize_reaches_a_fixed_point() -> None:
    p = messy()
    q = optimize(p)
    same_values(p, q, SHAPES)
    assert optimize(q) == q and all(f(q) == q for f in DEFAULT)
    assert len(q.body) < len(p.body)


def engine_fn(x, w):
    h = (x @ w).tanh()
    return ((h * h + 1.0) / 2.0 - h.exp() * 1.0).sum(axis=0) + (-(x.T * -1.0)).relu().sum() ** 2.0


def test_trace_optimize_fuse_and_generate_agree_with_the_engine() -> None:
    gen = np.random.default_rng(5)
    x, w = gen.normal(size=(3, 4)), gen.normal(size=(4, 2))
    p = trace(engine_fn, x, w)
    want = engine_fn(Tensor(x), Tensor(w)).data
    np.testing.assert_allclose(run(p, [x, w])[0], want, rtol=1e-12)
    q = fuse_elementwise(optimize(p))
    f = compile_program(q)
    (got,) = f(x, w)
    assert np.array_equal(got, run(q, [x, w])[0]) and np.allclose(got, want, rtol=1e-12)
    assert "def f(x0, x1" in to_python(q) and "_kernel_" in to_python(q)


def test_generated_code_handles_rand_emit_and_special_constants() -> None:
    b = Builder(["x"])
    r = b.emit("rand", shape=(2,))
    inf = b.emit("const", value=float("inf"))
    e = b.emit("emit", b.emit("div", "x", inf))
    p = b.build(b.emit("add", r, e), b.emit("sum_like", b.emit("step", "x"), "x"))
    fx1, fx2 = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = run(p, [np.array([1.0, -2.0])], rng=np.random.default_rng(3), effects=fx1)
        got = compile_program(p)(np.array([1.0, -2.0]), rng=np.random.default_rng(3), effects=fx2)
    assert all(np.array_equal(g, w) for g, w in zip(got + tuple(fx2), want + tuple(fx1)))
