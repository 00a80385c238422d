"""Plausible wrong answers for day 29 (einsum and its gradient); each must lose its points."""

_SPECS = {
    "matmul": "ij,jk->ik",
    "batch_matmul": "bij,bjk->bik",
    "outer": "i,j->ij",
    "transpose": "ij->ji",
    "column_sums": "ij->j",
    "trace_of_product": "ij,ji->",
    "attention_scores": "bqd,bkd->bqk",
    "bilinear": "bi,oij,bj->bo",
}


def _specs_source(**changes: str) -> str:
    body = ",\n".join(f"        {k!r}: {changes.get(k, v)!r}" for k, v in _SPECS.items())
    return ('def einsum_specs() -> dict[str, str]:\n    """One einsum spec per named operation."""\n'
            f"    return {{\n{body},\n    }}\n")


_VJP_HEAD = '''def einsum_vjp(spec: str, operands: list, upstream: np.ndarray, k: int) -> np.ndarray:
    """Gradient of <upstream, einsum(spec, *operands)> with respect to operands[k]."""
    inputs, output = spec.split("->")
    subs = inputs.split(",")
    others = subs[:k] + subs[k + 1:]
'''

_EINSUM_HEAD = '''def einsum(spec: str, *tensors: Tensor) -> Tensor:
    """np.einsum as one node; the gradient of each operand is another einsum (einsum_vjp)."""
    arrays = [t.data for t in tensors]
    out = Tensor(np.einsum(spec, *arrays), tensors, "einsum")

    def _backward() -> None:
        for k, t in enumerate(tensors):
'''

MUTANTS = [
    {
        "name": "trace of a product written as the sum of an elementwise product",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _specs_source(trace_of_product="ij,ij->"),
    },
    {
        "name": "attention scores contract the wrong axes (Q^T K instead of Q K^T)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _specs_source(attention_scores="bdq,bdk->bqk"),
    },
    {
        "name": "column sums keep the rows instead (row sums)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _specs_source(column_sums="ij->i"),
    },
    {
        "name": "puts the upstream gradient last instead of first",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def backward_spec(spec: str, k: int) -> str:
    """The spec of d(out)/d(operand k) as an einsum: output's letters, the others' letters -> operand k's."""
    inputs, output = spec.split("->")
    subs = inputs.split(",")
    others = subs[:k] + subs[k + 1:]
    return ",".join(others + [output]) + "->" + subs[k]
''',
    },
    {
        "name": "keeps operand k itself among the inputs",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def backward_spec(spec: str, k: int) -> str:
    """The spec of d(out)/d(operand k) as an einsum: output's letters, the others' letters -> operand k's."""
    inputs, output = spec.split("->")
    return output + "," + inputs + "->" + inputs.split(",")[k]
''',
    },
    {
        "name": "written for two operands only: always takes the other one as operands[1 - k]",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def backward_spec(spec: str, k: int) -> str:
    """The spec of d(out)/d(operand k) as an einsum: output's letters, the others' letters -> operand k's."""
    inputs, output = spec.split("->")
    subs = inputs.split(",")
    if len(subs) == 1:
        return output + "->" + subs[0]
    return output + "," + subs[1 - k] + "->" + subs[k]
''',
    },
    {
        "name": "no broadcast for letters that appear nowhere else (fails on 'ij->j')",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": _VJP_HEAD + '''    return np.einsum(",".join([output] + others) + "->" + subs[k], upstream, *(operands[:k] + operands[k + 1:]))
''',
    },
    {
        "name": "returns the read-only broadcast view",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_writeable"],
        "source": _VJP_HEAD + '''    available = set(output).union(*others)
    kept = "".join(c for c in subs[k] if c in available)
    grad = np.einsum(",".join([output] + others) + "->" + kept, upstream, *(operands[:k] + operands[k + 1:]))
    missing = tuple(axis for axis, c in enumerate(subs[k]) if c not in available)
    return np.broadcast_to(np.expand_dims(grad, missing), np.shape(operands[k]))
''',
    },
    {
        "name": "broadcasts without expand_dims (right only when the missing letters come first)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": _VJP_HEAD + '''    available = set(output).union(*others)
    kept = "".join(c for c in subs[k] if c in available)
    grad = np.einsum(",".join([output] + others) + "->" + kept, upstream, *(operands[:k] + operands[k + 1:]))
    return np.array(np.broadcast_to(grad, np.shape(operands[k])), dtype=np.float64)
''',
    },
    {
        "name": "ignores the upstream gradient: the einsum of ones instead of upstream",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": _VJP_HEAD + '''    available = set(output).union(*others)
    kept = "".join(c for c in subs[k] if c in available)
    ones = np.ones_like(upstream)
    grad = np.einsum(",".join([output] + others) + "->" + kept, ones, *(operands[:k] + operands[k + 1:]))
    missing = tuple(axis for axis, c in enumerate(subs[k]) if c not in available)
    return np.array(np.broadcast_to(np.expand_dims(grad, missing), np.shape(operands[k])), dtype=np.float64)
''',
    },
    {
        "name": "overwrites each input's gradient (a tensor passed twice keeps only one share)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _EINSUM_HEAD + '''            t.grad = einsum_vjp(spec, arrays, out.grad, k)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "backward uses an upstream gradient of ones",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _EINSUM_HEAD + '''            t.grad += einsum_vjp(spec, arrays, np.ones_like(out.grad), k)
    out._backward = _backward
    return out
''',
    },
    {
        "name": "deduplicates the inputs, so a tensor passed twice gets one share",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def einsum(spec: str, *tensors: Tensor) -> Tensor:
    """np.einsum as one node; the gradient of each operand is another einsum (einsum_vjp)."""
    arrays = [t.data for t in tensors]
    out = Tensor(np.einsum(spec, *arrays), tensors, "einsum")

    def _backward() -> None:
        done = set()
        for k, t in enumerate(tensors):
            if id(t) not in done:
                done.add(id(t))
                t.grad += einsum_vjp(spec, arrays, out.grad, k)
    out._backward = _backward
    return out
''',
    },
]
