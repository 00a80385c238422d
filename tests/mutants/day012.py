"""Plausible wrong answers for day 12 (losses and gradient descent); each must lose the points listed."""

MUTANTS = [
    {
        "name": "sums the squared errors instead of averaging them",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def mse(predictions: list[Value], targets: list[float]) -> Value:
    if len(predictions) != len(targets) or not predictions:
        raise ValueError("lengths")
    return sum((p - t) ** 2 for p, t in zip(predictions, targets))
''',
    },
    {
        "name": "squares the mean error, so errors of opposite signs cancel",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def mse(predictions: list[Value], targets: list[float]) -> Value:
    if len(predictions) != len(targets) or not predictions:
        raise ValueError("lengths")
    return (sum(p - t for p, t in zip(predictions, targets)) / len(predictions)) ** 2
''',
    },
    {
        "name": "lets zip drop the extra targets",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_errors"],
        "source": '''def mse(predictions: list[Value], targets: list[float]) -> Value:
    return sum((p - t) ** 2 for p, t in zip(predictions, targets)) / len(predictions)
''',
    },
    {
        "name": "hinge with the wrong sign: max(0, 1 + y * s)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def hinge_loss(scores: list[Value], labels: list[float]) -> Value:
    if len(scores) != len(labels) or any(y not in (-1, 1) for y in labels):
        raise ValueError("bad input")
    return sum((1 + y * s).relu() for s, y in zip(scores, labels)) / len(scores)
''',
    },
    {
        "name": "accepts 0/1 labels silently",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_errors"],
        "source": '''def hinge_loss(scores: list[Value], labels: list[float]) -> Value:
    if len(scores) != len(labels):
        raise ValueError("lengths")
    return sum((1 - y * s).relu() for s, y in zip(scores, labels)) / len(scores)
''',
    },
    {
        "name": "hinge summed, not averaged",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def hinge_loss(scores: list[Value], labels: list[float]) -> Value:
    if len(scores) != len(labels) or any(y not in (-1, 1) for y in labels):
        raise ValueError("bad input")
    return sum((1 - y * s).relu() for s, y in zip(scores, labels))
''',
    },
    {
        "name": "steps uphill: data += lr * grad",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def sgd_step(params: list[Value], lr: float) -> None:
    for p in params:
        p.data += lr * p.grad
''',
    },
    {
        "name": "rebinds the loop variable, so nothing changes",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def sgd_step(params: list[Value], lr: float) -> None:
    for p in params:
        p = p - lr * p.grad
''',
    },
    {
        "name": "zeroes the gradients inside the step",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def sgd_step(params: list[Value], lr: float) -> None:
    for p in params:
        p.data -= lr * p.grad
        p.grad = 0.0
''',
    },
    {
        "name": "forgets zero_grad, so gradients pile up over steps",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_values"],
        "source": '''def train(model, X, labels: list[float], loss_fn, steps: int, lr: float) -> list[float]:
    history = []
    for _ in range(steps):
        loss = loss_fn([model(x) for x in X], labels)
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
        history.append(loss.data)
    return history
''',
    },
    {
        "name": "records the loss Value instead of a float",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_types"],
        "source": '''def train(model, X, labels: list[float], loss_fn, steps: int, lr: float) -> list[float]:
    history = []
    for _ in range(steps):
        loss = loss_fn([model(x) for x in X], labels)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
        history.append(loss)
    return history
''',
    },
    {
        "name": "calls zero_grad between backward and the update",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_values"],
        "source": '''def train(model, X, labels: list[float], loss_fn, steps: int, lr: float) -> list[float]:
    history = []
    for _ in range(steps):
        loss = loss_fn([model(x) for x in X], labels)
        loss.backward()
        model.zero_grad()
        for p in model.parameters():
            p.data -= lr * p.grad
        history.append(loss.data)
    return history
''',
    },
    {
        "name": "hinge without the max: the mean of 1 - y * s, so confident points keep pulling",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def hinge_loss(scores: list[Value], labels: list[float]) -> Value:
    if len(scores) != len(labels) or not scores or any(y not in (-1, 1) for y in labels):
        raise ValueError("bad input")
    return sum(1 - y * s for s, y in zip(scores, labels)) / len(scores)
''',
    },
]
