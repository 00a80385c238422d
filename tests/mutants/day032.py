"""Plausible wrong answers for day 32 (leaves, retain_grad, retain_graph, no_grad, inference_mode,
detach); each must lose the points listed."""

MUTANTS = [
    {
        "name": "forgets retain_grad: the inner tensors' .grad is None",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def intermediate_grads(f, x, upstream):
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    out, inner = f(leaf)
    out.backward(upstream)
    grads = {name: t.grad for name, t in inner.items()}
    grads["x"] = leaf.grad.detach().clone()
    return grads
''',
    },
    {
        "name": "calls retain_grad after backward, when the gradient has already passed",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def intermediate_grads(f, x, upstream):
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    out, inner = f(leaf)
    out.backward(upstream)
    for t in inner.values():
        t.retain_grad()
    grads = {name: t.grad for name, t in inner.items()}
    grads["x"] = leaf.grad.detach().clone()
    return grads
''',
    },
    {
        "name": "ignores the upstream gradient (backward of the sum)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def intermediate_grads(f, x, upstream):
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    out, inner = f(leaf)
    for t in inner.values():
        t.retain_grad()
    out.sum().backward()
    grads = {name: t.grad.detach().clone() for name, t in inner.items()}
    grads["x"] = leaf.grad.detach().clone()
    return grads
''',
    },
    {
        "name": "keeps references to .grad instead of copies (it changes in place)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def grad_twice(f, x, upstream):
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    out = f(leaf)
    out.backward(upstream, retain_graph=True)
    g1 = leaf.grad
    out.backward(upstream, retain_graph=True)
    g2 = leaf.grad
    leaf.grad = None
    out.backward(upstream)
    g3 = leaf.grad
    return g1, g2, g3
''',
    },
    {
        "name": "does not reset before the third pass",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def grad_twice(f, x, upstream):
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    out = f(leaf)
    out.backward(upstream, retain_graph=True)
    g1 = leaf.grad.clone()
    out.backward(upstream, retain_graph=True)
    g2 = leaf.grad.clone()
    out.backward(upstream)
    g3 = leaf.grad.clone()
    return g1, g2, g3
''',
    },
    {
        "name": "rebuilds the graph for every pass instead of retain_graph",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def grad_twice(f, x, upstream):
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    f(leaf).backward(upstream)
    g1 = leaf.grad.clone()
    f(leaf).backward(upstream)
    g2 = leaf.grad.clone()
    leaf.grad = None
    f(leaf).backward(upstream)
    g3 = leaf.grad.clone()
    return g1, g2, g3
''',
    },
    {
        "name": "forgets retain_graph: the second pass raises",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def grad_twice(f, x, upstream):
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    out = f(leaf)
    out.backward(upstream)
    g1 = leaf.grad.clone()
    out.backward(upstream)
    g2 = leaf.grad.clone()
    leaf.grad = None
    out.backward(upstream)
    g3 = leaf.grad.clone()
    return g1, g2, g3
''',
    },
    {
        "name": "no stop-gradient: differentiates through the target too",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def semi_gradient(predict, target, w):
    leaf = w.detach().clone().to(torch.float64).requires_grad_(True)
    loss = 0.5 * ((predict(leaf) - target(leaf)) ** 2).sum()
    loss.backward()
    return leaf.grad.detach().clone()
''',
    },
    {
        "name": "detaches the wrong branch (the prediction)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def semi_gradient(predict, target, w):
    leaf = w.detach().clone().to(torch.float64).requires_grad_(True)
    loss = 0.5 * ((predict(leaf).detach() - target(leaf)) ** 2).sum()
    loss.backward()
    return leaf.grad.detach().clone()
''',
    },
    {
        "name": "float32 leaf (w.detach().clone() keeps the caller's dtype)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def semi_gradient(predict, target, w):
    leaf = w.detach().clone().requires_grad_(True)
    loss = 0.5 * ((predict(leaf) - target(leaf).detach()) ** 2).sum()
    loss.backward()
    return leaf.grad.detach().clone()
''',
    },
    {
        "name": "records the model and detaches the result afterwards",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def evaluate_without_graph(model_fn, params, x):
    return model_fn(params, x).detach()
''',
    },
    {
        "name": "no no_grad at all: the result keeps its graph",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def evaluate_without_graph(model_fn, params, x):
    return model_fn(params, x)
''',
    },
    {
        "name": "turns requires_grad off on the parameters, which stay changed",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def evaluate_without_graph(model_fn, params, x):
    for p in params:
        p.requires_grad_(False)
    return model_fn(params, x)
''',
    },
]
