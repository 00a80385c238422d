"""The reference SSA IR (graphcompute.ir) that days 42-50 build on."""

from __future__ import annotations

import numpy as np
import pytest

from graphcompute.draw import side_by_side
from graphcompute.ir import OPS, Builder, Instr, IRError, Program, check, format_program, program_drawing, renamed, run


def small() -> Program:
    b = Builder(["x", "w"])
    h = b.emit("matmul", "x", "w")
    s = b.emit("sum", h, axis=0)
    two = b.emit("const", value=2.0)
    return b.build(b.emit("pow", b.emit("mul", s, two), exponent=3.0))


def test_the_interpreter_computes_what_numpy_does() -> None:
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    [got] = run(small(), {"x": x, "w": w})
    np.testing.assert_allclose(got, ((x @ w).sum(axis=0) * 2.0) ** 3)
    assert run(small(), [x, w])[0].shape == (2,)


def test_the_printer_reads_like_a_function() -> None:
    assert format_program(small()) == "\n".join([
        "def f(x, w):",
        "    v0 = matmul(x, w)",
        "    v1 = sum(v0, axis=0)",
        "    v2 = const(value=2.0)",
        "    v3 = mul(v1, v2)",
        "    v4 = pow(v3, exponent=3.0)",
        "    return v4"])


@pytest.mark.parametrize("body, outputs, message", [
    ((Instr("v0", "add", ("x", "v1")), Instr("v1", "neg", ("x",))), ("v0",), "before it is defined"),
    ((Instr("v0", "neg", ("x",)), Instr("v0", "exp", ("x",))), ("v0",), "defined twice"),
    ((Instr("x", "neg", ("x",)),), ("x",), "defined twice"),
    ((Instr("v0", "frobnicate", ("x",)),), ("v0",), "no operation named"),
    ((Instr("v0", "add", ("x",)),), ("v0",), "takes 2 operand"),
    ((Instr("v0", "neg", ("x",)),), ("v9",), "never defined"),
])
def test_what_breaks_ssa_is_named(body, outputs, message) -> None:
    with pytest.raises(IRError, match=message):
        check(Program(("x",), body, outputs))


def test_impure_operations_are_marked_and_behave_so() -> None:
    assert not OPS["rand"].pure and not OPS["emit"].pure and OPS["add"].pure
    b = Builder([])
    r1, r2 = b.emit("rand", shape=(3,)), b.emit("rand", shape=(3,))
    seen = b.emit("emit", r1)
    effects: list = []
    a, c, e = run(b.build(r1, r2, seen), [], rng=np.random.default_rng(1), effects=effects)
    assert not np.allclose(a, c)  # two draws, two values
    np.testing.assert_array_equal(effects[0], a)


def test_the_adjoint_operations_undo_shapes() -> None:
    g = np.arange(3.0)
    x = np.zeros((2, 3))
    b = Builder(["g", "x"])
    p = b.build(b.emit("expand_like", "g", "x", axis=0), b.emit("sum_like", "x", "g"))
    expanded, summed = run(p, [g, x])
    np.testing.assert_array_equal(expanded, np.broadcast_to(g, (2, 3)))
    assert summed.shape == (3,)


def test_renaming_makes_programs_that_differ_only_in_names_print_alike() -> None:
    p = small()
    mapping = {i.out: f"t{k * 7}" for k, i in enumerate(p.body)}
    other = Program(p.inputs, tuple(Instr(mapping[i.out], i.op, tuple(mapping.get(a, a) for a in i.args),
                                          i.attrs) for i in p.body), (mapping[p.outputs[0]],))
    assert str(other) != str(p) and str(renamed(other)) == str(p)


def test_before_and_after_are_drawn_in_one_figure() -> None:
    p = small()
    fig = side_by_side(program_drawing(p), program_drawing(renamed(p), highlight=["v2"]),
                       titles=["before", "after"])
    assert [ax.get_title() for ax in fig.axes] == ["before", "after"]
    with pytest.raises(ValueError, match="titles"):
        side_by_side(program_drawing(p), titles=["a", "b"])


def test_a_fused_kernel_runs_its_body_and_must_be_elementwise() -> None:
    k = Builder(["a", "b"])
    kernel = k.build(k.emit("tanh", k.emit("sub", "a", "b")), name="k0")
    fused = Program(("x", "y"), (Instr("v0", "fused", ("y", "x"), (("body", kernel),)),), ("v0",))
    x, y = np.array([1.0, 2.0]), np.array([[0.5], [3.0]])
    np.testing.assert_array_equal(run(fused, [x, y])[0], np.tanh(y - x))
    assert format_program(fused).splitlines()[1] == "    v0 = fused(y, x, body=k0)"
    m = Builder(["a", "b"])
    not_elementwise = m.build(m.emit("matmul", "a", "b"))
    for body, message in [(not_elementwise, "matmul is not a pure elementwise"),
                          (kernel.__class__(("a",), kernel.body, kernel.outputs), "takes 1 input"),
                          (None, "needs a body=Program")]:
        attrs = (("body", body),) if body is not None else ()
        with pytest.raises(IRError, match=message):
            check(Program(("x", "y"), (Instr("v0", "fused", ("x", "y"), attrs),), ("v0",)))
