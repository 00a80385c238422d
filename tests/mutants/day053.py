"""Plausible wrong answers for day 53 (FLOPs and the roofline model); each must lose the points listed.

Each is the instructor's answer with one rule changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

MATMUL = '''def matmul_flops(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> int:
    """FLOPs of torch.matmul on operands of these shapes, a multiply-add counted as 2."""
    a = (1, *a_shape) if len(a_shape) == 1 else tuple(a_shape)
    b = (*b_shape, 1) if len(b_shape) == 1 else tuple(b_shape)
    m, k = a[-2:]
    k_b, n = b[-2:]
    if k != k_b:
        raise ValueError(f"inner dimensions differ: {tuple(a_shape)} @ {tuple(b_shape)}")
    try:
        batch = torch.broadcast_shapes(a[:-2], b[:-2])
    except RuntimeError as error:
        raise ValueError(f"batch dimensions do not broadcast: {tuple(a_shape)} @ {tuple(b_shape)}") from error
    return 2 * math.prod(batch) * m * k * n
'''

CONV = '''def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Length of a convolution's output along one axis (PyTorch's rule)."""
    span = dilation * (kernel - 1) + 1
    if span > size + 2 * padding:
        raise ValueError(f"the dilated kernel spans {span} positions, the padded input only {size + 2 * padding}")
    return (size + 2 * padding - span) // stride + 1


def conv2d_flops(input_shape: tuple[int, int, int, int], out_channels: int, kernel_size, stride=1,
                 padding=0, dilation=1, groups: int = 1) -> int:
    """FLOPs of a 2-D convolution without its bias, a multiply-add counted as 2."""
    def pair(v):
        return (v, v) if isinstance(v, int) else tuple(v)

    n, c_in, h, w = input_shape
    if c_in % groups or out_channels % groups:
        raise ValueError(f"groups={groups} must divide C_in={c_in} and out_channels={out_channels}")
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = (pair(v) for v in (kernel_size, stride, padding, dilation))
    h_out = conv_output_size(h, kh, sh, ph, dh)
    w_out = conv_output_size(w, kw, sw, pw, dw)
    return 2 * n * out_channels * h_out * w_out * (c_in // groups) * kh * kw
'''

BYTES = '''def bytes_moved(input_shapes: list[tuple[int, ...]], output_shape: tuple[int, ...], dtype: torch.dtype) -> int:
    """Bytes read and written: each input read once, the output written once."""
    elements = sum(math.prod(shape) for shape in input_shapes) + math.prod(output_shape)
    return elements * dtype.itemsize


def arithmetic_intensity(flops: int, input_shapes: list[tuple[int, ...]], output_shape: tuple[int, ...],
                         dtype: torch.dtype) -> float:
    """FLOPs per byte moved."""
    return flops / bytes_moved(input_shapes, output_shape, dtype)
'''

ROOF = '''def attainable(intensity: float, peak: float, bandwidth: float) -> float:
    """The roofline: the best FLOP rate a kernel of this intensity can reach."""
    return float(min(peak, intensity * bandwidth))


def bound(intensity: float, peak: float, bandwidth: float) -> str:
    """"memory" left of the ridge point, "compute" at it and right of it."""
    return "memory" if intensity * bandwidth < peak else "compute"
'''


MUTANTS = [
    {
        "name": "counts multiply-accumulates: mkn instead of 2mkn",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(MATMUL, ("    return 2 * math.prod(batch) * m * k * n", "    return math.prod(batch) * m * k * n")),
    },
    {
        "name": "the batch size is taken from the first operand only, ignoring broadcasting",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(MATMUL, ("""    try:
        batch = torch.broadcast_shapes(a[:-2], b[:-2])
    except RuntimeError as error:
        raise ValueError(f"batch dimensions do not broadcast: {tuple(a_shape)} @ {tuple(b_shape)}") from error
""", "    batch = a[:-2]\n")),
    },
    {
        "name": "the output size forgets the + 1",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_size", "ex2_tests_flops"],
        "source": changed(CONV, ("    return (size + 2 * padding - span) // stride + 1", "    return (size + 2 * padding - span) // stride")),
    },
    {
        "name": "the output size ignores dilation (the kernel spans k positions)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_size", "ex2_tests_flops"],
        "source": changed(CONV, ("    span = dilation * (kernel - 1) + 1", "    span = kernel")),
    },
    {
        "name": "padding added on one side only",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_size"],
        "source": changed(CONV, ("    if span > size + 2 * padding:", "    if span > size + padding:"),
                          ("    return (size + 2 * padding - span) // stride + 1", "    return (size + padding - span) // stride + 1")),
    },
    {
        "name": "groups forgotten: every filter sees all C_in channels",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_flops"],
        "source": changed(CONV, ("* (c_in // groups) * kh * kw", "* c_in * kh * kw")),
    },
    {
        "name": "bytes of float32 counted as 8 (every element taken as a float64)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(BYTES, ("    return elements * dtype.itemsize", "    return elements * 8")),
    },
    {
        "name": "the output is not counted in the bytes moved",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(BYTES, (" + math.prod(output_shape)\n", "\n")),
    },
    {
        "name": "the element size taken in bits, not bytes (torch.finfo(dtype).bits)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(BYTES, ("    return elements * dtype.itemsize", "    return elements * torch.finfo(dtype).bits")),
    },
    {
        "name": "the roofline uses max instead of min",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_attainable"],
        "source": changed(ROOF, ("    return float(min(peak, intensity * bandwidth))", "    return float(max(peak, intensity * bandwidth))")),
    },
    {
        "name": "the ridge point taken upside down: intensity compared with bandwidth / peak",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_bound"],
        "source": changed(ROOF, ('    return "memory" if intensity * bandwidth < peak else "compute"',
                                 '    return "memory" if intensity < bandwidth / peak else "compute"')),
    },
    {
        "name": "a kernel at the ridge point is called memory-bound (<= for <)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests_bound"],
        "source": changed(ROOF, ("intensity * bandwidth < peak", "intensity * bandwidth <= peak")),
    },
]
