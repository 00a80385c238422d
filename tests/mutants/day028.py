"""Plausible wrong answers for day 28 (convolution as a graph: im2col); each must lose its points."""

MUTANTS = [
    {
        "name": "kernel height and width swapped (right only for square kernels)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every (kh, kw) patch of the padded x as one row: shape (N*OH*OW, C*kh*kw), rows (n, i, j), columns (c, u, v)."""
    kh, kw = kw, kh
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH, OW = (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1
    cols = np.empty((N, OH, OW, C, kh, kw))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, :, :, u, v] = xp[:, :, u:u + stride * OH:stride, v:v + stride * OW:stride].transpose(0, 2, 3, 1)
    return cols.reshape(N * OH * OW, C * kh * kw)
''',
    },
    {
        "name": "columns ordered (u, v, c) instead of (c, u, v)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every (kh, kw) patch of the padded x as one row: shape (N*OH*OW, C*kh*kw), rows (n, i, j), columns (c, u, v)."""
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH, OW = (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1
    cols = np.empty((N, OH, OW, kh, kw, C))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, :, u, v, :] = xp[:, :, u:u + stride * OH:stride, v:v + stride * OW:stride].transpose(0, 2, 3, 1)
    return cols.reshape(N * OH * OW, C * kh * kw)
''',
    },
    {
        "name": "ignores the stride: every patch at step 1",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every (kh, kw) patch of the padded x as one row: shape (N*OH*OW, C*kh*kw), rows (n, i, j), columns (c, u, v)."""
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH, OW = H + 2 * padding - kh + 1, W + 2 * padding - kw + 1
    cols = np.empty((N, OH, OW, C, kh, kw))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, :, :, u, v] = xp[:, :, u:u + OH, v:v + OW].transpose(0, 2, 3, 1)
    return cols.reshape(N * OH * OW, C * kh * kw)
''',
    },
    {
        "name": "right shape, stride only in the slices' step: OH computed without the stride",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every (kh, kw) patch of the padded x as one row: shape (N*OH*OW, C*kh*kw), rows (n, i, j), columns (c, u, v)."""
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH, OW = (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1
    cols = np.empty((N, OH, OW, C, kh, kw))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, :, :, u, v] = xp[:, :, u:u + OH, v:v + OW].transpose(0, 2, 3, 1)
    return cols.reshape(N * OH * OW, C * kh * kw)
''',
    },
    {
        "name": "pads only the bottom and right sides",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every (kh, kw) patch of the padded x as one row: shape (N*OH*OW, C*kh*kw), rows (n, i, j), columns (c, u, v)."""
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)))
    OH, OW = (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1
    cols = np.empty((N, OH, OW, C, kh, kw))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, :, :, u, v] = xp[:, :, u:u + stride * OH:stride, v:v + stride * OW:stride].transpose(0, 2, 3, 1)
    return cols.reshape(N * OH * OW, C * kh * kw)
''',
    },
    {
        "name": "output size without the + 1 (one position short)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every (kh, kw) patch of the padded x as one row: shape (N*OH*OW, C*kh*kw), rows (n, i, j), columns (c, u, v)."""
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH, OW = (H + 2 * padding - kh) // stride, (W + 2 * padding - kw) // stride
    cols = np.empty((N, OH, OW, C, kh, kw))
    for u in range(kh):
        for v in range(kw):
            cols[:, :, :, :, u, v] = xp[:, :, u:u + stride * OH:stride, v:v + stride * OW:stride].transpose(0, 2, 3, 1)
    return cols.reshape(N * OH * OW, C * kh * kw)
''',
    },
    {
        "name": "assigns instead of adding: overlapping patches overwrite each other",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def col2im(cols: np.ndarray, x_shape: tuple, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """The adjoint of im2col: scatter each row back to its patch, adding where patches overlap."""
    N, C, H, W = x_shape
    OH, OW = (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1
    patches = cols.reshape(N, OH, OW, C, kh, kw)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    for u in range(kh):
        for v in range(kw):
            xp[:, :, u:u + stride * OH:stride, v:v + stride * OW:stride] = patches[:, :, :, :, u, v].transpose(0, 3, 1, 2)
    return xp[:, :, padding:padding + H, padding:padding + W]
''',
    },
    {
        "name": "crops the padding from the wrong end",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def col2im(cols: np.ndarray, x_shape: tuple, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """The adjoint of im2col: scatter each row back to its patch, adding where patches overlap."""
    N, C, H, W = x_shape
    OH, OW = (H + 2 * padding - kh) // stride + 1, (W + 2 * padding - kw) // stride + 1
    patches = cols.reshape(N, OH, OW, C, kh, kw)
    xp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    for u in range(kh):
        for v in range(kw):
            xp[:, :, u:u + stride * OH:stride, v:v + stride * OW:stride] += patches[:, :, :, :, u, v].transpose(0, 3, 1, 2)
    return xp[:, :, :H, :W]
''',
    },
    {
        "name": "overwrites x.grad instead of adding to it",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def im2col_op(x: Tensor, kh: int, kw: int, stride: int = 1, padding: int = 0) -> Tensor:
    """im2col as one node: forward im2col, backward col2im of the upstream gradient, added to x.grad."""
    out = Tensor(im2col(x.data, kh, kw, stride, padding), (x,), "im2col")

    def _backward() -> None:
        x.grad = col2im(out.grad, x.shape, kh, kw, stride, padding)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "the node forgets its parent: Tensor(cols) instead of Tensor(cols, (x,), ...)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def im2col_op(x: Tensor, kh: int, kw: int, stride: int = 1, padding: int = 0) -> Tensor:
    """im2col as one node: forward im2col, backward col2im of the upstream gradient, added to x.grad."""
    out = Tensor(im2col(x.data, kh, kw, stride, padding))

    def _backward() -> None:
        x.grad += col2im(out.grad, x.shape, kh, kw, stride, padding)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "backward sends col2im of ones, ignoring the upstream gradient",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def im2col_op(x: Tensor, kh: int, kw: int, stride: int = 1, padding: int = 0) -> Tensor:
    """im2col as one node: forward im2col, backward col2im of the upstream gradient, added to x.grad."""
    out = Tensor(im2col(x.data, kh, kw, stride, padding), (x,), "im2col")

    def _backward() -> None:
        x.grad += col2im(np.ones_like(out.grad), x.shape, kh, kw, stride, padding)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "reshapes (N*OH*OW, F) straight to (N, F, OH, OW) without the transpose",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def conv2d(x: Tensor, w: Tensor, b: Tensor, stride: int = 1, padding: int = 0) -> Tensor:
    """2-D convolution (no kernel flip) as im2col, one matrix product, a reshape, a transpose and a bias."""
    N, C, H, W = x.shape
    F_, _, KH, KW = w.shape
    OH, OW = (H + 2 * padding - KH) // stride + 1, (W + 2 * padding - KW) // stride + 1
    out = im2col_op(x, KH, KW, stride, padding) @ w.reshape(F_, C * KH * KW).T
    return out.reshape(N, F_, OH, OW) + b.reshape(1, F_, 1, 1)
''',
    },
    {
        "name": "flips the kernel (the mathematicians' convolution)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def conv2d(x: Tensor, w: Tensor, b: Tensor, stride: int = 1, padding: int = 0) -> Tensor:
    """2-D convolution (no kernel flip) as im2col, one matrix product, a reshape, a transpose and a bias."""
    N, C, H, W = x.shape
    F_, _, KH, KW = w.shape
    OH, OW = (H + 2 * padding - KH) // stride + 1, (W + 2 * padding - KW) // stride + 1
    flipped = w[:, :, ::-1, ::-1]
    out = im2col_op(x, KH, KW, stride, padding) @ flipped.reshape(F_, C * KH * KW).T
    return out.reshape(N, OH, OW, F_).transpose((0, 3, 1, 2)) + b.reshape(1, F_, 1, 1)
''',
    },
    {
        "name": "filters flattened in (u, v, c) order, which does not match im2col's columns",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def conv2d(x: Tensor, w: Tensor, b: Tensor, stride: int = 1, padding: int = 0) -> Tensor:
    """2-D convolution (no kernel flip) as im2col, one matrix product, a reshape, a transpose and a bias."""
    N, C, H, W = x.shape
    F_, _, KH, KW = w.shape
    OH, OW = (H + 2 * padding - KH) // stride + 1, (W + 2 * padding - KW) // stride + 1
    out = im2col_op(x, KH, KW, stride, padding) @ w.transpose((0, 2, 3, 1)).reshape(F_, C * KH * KW).T
    return out.reshape(N, OH, OW, F_).transpose((0, 3, 1, 2)) + b.reshape(1, F_, 1, 1)
''',
    },
]
