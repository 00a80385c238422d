"""Wrong answers learners really write for day 23 (a tensor autograd engine); each must lose points.

Every exercise fills in a method of one class, so each mutant is the whole class with one bug.
"""

MUTANTS = [
    {
        "name": "copies nothing: keeps the caller's array (and its dtype)",
        "cell": 'tensor_answer',
        "loses": ['ex1_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.asarray(data)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": '+ overwrites the gradient instead of accumulating (= for +=)',
        "cell": 'tensor_answer',
        "loses": ['ex1_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = unbroadcast(out.grad, self.shape)
            other.grad = unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": '+ passes the broadcast gradient back without unbroadcast',
        "cell": 'tensor_answer',
        "loses": ['ex1_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = self.grad + out.grad
            other.grad = other.grad + out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": '* overwrites the gradient instead of accumulating (= for +=)',
        "cell": 'tensor_answer',
        "loses": ['ex2_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = unbroadcast(out.grad * other.data, self.shape)
            other.grad = unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": "* multiplies by its own data instead of the other operand's",
        "cell": 'tensor_answer',
        "loses": ['ex2_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * self.data, self.shape)
            other.grad += unbroadcast(out.grad * other.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": '@ with a transposed gradient that only works for square matrices (G @ B, G.T @ A)',
        "cell": 'tensor_answer',
        "loses": ['ex3_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data
            other.grad += out.grad.T @ self.data
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": '@ with the gradient of B transposed (right shape only when square)',
        "cell": 'tensor_answer',
        "loses": ['ex3_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += (self.data.T @ out.grad).T
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": '@ overwrites the gradient instead of accumulating (= for +=)',
        "cell": 'tensor_answer',
        "loses": ['ex3_tests'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad = out.grad @ other.data.T
            other.grad = self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": 'backward ignores the upstream gradient and seeds ones',
        "cell": 'tensor_answer',
        "loses": ['ex4_tests_chain', 'ex4_tests_reuse'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.ones_like(self.data)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": 'backward by recursion without a topological order',
        "cell": 'tensor_answer',
        "loses": ['ex4_tests_reuse'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        self.grad += grad

        def run(t):
            t._backward()
            for child in t._prev:
                run(child)
        run(self)

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": 'topological order without a visited set',
        "cell": 'tensor_answer',
        "loses": ['ex4_tests_reuse'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            for child in t._prev:
                visit(child)
            order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": 'backward remembers visited tensors between calls',
        "cell": 'tensor_answer',
        "loses": ['ex4_tests_reuse'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order = []

        def visit(t):
            if not getattr(t, "_visited", False):
                t._visited = True
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": "backward does not check the seed's shape",
        "cell": 'tensor_answer',
        "loses": ['ex4_tests_reuse'],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": "day 9's recursive topological order: RecursionError on a chain of thousands",
        "cell": "tensor_answer",
        "loses": ["ex4_tests_chain"],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()

        def visit(t):
            if t not in visited:
                visited.add(t)
                for child in t._prev:
                    visit(child)
                order.append(t)
        visit(self)
        self.grad += grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
    {
        "name": "seeds with self.grad = grad where the statement says add",
        "cell": "tensor_answer",
        "loses": ["ex4_tests_chain"],
        "source": '''class Tensor:
    """An array in a computational graph: its data, its gradient, and how it was made."""

    def __init__(self, data, _children=(), _op="", label=""):
        # Exercise 1
        self.data = np.array(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    @property
    def shape(self):
        return self.data.shape

    def __add__(self, other):
        # Exercise 1
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        # Exercise 2
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += unbroadcast(out.grad * other.data, self.shape)
            other.grad += unbroadcast(out.grad * self.data, other.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        # Exercise 3
        other = other if isinstance(other, Tensor) else Tensor(other)
        out = Tensor(self.data @ other.data, (self, other), "@")

        def _backward():
            self.grad += out.grad @ other.data.T
            other.grad += self.data.T @ out.grad
        out._backward = _backward
        return out

    def backward(self, grad=None):
        # Exercise 4
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a one-element tensor, not shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(grad, dtype=np.float64)
        if grad.shape != self.shape:
            raise ValueError(f"the upstream gradient has shape {grad.shape}, the tensor {self.shape}")
        order, visited = [], set()
        stack = [(self, False)]
        while stack:                                  # depth-first, without recursion
            t, children_done = stack.pop()
            if children_done:
                order.append(t)                       # after everything it was made from
            elif t not in visited:
                visited.add(t)
                stack.append((t, True))
                stack.extend((child, False) for child in t._prev)
        self.grad = grad
        for t in reversed(order):
            t._backward()

    # derived operations, one line each (given)
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self._op!r})"''',
    },
]
