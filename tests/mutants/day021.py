"""Wrong answers learners really write for day 21 (arrays, shapes, strides and views); each must lose points."""

MUTANTS = [
    {
        "name": "column-major strides: the first axis steps one item",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def c_strides(shape, itemsize):
    """Byte strides of a row-major array of this shape: the last axis steps one item."""
    strides = []
    step = itemsize
    for n in shape:
        strides.append(step)
        step *= n
    return tuple(strides)''',
    },
    {
        "name": "off by one axis: each stride includes its own axis's length",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def c_strides(shape, itemsize):
    """Byte strides of a row-major array of this shape: the last axis steps one item."""
    import math
    return tuple(itemsize * math.prod(shape[k:]) for k in range(len(shape)))''',
    },
    {
        "name": "ignores the strides: reshapes the buffer from the offset",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def read_strided(buffer, shape, strides, offset=0):
    """A copy of the array that `shape`, `strides` and `offset` (in elements) describe over `buffer`."""
    size = int(np.prod(shape))
    return buffer[offset:offset + size].reshape(shape).copy()''',
    },
    {
        "name": "forgets the offset",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def read_strided(buffer, shape, strides, offset=0):
    """A copy of the array that `shape`, `strides` and `offset` (in elements) describe over `buffer`."""
    out = np.empty(shape, dtype=buffer.dtype)
    for index in np.ndindex(*shape):
        out[index] = buffer[sum(i * s for i, s in zip(index, strides))]
    return out''',
    },
    {
        "name": "compares every stride, also on axes of length 1",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def is_c_contiguous(shape, strides, itemsize):
    """True when reading the array in row-major order walks the buffer one item at a time."""
    expected = []
    step = itemsize
    for n in reversed(shape):
        expected.append(step)
        step *= n
    return tuple(strides) == tuple(reversed(expected))''',
    },
    {
        "name": "checks only that the last stride is one item",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def is_c_contiguous(shape, strides, itemsize):
    """True when reading the array in row-major order walks the buffer one item at a time."""
    return len(strides) == 0 or strides[-1] == itemsize''',
    },
    {
        "name": "steps by the item size, wrong for a strided or reversed view",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def sliding_windows(x, k):
    """All windows x[i:i + k] as the rows of a read-only view of x."""
    n = len(x)
    if not 1 <= k <= n:
        raise ValueError(f"the window length must be between 1 and {n}, got {k}")
    return as_strided(x, shape=(n - k + 1, k), strides=(x.itemsize, x.itemsize), writeable=False)''',
    },
    {
        "name": "a writeable view and no check of k",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def sliding_windows(x, k):
    """All windows x[i:i + k] as the rows of a read-only view of x."""
    n = len(x)
    step = x.strides[0]
    return as_strided(x, shape=(n - k + 1, k), strides=(step, step))''',
    },
    {
        "name": "one window short",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def sliding_windows(x, k):
    """All windows x[i:i + k] as the rows of a read-only view of x."""
    n = len(x)
    if not 1 <= k <= n:
        raise ValueError(f"the window length must be between 1 and {n}, got {k}")
    step = x.strides[0]
    return as_strided(x, shape=(n - k, k), strides=(step, step), writeable=False)''',
    },
]
