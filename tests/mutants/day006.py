"""Wrong answers learners really write on day 6 (forward mode, dual numbers); each must lose its points."""

_DUAL = '''class Dual:
    def __init__(self, value, deriv=0.0):
        self.value = float(value)
        self.deriv = float(deriv)

    def __repr__(self):
        return f"Dual(value={{self.value!r}}, deriv={{self.deriv!r}})"

    def __add__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        {ADD}

    def __radd__(self, other):
        return self + other

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        {RSUB}

    def __mul__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        {MUL}

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        {DIV}

    def __rtruediv__(self, other):
        {RDIV}

    def __pow__(self, n):
        {POW}
'''
_RIGHT = {
    "ADD": "return Dual(self.value + other.value, self.deriv + other.deriv)",
    "RSUB": "return other + (-self)",
    "MUL": "return Dual(self.value * other.value, self.deriv * other.value + self.value * other.deriv)",
    "DIV": "return Dual(self.value / other.value, (self.deriv * other.value - self.value * other.deriv) / other.value ** 2)",
    "RDIV": "return Dual(other) / self",
    "POW": "return Dual(self.value ** n, n * self.value ** (n - 1) * self.deriv)",
}


def _dual(**wrong: str) -> str:
    return _DUAL.format(**{**_RIGHT, **wrong})


_FUNCS = '''def sin(x):
    if isinstance(x, Dual):
        return {SIN}
    return math.sin(x)


def cos(x):
    if isinstance(x, Dual):
        return {COS}
    return math.cos(x)


def exp(x):
    if isinstance(x, Dual):
        return Dual(math.exp(x.value), math.exp(x.value) * x.deriv)
    return math.exp(x)


def log(x):
    if isinstance(x, Dual):
        return {LOG}
    return math.log(x)
'''
_FUNCS_RIGHT = {
    "SIN": "Dual(math.sin(x.value), math.cos(x.value) * x.deriv)",
    "COS": "Dual(math.cos(x.value), -math.sin(x.value) * x.deriv)",
    "LOG": "Dual(math.log(x.value), x.deriv / x.value)",
}


def _funcs(**wrong: str) -> str:
    return _FUNCS.format(**{**_FUNCS_RIGHT, **wrong})


MUTANTS = [
    {
        "name": "product rule as the product of the derivatives",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_arith"],
        "source": _dual(MUL="return Dual(self.value * other.value, self.deriv * other.deriv)"),
    },
    {
        "name": "quotient rule with the subtraction the wrong way round",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_arith"],
        "source": _dual(DIV="return Dual(self.value / other.value, (self.value * other.deriv - self.deriv * other.value) / other.value ** 2)"),
    },
    {
        "name": "__add__ updates self in place and returns it",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_arith"],
        "source": _dual(ADD='''self.value += other.value
        self.deriv += other.deriv
        return self'''),
    },
    {
        "name": "__rsub__ copied from __sub__ (computes x - 2 for 2 - x)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_mixed"],
        "source": _dual(RSUB="return self + (-other)"),
    },
    {
        "name": "__rtruediv__ copied from __truediv__ (computes x / 4 for 4 / x)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_mixed"],
        "source": _dual(RDIV="return self / other"),
    },
    {
        "name": "power rule forgets the incoming derivative",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_mixed"],
        "source": _dual(POW="return Dual(self.value ** n, n * self.value ** (n - 1))"),
    },
    {
        "name": "sin ignores the incoming derivative (no chain rule)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _funcs(SIN="Dual(math.sin(x.value), math.cos(x.value))"),
    },
    {
        "name": "derivative of cos is +sin",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _funcs(COS="Dual(math.cos(x.value), math.sin(x.value) * x.deriv)"),
    },
    {
        "name": "log derivative 1 / value, without the incoming derivative",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _funcs(LOG="Dual(math.log(x.value), 1 / x.value)"),
    },
    {
        "name": "seeds the input with derivative 0",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def derivative(f, x):
    out = f(Dual(x))
    return out.deriv if isinstance(out, Dual) else 0.0
''',
    },
    {
        "name": "forgets functions that return a plain number",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def derivative(f, x):
    return f(Dual(x, 1.0)).deriv
''',
    },
    {
        "name": "central difference instead of a dual number",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def derivative(f, x):
    h = 1e-6
    up, down = f(x + h), f(x - h)
    up = up.value if isinstance(up, Dual) else up
    down = down.value if isinstance(down, Dual) else down
    return float((up - down) / (2 * h))
''',
    },
    {
        "name": "seeds every input with 1 in one pass (a directional derivative)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def gradient(f, xs):
    out = f(*[Dual(v, 1.0) for v in xs])
    d = out.deriv if isinstance(out, Dual) else 0.0
    return [d for _ in xs]
''',
    },
    {
        "name": "reuses the seed list without resetting (seeds accumulate)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def gradient(f, xs):
    seeds = [0.0] * len(xs)
    grads = []
    for i in range(len(xs)):
        seeds[i] = 1.0
        out = f(*[Dual(v, s) for v, s in zip(xs, seeds)])
        grads.append(out.deriv if isinstance(out, Dual) else 0.0)
    return grads
''',
    },
    {
        "name": "an extra call of f, for the value, before the n passes",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_passes"],
        "source": '''def gradient(f, xs):
    value = f(*xs)
    grads = []
    for i in range(len(xs)):
        out = f(*[Dual(v, 1.0 if j == i else 0.0) for j, v in enumerate(xs)])
        grads.append(out.deriv if isinstance(out, Dual) else 0.0)
    return grads
''',
    },
]
