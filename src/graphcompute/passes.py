"""The reference compiler passes of days 41-46, over the SSA IR of `graphcompute.ir`.

Each pass is a pure function `Program -> Program`: it never edits what it was given, so a
"before" and an "after" can always be compared, run and drawn. Every pass keeps the values a
program computes bit for bit (folding computes with the same NumPy functions the interpreter
uses; simplification applies only IEEE-exact identities), and none of them merges, moves across
each other or drops the impure `rand` and `emit`.

Day 50 puts them in one pipeline: `trace` a function written against the tensor engine,
`optimize` it to a fixed point, `fuse_elementwise`, and `compile_program` it to one generated
Python/NumPy function (`to_python` shows its source).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from graphcompute.ir import OPS, Instr, Program, check

Pass = Callable[[Program], Program]


# -- day 41: tracing ------------------------------------------------------------------------------
def const_value(array: Any) -> float | tuple:
    """An array as a plain, hashable attribute: a float, or nested tuples of floats (day 44)."""
    a = np.asarray(array, dtype=np.float64)
    return float(a) if a.ndim == 0 else tuple(const_value(row) for row in a)


class Proxy:
    """A stand-in value: each operation on it appends one instruction to a shared body."""

    __array_ufunc__ = None  # `array + proxy` must call Proxy.__radd__ once, not loop over the array

    def __init__(self, body: list[Instr], name: str) -> None:
        self.body, self.name = body, name

    def _record(self, op: str, *args: Proxy, **attrs: Any) -> Proxy:
        out = f"v{len(self.body)}"
        self.body.append(Instr(out, op, tuple(a.name for a in args), tuple(sorted(attrs.items()))))
        return Proxy(self.body, out)

    def _lift(self, other: Any) -> Proxy:
        if isinstance(other, Proxy):
            return other
        return self._record("const", value=const_value(other))

    def __add__(self, o: Any) -> Proxy: return self._record("add", self, self._lift(o))
    def __radd__(self, o: Any) -> Proxy: return self._record("add", self._lift(o), self)
    def __sub__(self, o: Any) -> Proxy: return self._record("sub", self, self._lift(o))
    def __rsub__(self, o: Any) -> Proxy: return self._record("sub", self._lift(o), self)
    def __mul__(self, o: Any) -> Proxy: return self._record("mul", self, self._lift(o))
    def __rmul__(self, o: Any) -> Proxy: return self._record("mul", self._lift(o), self)
    def __truediv__(self, o: Any) -> Proxy: return self._record("div", self, self._lift(o))
    def __rtruediv__(self, o: Any) -> Proxy: return self._record("div", self._lift(o), self)
    def __matmul__(self, o: Any) -> Proxy: return self._record("matmul", self, self._lift(o))
    def __rmatmul__(self, o: Any) -> Proxy: return self._record("matmul", self._lift(o), self)
    def __neg__(self) -> Proxy: return self._record("neg", self)
    def __pow__(self, k: float) -> Proxy: return self._record("pow", self, exponent=float(k))
    def exp(self) -> Proxy: return self._record("exp", self)
    def log(self) -> Proxy: return self._record("log", self)
    def tanh(self) -> Proxy: return self._record("tanh", self)
    def relu(self) -> Proxy: return self._record("relu", self)

    @property
    def T(self) -> Proxy:
        return self._record("transpose", self)

    def sum(self, axis: int | None = None) -> Proxy:
        return self._record("sum", self, axis=None if axis is None else int(axis))

    def __bool__(self) -> bool:
        raise TypeError(f"{self.name} is a traced value without a number: it cannot decide "
                        "control flow (an if or while on it)")


def trace(fn: Callable[..., Any], *examples: Any, name: str = "f") -> Program:
    """Record `fn` once on proxies named x0, x1, ... (one per example; only their number
    matters: the IR does not know shapes). `fn` may return one value or a tuple of them."""
    body: list[Instr] = []
    inputs = [Proxy(body, f"x{i}") for i in range(len(examples))]
    result = fn(*inputs)
    results = result if isinstance(result, tuple) else (result,)
    outs = tuple(r.name if isinstance(r, Proxy) else inputs[0]._lift(r).name for r in results)
    program = Program(tuple(p.name for p in inputs), tuple(body), outs, name)
    check(program)
    return program


# -- day 44: constant folding and dead-code elimination ---------------------------------------------
def fold_constants(program: Program) -> Program:
    """Compute now every pure instruction whose operands are all constants."""
    known: dict[str, np.ndarray] = {}
    body = []
    for ins in program.body:
        info = OPS[ins.op]
        if info.pure and all(a in known for a in ins.args):
            value = np.asarray(info.compute(*(known[a] for a in ins.args), **dict(ins.attrs)),
                               dtype=np.float64)
            known[ins.out] = value
            if ins.op != "const":
                ins = Instr(ins.out, "const", (), (("value", const_value(value)),))
        body.append(ins)
    return replace(program, body=tuple(body))


def eliminate_dead_code(program: Program) -> Program:
    """Keep what the outputs need, every impure instruction, and what those read."""
    live = set(program.outputs)
    kept = []
    for ins in reversed(program.body):
        if ins.out in live or not OPS[ins.op].pure:
            kept.append(ins)
            live.update(ins.args)
    return replace(program, body=tuple(reversed(kept)))


# -- day 45: common subexpressions and exact simplification -------------------------------------------
def value_key(ins: Instr) -> tuple | None:
    """What makes two instructions one value; None for impure ones, which never merge.
    Attributes compare by repr, since 0.0 == -0.0 but 1/0.0 != 1/-0.0."""
    info = OPS[ins.op]
    if not info.pure:
        return None
    args = tuple(sorted(ins.args)) if info.commutative else ins.args
    return (ins.op, args, repr(ins.attrs))


def cse(program: Program) -> Program:
    """Value numbering: drop each pure instruction that repeats an earlier value."""
    seen: dict[tuple, str] = {}
    rename: dict[str, str] = {}
    body = []
    for ins in program.body:
        ins = replace(ins, args=tuple(rename.get(a, a) for a in ins.args))
        key = value_key(ins)
        if key is not None and key in seen:
            rename[ins.out] = seen[key]
            continue
        if key is not None:
            seen[key] = ins.out
        body.append(ins)
    return replace(program, body=tuple(body), outputs=tuple(rename.get(o, o) for o in program.outputs))


def _is_scalar_const(ins: Instr | None, target: float) -> bool:
    if ins is None or ins.op != "const" or np.ndim(ins.attr("value")) != 0:
        return False
    v = float(ins.attr("value"))
    return v == target and math.copysign(1.0, v) == math.copysign(1.0, target)


def simplify(program: Program) -> Program:
    """Only the identities that are exact in IEEE 754 (day 45): x*1, x/1, x+(-0.0), x-(+0.0),
    neg(neg(x)), transpose(transpose(x)), x**1. Not x*0, not x+0.0, not x-x."""
    defs: dict[str, Instr] = {}
    rename: dict[str, str] = {}
    body = []
    for ins in program.body:
        ins = replace(ins, args=tuple(rename.get(a, a) for a in ins.args))
        a = ins.args
        d = [defs.get(n) for n in a]
        same = None
        if ins.op == "mul":
            same = a[0] if _is_scalar_const(d[1], 1.0) else a[1] if _is_scalar_const(d[0], 1.0) else None
        elif ins.op == "div" and _is_scalar_const(d[1], 1.0):
            same = a[0]
        elif ins.op == "add":
            same = a[0] if _is_scalar_const(d[1], -0.0) else a[1] if _is_scalar_const(d[0], -0.0) else None
        elif ins.op == "sub" and _is_scalar_const(d[1], 0.0):
            same = a[0]
        elif ins.op in ("neg", "transpose") and d[0] is not None and d[0].op == ins.op:
            same = d[0].args[0]
        elif ins.op == "pow" and np.ndim(ins.attr("exponent")) == 0 and ins.attr("exponent") == 1:
            same = a[0]
        if same is not None:
            rename[ins.out] = same
            continue
        defs[ins.out] = ins
        body.append(ins)
    return replace(program, body=tuple(body), outputs=tuple(rename.get(o, o) for o in program.outputs))


# -- day 46: fusion ---------------------------------------------------------------------------------------
def _fusible(ins: Instr) -> bool:
    info = OPS[ins.op]
    return info.pure and info.elementwise and ins.op != "fused"


def fuse_elementwise(program: Program) -> Program:
    """Group pure elementwise instructions into single-output `fused` kernels.

    A kernel grows backwards from its root (its one output) over producers whose value is used
    only inside the kernel and is not a program output: only then may that value never reach
    memory. Constants, reductions, matmuls and impure instructions stay outside, as operands."""
    defining, users = program.defining(), program.users()
    outputs = set(program.outputs)
    member_of: dict[str, str] = {}  # instruction name -> the root of its kernel
    groups: dict[str, set[str]] = {}
    for root in reversed(program.body):
        if root.out in member_of or not _fusible(root):
            continue
        group = {root.out}
        grown = True
        while grown:
            grown = False
            for name in sorted(group):  # a copy: the group grows inside
                for a in defining[name].args:
                    d = defining.get(a)
                    if (d is not None and a not in group and a not in member_of and _fusible(d)
                            and a not in outputs and all(u.out in group for u in users[a])):
                        group.add(a)
                        grown = True
        if len(group) > 1:
            groups[root.out] = group
            member_of.update({n: root.out for n in group})
    body = []
    for ins in program.body:
        if ins.out in groups:
            inner = [i for i in program.body if i.out in groups[ins.out]]
            operands = list(dict.fromkeys(a for i in inner for a in i.args if a not in groups[ins.out]))
            kernel = Program(tuple(operands), tuple(inner), (ins.out,), f"k{sum(i.op == 'fused' for i in body)}")
            body.append(Instr(ins.out, "fused", tuple(operands), (("body", kernel),)))
        elif ins.out not in member_of:
            body.append(ins)
    return replace(program, body=tuple(body))


DEFAULT: tuple[Pass, ...] = (fold_constants, simplify, cse, eliminate_dead_code)


def optimize(program: Program, passes: Sequence[Pass] = DEFAULT, max_rounds: int = 20) -> Program:
    """Run the passes in rounds until a whole round changes nothing (a fixed point)."""
    for _ in range(max_rounds):
        new = program
        for p in passes:
            new = p(new)
        if new == program:
            break
        program = new
    return program


# -- code generation --------------------------------------------------------------------------------------
_TEMPLATES = {
    "add": "({0} + {1})", "sub": "({0} - {1})", "mul": "({0} * {1})", "div": "({0} / {1})",
    "neg": "(-{0})", "exp": "np.exp({0})", "log": "np.log({0})", "tanh": "np.tanh({0})",
    "relu": "np.maximum({0}, 0.0)", "step": "np.greater({0}, 0).astype(np.float64)",
    "matmul": "np.matmul({0}, {1})", "pow": "np.power({0}, {exponent})",
    "sum": "np.sum({0}, axis={axis})",
}


def _literal(v: Any) -> str:
    """A Python expression for an attribute value (inf and nan have no literal of their own)."""
    if isinstance(v, tuple):
        return "(" + "".join(_literal(e) + ", " for e in v) + ")"
    if isinstance(v, float) and not math.isfinite(v):
        return f"float({str(v)!r})"
    return repr(v)


def _expression(ins: Instr) -> str:
    attrs = {k: _literal(v) for k, v in ins.attrs}
    if ins.op == "const":
        return f"np.asarray({attrs['value']}, dtype=np.float64)"
    if ins.op in _TEMPLATES:
        return _TEMPLATES[ins.op].format(*ins.args, **attrs)
    call = ", ".join(list(ins.args) + [f"{k}={v}" for k, v in attrs.items()])
    return f"OPS[{ins.op!r}].compute({call})"  # transpose, sum_like, expand_like: the interpreter's own


def _function(program: Program, fname: str, kernels: list[str], top: bool) -> list[str]:
    params = ", ".join(program.inputs) + (", *, rng=None, effects=None" if top else "")
    lines = [f"def {fname}({params}):"]
    if top:
        lines += [f"    {n} = np.asarray({n}, dtype=np.float64)" for n in program.inputs]
        if any(i.op == "rand" for i in program.body):
            lines.append("    rng = np.random.default_rng() if rng is None else rng")
    for ins in program.body:
        if ins.op == "fused":
            kname = f"_kernel_{len(kernels)}_{ins.attr('body').name}"
            kernels.append("")  # reserve the number before nested kernels take one
            kernels[-1] = "\n".join(_function(ins.attr("body"), kname, kernels, top=False))
            lines.append(f"    {ins.out} = {kname}({', '.join(ins.args)})")
        elif ins.op == "rand":
            lines.append(f"    {ins.out} = rng.standard_normal({_literal(ins.attr('shape', ()))})")
        elif ins.op == "emit":
            lines.append(f"    {ins.out} = np.asarray({ins.args[0]}, dtype=np.float64)")
            lines.append(f"    if effects is not None: effects.append({ins.out}.copy())")
        else:
            lines.append(f"    {ins.out} = {_expression(ins)}")
    if top:
        lines.append("    return (" + "".join(f"np.asarray({o}, dtype=np.float64), " for o in program.outputs) + ")")
    else:
        lines.append(f"    return {program.outputs[0]}")
    return lines


def to_python(program: Program) -> str:
    """One Python/NumPy function, a line per instruction and a small function per fused kernel.
    It returns a tuple of arrays, as `ir.run` does; it needs `np` and `OPS` in scope."""
    check(program)
    kernels: list[str] = []
    main = _function(program, program.name, kernels, top=True)
    return "\n\n".join(kernels + ["\n".join(main)]) + "\n"


def compile_program(program: Program) -> Callable[..., tuple[np.ndarray, ...]]:
    """The generated function, ready to call: f(*arrays, rng=None, effects=None) -> outputs."""
    namespace: dict[str, Any] = {"np": np, "OPS": OPS}
    exec(compile(to_python(program), f"<{program.name}>", "exec"), namespace)  # noqa: S102
    fn = namespace[program.name]
    fn.source = to_python(program)
    return fn
