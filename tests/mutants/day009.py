"""Wrong answers learners really write for day 9 (the scalar engine, part 1); each must lose points."""

MUTANTS = [
    {
        "name": "no visited set: a reused value appears more than once",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def topological_order(root):
    """Every value root depends on, each once, each after the values it was made from."""
    order, visited = [], set()

    def visit(v):
        for child in v._prev:
            visit(child)
        order.append(v)
    visit(root)
    return order''',
    },
    {
        "name": "appends a value before its children (root first)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def topological_order(root):
    """Every value root depends on, each once, each after the values it was made from."""
    order, visited = [], set()

    def visit(v):
        if v not in visited:
            visited.add(v)
            order.append(v)
            for child in v._prev:
                visit(child)
    visit(root)
    return order''',
    },
    {
        "name": "keeps data as given (an int stays an int)",
        "cell": "value_answer",
        "loses": ["ex2_tests"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "_prev in the wrong order for *",
        "cell": "value_answer",
        "loses": ["ex2_tests"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (other, self), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "overwrites gradients (=) instead of accumulating (+=)",
        "cell": "value_answer",
        "loses": ["ex3_tests", "ex4_tests_reuse"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad = out.grad
            other.grad = out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "multiplication pushes each operand its own data",
        "cell": "value_answer",
        "loses": ["ex3_tests", "ex4_tests_chain", "ex4_tests_reuse"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += self.data * out.grad
            other.grad += other.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "the closure copies out.grad when it is made (always 0.0)",
        "cell": "value_answer",
        "loses": ["ex3_tests", "ex4_tests_chain", "ex4_tests_reuse"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")
        upstream = out.grad

        def _backward() -> None:
            self.grad += other.data * upstream
            other.grad += self.data * upstream
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "recursive backward: a reused value is visited (and pushes) twice",
        "cell": "value_answer",
        "loses": ["ex4_tests_reuse"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        self.grad += 1.0

        def visit(v):
            v._backward()
            for child in v._prev:
                visit(child)
        visit(self)

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "sweeps in forward topological order",
        "cell": "value_answer",
        "loses": ["ex4_tests_chain", "ex4_tests_reuse"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in order:
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "__radd__ written as other + self (recurses forever)",
        "cell": "value_answer",
        "loses": ["ex5_tests"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return other + self

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "numbers are not wrapped in __mul__",
        "cell": "value_answer",
        "loses": ["ex5_tests"],
        "source": '''class Value:
    """A scalar in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data: float, _children: tuple = (), _op: str = "", label: str = "") -> None:
        # Exercise 2
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __add__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        # Exercises 2, 3 and 5
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def backward(self) -> None:
        # Exercise 4
        order = topological_order(self)
        self.grad += 1.0
        for v in reversed(order):
            v._backward()

    def __radd__(self, other: float) -> "Value":
        # Exercise 5
        return self + other

    def __rmul__(self, other: float) -> "Value":
        # Exercise 5
        return self * other

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"''',
    },
    {
        "name": "imports the reference engine instead of writing it",
        "cell": "value_answer",
        "loses": ["ex2_tests", "ex3_tests", "ex4_tests_chain", "ex4_tests_reuse", "ex5_tests"],
        "source": '''from graphcompute.engine import Value''',
    },
    {
        "name": "subclasses the reference engine instead of writing it",
        "cell": "value_answer",
        "loses": ["ex2_tests", "ex3_tests", "ex4_tests_chain", "ex4_tests_reuse", "ex5_tests"],
        "source": '''from graphcompute import engine


class Value(engine.Value):
    """A scalar in a computational graph: its data, its gradient, and how it was made."""''',
    },
]
