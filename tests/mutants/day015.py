"""Plausible wrong answers for day 15 (a first look at torch.autograd); each must lose the points listed."""

MUTANTS = [
    {
        "name": "float32 leaves (torch's default dtype)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def torch_gradient(f, inputs: list[float]) -> list[float]:
    xs = [torch.tensor(float(v), requires_grad=True) for v in inputs]
    f(xs).backward()
    return [x.grad.item() if x.grad is not None else 0.0 for x in xs]
''',
    },
    {
        "name": "reads .grad of an unused input, which is None",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def torch_gradient(f, inputs: list[float]) -> list[float]:
    xs = [torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in inputs]
    f(xs).backward()
    return [x.grad.item() for x in xs]
''',
    },
    {
        "name": "returns the .grad tensors instead of floats",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def torch_gradient(f, inputs: list[float]) -> list[float]:
    xs = [torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in inputs]
    f(xs).backward()
    return [x.grad if x.grad is not None else torch.zeros((), dtype=torch.float64) for x in xs]
''',
    },
    {
        "name": "zeroes the gradient before every batch, keeping only the last one",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def accumulated_gradient(loss_fn, params: list[float], batches: list) -> list[float]:
    p = torch.tensor(params, dtype=torch.float64, requires_grad=True)
    for batch in batches:
        p.grad = None
        loss_fn(p, batch).backward()
    return [float(g) for g in p.grad]
''',
    },
    {
        "name": "averages over the batches instead of summing",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def accumulated_gradient(loss_fn, params: list[float], batches: list) -> list[float]:
    p = torch.tensor(params, dtype=torch.float64, requires_grad=True)
    for batch in batches:
        loss_fn(p, batch).backward()
    return [float(g) / len(batches) for g in p.grad]
''',
    },
    {
        "name": "accumulated gradient in float32",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def accumulated_gradient(loss_fn, params: list[float], batches: list) -> list[float]:
    p = torch.tensor(params, requires_grad=True)
    for batch in batches:
        loss_fn(p, batch).backward()
    return [float(g) for g in p.grad]
''',
    },
    {
        "name": "never zeroes x.grad, so every step adds all earlier gradients",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_values"],
        "source": '''def torch_descent(f, start: list[float], lr: float, steps: int) -> list[list[float]]:
    x = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    path = [x.detach().tolist()]
    for _ in range(steps):
        f(x).backward()
        with torch.no_grad():
            x -= lr * x.grad
        path.append(x.detach().tolist())
    return path
''',
    },
    {
        "name": "rebinds x = x - lr * x.grad, so x stops being a leaf that requires grad",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_shape", "ex3_tests_values"],
        "source": '''def torch_descent(f, start: list[float], lr: float, steps: int) -> list[list[float]]:
    x = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    path = [x.detach().tolist()]
    for _ in range(steps):
        f(x).backward()
        with torch.no_grad():
            x = x - lr * x.grad
        path.append(x.detach().tolist())
    return path
''',
    },
    {
        "name": "leaves the start out of the trajectory",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_shape"],
        "source": '''def torch_descent(f, start: list[float], lr: float, steps: int) -> list[list[float]]:
    x = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    path = []
    for _ in range(steps):
        f(x).backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
        path.append(x.detach().tolist())
    return path
''',
    },
    {
        "name": "a first pass over all batches to check the total, then the real one: loss_fn runs twice per batch",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_calls"],
        "source": '''def accumulated_gradient(loss_fn, params: list[float], batches: list) -> list[float]:
    p = torch.tensor(params, dtype=torch.float64, requires_grad=True)
    sum(loss_fn(p, batch) for batch in batches).backward()
    p.grad = None
    for batch in batches:
        loss_fn(p, batch).backward()
    return [float(g) for g in p.grad]
''',
    },
    {
        "name": "computes the leaves in torch's default float32, then converts the gradients",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def torch_gradient(f, inputs: list[float]) -> list[float]:
    xs = [torch.tensor(float(v), requires_grad=True) for v in inputs]
    f(xs).backward()
    return [float(x.grad.double()) if x.grad is not None else 0.0 for x in xs]
''',
    },
]
