"""Plausible wrong answers for day 56 (mixed precision); each must lose the points listed.

Each is the instructor's answer with one rule changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

RANGE = '''def representable_range(exp_bits: int, mantissa_bits: int) -> tuple[float, float, float]:
    """(largest finite, smallest normal, smallest subnormal) of an IEEE-style binary format."""
    bias = 2 ** (exp_bits - 1) - 1
    largest = (2 - 2.0**-mantissa_bits) * 2.0**bias
    smallest_normal = 2.0 ** (1 - bias)
    smallest_subnormal = 2.0 ** (1 - bias - mantissa_bits)
    return (float(largest), float(smallest_normal), float(smallest_subnormal))
'''

UNDERFLOW = '''def underflow_fraction(grads: torch.Tensor, dtype: torch.dtype) -> float:
    """Fraction of the nonzero entries of grads that a cast to dtype turns into 0."""
    nonzero = grads != 0
    count = int(nonzero.sum())
    if count == 0:
        return 0.0
    erased = nonzero & (grads.to(dtype) == 0)
    return int(erased.sum()) / count
'''

SCALED = '''def scaled_backward(loss_fn, params: list[torch.Tensor], scale: float) -> tuple[list[torch.Tensor], bool]:
    """Backward pass of loss_fn(params) * scale; the gradients divided by scale, and whether all are finite."""
    for p in params:
        p.grad = None
    loss = loss_fn(params)
    (loss * scale).backward()
    grads = [p.grad.float() / scale for p in params]
    ok = all(bool(torch.isfinite(g).all()) for g in grads)
    return grads, ok
'''

UPDATE = '''def update_scale(scale: float, found_inf: bool, good_steps: int, growth_factor: float = 2.0,
                 backoff_factor: float = 0.5, growth_interval: int = 2000) -> tuple[float, int]:
    """GradScaler's rule: back off on an overflow, grow after growth_interval good steps in a row."""
    if found_inf:
        return float(scale * backoff_factor), 0
    good_steps += 1
    if good_steps == growth_interval:
        return float(scale * growth_factor), 0
    return float(scale), good_steps
'''


MUTANTS = [
    {
        "name": "the smallest normal number confused with the smallest subnormal",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(RANGE, ("    smallest_normal = 2.0 ** (1 - bias)\n", "    smallest_normal = 2.0 ** (1 - bias - mantissa_bits)\n")),
    },
    {
        "name": "the implicit leading bit counted as a stored mantissa bit (m + 1 for the subnormal)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(RANGE, ("    smallest_subnormal = 2.0 ** (1 - bias - mantissa_bits)",
                                  "    smallest_subnormal = 2.0 ** (1 - bias - (mantissa_bits + 1))")),
    },
    {
        "name": "the all-ones exponent not reserved for inf and nan",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(RANGE, ("    largest = (2 - 2.0**-mantissa_bits) * 2.0**bias",
                                  "    largest = (2 - 2.0**-mantissa_bits) * 2.0 ** (bias + 1)")),
    },
    {
        "name": "underflow taken as below the smallest normal (finfo.tiny) instead of a cast to 0",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(UNDERFLOW, ("    erased = nonzero & (grads.to(dtype) == 0)",
                                      "    erased = nonzero & (grads.abs() < torch.finfo(dtype).tiny)")),
    },
    {
        "name": "underflow taken as below the smallest subnormal (rounding to nearest ignored)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(UNDERFLOW, ("    erased = nonzero & (grads.to(dtype) == 0)",
                                      "    erased = nonzero & (grads.abs() < torch.finfo(dtype).tiny * torch.finfo(dtype).eps)")),
    },
    {
        "name": "the fraction taken over all entries, zeros included",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(UNDERFLOW, ("    return int(erased.sum()) / count", "    return int(erased.sum()) / grads.numel()")),
    },
    {
        "name": "loss scaling applied twice",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SCALED, ("    (loss * scale).backward()", "    (loss * scale * scale).backward()")),
    },
    {
        "name": "the gradients not unscaled",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SCALED, ("    grads = [p.grad.float() / scale for p in params]", "    grads = [p.grad.float() for p in params]")),
    },
    {
        "name": "old gradients not cleared: a second call accumulates",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SCALED, ("    for p in params:\n        p.grad = None\n", "")),
    },
    {
        "name": "inf checked in the scaled loss instead of the gradients",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SCALED, ("    ok = all(bool(torch.isfinite(g).all()) for g in grads)",
                                   "    ok = bool(torch.isfinite(loss * scale).all())")),
    },
    {
        "name": "the scale grows after every good step instead of every growth_interval steps",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(UPDATE, ("    if good_steps == growth_interval:\n        return float(scale * growth_factor), 0\n    return float(scale), good_steps",
                                   "    return float(scale * growth_factor), good_steps")),
    },
    {
        "name": "the good-step counter not reset after an overflow",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(UPDATE, ("        return float(scale * backoff_factor), 0", "        return float(scale * backoff_factor), good_steps")),
    },
]
