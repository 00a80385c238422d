"""Wrong answers learners really write for day 25 (the matmul gradient); each must lose points."""

MUTANTS = [
    {
        "name": "transposed matmul gradients that only work for square matrices (G @ B, G.T @ A)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def matmul_backward(A, B, G):
    """Gradients of L with respect to A and B for C = A @ B, given G = dL/dC."""
    return G @ B, G.T @ A''',
    },
    {
        "name": "wrong products transposed until the shape fits: right except when square",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def matmul_backward(A, B, G):
    """Gradients of L with respect to A and B for C = A @ B, given G = dL/dC."""
    dA = B @ G.T
    dB = G.T @ A
    return (dA.T if dA.shape != A.shape else dA), (dB.T if dB.shape != B.shape else dB)''',
    },
    {
        "name": "the outer product the wrong way round, transposed until the shape fits",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def matvec_backward(A, x, g):
    """Gradients of L with respect to A and x for y = A @ x (x a vector), given g = dL/dy."""
    dA = np.outer(x, g)
    return (dA.T if dA.shape != A.shape else dA), A.T @ g''',
    },
    {
        "name": "dx = A @ g (a transpose forgotten; runs only when square)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def matvec_backward(A, x, g):
    """Gradients of L with respect to A and x for y = A @ x (x a vector), given g = dL/dy."""
    return np.outer(g, x), A @ g''',
    },
    {
        "name": "the shared weight's gradient is not summed over the batch",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def batched_matmul_backward(X, W, G):
    """Gradients for Y = X @ W with X a batch of matrices and W shared: W's gradient sums over the batch."""
    return G @ W.T, X.swapaxes(-1, -2) @ G''',
    },
    {
        "name": "averages the shared weight's gradient over the batch",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def batched_matmul_backward(X, W, G):
    """Gradients for Y = X @ W with X a batch of matrices and W shared: W's gradient sums over the batch."""
    return G @ W.T, (X.swapaxes(-1, -2) @ G).mean(axis=0)''',
    },
    {
        "name": "transposes a 3-D batch with .T, which reverses every axis",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def batched_matmul_backward(X, W, G):
    """Gradients for Y = X @ W with X a batch of matrices and W shared: W's gradient sums over the batch."""
    return G @ W.T, (X.T @ G).sum(axis=0)''',
    },
    {
        "name": "averages the bias gradient over the rows",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def linear_backward(X, W, bias, G):
    """Gradients of a linear layer Y = X @ W + bias; the bias was stretched over the rows."""
    return G @ W.T, X.T @ G, G.mean(axis=0)''',
    },
    {
        "name": "a bias gradient of the wrong shape (not summed back)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def linear_backward(X, W, bias, G):
    """Gradients of a linear layer Y = X @ W + bias; the bias was stretched over the rows."""
    return G @ W.T, X.T @ G, G''',
    },
    {
        "name": "dW = G.T @ X, transposed (right shape only when d_in = d_out)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def linear_backward(X, W, bias, G):
    """Gradients of a linear layer Y = X @ W + bias; the bias was stretched over the rows."""
    return G @ W.T, G.T @ X, G.sum(axis=0)''',
    },
    {
        "name": "dA = G @ B whenever that runs (k = m), G @ B.T only when it does not",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def matmul_backward(A, B, G):
    """Gradients of L with respect to A and B for C = A @ B, given G = dL/dC."""
    if G.shape[1] != B.shape[0]:
        return G @ B.T, A.T @ G
    return G @ B, A.T @ G''',
    },
]
