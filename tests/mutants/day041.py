"""Plausible wrong answers for day 41 (tracing); each must lose the points listed."""

MUTANTS = [
    {
        "name": '__rsub__ subtracts in the wrong order (2.0 - x traced as x - 2.0)',
        "cell": 'ex1_answer',
        "loses": ['ex1_tests'],
        "source": '''def symbolic_trace(f, n_inputs: int) -> tuple[list[str], list[tuple], str]:
    """Call f on n_inputs proxies; return (input names, tape of records, output name)."""
    tape = []

    class Proxy:
        __array_ufunc__ = None  # np.ndarray + Proxy calls Proxy.__radd__

        def __init__(self, name):
            self.name = name

        def _record(self, op, args, attrs=None):
            out = f"v{len(tape)}"
            tape.append((out, op, tuple(a.name for a in args), dict(attrs or {})))
            return Proxy(out)

        def _lift(self, other):
            if isinstance(other, Proxy):
                return other
            return self._record("const", (), {"value": np.asarray(other, dtype=np.float64)})

        def __add__(self, other): return self._record("+", (self, self._lift(other)))
        def __mul__(self, other): return self._record("*", (self, self._lift(other)))
        def __matmul__(self, other): return self._record("@", (self, self._lift(other)))
        def __pow__(self, k): return self._record("pow", (self,), {"exponent": float(k)})
        def __gt__(self, other): return self._record(">", (self, self._lift(other)))
        def __lt__(self, other): return self._record("<", (self, self._lift(other)))
        def exp(self): return self._record("exp", (self,))
        def log(self): return self._record("log", (self,))
        def tanh(self): return self._record("tanh", (self,))
        def relu(self): return self._record("relu", (self,))

        def sum(self, axis=None, keepdims=False):
            return self._record("sum", (self,), {"axis": axis, "keepdims": bool(keepdims)})

        def __bool__(self):
            raise TypeError(f"{self.name} is a traced value without a number: it cannot decide "
                            "control flow (an if or while on it)")

        def __neg__(self): return self * -1.0
        def __radd__(self, other): return self._lift(other) + self
        def __rmul__(self, other): return self._lift(other) * self
        def __rmatmul__(self, other): return self._lift(other) @ self
        def __sub__(self, other): return self + (-self._lift(other))
        def __rsub__(self, other): return self - other
        def __truediv__(self, other): return self * self._lift(other) ** -1
        def __rtruediv__(self, other): return self._lift(other) * self ** -1

    inputs = [Proxy(f"x{i}") for i in range(n_inputs)]
    out = f(*inputs)
    return [p.name for p in inputs], tape, out.name
''',
    },
    {
        "name": '__bool__ answers True instead of refusing, so an if is silently baked in',
        "cell": 'ex1_answer',
        "loses": ['ex1_tests'],
        "source": '''def symbolic_trace(f, n_inputs: int) -> tuple[list[str], list[tuple], str]:
    """Call f on n_inputs proxies; return (input names, tape of records, output name)."""
    tape = []

    class Proxy:
        __array_ufunc__ = None  # np.ndarray + Proxy calls Proxy.__radd__

        def __init__(self, name):
            self.name = name

        def _record(self, op, args, attrs=None):
            out = f"v{len(tape)}"
            tape.append((out, op, tuple(a.name for a in args), dict(attrs or {})))
            return Proxy(out)

        def _lift(self, other):
            if isinstance(other, Proxy):
                return other
            return self._record("const", (), {"value": np.asarray(other, dtype=np.float64)})

        def __add__(self, other): return self._record("+", (self, self._lift(other)))
        def __mul__(self, other): return self._record("*", (self, self._lift(other)))
        def __matmul__(self, other): return self._record("@", (self, self._lift(other)))
        def __pow__(self, k): return self._record("pow", (self,), {"exponent": float(k)})
        def __gt__(self, other): return self._record(">", (self, self._lift(other)))
        def __lt__(self, other): return self._record("<", (self, self._lift(other)))
        def exp(self): return self._record("exp", (self,))
        def log(self): return self._record("log", (self,))
        def tanh(self): return self._record("tanh", (self,))
        def relu(self): return self._record("relu", (self,))

        def sum(self, axis=None, keepdims=False):
            return self._record("sum", (self,), {"axis": axis, "keepdims": bool(keepdims)})

        def __bool__(self):
            return True

        def __neg__(self): return self * -1.0
        def __radd__(self, other): return self._lift(other) + self
        def __rmul__(self, other): return self._lift(other) * self
        def __rmatmul__(self, other): return self._lift(other) @ self
        def __sub__(self, other): return self + (-self._lift(other))
        def __rsub__(self, other): return self._lift(other) + (-self)
        def __truediv__(self, other): return self * self._lift(other) ** -1
        def __rtruediv__(self, other): return self._lift(other) * self ** -1

    inputs = [Proxy(f"x{i}") for i in range(n_inputs)]
    out = f(*inputs)
    return [p.name for p in inputs], tape, out.name
''',
    },
    {
        "name": 'sum drops its axis and keepdims',
        "cell": 'ex1_answer',
        "loses": ['ex1_tests'],
        "source": '''def symbolic_trace(f, n_inputs: int) -> tuple[list[str], list[tuple], str]:
    """Call f on n_inputs proxies; return (input names, tape of records, output name)."""
    tape = []

    class Proxy:
        __array_ufunc__ = None  # np.ndarray + Proxy calls Proxy.__radd__

        def __init__(self, name):
            self.name = name

        def _record(self, op, args, attrs=None):
            out = f"v{len(tape)}"
            tape.append((out, op, tuple(a.name for a in args), dict(attrs or {})))
            return Proxy(out)

        def _lift(self, other):
            if isinstance(other, Proxy):
                return other
            return self._record("const", (), {"value": np.asarray(other, dtype=np.float64)})

        def __add__(self, other): return self._record("+", (self, self._lift(other)))
        def __mul__(self, other): return self._record("*", (self, self._lift(other)))
        def __matmul__(self, other): return self._record("@", (self, self._lift(other)))
        def __pow__(self, k): return self._record("pow", (self,), {"exponent": float(k)})
        def __gt__(self, other): return self._record(">", (self, self._lift(other)))
        def __lt__(self, other): return self._record("<", (self, self._lift(other)))
        def exp(self): return self._record("exp", (self,))
        def log(self): return self._record("log", (self,))
        def tanh(self): return self._record("tanh", (self,))
        def relu(self): return self._record("relu", (self,))

        def sum(self, axis=None, keepdims=False):
            return self._record("sum", (self,), {"axis": None, "keepdims": False})

        def __bool__(self):
            raise TypeError(f"{self.name} is a traced value without a number: it cannot decide "
                            "control flow (an if or while on it)")

        def __neg__(self): return self * -1.0
        def __radd__(self, other): return self._lift(other) + self
        def __rmul__(self, other): return self._lift(other) * self
        def __rmatmul__(self, other): return self._lift(other) @ self
        def __sub__(self, other): return self + (-self._lift(other))
        def __rsub__(self, other): return self._lift(other) + (-self)
        def __truediv__(self, other): return self * self._lift(other) ** -1
        def __rtruediv__(self, other): return self._lift(other) * self ** -1

    inputs = [Proxy(f"x{i}") for i in range(n_inputs)]
    out = f(*inputs)
    return [p.name for p in inputs], tape, out.name
''',
    },
    {
        "name": 'no reflected operators: 2.0 * x and array @ x fail',
        "cell": 'ex1_answer',
        "loses": ['ex1_tests'],
        "source": '''def symbolic_trace(f, n_inputs: int) -> tuple[list[str], list[tuple], str]:
    """Call f on n_inputs proxies; return (input names, tape of records, output name)."""
    tape = []

    class Proxy:
        pass

        def __init__(self, name):
            self.name = name

        def _record(self, op, args, attrs=None):
            out = f"v{len(tape)}"
            tape.append((out, op, tuple(a.name for a in args), dict(attrs or {})))
            return Proxy(out)

        def _lift(self, other):
            if isinstance(other, Proxy):
                return other
            return self._record("const", (), {"value": np.asarray(other, dtype=np.float64)})

        def __add__(self, other): return self._record("+", (self, self._lift(other)))
        def __mul__(self, other): return self._record("*", (self, self._lift(other)))
        def __matmul__(self, other): return self._record("@", (self, self._lift(other)))
        def __pow__(self, k): return self._record("pow", (self,), {"exponent": float(k)})
        def __gt__(self, other): return self._record(">", (self, self._lift(other)))
        def __lt__(self, other): return self._record("<", (self, self._lift(other)))
        def exp(self): return self._record("exp", (self,))
        def log(self): return self._record("log", (self,))
        def tanh(self): return self._record("tanh", (self,))
        def relu(self): return self._record("relu", (self,))

        def sum(self, axis=None, keepdims=False):
            return self._record("sum", (self,), {"axis": axis, "keepdims": bool(keepdims)})

        def __bool__(self):
            raise TypeError(f"{self.name} is a traced value without a number: it cannot decide "
                            "control flow (an if or while on it)")

        def __neg__(self): return self * -1.0
        def __radd__(self, other): return self._lift(other) + self
                        def __sub__(self, other): return self + (-self._lift(other))
        def __rsub__(self, other): return self._lift(other) + (-self)
        def __truediv__(self, other): return self * self._lift(other) ** -1
        def __rtruediv__(self, other): return self._lift(other) * self ** -1

    inputs = [Proxy(f"x{i}") for i in range(n_inputs)]
    out = f(*inputs)
    return [p.name for p in inputs], tape, out.name
''',
    },
    {
        "name": 'recursion without a visited set: a reused value is recorded once per path',
        "cell": 'ex2_answer',
        "loses": ['ex2_tests'],
        "source": '''def trace_tensors(f, inputs: list[np.ndarray]) -> tuple[list[str], list[tuple], str]:
    """Run f once on engine tensors and read back its graph as a trace."""
    leaves = [Tensor(np.asarray(a, dtype=np.float64)) for a in inputs]
    input_names = {id(t): f"x{i}" for i, t in enumerate(leaves)}
    out = f(*leaves)
    tape = []

    def visit(t):
        if id(t) in input_names:
            return input_names[id(t)]
        args = tuple(visit(p) for p in t._prev)
        name = f"v{len(tape)}"
        if not t._prev:
            tape.append((name, "const", (), {"value": t.data.copy()}))
        else:
            op, attrs = engine_op(t)
            tape.append((name, op, args, attrs))
        return name

    output = visit(out)
    return [input_names[id(t)] for t in leaves], tape, output
''',
    },
    {
        "name": 'constant leaves become extra inputs instead of const records',
        "cell": 'ex2_answer',
        "loses": ['ex2_tests'],
        "source": '''def trace_tensors(f, inputs: list[np.ndarray]) -> tuple[list[str], list[tuple], str]:
    """Run f once on engine tensors and read back its graph as a trace."""
    leaves = [Tensor(np.asarray(a, dtype=np.float64)) for a in inputs]
    names = {id(t): f"x{i}" for i, t in enumerate(leaves)}
    order = [t for t in leaves]
    out = f(*leaves)
    tape = []

    def visit(t):
        if id(t) in names:
            return
        for p in t._prev:
            visit(p)
        if not t._prev:
            names[id(t)] = f"x{len(order)}"
            order.append(t)
            return
        name = f"v{len(tape)}"
        op, attrs = engine_op(t)
        tape.append((name, op, tuple(names[id(p)] for p in t._prev), attrs))
        names[id(t)] = name

    visit(out)
    return [names[id(t)] for t in order], tape, names[id(out)]
''',
    },
    {
        "name": 'ignores constants: a const record is replayed as 0',
        "cell": 'ex3_answer',
        "loses": ['ex3_tests'],
        "source": '''def evaluate(trace, inputs: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Run a trace on new inputs; return every value by name."""
    names, tape, output = trace
    env = {n: np.asarray(a, dtype=np.float64) for n, a in zip(names, inputs)}
    for out, op, args, attrs in tape:
        v = [env[a] for a in args]
        if op == "const":
            env[out] = np.zeros(())
        elif op == "+":
            env[out] = v[0] + v[1]
        elif op == "*":
            env[out] = v[0] * v[1]
        elif op == "@":
            env[out] = v[0] @ v[1]
        elif op == "pow":
            env[out] = v[0] ** attrs["exponent"]
        elif op in ("exp", "log", "tanh"):
            env[out] = getattr(np, op)(v[0])
        elif op == "relu":
            env[out] = np.maximum(v[0], 0.0)
        elif op == "sum":
            env[out] = v[0].sum(axis=attrs["axis"], keepdims=attrs["keepdims"])
        elif op == ">":
            env[out] = v[0] > v[1]
        elif op == "<":
            env[out] = v[0] < v[1]
        else:
            raise ValueError(f"unknown op {op!r}")
    return env
''',
    },
    {
        "name": 'sum ignores keepdims',
        "cell": 'ex3_answer',
        "loses": ['ex3_tests'],
        "source": '''def evaluate(trace, inputs: list[np.ndarray]) -> dict[str, np.ndarray]:
    """Run a trace on new inputs; return every value by name."""
    names, tape, output = trace
    env = {n: np.asarray(a, dtype=np.float64) for n, a in zip(names, inputs)}
    for out, op, args, attrs in tape:
        v = [env[a] for a in args]
        if op == "const":
            env[out] = np.array(attrs["value"], dtype=np.float64)
        elif op == "+":
            env[out] = v[0] + v[1]
        elif op == "*":
            env[out] = v[0] * v[1]
        elif op == "@":
            env[out] = v[0] @ v[1]
        elif op == "pow":
            env[out] = v[0] ** attrs["exponent"]
        elif op in ("exp", "log", "tanh"):
            env[out] = getattr(np, op)(v[0])
        elif op == "relu":
            env[out] = np.maximum(v[0], 0.0)
        elif op == "sum":
            env[out] = v[0].sum(axis=attrs["axis"])
        elif op == ">":
            env[out] = v[0] > v[1]
        elif op == "<":
            env[out] = v[0] < v[1]
        else:
            raise ValueError(f"unknown op {op!r}")
    return env
''',
    },
    {
        "name": 'the guard check is never consulted: the first cached trace is always reused',
        "cell": 'ex4_answer',
        "loses": ['ex4_tests'],
        "source": '''def guards_hold(trace, guards, inputs) -> bool:
    """True when every guard's value has the recorded outcome on these inputs."""
    env = evaluate(trace, inputs)
    return all(bool(env[name]) == outcome for name, outcome in guards)


def call_with_cache(f, inputs, cache: list) -> np.ndarray:
    """f(*inputs), replayed from the first cached trace whose guards hold, or traced anew."""
    for trace, guards in cache:
        if True:
            return np.asarray(evaluate(trace, inputs)[trace[2]], dtype=np.float64)
    trace, guards = trace_concrete(f, inputs)
    cache.append((trace, guards))
    return np.asarray(evaluate(trace, inputs)[trace[2]], dtype=np.float64)
''',
    },
    {
        "name": 'a guard holds when its value is true, whatever outcome was recorded',
        "cell": 'ex4_answer',
        "loses": ['ex4_tests'],
        "source": '''def guards_hold(trace, guards, inputs) -> bool:
    """True when every guard's value has the recorded outcome on these inputs."""
    env = evaluate(trace, inputs)
    return all(bool(env[name]) for name, outcome in guards)


def call_with_cache(f, inputs, cache: list) -> np.ndarray:
    """f(*inputs), replayed from the first cached trace whose guards hold, or traced anew."""
    for trace, guards in cache:
        if guards_hold(trace, guards, inputs):
            return np.asarray(evaluate(trace, inputs)[trace[2]], dtype=np.float64)
    trace, guards = trace_concrete(f, inputs)
    cache.append((trace, guards))
    return np.asarray(evaluate(trace, inputs)[trace[2]], dtype=np.float64)
''',
    },
    {
        "name": 'traces again on every call: the cache grows without reuse',
        "cell": 'ex4_answer',
        "loses": ['ex4_tests'],
        "source": '''def guards_hold(trace, guards, inputs) -> bool:
    """True when every guard's value has the recorded outcome on these inputs."""
    env = evaluate(trace, inputs)
    return all(bool(env[name]) == outcome for name, outcome in guards)


def call_with_cache(f, inputs, cache: list) -> np.ndarray:
    """f(*inputs), replayed from the first cached trace whose guards hold, or traced anew."""
    trace, guards = trace_concrete(f, inputs)
    cache.append((trace, guards))
    return np.asarray(evaluate(trace, inputs)[trace[2]], dtype=np.float64)
''',
    },
]
