"""Plausible wrong answers to day 3's exercises; each must lose the points of the cells it lists."""

MUTANTS = [
    {
        "name": "walks a shared subexpression again at every use, repeating its nodes and edges",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def build_graph(expr) -> tuple[list, list]:
    """The nodes (distinct subexpressions) and edges (operand, operation) of an expression."""
    nodes, edges = [], []

    def visit(node):
        nodes.append(node)
        if isinstance(node, tuple):
            op, left, right = node
            edges.append((left, node))
            edges.append((right, node))
            visit(left)
            visit(right)

    visit(expr)
    return nodes, edges
''',
    },
    {
        "name": "deduplicates with sets, so the two edges of x * x become one",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def build_graph(expr) -> tuple[list, list]:
    """The nodes (distinct subexpressions) and edges (operand, operation) of an expression."""
    nodes, edges = set(), set()

    def visit(node):
        nodes.add(node)
        if isinstance(node, tuple):
            op, left, right = node
            edges.add((left, node))
            edges.add((right, node))
            visit(left)
            visit(right)

    visit(expr)
    return list(nodes), list(edges)
''',
    },
    {
        "name": "edges point from the operation to its operands",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def build_graph(expr) -> tuple[list, list]:
    """The nodes (distinct subexpressions) and edges (operand, operation) of an expression."""
    nodes, edges, seen = [], [], set()

    def visit(node):
        if node in seen:
            return
        seen.add(node)
        nodes.append(node)
        if isinstance(node, tuple):
            op, left, right = node
            edges.append((node, left))
            edges.append((node, right))
            visit(left)
            visit(right)

    visit(expr)
    return nodes, edges
''',
    },
    {
        "name": "skips a node already seen before adding the edges of the current use",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def build_graph(expr) -> tuple[list, list]:
    """The nodes (distinct subexpressions) and edges (operand, operation) of an expression."""
    nodes, edges, seen = [], [], set()

    def visit(node, user=None):
        if node in seen:
            return
        seen.add(node)
        nodes.append(node)
        if user is not None:
            edges.append((node, user))
        if isinstance(node, tuple):
            op, left, right = node
            visit(left, node)
            visit(right, node)

    visit(expr)
    return nodes, edges
''',
    },
    {
        "name": "takes the nodes from the edges only, so a node without edges is lost",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def topological_order(nodes: list, edges: list) -> list:
    """The nodes, each after all of its inputs (Kahn's algorithm); ValueError on a cycle."""
    from collections import deque

    in_degree, feeds = {}, {}
    for u, v in edges:
        in_degree.setdefault(u, 0)
        in_degree[v] = in_degree.get(v, 0) + 1
        feeds.setdefault(u, []).append(v)
    ready = deque(node for node in in_degree if in_degree[node] == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for v in feeds.get(node, []):
            in_degree[v] -= 1
            if in_degree[v] == 0:
                ready.append(v)
    if len(order) < len(in_degree):
        raise ValueError("the graph has a cycle")
    return order
''',
    },
    {
        "name": "sorts the nodes by in-degree instead of running Kahn's algorithm",
        "cell": "ex2_answer",
        "loses": ["ex2_tests", "ex2_tests_cycles"],
        "source": '''def topological_order(nodes: list, edges: list) -> list:
    """The nodes, each after all of its inputs (Kahn's algorithm); ValueError on a cycle."""
    in_degree = {node: 0 for node in nodes}
    for u, v in edges:
        in_degree[v] += 1
    if any(u == v for u, v in edges):
        raise ValueError("the graph has a cycle")
    return sorted(nodes, key=lambda node: in_degree[node])
''',
    },
    {
        "name": "returns the nodes it could place instead of raising on a cycle",
        "cell": "ex2_answer",
        "loses": ["ex2_tests_cycles"],
        "source": '''def topological_order(nodes: list, edges: list) -> list:
    """The nodes, each after all of its inputs (Kahn's algorithm); ValueError on a cycle."""
    from collections import deque

    in_degree = {node: 0 for node in nodes}
    feeds = {node: [] for node in nodes}
    for u, v in edges:
        feeds[u].append(v)
        in_degree[v] += 1
    ready = deque(node for node in nodes if in_degree[node] == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for v in feeds[node]:
            in_degree[v] -= 1
            if in_degree[v] == 0:
                ready.append(v)
    return order
''',
    },
    {
        "name": "stores each node's successors in a set, so a node used twice never becomes ready",
        "cell": "ex2_answer",
        "loses": ["ex2_tests", "ex2_tests_cycles"],
        "source": '''def topological_order(nodes: list, edges: list) -> list:
    """The nodes, each after all of its inputs (Kahn's algorithm); ValueError on a cycle."""
    from collections import deque

    in_degree = {node: 0 for node in nodes}
    feeds = {node: set() for node in nodes}
    for u, v in edges:
        feeds[u].add(v)
        in_degree[v] += 1
    ready = deque(node for node in nodes if in_degree[node] == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for v in feeds[node]:
            in_degree[v] -= 1
            if in_degree[v] == 0:
                ready.append(v)
    if len(order) < len(nodes):
        raise ValueError("the graph has a cycle")
    return order
''',
    },
    {
        "name": "removes repeated edges with set(), so x * x has one path from x",
        "cell": "ex3_answer",
        "loses": ["ex3_tests", "ex3_tests_fast"],
        "source": '''def count_paths(edges: list, source, target) -> int:
    """Number of directed paths from `source` to `target`; parallel edges count separately."""
    arriving = {}
    for u, v in set(edges):
        arriving.setdefault(v, []).append(u)
    memo = {}

    def paths_to(v):
        if v == source:
            return 1
        if v not in memo:
            memo[v] = sum(paths_to(u) for u in arriving.get(v, []))
        return memo[v]

    return paths_to(target)
''',
    },
    {
        "name": "counts 0 paths from a node to itself",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def count_paths(edges: list, source, target) -> int:
    """Number of directed paths from `source` to `target`; parallel edges count separately."""
    if source == target:
        return 0
    leaving = {}
    for u, v in edges:
        leaving.setdefault(u, []).append(v)
    memo = {}

    def paths_from(u):
        if u == target:
            return 1
        if u not in memo:
            memo[u] = sum(paths_from(v) for v in leaving.get(u, []))
        return memo[u]

    return paths_from(source)
''',
    },
    {
        "name": "walks every path one by one (right answers, exponential time)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests_fast"],
        "source": '''def count_paths(edges: list, source, target) -> int:
    """Number of directed paths from `source` to `target`; parallel edges count separately."""
    if source == target:
        return 1
    return sum(count_paths(edges, v, target) for u, v in edges if u == source)
''',
    },
]
