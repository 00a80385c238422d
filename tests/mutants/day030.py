"""Plausible wrong answers for day 30 (testing engines with hypothesis); each must lose its points.

Here the learner's answers are tests: a mutant is a weak test, one that passes on an engine it
should catch (or fails on the correct one).
"""

MUTANTS = [
    {
        "name": "both arrays always have the same shape: nothing is broadcast",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def pairs_that_broadcast():
    """A strategy for (a, b): float64 arrays of mutually broadcastable shapes, values 0.1 <= |v| <= 3."""
    away_from_zero = st.tuples(st.floats(0.1, 3.0), st.sampled_from([-1.0, 1.0])).map(lambda t: t[0] * t[1])

    @st.composite
    def pairs(draw):
        shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, max_side=4))
        return (draw(hnp.arrays(np.float64, shape, elements=away_from_zero)),
                draw(hnp.arrays(np.float64, shape, elements=away_from_zero)))

    return pairs()
''',
    },
    {
        "name": "values anywhere in [-3, 3], the kink at 0 included",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def pairs_that_broadcast():
    """A strategy for (a, b): float64 arrays of mutually broadcastable shapes, values 0.1 <= |v| <= 3."""
    @st.composite
    def pairs(draw):
        s1, s2 = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
        return (draw(hnp.arrays(np.float64, s1, elements=st.floats(-3.0, 3.0))),
                draw(hnp.arrays(np.float64, s2, elements=st.floats(-3.0, 3.0))))

    return pairs()
''',
    },
    {
        "name": "the second shape is a suffix of the first: no length-1 axis is ever stretched",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def pairs_that_broadcast():
    """A strategy for (a, b): float64 arrays of mutually broadcastable shapes, values 0.1 <= |v| <= 3."""
    away_from_zero = st.tuples(st.floats(0.1, 3.0), st.sampled_from([-1.0, 1.0])).map(lambda t: t[0] * t[1])

    @st.composite
    def pairs(draw):
        shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, max_side=4))
        cut = draw(st.integers(0, len(shape)))
        return (draw(hnp.arrays(np.float64, shape, elements=away_from_zero)),
                draw(hnp.arrays(np.float64, shape[cut:], elements=away_from_zero)))

    return pairs()
''',
    },
    {
        "name": "positive values only: the sign is never drawn",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def pairs_that_broadcast():
    """A strategy for (a, b): float64 arrays of mutually broadcastable shapes, values 0.1 <= |v| <= 3."""
    @st.composite
    def pairs(draw):
        s1, s2 = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4)).input_shapes
        return (draw(hnp.arrays(np.float64, s1, elements=st.floats(0.1, 3.0))),
                draw(hnp.arrays(np.float64, s2, elements=st.floats(0.1, 3.0))))

    return pairs()
''',
    },
    {
        "name": "backward through .sum(): an upstream gradient of ones",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def check_elementwise(engine) -> None:
    """Property: the gradients of relu(A * B) + A agree with torch for broadcastable A, B and a random upstream."""
    @given(pair=pairs_that_broadcast())
    def prop(pair):
        a, b = pair
        A, B = engine.Tensor(a), engine.Tensor(b)
        ((A * B).relu() + A).sum().backward()
        at, bt = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
        ((at * bt).relu() + at).sum().backward()
        np.testing.assert_allclose(A.grad, at.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(B.grad, bt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "no tensor used twice: relu(A * B) only",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def check_elementwise(engine) -> None:
    """Property: the gradients of relu(A * B) + A agree with torch for broadcastable A, B and a random upstream."""
    @given(pair=pairs_that_broadcast(), seed=st.integers(0, 2**32 - 1))
    def prop(pair, seed):
        a, b = pair
        A, B = engine.Tensor(a), engine.Tensor(b)
        out = (A * B).relu()
        g = np.random.default_rng(seed).normal(size=out.shape)
        out.backward(grad=g)
        at, bt = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
        (at * bt).relu().backward(torch.tensor(g))
        np.testing.assert_allclose(A.grad, at.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(B.grad, bt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "compares only the forward values, never the gradients",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def check_elementwise(engine) -> None:
    """Property: the gradients of relu(A * B) + A agree with torch for broadcastable A, B and a random upstream."""
    @given(pair=pairs_that_broadcast())
    def prop(pair):
        a, b = pair
        out = (engine.Tensor(a) * engine.Tensor(b)).relu() + engine.Tensor(a)
        expected = (torch.tensor(a) * torch.tensor(b)).relu() + torch.tensor(a)
        np.testing.assert_allclose(out.data, expected.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "matmul tested through .sum(): an upstream gradient of ones",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def check_matmul(engine) -> None:
    """Property: the gradients of A @ B agree with torch for independent sizes and a random upstream."""
    @given(n=st.integers(1, 5), k=st.integers(1, 5), m=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
    def prop(n, k, m, seed):
        rng = np.random.default_rng(seed)
        a, b = rng.normal(size=(n, k)), rng.normal(size=(k, m))
        A, B = engine.Tensor(a), engine.Tensor(b)
        (A @ B).sum().backward()
        at, bt = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
        (at @ bt).sum().backward()
        np.testing.assert_allclose(A.grad, at.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(B.grad, bt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "checks A.grad only",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def check_matmul(engine) -> None:
    """Property: the gradients of A @ B agree with torch for independent sizes and a random upstream."""
    @given(n=st.integers(1, 5), k=st.integers(1, 5), m=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
    def prop(n, k, m, seed):
        rng = np.random.default_rng(seed)
        a, b, g = rng.normal(size=(n, k)), rng.normal(size=(k, m)), rng.normal(size=(n, m))
        A = engine.Tensor(a)
        (A @ engine.Tensor(b)).backward(grad=g)
        at = torch.tensor(a, requires_grad=True)
        (at @ torch.tensor(b)).backward(torch.tensor(g))
        np.testing.assert_allclose(A.grad, at.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "square matrices only (n = k = m)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def check_matmul(engine) -> None:
    """Property: the gradients of A @ B agree with torch for independent sizes and a random upstream."""
    @given(n=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
    def prop(n, seed):
        rng = np.random.default_rng(seed)
        a, b, g = rng.normal(size=(n, n)), rng.normal(size=(n, n)), rng.normal(size=(n, n))
        A, B = engine.Tensor(a), engine.Tensor(b)
        (A @ B).backward(grad=g)
        at, bt = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
        (at @ bt).backward(torch.tensor(g))
        np.testing.assert_allclose(A.grad, at.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(B.grad, bt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "B always square: sizes n and k drawn, m = k",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def check_matmul(engine) -> None:
    """Property: the gradients of A @ B agree with torch for independent sizes and a random upstream."""
    @given(n=st.integers(1, 5), k=st.integers(1, 5), seed=st.integers(0, 2**32 - 1))
    def prop(n, k, seed):
        rng = np.random.default_rng(seed)
        a, b, g = rng.normal(size=(n, k)), rng.normal(size=(k, k)), rng.normal(size=(n, k))
        A, B = engine.Tensor(a), engine.Tensor(b)
        (A @ B).backward(grad=g)
        at, bt = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
        (at @ bt).backward(torch.tensor(g))
        np.testing.assert_allclose(A.grad, at.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(B.grad, bt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "reduces over all axes only (axis=None)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def check_reductions(engine) -> None:
    """Property: sum, mean and max over every axis, with and without keepdims, agree with torch."""
    torch_op = {"sum": torch.sum, "mean": torch.mean, "max": torch.amax}

    @settings(max_examples=25)
    @given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                        elements=st.floats(-3.0, 3.0), unique=True),
           seed=st.integers(0, 2**32 - 1))
    def prop(x, seed):
        rng = np.random.default_rng(seed)
        for op in ["sum", "mean", "max"]:
            for keepdims in [False, True]:
                X = engine.Tensor(x)
                out = getattr(X, op)(axis=None, keepdims=keepdims)
                g = rng.normal(size=out.shape)
                out.backward(grad=g)
                xt = torch.tensor(x, requires_grad=True)
                torch_op[op](xt, dim=tuple(range(x.ndim)), keepdim=keepdims).backward(torch.tensor(g))
                np.testing.assert_allclose(X.grad, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "keepdims=True only",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def check_reductions(engine) -> None:
    """Property: sum, mean and max over every axis, with and without keepdims, agree with torch."""
    torch_op = {"sum": torch.sum, "mean": torch.mean, "max": torch.amax}

    @settings(max_examples=25)
    @given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                        elements=st.floats(-3.0, 3.0), unique=True),
           seed=st.integers(0, 2**32 - 1))
    def prop(x, seed):
        rng = np.random.default_rng(seed)
        for op in ["sum", "mean", "max"]:
            for axis in [None, *range(x.ndim), *range(-x.ndim, 0)]:
                X = engine.Tensor(x)
                out = getattr(X, op)(axis=axis, keepdims=True)
                g = rng.normal(size=out.shape)
                out.backward(grad=g)
                xt = torch.tensor(x, requires_grad=True)
                dim = tuple(range(x.ndim)) if axis is None else (axis,)
                torch_op[op](xt, dim=dim, keepdim=True).backward(torch.tensor(g))
                np.testing.assert_allclose(X.grad, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "reductions tested through .sum(): an upstream gradient of ones",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def check_reductions(engine) -> None:
    """Property: sum, mean and max over every axis, with and without keepdims, agree with torch."""
    torch_op = {"sum": torch.sum, "mean": torch.mean, "max": torch.amax}

    @settings(max_examples=25)
    @given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                        elements=st.floats(-3.0, 3.0), unique=True))
    def prop(x):
        for op in ["sum", "mean", "max"]:
            for axis in [None, *range(x.ndim), *range(-x.ndim, 0)]:
                for keepdims in [False, True]:
                    X = engine.Tensor(x)
                    out = getattr(X, op)(axis=axis, keepdims=keepdims)
                    out.backward(grad=np.ones(out.shape))
                    xt = torch.tensor(x, requires_grad=True)
                    dim = tuple(range(x.ndim)) if axis is None else (axis,)
                    torch_op[op](xt, dim=dim, keepdim=keepdims).sum().backward()
                    np.testing.assert_allclose(X.grad, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "axes counted from the front only",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def check_reductions(engine) -> None:
    """Property: sum, mean and max over every axis, with and without keepdims, agree with torch."""
    torch_op = {"sum": torch.sum, "mean": torch.mean, "max": torch.amax}

    @settings(max_examples=25)
    @given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                        elements=st.floats(-3.0, 3.0), unique=True),
           seed=st.integers(0, 2**32 - 1))
    def prop(x, seed):
        rng = np.random.default_rng(seed)
        for op in ["sum", "mean", "max"]:
            for axis in [None, *range(x.ndim)]:
                for keepdims in [False, True]:
                    X = engine.Tensor(x)
                    out = getattr(X, op)(axis=axis, keepdims=keepdims)
                    g = rng.normal(size=out.shape)
                    out.backward(grad=g)
                    xt = torch.tensor(x, requires_grad=True)
                    dim = tuple(range(x.ndim)) if axis is None else (axis,)
                    torch_op[op](xt, dim=dim, keepdim=keepdims).backward(torch.tensor(g))
                    np.testing.assert_allclose(X.grad, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "never tries keepdims=True",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def check_reductions(engine) -> None:
    """Property: sum, mean and max over every axis, with and without keepdims, agree with torch."""
    torch_op = {"sum": torch.sum, "mean": torch.mean, "max": torch.amax}

    @settings(max_examples=25)
    @given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                        elements=st.floats(-3.0, 3.0), unique=True),
           seed=st.integers(0, 2**32 - 1))
    def prop(x, seed):
        rng = np.random.default_rng(seed)
        for op in ["sum", "mean", "max"]:
            for axis in [None, *range(x.ndim), *range(-x.ndim, 0)]:
                X = engine.Tensor(x)
                out = getattr(X, op)(axis=axis)
                g = rng.normal(size=out.shape)
                out.backward(grad=g)
                xt = torch.tensor(x, requires_grad=True)
                dim = tuple(range(x.ndim)) if axis is None else (axis,)
                torch_op[op](xt, dim=dim).backward(torch.tensor(g))
                np.testing.assert_allclose(X.grad, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
    {
        "name": "keepdims=True tried for sum only",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def check_reductions(engine) -> None:
    """Property: sum, mean and max over every axis, with and without keepdims, agree with torch."""
    torch_op = {"sum": torch.sum, "mean": torch.mean, "max": torch.amax}

    @settings(max_examples=25)
    @given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                        elements=st.floats(-3.0, 3.0), unique=True),
           seed=st.integers(0, 2**32 - 1))
    def prop(x, seed):
        rng = np.random.default_rng(seed)
        for op in ["sum", "mean", "max"]:
            for axis in [None, *range(x.ndim), *range(-x.ndim, 0)]:
                for keepdims in ([False, True] if op == "sum" else [False]):
                    X = engine.Tensor(x)
                    out = getattr(X, op)(axis=axis, keepdims=keepdims)
                    g = rng.normal(size=out.shape)
                    out.backward(grad=g)
                    xt = torch.tensor(x, requires_grad=True)
                    dim = tuple(range(x.ndim)) if axis is None else (axis,)
                    torch_op[op](xt, dim=dim, keepdim=keepdims).backward(torch.tensor(g))
                    np.testing.assert_allclose(X.grad, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    prop()
''',
    },
]
