"""Plausible wrong answers to day 1's exercises; each must lose the points of the cells it lists."""

MUTANTS = [
    {
        "name": "reports sys.version, the long version string, for Python",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def environment_report() -> dict:
    """The Python version, PyTorch version and CPU cores of this sandbox."""
    return {"python": sys.version, "torch": str(torch.__version__), "cpu_cores": os.cpu_count()}
''',
    },
    {
        "name": "returns torch.__version__ itself, a TorchVersion rather than a plain str",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def environment_report() -> dict:
    """The Python version, PyTorch version and CPU cores of this sandbox."""
    return {"python": platform.python_version(), "torch": torch.__version__,
            "cpu_cores": os.cpu_count()}
''',
    },
    {
        "name": "reports the number of cores as a string",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def environment_report() -> dict:
    """The Python version, PyTorch version and CPU cores of this sandbox."""
    return {"python": platform.python_version(), "torch": str(torch.__version__),
            "cpu_cores": str(os.cpu_count())}
''',
    },
    {
        "name": "edges point from the operation back to its inputs",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def first_graph() -> list:
    """The edges (from, to) of the graph of f = (x + y) * z."""
    return [("+", "x"), ("+", "y"), ("*", "+"), ("*", "z")]
''',
    },
    {
        "name": "adds a separate output node f after the multiplication",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def first_graph() -> list:
    """The edges (from, to) of the graph of f = (x + y) * z."""
    return [("x", "+"), ("y", "+"), ("+", "*"), ("z", "*"), ("*", "f")]
''',
    },
    {
        "name": "z flows into the addition: the graph of (x + y + z) read wrongly",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def first_graph() -> list:
    """The edges (from, to) of the graph of f = (x + y) * z."""
    return [("x", "+"), ("y", "+"), ("z", "+"), ("+", "*")]
''',
    },
    {
        "name": "forgets the inputs: only nodes that an edge arrives at get an entry",
        "cell": "ex3_answer",
        "loses": ["ex3_tests", "ex3_tests_reuse"],
        "source": '''def in_degrees(edges: list) -> dict:
    """Map every node in `edges` to the number of edges that arrive at it."""
    degree = {}
    for u, v in edges:
        degree[v] = degree.get(v, 0) + 1
    return degree
''',
    },
    {
        "name": "removes repeated edges with set(), so x * x gives '*' in-degree 1",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_reuse"],
        "source": '''def in_degrees(edges: list) -> dict:
    """Map every node in `edges` to the number of edges that arrive at it."""
    degree = {}
    for u, v in set(edges):
        degree.setdefault(u, 0)
        degree.setdefault(v, 0)
        degree[v] += 1
    return degree
''',
    },
    {
        "name": "counts the edges leaving a node instead of those arriving",
        "cell": "ex3_answer",
        "loses": ["ex3_tests", "ex3_tests_reuse"],
        "source": '''def in_degrees(edges: list) -> dict:
    """Map every node in `edges` to the number of edges that arrive at it."""
    degree = {}
    for u, v in edges:
        degree.setdefault(u, 0)
        degree.setdefault(v, 0)
        degree[u] += 1
    return degree
''',
    },
    {
        "name": "sets the in-degree to 1 instead of adding 1 (= for +=)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests", "ex3_tests_reuse"],
        "source": '''def in_degrees(edges: list) -> dict:
    """Map every node in `edges` to the number of edges that arrive at it."""
    degree = {}
    for u, v in edges:
        degree.setdefault(u, 0)
        degree[v] = 1
    return degree
''',
    },
]
