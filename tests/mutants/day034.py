"""Plausible wrong answers for day 34 (tensor hooks, module hooks, removing hooks); each must lose the points listed."""

KEEPS_HOOKS = '''def output_shapes(model: nn.Module, x: torch.Tensor) -> dict[str, tuple[int, ...]]:
    shapes = {}
    for name, module in model.named_children():
        module.register_forward_hook(
            lambda module, args, output, name=name: shapes.__setitem__(name, tuple(output.shape)))
    with torch.no_grad():
        model(x)
    return shapes
'''

MUTANTS = [
    {
        "name": "never removes the hook, so hooks from earlier calls keep clipping",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def clipped_grad(f, x: torch.Tensor, c: float, upstream: torch.Tensor) -> torch.Tensor:
    x.grad = None
    x.register_hook(lambda grad: grad.clamp(-c, c))
    f(x).backward(upstream)
    return x.grad
''',
    },
    {
        "name": "hook computes the clamp but returns None, so nothing is clipped",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def clipped_grad(f, x: torch.Tensor, c: float, upstream: torch.Tensor) -> torch.Tensor:
    x.grad = None

    def hook(grad):
        grad.clamp(-c, c)

    handle = x.register_hook(hook)
    f(x).backward(upstream)
    handle.remove()
    return x.grad
''',
    },
    {
        "name": "forgets to reset x.grad, so calls accumulate",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def clipped_grad(f, x: torch.Tensor, c: float, upstream: torch.Tensor) -> torch.Tensor:
    handle = x.register_hook(lambda grad: grad.clamp(-c, c))
    f(x).backward(upstream)
    handle.remove()
    return x.grad
''',
    },
    {
        "name": "puts the hook on the leaf instead of on h",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def grad_with_clipped_middle(f, g, x: torch.Tensor, c: float, upstream: torch.Tensor) -> torch.Tensor:
    xl = x.detach().clone().to(torch.float64).requires_grad_(True)
    handle = xl.register_hook(lambda grad: grad.clamp(-c, c))
    h = f(xl)
    g(h).backward(upstream)
    handle.remove()
    return xl.grad
''',
    },
    {
        "name": "clips the norm of the gradient at h instead of each entry",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def grad_with_clipped_middle(f, g, x: torch.Tensor, c: float, upstream: torch.Tensor) -> torch.Tensor:
    xl = x.detach().clone().to(torch.float64).requires_grad_(True)
    h = f(xl)
    h.register_hook(lambda grad: grad * min(1.0, c / grad.norm().item()))
    g(h).backward(upstream)
    return xl.grad
''',
    },
    {
        "name": "registers forward pre-hooks, so it records each child's input shape",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def output_shapes(model: nn.Module, x: torch.Tensor) -> dict[str, tuple[int, ...]]:
    shapes = {}
    handles = []
    for name, module in model.named_children():
        handles.append(module.register_forward_pre_hook(
            lambda module, args, name=name: shapes.__setitem__(name, tuple(args[0].shape))))
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return shapes
''',
    },
    {
        "name": "keeps the forward hooks registered after the call",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": KEEPS_HOOKS,
    },
    {
        "name": "keeps the forward hooks and redefines count_hooks to report none",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": KEEPS_HOOKS + """

def count_hooks(model):
    return 0
""",
    },
    {
        "name": "late binding: every hook records under the last child's name",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def output_shapes(model: nn.Module, x: torch.Tensor) -> dict[str, tuple[int, ...]]:
    shapes = {}
    handles = []
    for name, module in model.named_children():
        handles.append(module.register_forward_hook(
            lambda module, args, output: shapes.__setitem__(name, tuple(output.shape))))
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return shapes
''',
    },
    {
        "name": "reads grad_input (the gradient at the layer's input) instead of grad_output",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_grad_norms(model: nn.Module, x: torch.Tensor, upstream: torch.Tensor) -> dict[str, float]:
    norms = {}
    handles = []
    for name, module in model.named_children():
        if isinstance(module, nn.Linear):
            handles.append(module.register_full_backward_hook(
                lambda module, grad_input, grad_output, name=name: norms.__setitem__(name, float(grad_input[0].norm()))))
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    model(leaf).backward(upstream)
    for handle in handles:
        handle.remove()
    return norms
''',
    },
    {
        "name": "leaves the backward hooks on the model",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def layer_grad_norms(model: nn.Module, x: torch.Tensor, upstream: torch.Tensor) -> dict[str, float]:
    norms = {}
    for name, module in model.named_children():
        if isinstance(module, nn.Linear):
            module.register_full_backward_hook(
                lambda module, grad_input, grad_output, name=name: norms.__setitem__(name, float(grad_output[0].norm())))
    leaf = x.detach().clone().to(torch.float64).requires_grad_(True)
    model(leaf).backward(upstream)
    return norms
''',
    },
]
