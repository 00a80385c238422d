"""Wrong answers learners really write for day 24 (reductions and their gradients); each must lose points."""

MUTANTS = [
    {
        "name": "broadcasts the gradient without putting the reduced axis back",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def sum_backward(grad_out, shape, axis=None, keepdims=False):
    """Gradient of x.sum(axis, keepdims) with respect to x: grad_out copied along the reduced axes."""
    return np.broadcast_to(np.asarray(grad_out, dtype=np.float64), shape).copy()''',
    },
    {
        "name": "puts the axes back even when keepdims kept them",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def sum_backward(grad_out, shape, axis=None, keepdims=False):
    """Gradient of x.sum(axis, keepdims) with respect to x: grad_out copied along the reduced axes."""
    ndim = len(shape)
    axes = tuple(range(ndim)) if axis is None else tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))
    return np.broadcast_to(np.expand_dims(np.asarray(grad_out, dtype=np.float64), axes), shape).copy()''',
    },
    {
        "name": "divides by the size of the whole array",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def mean_backward(grad_out, shape, axis=None, keepdims=False):
    """Gradient of x.mean(axis, keepdims): sum's gradient divided by how many entries each output averages."""
    return sum_backward(grad_out, shape, axis, keepdims) / int(np.prod(shape))''',
    },
    {
        "name": "divides by the length of the first reduced axis only",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def mean_backward(grad_out, shape, axis=None, keepdims=False):
    """Gradient of x.mean(axis, keepdims): sum's gradient divided by how many entries each output averages."""
    first = 0 if axis is None else (axis[0] if isinstance(axis, tuple) else axis)
    return sum_backward(grad_out, shape, axis, keepdims) / shape[first]''',
    },
    {
        "name": "every tied maximum gets the whole gradient",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def max_backward(x, grad_out, axis=None, keepdims=False):
    """Gradient of x.max(axis, keepdims): to the argmax, split evenly between ties."""
    ndim = x.ndim
    axes = tuple(range(ndim)) if axis is None else tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))
    winners = (x == x.max(axis=axes, keepdims=True)).astype(np.float64)
    grad = np.asarray(grad_out, dtype=np.float64)
    if not keepdims:
        grad = np.expand_dims(grad, axes)
    return winners * grad''',
    },
    {
        "name": "only the first maximum gets the gradient (argmax)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def max_backward(x, grad_out, axis=None, keepdims=False):
    """Gradient of x.max(axis, keepdims): to the argmax, split evenly between ties."""
    grad = np.asarray(grad_out, dtype=np.float64)
    out = np.zeros_like(x, dtype=np.float64)
    if axis is None:
        out.flat[np.argmax(x)] = grad.reshape(())
        return out
    index = np.argmax(x, axis=axis, keepdims=True)
    if not keepdims:
        grad = np.expand_dims(grad, axis)
    np.put_along_axis(out, index, grad, axis=axis)
    return out''',
    },
    {
        "name": "compares x with a maximum that lost its axis",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def max_backward(x, grad_out, axis=None, keepdims=False):
    """Gradient of x.max(axis, keepdims): to the argmax, split evenly between ties."""
    m = x.max(axis=axis)
    winners = (x == m).astype(np.float64)
    return winners / winners.sum(axis=axis, keepdims=True) * np.asarray(grad_out, dtype=np.float64)''',
    },
    {
        "name": "naive log(sum(exp(x))): overflows",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def logsumexp(x, axis):
    """log(sum(exp(x))) along axis, shifted by the maximum so that nothing overflows."""
    return x.exp().sum(axis=axis).log()''',
    },
    {
        "name": "the sum drops its axis while the maximum keeps it: a square table",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def logsumexp(x, axis):
    """log(sum(exp(x))) along axis, shifted by the maximum so that nothing overflows."""
    m = x.max(axis=axis, keepdims=True)
    return (x - m).exp().sum(axis=axis).log() + m''',
    },
    {
        "name": "the maximum without keepdims, subtracted along the wrong axis",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def logsumexp(x, axis):
    """log(sum(exp(x))) along axis, shifted by the maximum so that nothing overflows."""
    m = x.max(axis=axis)
    return (x - m).exp().sum(axis=axis).log() + m''',
    },
]

MUTANTS += [
    {
        "name": "returns np.broadcast_to's read-only view (no copy)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_writeable"],
        "source": '''def sum_backward(grad_out, shape, axis=None, keepdims=False):
    """Gradient of x.sum(axis, keepdims) with respect to x: grad_out copied along the reduced axes."""
    ndim = len(shape)
    axes = tuple(range(ndim)) if axis is None else tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))
    grad = np.asarray(grad_out, dtype=np.float64)
    if not keepdims:
        grad = np.expand_dims(grad, axes)
    return np.broadcast_to(grad, shape)''',
    },
    {
        "name": "puts the reduced axes back at the end instead of where they were",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def sum_backward(grad_out, shape, axis=None, keepdims=False):
    """Gradient of x.sum(axis, keepdims) with respect to x: grad_out copied along the reduced axes."""
    ndim = len(shape)
    axes = tuple(range(ndim)) if axis is None else tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))
    grad = np.asarray(grad_out, dtype=np.float64)
    if not keepdims:
        grad = grad.reshape(grad.shape + (1,) * len(axes))
    return np.broadcast_to(grad, shape).copy()''',
    },
    {
        "name": "divides by the length of the last axis named in a tuple only",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def mean_backward(grad_out, shape, axis=None, keepdims=False):
    """Gradient of x.mean(axis, keepdims): sum's gradient divided by how many entries each output averages."""
    ndim = len(shape)
    axes = tuple(range(ndim)) if axis is None else tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))
    count = int(np.prod(shape)) if axis is None else shape[axes[-1]]
    return sum_backward(grad_out, shape, axis, keepdims) / count''',
    },
    {
        "name": "puts the reduced axes back even when keepdims kept them",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def max_backward(x, grad_out, axis=None, keepdims=False):
    """Gradient of x.max(axis, keepdims): to the argmax, split evenly between ties."""
    ndim = x.ndim
    axes = tuple(range(ndim)) if axis is None else tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))
    winners = (x == x.max(axis=axes, keepdims=True)).astype(np.float64)
    share = winners / winners.sum(axis=axes, keepdims=True)
    return share * np.expand_dims(np.asarray(grad_out, dtype=np.float64), axes)''',
    },
    {
        "name": "drops every length-1 axis at the end (a squeeze), not only the reduced one",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def logsumexp(x, axis):
    """log(sum(exp(x))) along axis, shifted by the maximum so that nothing overflows."""
    m = x.max(axis=axis, keepdims=True)
    s = (x - m).exp().sum(axis=axis, keepdims=True).log() + m
    return s.reshape(tuple(n for n in s.shape if n != 1))''',
    },
    {
        "name": "tries the naive form first and falls back to the shifted one when it is not finite",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def logsumexp(x, axis):
    """log(sum(exp(x))) along axis, shifted by the maximum so that nothing overflows."""
    naive = x.exp().sum(axis=axis).log()
    if np.all(np.isfinite(naive.data)):
        return naive
    m = x.max(axis=axis, keepdims=True)
    s = (x - m).exp().sum(axis=axis, keepdims=True).log() + m
    kept = axis % x.ndim
    return s.reshape(tuple(n for i, n in enumerate(x.shape) if i != kept))''',
    },
]
