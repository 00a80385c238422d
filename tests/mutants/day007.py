"""Wrong answers learners really write on day 7 (chain rule on graphs); each must lose its points."""

MUTANTS = [
    {
        "name": "marks nodes visited across paths, as a graph search does",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def all_paths(edges, source, target):
    children = {}
    for u, v in edges:
        children.setdefault(u, []).append(v)
    visited = set()
    paths = []

    def walk(u, path):
        if u == target:
            paths.append(path + [u])
            return
        visited.add(u)
        for v in children.get(u, []):
            if v not in visited:
                walk(v, path + [u])

    walk(source, [])
    return paths
''',
    },
    {
        "name": "paths start at the source's children (source left out)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def all_paths(edges, source, target):
    children = {}
    for u, v in edges:
        children.setdefault(u, []).append(v)

    def paths_from(u):
        if u == target:
            return [[u]]
        return [[u] + rest for v in children.get(u, []) for rest in paths_from(v)]

    return [p for v in children.get(source, []) for p in paths_from(v)]
''',
    },
    {
        "name": "no path from a node to itself",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def all_paths(edges, source, target):
    children = {}
    for u, v in edges:
        children.setdefault(u, []).append(v)

    def paths_from(u):
        result = []
        for v in children.get(u, []):
            if v == target:
                result.append([u, v])
            else:
                result += [[u] + rest for rest in paths_from(v)]
        return result

    return paths_from(source)
''',
    },
    {
        "name": "adds the local derivatives along a path instead of multiplying",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def derivative_by_paths(local, source, target):
    total = 0.0
    for path in all_paths(list(local), source, target):
        total += sum(local[(u, v)] for u, v in zip(path, path[1:]))
    return float(total)
''',
    },
    {
        "name": "follows only the first path it finds",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def derivative_by_paths(local, source, target):
    paths = all_paths(list(local), source, target)
    if not paths:
        return 0.0
    product = 1.0
    for u, v in zip(paths[0], paths[0][1:]):
        product *= local[(u, v)]
    return float(product)
''',
    },
    {
        "name": "empty path (source == target) counted as 0",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def derivative_by_paths(local, source, target):
    total = 0.0
    for path in all_paths(list(local), source, target):
        if len(path) < 2:
            continue
        product = 1.0
        for u, v in zip(path, path[1:]):
            product *= local[(u, v)]
        total += product
    return float(total)
''',
    },
    {
        "name": "returns the transpose: shape (inputs, outputs)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def jacobian_fd(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    rows = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = h
        rows.append((np.asarray(f(x + step), dtype=np.float64) - np.asarray(f(x - step), dtype=np.float64)) / (2 * h))
    return np.array(rows)
''',
    },
    {
        "name": "nudges every input at once",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def jacobian_fd(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    column = (np.asarray(f(x + h), dtype=np.float64) - np.asarray(f(x - h), dtype=np.float64)) / (2 * h)
    return np.stack([column] * x.size, axis=1)
''',
    },
    {
        "name": "one scalar gradient per output (2 m n calls instead of 2 n)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_calls"],
        "source": '''def jacobian_fd(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    m = len(np.asarray(f(x)))
    J = np.zeros((m, x.size))
    for i in range(m):
        for j in range(x.size):
            step = np.zeros_like(x)
            step[j] = h
            J[i, j] = (np.asarray(f(x + step))[i] - np.asarray(f(x - step))[i]) / (2 * h)
    return J
''',
    },
    {
        "name": "evaluates every Jacobian at the original x",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def composed_jacobian(maps, x):
    x = np.asarray(x, dtype=np.float64)
    J = None
    for f, jac in maps:
        Jk = np.asarray(jac(x), dtype=np.float64)
        J = Jk if J is None else Jk @ J
    return J
''',
    },
    {
        "name": "multiplies in the order the maps are applied (J_1 J_2 ...)",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def composed_jacobian(maps, x):
    point = np.asarray(x, dtype=np.float64)
    J = None
    for f, jac in maps:
        Jk = np.asarray(jac(point), dtype=np.float64)
        J = Jk if J is None else J @ Jk
        point = np.asarray(f(point), dtype=np.float64)
    return J
''',
    },
]
