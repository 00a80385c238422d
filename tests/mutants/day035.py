"""Plausible wrong answers for day 35 (custom torch.autograd.Function); each must lose the points listed."""

MUTANTS = [
    {
        "name": "stashes x on ctx instead of save_for_backward, so an in-place change goes unnoticed",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_saved"],
        "source": '''class StableSoftplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.x = x
        return x.clamp(min=0) + torch.log1p(torch.exp(-x.abs()))

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * torch.sigmoid(ctx.x)
''',
    },
    {
        "name": "backward forgets to multiply by grad_output",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''class StableSoftplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0) + torch.log1p(torch.exp(-x.abs()))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return torch.sigmoid(x)
''',
    },
    {
        "name": "the direct formula log(1 + exp(x)) overflows to inf for large x",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''class StableSoftplus(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.log1p(torch.exp(x))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.sigmoid(x)
''',
    },
    {
        "name": "returns the gradients in the wrong order (b's first)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''class ScaledMulSin(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, scale):
        ctx.save_for_backward(a, b)
        ctx.scale = scale
        return scale * (a * b + torch.sin(a))

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        return grad_output * ctx.scale * a, grad_output * ctx.scale * (b + torch.cos(a)), None
''',
    },
    {
        "name": "forgets the scale in backward",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''class ScaledMulSin(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, scale):
        ctx.save_for_backward(a, b)
        ctx.scale = scale
        return scale * (a * b + torch.sin(a))

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved_tensors
        return grad_output * (b + torch.cos(a)), grad_output * a, None
''',
    },
    {
        "name": "backward computed in NumPy on detached tensors, so it has no second derivative",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_double"],
        "source": '''class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        m = x.amax(dim=-1, keepdim=True)
        y = (m + (x - m).exp().sum(dim=-1, keepdim=True).log()).squeeze(-1)
        ctx.save_for_backward(x, y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        x, y = ctx.saved_tensors
        g = grad_output.detach().numpy()[..., None]
        soft = np.exp(x.detach().numpy() - y.detach().numpy()[..., None])
        return torch.from_numpy(g * soft)
''',
    },
    {
        "name": "multiplies by grad_output without unsqueeze, which broadcasts along the wrong axis",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        m = x.amax(dim=-1, keepdim=True)
        y = (m + (x - m).exp().sum(dim=-1, keepdim=True).log()).squeeze(-1)
        ctx.save_for_backward(x, y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        x, y = ctx.saved_tensors
        return grad_output * (x - y.unsqueeze(-1)).exp()
''',
    },
    {
        "name": "softmax over the first dimension instead of the last",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''class LogSumExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        m = x.amax(dim=-1, keepdim=True)
        y = (m + (x - m).exp().sum(dim=-1, keepdim=True).log()).squeeze(-1)
        ctx.save_for_backward(x, y)
        return y

    @staticmethod
    def backward(ctx, grad_output):
        x, y = ctx.saved_tensors
        return grad_output.unsqueeze(-1) * torch.softmax(x, dim=0)
''',
    },
    {
        "name": "strict inequalities: no gradient at the boundaries 0 and 1",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''class Clamp01(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(0.0, 1.0)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * ((x > 0) & (x < 1)).to(grad_output.dtype)
''',
    },
    {
        "name": "forgets @once_differentiable, so a second derivative silently comes out as zero",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_once"],
        "source": '''class Clamp01(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(0.0, 1.0)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * ((x >= 0) & (x <= 1)).to(grad_output.dtype)
''',
    },
]
