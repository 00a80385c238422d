"""Plausible wrong answers to day 2's exercises; each must lose the points of the cells it lists."""

MUTANTS = [
    {
        "name": "subtracts and divides the operands in the wrong order",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def evaluate(expr, env: dict) -> int | float:
    """The value of the expression tree `expr`, with variables taken from `env`."""
    if isinstance(expr, tuple):
        op, left, right = expr
        a, b = evaluate(left, env), evaluate(right, env)
        if op == "+":
            return a + b
        if op == "-":
            return b - a
        if op == "*":
            return a * b
        if op == "/":
            return b / a
        raise ValueError(f"unknown operator {op!r}")
    if isinstance(expr, str):
        return env[expr]
    return expr
''',
    },
    {
        "name": "uses integer division // for /",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''def evaluate(expr, env: dict) -> int | float:
    """The value of the expression tree `expr`, with variables taken from `env`."""
    if isinstance(expr, tuple):
        op, left, right = expr
        a, b = evaluate(left, env), evaluate(right, env)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return a // b
        raise ValueError(f"unknown operator {op!r}")
    if isinstance(expr, str):
        return env[expr]
    return expr
''',
    },
    {
        "name": "assumes the top of the expression is always an operation",
        "cell": "ex1_answer",
        "loses": ["ex1_tests", "ex1_tests_errors"],
        "source": '''def evaluate(expr, env: dict) -> int | float:
    """The value of the expression tree `expr`, with variables taken from `env`."""
    op, left, right = expr
    def leaf(x):
        if isinstance(x, tuple):
            return evaluate(x, env)
        return env[x] if isinstance(x, str) else x
    a, b = leaf(left), leaf(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    raise ValueError(f"unknown operator {op!r}")
''',
    },
    {
        "name": "treats a missing variable as 0 and ignores unknown operators",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_errors"],
        "source": '''def evaluate(expr, env: dict) -> int | float:
    """The value of the expression tree `expr`, with variables taken from `env`."""
    if isinstance(expr, tuple):
        op, left, right = expr
        a, b = evaluate(left, env), evaluate(right, env)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return a / b
    if isinstance(expr, str):
        return env.get(expr, 0)
    return expr
''',
    },
    {
        "name": "counts only the operations, not the leaves",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def count_nodes(expr) -> int:
    """Operations plus leaves: every node of the tree, repeats included."""
    if isinstance(expr, tuple):
        op, left, right = expr
        return 1 + count_nodes(left) + count_nodes(right)
    return 0
''',
    },
    {
        "name": "counts distinct subtrees, so a repeated subtree is counted once",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def count_nodes(expr) -> int:
    """Operations plus leaves: every node of the tree, repeats included."""
    seen = set()
    def walk(e):
        seen.add(e)
        if isinstance(e, tuple):
            walk(e[1])
            walk(e[2])
    walk(expr)
    return len(seen)
''',
    },
    {
        "name": "gives a leaf depth 1 (counts nodes on the path, not operations)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def depth(expr) -> int:
    """Operations on the longest path from the root to a leaf; 0 for a leaf."""
    if isinstance(expr, tuple):
        op, left, right = expr
        return 1 + max(depth(left), depth(right))
    return 1
''',
    },
    {
        "name": "follows only the left operand",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def depth(expr) -> int:
    """Operations on the longest path from the root to a leaf; 0 for a leaf."""
    if isinstance(expr, tuple):
        return 1 + depth(expr[1])
    return 0
''',
    },
    {
        "name": "adds the depths of both operands instead of taking the larger",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def depth(expr) -> int:
    """Operations on the longest path from the root to a leaf; 0 for a leaf."""
    if isinstance(expr, tuple):
        op, left, right = expr
        return 1 + depth(left) + depth(right)
    return 0
''',
    },
    {
        "name": "leaves the root without parentheses",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def to_infix(expr) -> str:
    """The expression in fully parenthesized infix notation."""
    def inner(e):
        if isinstance(e, tuple):
            return "(" + to_infix(e) + ")"
        return str(e)
    if isinstance(expr, tuple):
        op, left, right = expr
        return f"{inner(left)} {op} {inner(right)}"
    return str(expr)
''',
    },
    {
        "name": "writes no parentheses at all",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def to_infix(expr) -> str:
    """The expression in fully parenthesized infix notation."""
    if isinstance(expr, tuple):
        op, left, right = expr
        return f"{to_infix(left)} {op} {to_infix(right)}"
    return str(expr)
''',
    },
    {
        "name": "forgets the spaces around the operator",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": '''def to_infix(expr) -> str:
    """The expression in fully parenthesized infix notation."""
    if isinstance(expr, tuple):
        op, left, right = expr
        return f"({to_infix(left)}{op}{to_infix(right)})"
    return str(expr)
''',
    },
]
