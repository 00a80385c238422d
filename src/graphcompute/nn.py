"""Neurons, layers and multilayer perceptrons on the scalar engine, as day 11 builds them.

A network adds nothing new to autograd: it is a function made of `Value` operations whose weights
are leaves we want gradients for. These classes only keep those leaves together, so that
`parameters()` can hand them to an optimizer and `zero_grad()` can reset them between steps
(gradients accumulate, see `Value.backward`). Weights are drawn from a seeded generator, so the
same seed gives the same network on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from graphcompute.engine import Number, Value

Input = Value | Number  # what a neuron accepts: plain numbers or values from an earlier layer
ACTIVATIONS = ("tanh", "relu", "linear")


class Module:
    """Anything with parameters: one place where an optimizer finds them and resets their gradients."""

    def parameters(self) -> list[Value]:
        return []

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0: backward adds to `.grad`, it never overwrites it."""
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """act(w . x + b): a weighted vote of the inputs, then a bend (tanh, relu) or none (linear)."""

    def __init__(self, nin: int, activation: str = "tanh", *, rng: random.Random | None = None) -> None:
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, not {activation!r}")
        rng = rng or random.Random(0)
        self.w = [Value(rng.uniform(-1.0, 1.0), label=f"w{i}") for i in range(nin)]
        self.b = Value(0.0, label="b")
        self.activation = activation

    def __call__(self, x: Sequence[Input]) -> Value:
        if len(x) != len(self.w):  # zip would silently drop the extra inputs or weights
            raise ValueError(f"this neuron takes {len(self.w)} inputs, got {len(x)}")
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        if self.activation == "tanh":
            return act.tanh()
        if self.activation == "relu":
            return act.relu()
        return act

    def parameters(self) -> list[Value]:
        return self.w + [self.b]

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)}, {self.activation!r})"


class Layer(Module):
    """`nout` neurons that all read the same inputs; their outputs are the next layer's inputs."""

    def __init__(self, nin: int, nout: int, activation: str = "tanh", *,
                 rng: random.Random | None = None) -> None:
        rng = rng or random.Random(0)  # one generator for all neurons, so no two start the same
        self.neurons = [Neuron(nin, activation, rng=rng) for _ in range(nout)]

    def __call__(self, x: Sequence[Input]) -> list[Value]:
        return [n(x) for n in self.neurons]

    def parameters(self) -> list[Value]:
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self) -> str:
        return f"Layer of [{', '.join(map(repr, self.neurons))}]"


class MLP(Module):
    """Layers in sequence. Hidden layers bend with `activation`; the last one is linear, so the
    network can output any score, not only one squeezed into (-1, 1)."""

    def __init__(self, nin: int, nouts: Sequence[int], activation: str = "tanh", *,
                 seed: int = 0) -> None:
        rng = random.Random(seed)
        sizes = [nin, *nouts]
        last = len(nouts) - 1
        self.layers = [Layer(sizes[i], sizes[i + 1], activation if i < last else "linear", rng=rng)
                       for i in range(len(nouts))]

    def __call__(self, x: Sequence[Input]) -> Value | list[Value]:
        """The output layer's values; a single `Value` when it has one neuron (a score)."""
        out: Sequence[Input] = x
        for layer in self.layers:
            out = layer(out)
        return out[0] if len(out) == 1 else list(out)  # type: ignore[return-value]

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP of [{', '.join(map(repr, self.layers))}]"
