"""Wrong answers learners really write on day 5 (symbolic differentiation); each must lose its points."""

_DIFF = '''def diff(expr, var):
    if is_number(expr):
        return 0
    if isinstance(expr, str):
        return {VAR}
    op, *operands = expr
    if op in ("+", "-"):
        a, b = operands
        return (op, diff(a, var), diff(b, var))
    if op == "*":
        a, b = operands
        return ("+", ("*", diff(a, var), b), ("*", a, diff(b, var)))
    if op == "/":
        a, b = operands
        return {QUOTIENT}
    if op == "pow":
        a, n = operands
        return {POW}
    if op in ("sin", "cos", "exp", "log"):
        (a,) = operands
        da = diff(a, var)
        if op == "sin":
            return ("*", ("cos", a), da)
        if op == "cos":
            return {COS}
        if op == "exp":
            return ("*", ("exp", a), da)
        return {LOG}
    raise ValueError(op)
'''
_RIGHT = {
    "VAR": '1 if expr == var else 0',
    "QUOTIENT": '("/", ("-", ("*", diff(a, var), b), ("*", a, diff(b, var))), ("pow", b, 2))',
    "POW": '("*", ("*", n, ("pow", a, n - 1)), diff(a, var))',
    "COS": '("*", ("*", -1, ("sin", a)), da)',
    "LOG": '("/", da, a)',
}


def _diff(**wrong: str) -> str:
    return _DIFF.format(**{**_RIGHT, **wrong})


_SIMPLIFY = '''def simplify(expr):
    if not isinstance(expr, tuple):
        return expr
    op, *operands = expr
    {CHILDREN}
    node = (op, *operands)
    if all(is_number(a) for a in operands):
        {FOLD}
    if op in ("+", "-", "*", "/", "pow"):
        a, b = operands
        zero_a, zero_b = is_number(a) and a == 0, is_number(b) and b == 0
        one_a, one_b = is_number(a) and a == 1, is_number(b) and b == 1
        if op {ZERO_A_OPS} and zero_a:
            return b
        if op in ("+", "-") and zero_b:
            return a
        if op == "*" and (zero_a or zero_b):
            return 0
        if op == "*" and one_a:
            return b
        if op in ("*", "/") and one_b:
            return a
        if op == "pow" and one_b:
            return a
        if op == "pow" and zero_b:
            return 1
    return node
'''
_SIMPLIFY_RIGHT = {
    "CHILDREN": "operands = [simplify(a) for a in operands]",
    "FOLD": '''try:
            return FUNCTIONS[op](*operands)
        except (ArithmeticError, ValueError):
            return node''',
    "ZERO_A_OPS": '== "+"',
}


def _simplify(**wrong: str) -> str:
    return _SIMPLIFY.format(**{**_SIMPLIFY_RIGHT, **wrong})


MUTANTS = [
    {
        "name": "quotient rule with the subtraction the wrong way round",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_rules"],
        "source": _diff(QUOTIENT='("/", ("-", ("*", a, diff(b, var)), ("*", diff(a, var), b)), ("pow", b, 2))'),
    },
    {
        "name": "every variable has derivative 1 (d y / d x = 1)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_rules"],
        "source": _diff(VAR="1"),
    },
    {
        "name": "derivative of cos is +sin",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_rules"],
        "source": _diff(COS='("*", ("sin", a), da)'),
    },
    {
        "name": "power rule without the chain factor",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_chain"],
        "source": _diff(POW='("*", n, ("pow", a, n - 1))'),
    },
    {
        "name": "log rule 1 / a without the chain factor",
        "cell": "ex1_answer",
        "loses": ["ex1_tests_chain"],
        "source": _diff(LOG='("/", 1, a)'),
    },
    {
        "name": "simplifies only the top node (no recursion)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _simplify(CHILDREN="pass"),
    },
    {
        "name": "top-down: applies the rules before simplifying the operands",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": '''def simplify(expr):
    if not isinstance(expr, tuple):
        return expr
    op, *operands = expr
    if all(is_number(a) for a in operands):
        try:
            return FUNCTIONS[op](*operands)
        except (ArithmeticError, ValueError):
            return expr
    if op in ("+", "-", "*", "/", "pow"):
        a, b = operands
        if op == "+" and is_number(a) and a == 0:
            return simplify(b)
        if op in ("+", "-") and is_number(b) and b == 0:
            return simplify(a)
        if op == "*" and ((is_number(a) and a == 0) or (is_number(b) and b == 0)):
            return 0
        if op == "*" and is_number(a) and a == 1:
            return simplify(b)
        if op in ("*", "/", "pow") and is_number(b) and b == 1:
            return simplify(a)
        if op == "pow" and is_number(b) and b == 0:
            return 1
    return (op, *[simplify(a) for a in operands])
''',
    },
    {
        "name": "treats 0 - x like 0 + x and returns x",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _simplify(ZERO_A_OPS='in ("+", "-")'),
    },
    {
        "name": "folds constants without guarding, so 1/0 and log 0 crash",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _simplify(FOLD="return FUNCTIONS[op](*operands)"),
    },
    {
        "name": "folds ('pow', -8, 0.5) with ** into the complex number 2.83j",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _simplify(FOLD='''try:
            value = operands[0] ** operands[1] if op == "pow" else FUNCTIONS[op](*operands)
        except (ArithmeticError, ValueError):
            return node
        return value'''),
    },
    {
        "name": "folds a power with operator.pow and drops only results with an imaginary part",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _simplify(FOLD='''try:
            value = operator.pow(*operands) if op == "pow" else FUNCTIONS[op](*operands)
        except (ArithmeticError, ValueError):
            return node
        return value.real if isinstance(value, complex) else value'''),
    },
    {
        "name": "refuses to fold any power of a negative number, even (-3) ** 2",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _simplify(FOLD='''if op == "pow" and operands[0] < 0:
            return node
        try:
            return FUNCTIONS[op](*operands)
        except (ArithmeticError, ValueError):
            return node'''),
    },
    {
        "name": "counts every node (the tree size)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def distinct_subtrees(expr):
    if isinstance(expr, tuple):
        return 1 + sum(distinct_subtrees(a) for a in expr[1:])
    return 1
''',
    },
    {
        "name": "compares subtrees by identity (id) instead of value",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def distinct_subtrees(expr):
    seen = set()
    def visit(e):
        seen.add(id(e))
        if isinstance(e, tuple):
            for a in e[1:]:
                visit(a)
    visit(expr)
    return len(seen)
''',
    },
    {
        "name": "forgets the leaves (counts operation nodes only)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''def distinct_subtrees(expr):
    seen = set()
    def visit(e):
        if isinstance(e, tuple):
            seen.add(e)
            for a in e[1:]:
                visit(a)
    visit(expr)
    return len(seen)
''',
    },
]
