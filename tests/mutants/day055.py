"""Plausible wrong answers for day 55 (gradient checkpointing); each must lose the points listed.

Each is the instructor's answer with one thing changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

SEGMENTS = '''def segment_boundaries(n: int, segments: int) -> list[tuple[int, int]]:
    """`segments` contiguous segments of n layers, lengths differing by at most one, longer first."""
    if not 1 <= segments <= n:
        raise ValueError(f"need 1 <= segments <= n, got n={n}, segments={segments}")
    size, extra = divmod(n, segments)
    bounds, start = [], 0
    for j in range(segments):
        stop = start + size + (1 if j < extra else 0)
        bounds.append((start, stop))
        start = stop
    return bounds
'''

COST = '''def checkpoint_cost(schedule: list[tuple[int, int]]) -> tuple[int, int]:
    """(peak layer outputs held, recomputed layer calls) of a checkpointed schedule, the last segment plain."""
    lengths = [stop - start for start, stop in schedule]
    peak = max(j + length for j, length in enumerate(lengths))  # j stored inputs of segments 2..j+1
    return peak, sum(lengths[:-1])
'''

FORWARD = '''def checkpointed_forward(layers, x, schedule):
    """layers(x), with every segment of `schedule` but the last checkpointed (non-reentrant)."""
    h = x
    for start, stop in schedule[:-1]:
        h = checkpoint(layers[start:stop], h, use_reentrant=False)
    start, stop = schedule[-1]
    return layers[start:stop](h)
'''

BY_HAND = '''def checkpointed_grad(layers, x, upstream, schedule):
    """(output, input gradient) of the chain, storing only the inputs of the checkpointed segments."""
    h = np.asarray(x, dtype=np.float64)
    stored = []
    for start, stop in schedule[:-1]:
        stored.append(h)
        for layer in layers[start:stop]:
            h = layer(Tensor(h)).data            # no graph kept
    start, stop = schedule[-1]
    leaf = Tensor(h)
    out = leaf
    for layer in layers[start:stop]:
        out = layer(out)
    out.backward(upstream)
    grad = leaf.grad
    for (start, stop), h0 in zip(reversed(schedule[:-1]), reversed(stored)):
        leaf = Tensor(h0)
        seg = leaf
        for layer in layers[start:stop]:
            seg = layer(seg)                     # the recomputation, with its graph
        seg.backward(grad)
        grad = leaf.grad
    return out.data, grad
'''


MUTANTS = [
    # exercise 1: the schedule
    {
        "name": "every segment has n // segments layers: the remainder (the last layers) is dropped",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(SEGMENTS, ("        stop = start + size + (1 if j < extra else 0)\n",
                                     "        stop = start + size\n")),
    },
    {
        "name": "the remainder goes to the last segment, as checkpoint_sequential does",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(SEGMENTS, ("        stop = start + size + (1 if j < extra else 0)\n",
                                     "        stop = n if j == segments - 1 else start + size\n")),
    },
    # exercise 2: the price of a schedule
    {
        "name": "the peak adds every stored input to the longest segment (inputs are never freed)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(COST, ("    peak = max(j + length for j, length in enumerate(lengths))",
                                 "    peak = len(lengths) - 1 + max(lengths)")),
    },
    {
        "name": "the last segment is counted as recomputed too",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(COST, ("    return peak, sum(lengths[:-1])\n", "    return peak, sum(lengths)\n")),
    },
    # exercise 3: torch.utils.checkpoint
    {
        "name": "recomputes nothing: every segment runs plainly and stores everything",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(FORWARD, ("        h = checkpoint(layers[start:stop], h, use_reentrant=False)\n",
                                    "        h = layers[start:stop](h)\n")),
    },
    {
        "name": "a lambda reads the loop's start and stop, which hold the last values when backward recomputes",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(FORWARD, ("        h = checkpoint(layers[start:stop], h, use_reentrant=False)\n",
                                    "        h = checkpoint(lambda t: layers[start:stop](t), h, use_reentrant=False)\n")),
    },
    {
        "name": "use_reentrant=True: a segment whose input needs no grad gets no gradient",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(FORWARD, ("use_reentrant=False)", "use_reentrant=True)")),
    },
    {
        "name": "the whole forward runs under torch.no_grad(): no gradient at all",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(FORWARD, ("    h = x\n    for start, stop in schedule[:-1]:\n        h = checkpoint(layers[start:stop], h, use_reentrant=False)\n    start, stop = schedule[-1]\n    return layers[start:stop](h)\n",
                                    "    with torch.no_grad():\n        h = x\n        for start, stop in schedule[:-1]:\n            h = checkpoint(layers[start:stop], h, use_reentrant=False)\n        start, stop = schedule[-1]\n        return layers[start:stop](h)\n")),
    },
    {
        "name": "each segment's input is detached: the gradient stops at every boundary",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(FORWARD, ("        h = checkpoint(layers[start:stop], h, use_reentrant=False)\n",
                                    "        h = checkpoint(layers[start:stop], h.detach().requires_grad_(), use_reentrant=False)\n")),
    },
    {
        "name": "preserve_rng_state=False: dropout draws new masks in the recomputation",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(FORWARD, ("use_reentrant=False)", "use_reentrant=False, preserve_rng_state=False)")),
    },
    # exercise 4: by hand on the tensor engine
    {
        "name": "recomputes nothing: the whole chain keeps its graph",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(BY_HAND, ("    h = np.asarray(x, dtype=np.float64)\n    stored = []\n    for start, stop in schedule[:-1]:\n        stored.append(h)\n        for layer in layers[start:stop]:\n            h = layer(Tensor(h)).data            # no graph kept\n    start, stop = schedule[-1]\n    leaf = Tensor(h)\n    out = leaf\n    for layer in layers[start:stop]:\n        out = layer(out)\n    out.backward(upstream)\n    grad = leaf.grad\n    for (start, stop), h0 in zip(reversed(schedule[:-1]), reversed(stored)):\n        leaf = Tensor(h0)\n        seg = leaf\n        for layer in layers[start:stop]:\n            seg = layer(seg)                     # the recomputation, with its graph\n        seg.backward(grad)\n        grad = leaf.grad\n    return out.data, grad\n",
                                    "    leaf = Tensor(x)\n    out = leaf\n    for layer in layers:\n        out = layer(out)\n    out.backward(upstream)\n    return out.data, leaf.grad\n")),
    },
    {
        "name": "returns the gradient at the last segment's input: only the last segment is differentiated",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(BY_HAND, ("    grad = leaf.grad\n    for (start, stop)", "    grad = leaf.grad\n    return out.data, grad\n    for (start, stop)")),
    },
    {
        "name": "every recomputed segment is fed the upstream gradient, not the one handed on from the segment after it",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(BY_HAND, ("        seg.backward(grad)\n", "        seg.backward(upstream)\n")),
    },
]
