"""Wrong answers learners really write for day 10 (the scalar engine, part 2); each must lose points."""

MUTANTS = [
    {
        "name": "power rule without the -1: k * x**k",
        "cell": "value_answer",
        "loses": ["ex1_tests", "ex3_tests_torch"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** exponent * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "log's derivative written with the output: 1/out",
        "cell": "value_answer",
        "loses": ["ex1_tests", "ex3_tests_torch"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / out.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "exp's backward overwrites (=) instead of accumulating",
        "cell": "value_answer",
        "loses": ["ex1_tests"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad = out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "tanh's derivative uses the input: 1 - x**2",
        "cell": "value_answer",
        "loses": ["ex2_tests", "ex3_tests_torch"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - self.data * self.data) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "relu's derivative on the wrong side (x < 0)",
        "cell": "value_answer",
        "loses": ["ex2_tests", "ex3_tests_torch"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data < 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "2 - x computed as x - 2 (__rsub__ with the sign flipped)",
        "cell": "value_answer",
        "loses": ["ex3_tests", "ex3_tests_torch"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return self - other

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "2 / x computed as x / 2 (__rtruediv__ with the operands swapped)",
        "cell": "value_answer",
        "loses": ["ex3_tests", "ex3_tests_torch"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return self / other

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "the x + x bug: + overwrites (=) instead of accumulating",
        "cell": "value_answer",
        "loses": ["ex3_tests_torch"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "zeroes only the leaves",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def zero_grad(root):
    """Set grad = 0.0 on root and on every value root was made from, directly or not."""
    seen, stack = set(), [root]
    while stack:
        v = stack.pop()
        if id(v) not in seen:
            seen.add(id(v))
            if not v._prev:
                v.grad = 0.0
            stack.extend(v._prev)''',
    },
    {
        "name": "zeroes only root and the values it was made from directly",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def zero_grad(root):
    root.grad = 0.0
    for v in root._prev:
        v.grad = 0.0''',
    },
    {
        "name": "torch's default float32 leaves",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def torch_gradients(f, xs):
    """(f(xs), [df/dx_i]) by torch.autograd in float64."""
    leaves = [torch.tensor(float(x), requires_grad=True) for x in xs]
    out = f(*leaves)
    out.backward()
    return out.item(), [0.0 if t.grad is None else t.grad.item() for t in leaves]''',
    },
    {
        "name": "reads .grad of an unused input (None)",
        "cell": "ex5_answer",
        "loses": ["ex5_tests"],
        "source": '''def torch_gradients(f, xs):
    """(f(xs), [df/dx_i]) by torch.autograd in float64."""
    leaves = [torch.tensor(float(x), dtype=torch.float64, requires_grad=True) for x in xs]
    out = f(*leaves)
    out.backward()
    return out.item(), [t.grad.item() for t in leaves]''',
    },
    {
        "name": "imports the reference engine instead of writing it",
        "cell": "value_answer",
        "loses": ["ex1_tests", "ex2_tests", "ex3_tests", "ex3_tests_torch"],
        "source": '''from graphcompute.engine import Value''',
    },
    {
        "name": "subclasses the reference engine instead of writing it",
        "cell": "value_answer",
        "loses": ["ex1_tests", "ex2_tests", "ex3_tests", "ex3_tests_torch"],
        "source": '''from graphcompute import engine


class Value(engine.Value):
    """A scalar in a computational graph: its data, its gradient, and how it was made."""''',
    },
    {
        "name": "exp's backward forgets out.grad: self.grad += out.data",
        "cell": "value_answer",
        "loses": ['ex1_tests', 'ex3_tests_torch'],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": "the _op of ** leaves out the exponent ('**' for every power)",
        "cell": "value_answer",
        "loses": ['ex1_tests_nodes'],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), "**")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": 'tanh built from exp, - and / (right values and gradients, but not one primitive node)',
        "cell": "value_answer",
        "loses": ['ex2_tests_nodes'],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        e = (2 * self).exp()
        return (e - 1) / (e + 1)

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": '-x built as a new leaf Value(-x.data): no gradient flows through subtraction',
        "cell": "value_answer",
        "loses": ['ex3_tests', 'ex3_tests_torch'],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return Value(-self.data)

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        return self * other ** -1

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
    {
        "name": 'x / y multiplies by a new leaf Value(1 / y.data): y gets no gradient',
        "cell": "value_answer",
        "loses": ['ex3_tests', 'ex3_tests_torch'],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    # -- yesterday's engine, complete ----------------------------------------------------
    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        order, visited = [], set()

        def visit(v: "Value") -> None:
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)
        visit(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # -- Exercise 1: powers, exp, log ------------------------------------------------------
    def __pow__(self, exponent: float) -> "Value":
        assert isinstance(exponent, (int, float)), "only int and float exponents"
        out = Value(self.data ** exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad
        out._backward = _backward
        return out

    def exp(self) -> "Value":
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward() -> None:
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self) -> "Value":
        out = Value(math.log(self.data), (self,), "log")

        def _backward() -> None:
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    # -- Exercise 2: tanh, relu --------------------------------------------------------------
    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # -- Exercise 3: derived operations, one line each ---------------------------------------
    def __neg__(self) -> "Value":
        return self * -1

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __rsub__(self, other: float) -> "Value":
        return other + (-self)

    def __truediv__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        return self * Value(1 / other.data)

    def __rtruediv__(self, other: float) -> "Value":
        return other * self ** -1

    def sigmoid(self) -> "Value":
        return 1 / (1 + (-self).exp())''',
    },
]
