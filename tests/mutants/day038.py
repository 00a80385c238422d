"""Plausible wrong answers for day 38 (functional calls, differentiating through optimization); each must lose the points listed."""

MUTANTS = [
    {
        "name": "ignores create_graph: the inner gradients are never recorded (first order when full is asked)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def inner_adapt(model, params, x, y, lr, steps, create_graph):
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (x,)) - y) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()))
        p = {name: t - lr * g for (name, t), g in zip(p.items(), grads)}
    return p
''',
    },
    {
        "name": "updates the module's weights in place (weight.data -= ...) instead of using params",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def inner_adapt(model, params, x, y, lr, steps, create_graph):
    for _ in range(steps):
        loss = ((model(x) - y) ** 2).mean()
        grads = torch.autograd.grad(loss, list(model.parameters()), create_graph=create_graph)
        for w, g in zip(model.parameters(), grads):
            w.data -= lr * g
    return dict(model.named_parameters())
''',
    },
    {
        "name": "steps uphill: p + lr * grad",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def inner_adapt(model, params, x, y, lr, steps, create_graph):
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (x,)) - y) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()), create_graph=create_graph)
        p = {name: t + lr * g for (name, t), g in zip(p.items(), grads)}
    return p
''',
    },
    {
        "name": "one inner step too few (range(steps - 1))",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def inner_adapt(model, params, x, y, lr, steps, create_graph):
    p = dict(params)
    for _ in range(steps - 1):
        loss = ((functional_call(model, p, (x,)) - y) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()), create_graph=create_graph)
        p = {name: t - lr * g for (name, t), g in zip(p.items(), grads)}
    return p
''',
    },
    {
        "name": "meta-gradient without create_graph (first order when full is asked)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def meta_gradient(model, params, task, lr, steps):
    xs, ys, xq, yq = task
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()))
        p = {name: t - lr * g for (name, t), g in zip(p.items(), grads)}
    query_loss = ((functional_call(model, p, (xq,)) - yq) ** 2).mean()
    return dict(zip(params, torch.autograd.grad(query_loss, list(params.values()))))
''',
    },
    {
        "name": "outer loss on the support set instead of the query set",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def meta_gradient(model, params, task, lr, steps):
    xs, ys, xq, yq = task
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()), create_graph=True)
        p = {name: t - lr * g for (name, t), g in zip(p.items(), grads)}
    outer = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
    return dict(zip(params, torch.autograd.grad(outer, list(params.values()))))
''',
    },
    {
        "name": "one inner step too few in the meta-gradient",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def meta_gradient(model, params, task, lr, steps):
    xs, ys, xq, yq = task
    p = dict(params)
    for _ in range(steps - 1):
        loss = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()), create_graph=True)
        p = {name: t - lr * g for (name, t), g in zip(p.items(), grads)}
    query_loss = ((functional_call(model, p, (xq,)) - yq) ** 2).mean()
    return dict(zip(params, torch.autograd.grad(query_loss, list(params.values()))))
''',
    },
    {
        "name": "hypergradient without create_graph: right for one step only",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def lr_hypergradient(model, params, task, lr, steps):
    xs, ys, xq, yq = task
    alpha = torch.tensor(lr, dtype=torch.float64, requires_grad=True)
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()))
        p = {name: t - alpha * g for (name, t), g in zip(p.items(), grads)}
    query_loss = ((functional_call(model, p, (xq,)) - yq) ** 2).mean()
    (d_alpha,) = torch.autograd.grad(query_loss, alpha)
    return d_alpha.item()
''',
    },
    {
        "name": "returns the hypergradient as a 0-d tensor instead of a float",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def lr_hypergradient(model, params, task, lr, steps):
    xs, ys, xq, yq = task
    alpha = torch.tensor(lr, dtype=torch.float64, requires_grad=True)
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()), create_graph=True)
        p = {name: t - alpha * g for (name, t), g in zip(p.items(), grads)}
    query_loss = ((functional_call(model, p, (xq,)) - yq) ** 2).mean()
    (d_alpha,) = torch.autograd.grad(query_loss, alpha)
    return d_alpha
''',
    },
    {
        "name": "FOMAML that keeps create_graph=True (the full second-order gradient)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def fomaml_gradient(model, params, task, lr, steps):
    xs, ys, xq, yq = task
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()), create_graph=True)
        p = {name: t - lr * g for (name, t), g in zip(p.items(), grads)}
    query_loss = ((functional_call(model, p, (xq,)) - yq) ** 2).mean()
    return dict(zip(params, torch.autograd.grad(query_loss, list(params.values()))))
''',
    },
    {
        "name": "FOMAML with the outer loss on the support set",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def fomaml_gradient(model, params, task, lr, steps):
    xs, ys, xq, yq = task
    p = dict(params)
    for _ in range(steps):
        loss = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
        grads = torch.autograd.grad(loss, list(p.values()))
        p = {name: t - lr * g for (name, t), g in zip(p.items(), grads)}
    outer = ((functional_call(model, p, (xs,)) - ys) ** 2).mean()
    return dict(zip(params, torch.autograd.grad(outer, list(params.values()))))
''',
    },
]
