"""Wrong answers learners really write for day 22 (broadcasting and unbroadcast); each must lose points."""

MUTANTS = [
    {
        "name": "lines the shapes up on the left (zip without padding)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def broadcast_shape(shape_a, shape_b):
    """The shape of a broadcast of shape_a with shape_b: aligned on the right, 1s stretch."""
    out = []
    for n, m in zip(shape_a, shape_b):
        if n != m and n != 1 and m != 1:
            raise ValueError("cannot broadcast")
        out.append(max(n, m))
    longer = shape_a if len(shape_a) > len(shape_b) else shape_b
    return tuple(out) + tuple(longer[len(out):])''',
    },
    {
        "name": "takes the larger length without checking compatibility",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def broadcast_shape(shape_a, shape_b):
    """The shape of a broadcast of shape_a with shape_b: aligned on the right, 1s stretch."""
    ndim = max(len(shape_a), len(shape_b))
    a = (1,) * (ndim - len(shape_a)) + tuple(shape_a)
    b = (1,) * (ndim - len(shape_b)) + tuple(shape_b)
    return tuple(max(n, m) for n, m in zip(a, b))''',
    },
    {
        "name": "new axes the other way round: an (m, n) table, right only when square and symmetric",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def pairwise_sq_dists(X, Y):
    """D[i, j] = squared distance from X[i] to Y[j], by broadcasting (n, 1, d) against (1, m, d)."""
    diff = X[None, :, :] - Y[:, None, :]
    return (diff ** 2).sum(axis=2)''',
    },
    {
        "name": "sums over the wrong axis (the points, not the coordinates)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def pairwise_sq_dists(X, Y):
    """D[i, j] = squared distance from X[i] to Y[j], by broadcasting (n, 1, d) against (1, m, d)."""
    diff = X[:, None, :] - Y[None, :, :]
    return (diff ** 2).sum(axis=1)''',
    },
    {
        "name": "sums the wrong axes: removes extra axes from the end",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def unbroadcast(grad, shape):
    """Sum grad down to shape: the gradient of an input that broadcasting stretched."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=-1)
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad''',
    },
    {
        "name": "forgets keepdims",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def unbroadcast(grad, shape):
    """Sum grad down to shape: the gradient of an input that broadcasting stretched."""
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:
        grad = grad.sum(axis=stretched)
    return grad''',
    },
    {
        "name": "forgets the leading axes",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def unbroadcast(grad, shape):
    """Sum grad down to shape: the gradient of an input that broadcasting stretched."""
    for i, n in enumerate(shape):
        if n == 1:
            grad = grad.sum(axis=i, keepdims=True)
    return grad''',
    },
    {
        "name": "a broadcast gradient with the wrong shape (no unbroadcast)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def mul_backward(a, b, grad_out):
    """Gradients of a * b with respect to a and b, each summed back to its own shape."""
    return grad_out * b, grad_out * a''',
    },
    {
        "name": "multiplies by its own operand instead of the other one",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def mul_backward(a, b, grad_out):
    """Gradients of a * b with respect to a and b, each summed back to its own shape."""
    grad_a = tensor.unbroadcast(grad_out * a, a.shape)
    grad_b = tensor.unbroadcast(grad_out * b, b.shape)
    return grad_a, grad_b''',
    },
    {
        "name": "unbroadcasts before multiplying",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def mul_backward(a, b, grad_out):
    """Gradients of a * b with respect to a and b, each summed back to its own shape."""
    grad_a = tensor.unbroadcast(grad_out, a.shape) * tensor.unbroadcast(b, a.shape)
    grad_b = tensor.unbroadcast(grad_out, b.shape) * tensor.unbroadcast(a, b.shape)
    return grad_a, grad_b''',
    },
]

MUTANTS += [
    {
        "name": "lets NumPy apply the rules: np.broadcast_shapes",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_rule"],
        "source": '''def broadcast_shape(shape_a, shape_b):
    """The shape of a broadcast of shape_a with shape_b: aligned on the right, 1s stretch."""
    return tuple(int(n) for n in np.broadcast_shapes(tuple(shape_a), tuple(shape_b)))''',
    },
    {
        "name": "builds two arrays and reads the shape of their sum",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_rule"],
        "source": '''def broadcast_shape(shape_a, shape_b):
    """The shape of a broadcast of shape_a with shape_b: aligned on the right, 1s stretch."""
    return tuple(int(n) for n in (np.zeros(shape_a) + np.zeros(shape_b)).shape)''',
    },
    {
        "name": "a double Python loop over the pairs",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_fast"],
        "source": '''def pairwise_sq_dists(X, Y):
    """D[i, j] = squared distance from X[i] to Y[j], by broadcasting (n, 1, d) against (1, m, d)."""
    D = np.zeros((len(X), len(Y)))
    for i in range(len(X)):
        for j in range(len(Y)):
            D[i, j] = np.sum((X[i] - Y[j]) ** 2)
    return D''',
    },
    {
        "name": "decides which axes to sum from grad.shape before summing away the leading axes",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def unbroadcast(grad, shape):
    """Sum grad down to shape: the gradient of an input that broadcasting stretched."""
    extra = grad.ndim - len(shape)
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    if stretched:
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad''',
    },
]
