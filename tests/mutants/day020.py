"""Day 20 (milestone code review): one mutant per bug of PR #42 left unfixed, plus wrong fixes.

Each exercise fixes one bug, and its tests use nothing else the PR broke, so a mutant loses the
points of its own exercise only.
"""

MUTANTS = [
    {
        "name": "bug 1 left unfixed: __add__ assigns the gradient with = instead of +=",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fixed_add(self, other):
    """Value.__add__ from PR #42, fixed: the output's gradient is added to both inputs."""
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():
        # addition passes the gradient straight through
        self.grad = out.grad
        other.grad = out.grad
    out._backward = _backward
    return out
''',
    },
    {
        "name": "half a fix: += for self but still = for other",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fixed_add(self, other):
    """Value.__add__ from PR #42, fixed: the output's gradient is added to both inputs."""
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():
        self.grad += out.grad
        other.grad = out.grad
    out._backward = _backward
    return out
''',
    },
    {
        "name": "accumulates 1 instead of the upstream gradient",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def fixed_add(self, other):
    """Value.__add__ from PR #42, fixed: the output's gradient is added to both inputs."""
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data + other.data, (self, other), "+")

    def _backward():
        self.grad += 1.0
        other.grad += 1.0
    out._backward = _backward
    return out
''',
    },
    {
        "name": "bug 2 left unfixed: the tanh derivative uses the input",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def fixed_tanh(self):
    """Value.tanh from PR #42, fixed: the local derivative is 1 - tanh(x)^2."""
    t = math.tanh(self.data)
    out = Value(t, (self,), "tanh")

    def _backward():
        self.grad += (1 - self.data ** 2) * out.grad
    out._backward = _backward
    return out
''',
    },
    {
        "name": "right derivative, but = instead of +=",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def fixed_tanh(self):
    """Value.tanh from PR #42, fixed: the local derivative is 1 - tanh(x)^2."""
    t = math.tanh(self.data)
    out = Value(t, (self,), "tanh")

    def _backward():
        self.grad = (1 - t ** 2) * out.grad
    out._backward = _backward
    return out
''',
    },
    {
        "name": "right derivative, but the upstream gradient is forgotten",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def fixed_tanh(self):
    """Value.tanh from PR #42, fixed: the local derivative is 1 - tanh(x)^2."""
    t = math.tanh(self.data)
    out = Value(t, (self,), "tanh")

    def _backward():
        self.grad += 1 - t ** 2
    out._backward = _backward
    return out
''',
    },
    {
        "name": "bug 3 left unfixed: __rmul__ restored but __mul__ still does not wrap numbers",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def fixed_mul(self, other):
    """Value.__mul__ from PR #42, fixed: a number operand is wrapped in a Value."""
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad
    out._backward = _backward
    return out


def fixed_rmul(self, other):
    """Value.__rmul__, restored: other * self when other is a number."""
    return self * other
''',
    },
    {
        "name": "__rmul__ written as other * self (asks int, then __rmul__ again)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def fixed_mul(self, other):
    """Value.__mul__ from PR #42, fixed: a number operand is wrapped in a Value."""
    other = other if isinstance(other, Value) else Value(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad
    out._backward = _backward
    return out


def fixed_rmul(self, other):
    """Value.__rmul__, restored: other * self when other is a number."""
    return other * self
''',
    },
    {
        "name": "wraps only int operands, so Value * 2.5 still fails",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def fixed_mul(self, other):
    """Value.__mul__ from PR #42, fixed: a number operand is wrapped in a Value."""
    if isinstance(other, int):
        other = Value(other)
    out = Value(self.data * other.data, (self, other), "*")

    def _backward():
        self.grad += other.data * out.grad
        other.grad += self.data * out.grad
    out._backward = _backward
    return out


def fixed_rmul(self, other):
    """Value.__rmul__, restored: other * self when other is a number."""
    return fixed_mul(self, other)
''',
    },
    {
        "name": "bug 4 left unfixed: breadth-first order",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''from collections import deque


def fixed_backward(self):
    """Value.backward from PR #42, fixed: still iterative, but in a true reverse topological order."""
    self.grad = 1.0
    queue, seen = deque([self]), {self}
    while queue:
        v = queue.popleft()
        v._backward()
        for child in v._prev:
            if child not in seen:
                seen.add(child)
                queue.append(child)
''',
    },
    {
        "name": "reverts to main's recursive topological sort (RecursionError on the 5000-step chain)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def fixed_backward(self):
    """Value.backward from PR #42, fixed: still iterative, but in a true reverse topological order."""
    order, visited = [], set()

    def visit(v):
        if v not in visited:
            visited.add(v)
            for child in v._prev:
                visit(child)
            order.append(v)
    visit(self)
    self.grad = 1.0
    for v in reversed(order):
        v._backward()
''',
    },
    {
        "name": "iterative depth-first post-order without a visited set (reused nodes run twice)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def fixed_backward(self):
    """Value.backward from PR #42, fixed: still iterative, but in a true reverse topological order."""
    order, stack = [], [(self, False)]
    while stack:
        v, expanded = stack.pop()
        if expanded:
            order.append(v)
        else:
            stack.append((v, True))
            stack.extend((child, False) for child in v._prev)
    self.grad = 1.0
    for v in reversed(order):
        v._backward()
''',
    },
]
