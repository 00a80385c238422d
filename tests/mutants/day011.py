"""Plausible wrong answers for day 11 (neurons, layers, MLPs); each must lose the points listed."""

MUTANTS = [
    {
        "name": "forgets the bias",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def neuron(x: list[float], w: list[Value], b: Value, activation: str = "tanh") -> Value:
    if len(x) != len(w):
        raise ValueError("lengths differ")
    z = sum(wi * xi for wi, xi in zip(w, x))
    if activation == "tanh":
        return z.tanh()
    if activation == "relu":
        return z.relu()
    if activation == "linear":
        return z
    raise ValueError(activation)
''',
    },
    {
        "name": "computes with .data floats, so no gradient reaches the weights",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def neuron(x: list[float], w: list[Value], b: Value, activation: str = "tanh") -> Value:
    if len(x) != len(w):
        raise ValueError("lengths differ")
    z = sum(wi.data * xi for wi, xi in zip(w, x)) + b.data
    if activation == "tanh":
        return Value(math.tanh(z))
    if activation == "relu":
        return Value(max(z, 0.0))
    if activation == "linear":
        return Value(z)
    raise ValueError(activation)
''',
    },
    {
        "name": "lets zip silently drop extra inputs",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_errors"],
        "source": '''def neuron(x: list[float], w: list[Value], b: Value, activation: str = "tanh") -> Value:
    z = b
    for wi, xi in zip(w, x):
        z = z + wi * xi
    if activation == "tanh":
        return z.tanh()
    if activation == "relu":
        return z.relu()
    if activation == "linear":
        return z
    raise ValueError(activation)
''',
    },
    {
        "name": "gives every neuron a fresh Random(0), so all neurons start identical",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''class Layer:
    def __init__(self, nin: int, nout: int, activation: str = "tanh",
                 rng: random.Random | None = None) -> None:
        self.neurons = [nn.Neuron(nin, activation, rng=rng or random.Random(0)) for _ in range(nout)]

    def __call__(self, x: list[float]) -> list[Value]:
        return [n(x) for n in self.neurons]

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]
''',
    },
    {
        "name": "repeats one neuron object nout times",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''class Layer:
    def __init__(self, nin: int, nout: int, activation: str = "tanh",
                 rng: random.Random | None = None) -> None:
        self.neurons = [nn.Neuron(nin, activation, rng=rng or random.Random(0))] * nout

    def __call__(self, x: list[float]) -> list[Value]:
        return [n(x) for n in self.neurons]

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]
''',
    },
    {
        "name": "returns a list of lists from parameters()",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''class Layer:
    def __init__(self, nin: int, nout: int, activation: str = "tanh",
                 rng: random.Random | None = None) -> None:
        rng = rng or random.Random(0)
        self.neurons = [nn.Neuron(nin, activation, rng=rng) for _ in range(nout)]

    def __call__(self, x: list[float]) -> list[Value]:
        return [n(x) for n in self.neurons]

    def parameters(self) -> list[Value]:
        return [n.parameters() for n in self.neurons]
''',
    },
    {
        "name": "forgets the biases",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def count_parameters(nin: int, nouts: list[int]) -> int:
    sizes = [nin] + nouts
    return sum(a * b for a, b in zip(sizes, sizes[1:]))
''',
    },
    {
        "name": "uses nin as every layer's input size",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def count_parameters(nin: int, nouts: list[int]) -> int:
    return sum(n * (nin + 1) for n in nouts)
''',
    },
    {
        "name": "squeezes the last layer with tanh too",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_build", "ex4_tests_call"],
        "source": '''class MLP:
    def __init__(self, nin: int, nouts: list[int], activation: str = "tanh", seed: int = 0) -> None:
        rng = random.Random(seed)
        sizes = [nin] + nouts
        self.layers = [nn.Layer(sizes[i], sizes[i + 1], activation, rng=rng) for i in range(len(nouts))]

    def __call__(self, x: list[float]) -> Value | list[Value]:
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = 0.0
''',
    },
    {
        "name": "zero_grad zeroes the weights instead of their gradients",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_call"],
        "source": '''class MLP:
    def __init__(self, nin: int, nouts: list[int], activation: str = "tanh", seed: int = 0) -> None:
        rng = random.Random(seed)
        sizes = [nin] + nouts
        self.layers = [nn.Layer(sizes[i], sizes[i + 1], activation if i < len(nouts) - 1 else "linear", rng=rng)
                       for i in range(len(nouts))]

    def __call__(self, x: list[float]) -> Value | list[Value]:
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.data = 0.0
''',
    },
    {
        "name": "gives each layer its own Random(seed), so layers of equal shape start identical",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_build"],
        "source": '''class MLP:
    def __init__(self, nin: int, nouts: list[int], activation: str = "tanh", seed: int = 0) -> None:
        sizes = [nin] + nouts
        self.layers = [nn.Layer(sizes[i], sizes[i + 1], activation if i < len(nouts) - 1 else "linear",
                                rng=random.Random(seed))
                       for i in range(len(nouts))]

    def __call__(self, x: list[float]) -> Value | list[Value]:
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = 0.0
''',
    },
    {
        "name": "adds the bias after the activation: tanh(w . x) + b",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def neuron(x: list[float], w: list[Value], b: Value, activation: str = "tanh") -> Value:
    if len(x) != len(w):
        raise ValueError("lengths differ")
    z = sum((wi * xi for wi, xi in zip(w, x)), Value(0.0))
    if activation == "tanh":
        return z.tanh() + b
    if activation == "relu":
        return z.relu() + b
    if activation == "linear":
        return z + b
    raise ValueError(activation)
''',
    },
]
