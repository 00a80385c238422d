"""The SSA intermediate representation of day 42, for the compiler days after it (43-50).

A `Program` is a straight-line list of instructions in static single assignment form: every
instruction defines exactly one new name, and reads only names defined before it (the program's
inputs or earlier instructions). That one rule is what makes the passes of days 44-47 short: a
name means the same value wherever it appears, so a use can be found by name, an unused name can
be dropped, and two instructions with the same operation and operands compute the same value,
unless the operation is impure.

Programs are immutable (frozen dataclasses of tuples): a pass returns a new program and never
edits the one it was given, so the "before" and "after" of every pass can be compared and drawn.

`OPS` is the instruction set. Each entry says how many operands an operation takes, how to
compute it with NumPy, and whether it is *pure*: a pure operation's result depends only on its
operands and it does nothing else. `rand` (a fresh random draw each time it runs) and `emit`
(records its operand in the interpreter's `effects` list) are not: no pass may fold, merge or
drop them.

`fused` is day 46's kernel: `out = fused(a, b, body=kernel)` runs the elementwise program
`kernel` on its operands in one pass, so the values in between never reach memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from graphcompute.tensor import unbroadcast

Attrs = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Instr:
    """`out = op(*args, **attrs)`: one instruction, defining the one name `out`."""

    out: str
    op: str
    args: tuple[str, ...] = ()
    attrs: Attrs = ()

    def attr(self, key: str, default: Any = None) -> Any:
        """The value of one attribute (`value` of a `const`, `axis` of a `sum`...)."""
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True)
class Program:
    """Inputs, a body of instructions in order, and the names the program returns."""

    inputs: tuple[str, ...]
    body: tuple[Instr, ...]
    outputs: tuple[str, ...]
    name: str = "f"

    def defining(self) -> dict[str, Instr]:
        """Each name the body defines, mapped to the instruction that defines it."""
        return {ins.out: ins for ins in self.body}

    def users(self) -> dict[str, list[Instr]]:
        """Each name, mapped to the instructions that read it (in program order)."""
        found: dict[str, list[Instr]] = {n: [] for n in self.inputs}
        for ins in self.body:
            found.setdefault(ins.out, [])
            for a in ins.args:
                found.setdefault(a, []).append(ins)
        return found

    def __str__(self) -> str:
        return format_program(self)


@dataclass(frozen=True)
class OpInfo:
    """What the interpreter and the passes need to know about one operation."""

    arity: int  # operands it takes; -1: any number (a fused kernel's)
    compute: Callable[..., np.ndarray]  # compute(*operand_arrays, **attrs)
    pure: bool = True
    elementwise: bool = False  # each output element depends on the same element of each operand
    commutative: bool = False


def _rand(*, shape: tuple[int, ...] = (), rng: np.random.Generator) -> np.ndarray:
    return rng.standard_normal(shape)


def _sum(x: np.ndarray, *, axis: int | None = None) -> np.ndarray:
    return np.sum(x, axis=axis)


def _expand_like(g: np.ndarray, x: np.ndarray, *, axis: int | None = None) -> np.ndarray:
    """The adjoint of `sum(x, axis)`: `g` put back into every position that was summed."""
    if axis is not None:
        g = np.expand_dims(g, axis)
    return np.broadcast_to(g, np.shape(x)).copy()


def _fused(*operands: np.ndarray, body: Program) -> np.ndarray:
    """A fused kernel: its one-output elementwise `body`, run on the operands."""
    (value,) = run(body, operands)
    return value


OPS: dict[str, OpInfo] = {
    "const": OpInfo(0, lambda *, value: np.asarray(value, dtype=np.float64)),
    "add": OpInfo(2, np.add, elementwise=True, commutative=True),
    "sub": OpInfo(2, np.subtract, elementwise=True),
    "mul": OpInfo(2, np.multiply, elementwise=True, commutative=True),
    "div": OpInfo(2, np.divide, elementwise=True),
    "neg": OpInfo(1, np.negative, elementwise=True),
    "exp": OpInfo(1, np.exp, elementwise=True),
    "log": OpInfo(1, np.log, elementwise=True),
    "tanh": OpInfo(1, np.tanh, elementwise=True),
    "relu": OpInfo(1, lambda x: np.maximum(x, 0.0), elementwise=True),
    "step": OpInfo(1, lambda x: (np.asarray(x) > 0).astype(np.float64), elementwise=True),
    "pow": OpInfo(1, lambda x, *, exponent: np.power(x, exponent), elementwise=True),
    "matmul": OpInfo(2, np.matmul),
    "transpose": OpInfo(1, lambda x: np.swapaxes(x, -1, -2) if np.ndim(x) >= 2 else np.asarray(x)),
    "sum": OpInfo(1, _sum),
    "sum_like": OpInfo(2, lambda g, x: unbroadcast(g, np.shape(x))),  # adjoint of broadcasting
    "expand_like": OpInfo(2, _expand_like),  # adjoint of sum
    "rand": OpInfo(0, _rand, pure=False),
    "emit": OpInfo(1, lambda x: x, pure=False),  # the interpreter records x in `effects`
    "fused": OpInfo(-1, _fused, elementwise=True),  # day 46: attrs (("body", Program),)
}


class IRError(ValueError):
    """A program that breaks the rules of SSA or names an operation that does not exist."""


def check(program: Program, ops: Mapping[str, OpInfo] = OPS) -> None:
    """Raise IRError unless every name is defined once, before its first use, by a known op."""
    defined: set[str] = set()
    for name in program.inputs:
        if name in defined:
            raise IRError(f"input {name!r} is listed twice")
        defined.add(name)
    for ins in program.body:
        info = ops.get(ins.op)
        if info is None:
            raise IRError(f"{ins.out} = {ins.op}(...): no operation named {ins.op!r}")
        if info.arity >= 0 and len(ins.args) != info.arity:
            raise IRError(f"{ins.out} = {ins.op}(...) takes {info.arity} operand(s), "
                          f"not {len(ins.args)}")
        if ins.op == "fused":
            _check_kernel(ins, ops)
        for a in ins.args:
            if a not in defined:
                raise IRError(f"{ins.out} = {ins.op}(...) reads {a!r} before it is defined")
        if ins.out in defined:
            raise IRError(f"{ins.out!r} is defined twice: SSA defines each name once")
        defined.add(ins.out)
    for name in program.outputs:
        if name not in defined:
            raise IRError(f"the program returns {name!r}, which is never defined")


def _check_kernel(ins: Instr, ops: Mapping[str, OpInfo]) -> None:
    """A fused kernel's body: a program of pure elementwise operations, one input per operand,
    one output."""
    body = ins.attr("body")
    if not isinstance(body, Program):
        raise IRError(f"{ins.out} = fused(...) needs a body=Program attribute")
    if len(body.inputs) != len(ins.args) or len(body.outputs) != 1:
        raise IRError(f"{ins.out} = fused(...): its body takes {len(body.inputs)} input(s) and "
                      f"returns {len(body.outputs)}; it needs {len(ins.args)} and 1")
    check(body, ops)
    for inner in body.body:
        if not (ops[inner.op].elementwise and ops[inner.op].pure):
            raise IRError(f"{ins.out} = fused(...): {inner.op} is not a pure elementwise "
                          f"operation, so it cannot be part of a kernel")


def run(program: Program, inputs: Mapping[str, Any] | Iterable[Any], *,
        rng: np.random.Generator | None = None, effects: list | None = None,
        ops: Mapping[str, OpInfo] = OPS) -> tuple[np.ndarray, ...]:
    """Interpret `program` on NumPy arrays; return its outputs in order.

    `inputs` is a mapping from input name to value, or the values in the order of
    `program.inputs`. `rand` draws from `rng`; `emit` appends its operand to `effects`.
    """
    check(program, ops)
    if not isinstance(inputs, Mapping):
        values = list(inputs)
        if len(values) != len(program.inputs):
            raise TypeError(f"{program.name} takes {len(program.inputs)} input(s), "
                            f"not {len(values)}")
        inputs = dict(zip(program.inputs, values))
    missing = [n for n in program.inputs if n not in inputs]
    if missing:
        raise TypeError(f"{program.name} is missing input(s) {missing}")
    rng = rng if rng is not None else np.random.default_rng()
    env: dict[str, np.ndarray] = {n: np.asarray(inputs[n], dtype=np.float64) for n in program.inputs}
    for ins in program.body:
        attrs = dict(ins.attrs)
        if ins.op == "rand":
            attrs["rng"] = rng
        value = ops[ins.op].compute(*(env[a] for a in ins.args), **attrs)
        env[ins.out] = np.asarray(value, dtype=np.float64)
        if ins.op == "emit" and effects is not None:
            effects.append(env[ins.out].copy())
    return tuple(env[n] for n in program.outputs)


def _format_attr(key: str, value: Any) -> str:
    """`exponent=2.0`; a kernel's body by its name, `body=k0`, not its whole repr."""
    return f"{key}={value.name if isinstance(value, Program) else repr(value)}"


def format_instr(ins: Instr) -> str:
    """`v3 = add(v1, x)`, with attributes as keywords: `v4 = pow(v3, exponent=2.0)`."""
    parts = list(ins.args) + [_format_attr(k, v) for k, v in ins.attrs]
    return f"{ins.out} = {ins.op}({', '.join(parts)})"


def format_program(program: Program) -> str:
    """The program as text that reads like a Python function."""
    lines = [f"def {program.name}({', '.join(program.inputs)}):"]
    lines += [f"    {format_instr(ins)}" for ins in program.body]
    lines.append(f"    return {', '.join(program.outputs)}")
    return "\n".join(lines)


@dataclass
class Builder:
    """Write a program one instruction at a time, with fresh names `v0, v1, ...`.

    >>> b = Builder(["x", "y"])
    >>> s = b.emit("add", "x", "y")
    >>> p = b.build(b.emit("mul", s, s))
    """

    inputs: list[str]
    body: list[Instr] = field(default_factory=list)
    prefix: str = "v"

    def fresh(self) -> str:
        taken = set(self.inputs) | {i.out for i in self.body}
        n = len(self.body)
        while f"{self.prefix}{n}" in taken:
            n += 1
        return f"{self.prefix}{n}"

    def emit(self, op: str, *args: str, **attrs: Any) -> str:
        """Append `op(*args, **attrs)` and return the new name it defines."""
        out = self.fresh()
        self.body.append(Instr(out, op, tuple(args), tuple(sorted(attrs.items()))))
        return out

    def build(self, *outputs: str, name: str = "f") -> Program:
        program = Program(tuple(self.inputs), tuple(self.body), tuple(outputs), name)
        check(program)
        return program


def renamed(program: Program, prefix: str = "v") -> Program:
    """The same program with its instructions renamed `v0, v1, ...` in order (inputs kept):
    two programs that differ only in names print the same after this."""
    mapping = {n: n for n in program.inputs}
    body = []
    for i, ins in enumerate(program.body):
        new = f"{prefix}{i}"
        while new in program.inputs:
            new = "_" + new
        mapping[ins.out] = new
        body.append(replace(ins, out=new, args=tuple(mapping[a] for a in ins.args)))
    return replace(program, body=tuple(body), outputs=tuple(mapping[o] for o in program.outputs))


def program_drawing(program: Program, *, title: str | None = None, highlight: Iterable[str] = ()):
    """The program as a graph: a box per instruction, an ellipse per input, edges for uses.

    Returns a `graphcompute.draw.GraphDrawing` (shown as an image in Jupyter)."""
    from graphcompute.draw import draw_graph

    labels: dict[str, str] = {n: n for n in program.inputs}
    shapes: dict[str, str] = {n: "ellipse" for n in program.inputs}
    edges = []
    for ins in program.body:
        extra = ", ".join(_format_attr(k, v) for k, v in ins.attrs)
        labels[ins.out] = f"{ins.out} = {ins.op}" + (f"\n{extra}" if extra else "")
        edges += [(a, ins.out) for a in ins.args]
    for k, name in enumerate(program.outputs):
        out_node = f"return {k}" if len(program.outputs) > 1 else "return"
        labels[out_node] = out_node
        shapes[out_node] = "plaintext"
        edges.append((name, out_node))
    nodes = list(program.inputs) + [i.out for i in program.body]
    return draw_graph(edges, labels, nodes=nodes, shapes=shapes, highlight=highlight,
                      title=title)
