"""Plausible wrong answers for day 31 (grad_fn and next_functions); each must lose the points listed."""

MUTANTS = [
    {
        "name": "counts a reused node once per path (no set of nodes seen)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def count_backward_nodes(f, *inputs) -> int:
    root = f(*inputs).grad_fn
    if root is None:
        return 0
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        count += 1
        for parent, _ in node.next_functions:
            if parent is not None:
                stack.append(parent)
    return count
''',
    },
    {
        "name": "forgets the AccumulateGrad leaves",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def count_backward_nodes(f, *inputs) -> int:
    root = f(*inputs).grad_fn
    if root is None:
        return 0
    seen = {root}
    stack = [root]
    while stack:
        node = stack.pop()
        for parent, _ in node.next_functions:
            if parent is not None and parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return sum(1 for n in seen if not hasattr(n, "variable"))
''',
    },
    {
        "name": "counts the None entries of next_functions as nodes",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def count_backward_nodes(f, *inputs) -> int:
    root = f(*inputs).grad_fn
    if root is None:
        return 0
    seen = {root}
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        for parent, _ in node.next_functions:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return len(seen)
''',
    },
    {
        "name": "returns every input that requires grad, used or not",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def find_leaves(f, inputs) -> list[int]:
    f(*inputs)
    return [i for i, t in enumerate(inputs) if t.requires_grad]
''',
    },
    {
        "name": "looks only one level deep (the output node's next_functions)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def find_leaves(f, inputs) -> list[int]:
    root = f(*inputs).grad_fn
    if root is None:
        return []
    leaves = [p.variable for p, _ in root.next_functions if p is not None and hasattr(p, "variable")]
    return [i for i, t in enumerate(inputs) if any(t is leaf for leaf in leaves)]
''',
    },
    {
        "name": "overwrites a node's gradient instead of adding the contributions",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def manual_backward(f, inputs, grad_output) -> list:
    root = f(*inputs).grad_fn
    if root is None:
        return [None for _ in inputs]
    order, seen = [], set()
    def visit(node):
        if node in seen:
            return
        seen.add(node)
        for parent, _ in node.next_functions:
            if parent is not None:
                visit(parent)
        order.append(node)
    visit(root)
    order.reverse()
    grads = {root: grad_output}
    found = {}
    with torch.no_grad():
        for node in order:
            g = grads.pop(node, None)
            if g is None:
                continue
            if hasattr(node, "variable"):
                found[id(node.variable)] = g
                continue
            results = node(g)
            if not isinstance(results, tuple):
                results = (results,)
            for (parent, _), r in zip(node.next_functions, results):
                if parent is None or r is None:
                    continue
                grads[parent] = r
    return [found.get(id(t)) for t in inputs]
''',
    },
    {
        "name": "visits the nodes in DFS pre-order instead of a topological order",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def manual_backward(f, inputs, grad_output) -> list:
    root = f(*inputs).grad_fn
    if root is None:
        return [None for _ in inputs]
    order, seen = [], set()
    def visit(node):
        if node in seen:
            return
        seen.add(node)
        order.append(node)
        for parent, _ in node.next_functions:
            if parent is not None:
                visit(parent)
    visit(root)
    grads = {root: grad_output}
    found = {}
    with torch.no_grad():
        for node in order:
            g = grads.pop(node, None)
            if g is None:
                continue
            if hasattr(node, "variable"):
                found[id(node.variable)] = g
                continue
            results = node(g)
            if not isinstance(results, tuple):
                results = (results,)
            for (parent, _), r in zip(node.next_functions, results):
                if parent is None or r is None:
                    continue
                grads[parent] = grads[parent] + r if parent in grads else r
    return [found.get(id(t)) for t in inputs]
''',
    },
]
