"""Plausible wrong answers for day 43 (torch.fx and graphcompute.ir); each must lose the points listed."""

_EX2_HEAD = '''FX_FUNCTIONS = {
    operator.add: "add", torch.add: "add", operator.sub: "sub", torch.sub: "sub",
    operator.mul: "mul", torch.mul: "mul", operator.truediv: "div", torch.div: "div",
    operator.neg: "neg", torch.neg: "neg", torch.exp: "exp", torch.log: "log", torch.tanh: "tanh",
    torch.relu: "relu", F.relu: "relu", operator.pow: "pow", torch.pow: "pow",
    operator.matmul: "matmul", torch.matmul: "matmul", torch.mm: "matmul",
}
FX_METHODS = {
    "add": "add", "sub": "sub", "mul": "mul", "div": "div", "neg": "neg", "exp": "exp",
    "log": "log", "tanh": "tanh", "relu": "relu", "pow": "pow", "matmul": "matmul",
}
'''


def _ex2(operands: str, kwargs_check: str = '''        if any(not (k == "inplace" and v is False) for k, v in node.kwargs.items()):
            raise ValueError(f"node {node.name}: keyword arguments are not supported")
''') -> str:
    return _EX2_HEAD + '''

def fx_to_program(gm):
    body, inputs, outputs = [], [], []
    counter = [0]

    def const(value):
        counter[0] += 1
        name = f"const_{counter[0]}"
        body.append(Instr(name, "const", (), (("value", float(value)),)))
        return name

    for node in gm.graph.nodes:
        if node.op == "placeholder":
            inputs.append(node.name)
            continue
        if node.op == "output":
            r = node.args[0]
            outputs.extend(a.name for a in (r if isinstance(r, (tuple, list)) else (r,)))
            continue
        if node.op == "call_function":
            op = FX_FUNCTIONS.get(node.target)
        elif node.op == "call_method":
            op = FX_METHODS.get(node.target)
        else:
            op = None
        if op is None:
            raise ValueError(f"node {node.name}: {node.op} {node.target!r} is not supported")
''' + kwargs_check + '''        attrs = ()
        args = node.args
        if op == "pow":
            args, attrs = args[:1], (("exponent", float(args[1])),)
''' + operands + '''        body.append(Instr(node.name, op, tuple(names), attrs))
    return Program(tuple(inputs), tuple(body), tuple(outputs))
'''


_EX4_HEAD = '''def relu_to_silu(gm):
    changed = 0
    for node in gm.graph.nodes:
'''

MUTANTS = [
    {
        "name": "builds the users from args, so a * a lists mul twice and tuple outputs are missed",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''OP_KINDS = ("placeholder", "get_attr", "call_function", "call_method", "call_module", "output")


def graph_facts(gm):
    counts = {kind: 0 for kind in OP_KINDS}
    placeholders, users = [], {}
    for node in gm.graph.nodes:
        counts[node.op] += 1
        if node.op == "placeholder":
            placeholders.append(node.name)
        users[node.name] = []
        for a in node.args:
            if isinstance(a, fx.Node):
                users[a.name].append(node.name)
    return {"counts": counts, "placeholders": placeholders, "users": users}
''',
    },
    {
        "name": "confuses users with inputs (all_input_nodes)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": '''OP_KINDS = ("placeholder", "get_attr", "call_function", "call_method", "call_module", "output")


def graph_facts(gm):
    counts = {kind: 0 for kind in OP_KINDS}
    placeholders, users = [], {}
    for node in gm.graph.nodes:
        counts[node.op] += 1
        if node.op == "placeholder":
            placeholders.append(node.name)
        users[node.name] = [a.name for a in node.all_input_nodes]
    return {"counts": counts, "placeholders": placeholders, "users": users}
''',
    },
    {
        "name": "puts the node operands first and the constants after them (2 - x becomes x - 2)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _ex2('''        names = [a.name for a in args if isinstance(a, fx.Node)]
        names += [const(a) for a in args if not isinstance(a, fx.Node)]
'''),
    },
    {
        "name": "takes node.all_input_nodes as the operands: constants dropped, a * a read once",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _ex2('''        names = [a.name for a in node.all_input_nodes]
'''),
    },
    {
        "name": "ignores keyword arguments, so torch.add(x, y, alpha=2) becomes a plain add",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _ex2('''        names = [a.name if isinstance(a, fx.Node) else const(a) for a in args]
''', kwargs_check=""),
    },
    {
        "name": "makes constants with torch.tensor(value), which is float32",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''IR_TO_TORCH = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "neg": torch.neg,
    "exp": torch.exp, "log": torch.log, "tanh": torch.tanh, "relu": torch.relu,
    "matmul": torch.matmul, "pow": torch.pow, "sum": torch.sum, "const": torch.tensor,
}


def program_to_fx(program):
    graph = fx.Graph()
    env = {name: graph.placeholder(name) for name in program.inputs}
    for ins in program.body:
        if ins.op not in IR_TO_TORCH:
            raise ValueError(f"op {ins.op!r} is not supported")
        args, kwargs = tuple(env[a] for a in ins.args), {}
        if ins.op == "const":
            args = (ins.attr("value"),)
        elif ins.op == "pow":
            args = args + (ins.attr("exponent"),)
        elif ins.op == "sum" and ins.attr("axis") is not None:
            kwargs = {"dim": ins.attr("axis")}
        env[ins.out] = graph.call_function(IR_TO_TORCH[ins.op], args, kwargs)
    outs = [env[n] for n in program.outputs]
    graph.output(outs[0] if len(outs) == 1 else tuple(outs))
    graph.lint()
    return fx.GraphModule(torch.nn.Module(), graph)
''',
    },
    {
        "name": "creates the placeholders when a name is first read, not in the order of program.inputs",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": '''IR_TO_TORCH = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "neg": torch.neg,
    "exp": torch.exp, "log": torch.log, "tanh": torch.tanh, "relu": torch.relu,
    "matmul": torch.matmul, "pow": torch.pow, "sum": torch.sum, "const": torch.tensor,
}


def program_to_fx(program):
    graph = fx.Graph()
    env = {}

    def read(name):
        if name not in env:
            env[name] = graph.placeholder(name)
        return env[name]

    for ins in program.body:
        if ins.op not in IR_TO_TORCH:
            raise ValueError(f"op {ins.op!r} is not supported")
        args, kwargs = tuple(read(a) for a in ins.args), {}
        if ins.op == "const":
            args, kwargs = (ins.attr("value"),), {"dtype": torch.float64}
        elif ins.op == "pow":
            args = args + (ins.attr("exponent"),)
        elif ins.op == "sum" and ins.attr("axis") is not None:
            kwargs = {"dim": ins.attr("axis")}
        env[ins.out] = graph.call_function(IR_TO_TORCH[ins.op], args, kwargs)
    outs = [read(n) for n in program.outputs]
    graph.output(outs[0] if len(outs) == 1 else tuple(outs))
    graph.lint()
    return fx.GraphModule(torch.nn.Module(), graph)
''',
    },
    {
        "name": "edits the graph but forgets recompile(), so the module still runs relu",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _EX4_HEAD + '''        if ((node.op == "call_function" and node.target in (torch.relu, F.relu))
                or (node.op == "call_method" and node.target == "relu")
                or (node.op == "call_module" and isinstance(gm.get_submodule(node.target), torch.nn.ReLU))):
            node.op, node.target, node.args, node.kwargs = "call_function", F.silu, node.args[:1], {}
            changed += 1
    gm.graph.lint()
    return changed
''',
    },
    {
        "name": "replaces only call_function torch.relu, missing F.relu, .relu() and nn.ReLU",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _EX4_HEAD + '''        if node.op == "call_function" and node.target is torch.relu:
            node.target = F.silu
            changed += 1
    gm.graph.lint()
    gm.recompile()
    return changed
''',
    },
    {
        "name": "changes the target of a call_method node without changing its op",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _EX4_HEAD + '''        if node.target in (torch.relu, F.relu, "relu"):
            node.target = F.silu
            node.kwargs = {}
            changed += 1
    gm.graph.lint()
    gm.recompile()
    return changed
''',
    },
]
