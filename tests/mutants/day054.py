"""Plausible wrong answers for day 54 (the memory of training); each must lose the points listed.

Each is the instructor's answer with one thing changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

PARAM_BYTES = '''def param_bytes(model: nn.Module) -> int:
    """Bytes of the model's parameters: each distinct parameter once, in its own dtype."""
    return sum(p.numel() * p.element_size() for p in model.parameters())
'''

OPTIMIZER_STATE_BYTES = '''def optimizer_state_bytes(param_numels: list[int], optimizer: str, dtype: torch.dtype) -> int:
    """Bytes of the optimizer's state for parameter tensors of these sizes and this dtype."""
    numbers = sum(param_numels)
    size = dtype.itemsize
    if optimizer == "sgd":
        return 0
    if optimizer == "momentum":
        return numbers * size
    if optimizer == "adam":
        return 2 * numbers * size + 4 * len(param_numels)
    raise ValueError(f"unknown optimizer {optimizer!r}")
'''

SAVED_ACTIVATION_BYTES = '''def saved_activation_bytes(fn, *inputs) -> int:
    """Bytes of the distinct storages autograd saves while fn(*inputs) runs, parameters excluded."""
    kept = []

    def pack(t):
        kept.append(t)
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        fn(*inputs)
    params = {p.untyped_storage().data_ptr() for p in fn.parameters()} if isinstance(fn, nn.Module) else set()
    sizes = {}
    for t in kept:
        storage = t.untyped_storage()
        if storage.data_ptr() not in params:
            sizes[storage.data_ptr()] = storage.nbytes()
    return sum(sizes.values())
'''

TRAINING_MEMORY = '''def training_memory(layer_sizes: list[int], batch: int, optimizer: str, dtype: torch.dtype) -> dict:
    """Bytes of parameters, gradients, optimizer state and saved activations of a Linear+ReLU MLP."""
    size = dtype.itemsize
    numels = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        numels += [n_in * n_out, n_out]
    parameters = sum(numels) * size
    gradients = parameters
    state = optimizer_state_bytes(numels, optimizer, dtype)
    activations = batch * sum(layer_sizes[:-1]) * size
    return {"parameters": parameters, "gradients": gradients, "optimizer": state,
            "activations": activations, "total": parameters + gradients + state + activations}
'''


MUTANTS = [
    {
        "name": "every parameter counted at 4 bytes, as if all models were float32",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(PARAM_BYTES, ("p.numel() * p.element_size()", "p.numel() * 4")),
    },
    {
        "name": "counts the state_dict: buffers included, and a tied weight once per name",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(PARAM_BYTES, ("for p in model.parameters()", "for p in model.state_dict().values()")),
    },
    {
        "name": "Adam with one buffer instead of two (exp_avg only)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(OPTIMIZER_STATE_BYTES,
                          ("return 2 * numbers * size + 4 * len(param_numels)",
                           "return numbers * size + 4 * len(param_numels)")),
    },
    {
        "name": "a float32 number counted as 8 bytes (the size of a Python float)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(OPTIMIZER_STATE_BYTES,
                          ("size = dtype.itemsize", "size = 8  # a float is 8 bytes")),
    },
    {
        "name": "Adam's step counters forgotten",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(OPTIMIZER_STATE_BYTES,
                          ("return 2 * numbers * size + 4 * len(param_numels)", "return 2 * numbers * size")),
    },
    {
        "name": "counts slots: a tensor saved twice is counted twice",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SAVED_ACTIVATION_BYTES,
                          ("    sizes = {}\n", "    sizes = []\n"),
                          ("sizes[storage.data_ptr()] = storage.nbytes()", "sizes.append(storage.nbytes())"),
                          ("return sum(sizes.values())", "return sum(sizes)")),
    },
    {
        "name": "the saved weights (views of parameters) counted as activations",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SAVED_ACTIVATION_BYTES,
                          ("    params = {p.untyped_storage().data_ptr() for p in fn.parameters()} "
                           "if isinstance(fn, nn.Module) else set()\n",
                           "    params = set()\n")),
    },
    {
        "name": "deduplicates by tensor object (id) instead of by storage, so two views of one storage count twice",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(SAVED_ACTIVATION_BYTES,
                          ("sizes[storage.data_ptr()] = storage.nbytes()", "sizes[id(t)] = storage.nbytes()")),
    },
    {
        "name": "activations forgotten in the total",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(TRAINING_MEMORY,
                          ('"total": parameters + gradients + state + activations',
                           '"total": parameters + gradients + state')),
    },
    {
        "name": "gradients forgotten in the total",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(TRAINING_MEMORY,
                          ('"total": parameters + gradients + state + activations',
                           '"total": parameters + state + activations')),
    },
    {
        "name": "bias parameters forgotten (weights only)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(TRAINING_MEMORY, ("numels += [n_in * n_out, n_out]", "numels += [n_in * n_out]")),
    },
    {
        "name": "each hidden layer's pre-activation counted as saved too (z and relu(z))",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(TRAINING_MEMORY,
                          ("activations = batch * sum(layer_sizes[:-1]) * size",
                           "activations = batch * (layer_sizes[0] + 2 * sum(layer_sizes[1:-1])) * size")),
    },
]
