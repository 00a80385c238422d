"""Plausible wrong answers for day 50 (a compiler pipeline end to end); each must lose the points listed."""

_RUN_PIPELINE_HEAD = '''def run_pipeline(program: Program, passes, check_inputs, max_rounds: int = 10):
    """Apply the named passes in rounds to a fixed point, verifying values after each one."""
'''

_SPEEDUP_HEAD = '''def speedup(f_slow, f_fast, args, repeats: int = 5, warmup: int = 1) -> float:
    """How many times faster f_fast is than f_slow: a ratio of medians after a warm-up."""
'''

_COST_HEAD = '''def program_cost(program: Program, inputs) -> tuple[int, int]:
    """(instructions dispatched, bytes read and written) when program runs on inputs."""
'''

_COMPILE_HEAD = '''def compile_engine_function(fn, examples):
    """Trace fn, optimise, fuse, generate code; return (callable, final program)."""
'''

MUTANTS = [
    {
        "name": "the pass manager checks only the final program, so the broken pass is not named",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _RUN_PIPELINE_HEAD + '''    original = program
    log = [("input", len(program.body))]
    for _ in range(max_rounds):
        start = program
        for name, p in passes:
            program = p(program)
            log.append((name, len(program.body)))
        if program == start:
            break
    check(program)
    for inputs in check_inputs:
        for g, e in zip(run(program, inputs, rng=np.random.default_rng(0)),
                        run(original, inputs, rng=np.random.default_rng(0))):
            if g.shape != e.shape or not np.allclose(g, e, rtol=1e-9, atol=1e-12, equal_nan=True):
                raise ValueError("the pipeline changed the values")
    return program, log
''',
    },
    {
        "name": "the pass manager runs one round instead of going to a fixed point",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _RUN_PIPELINE_HEAD + '''    log = [("input", len(program.body))]
    for name, p in passes:
        new = p(program)
        try:
            check(new)
        except IRError as err:
            raise ValueError(f"pass {name!r} broke SSA: {err}") from err
        for inputs in check_inputs:
            e1, e2 = [], []
            want = list(run(program, inputs, rng=np.random.default_rng(0), effects=e1)) + e1
            got = list(run(new, inputs, rng=np.random.default_rng(0), effects=e2)) + e2
            if len(got) != len(want) or any(g.shape != e.shape or not np.allclose(g, e, rtol=1e-9, atol=1e-12, equal_nan=True)
                                            for g, e in zip(got, want)):
                raise ValueError(f"pass {name!r} changed the values")
        program = new
        log.append((name, len(program.body)))
    return program, log
''',
    },
    {
        "name": "the pass manager compares values but never checks SSA, so run's IRError escapes without the pass's name",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _RUN_PIPELINE_HEAD + '''    log = [("input", len(program.body))]
    for _ in range(max_rounds):
        start = program
        for name, p in passes:
            new = p(program)
            for inputs in check_inputs:
                e1, e2 = [], []
                want = list(run(program, inputs, rng=np.random.default_rng(0), effects=e1)) + e1
                got = list(run(new, inputs, rng=np.random.default_rng(0), effects=e2)) + e2
                if len(got) != len(want) or any(g.shape != e.shape or not np.allclose(g, e, rtol=1e-9, atol=1e-12, equal_nan=True)
                                                for g, e in zip(got, want)):
                    raise ValueError(f"pass {name!r} changed the values")
            program = new
            log.append((name, len(program.body)))
        if program == start:
            break
    return program, log
''',
    },
    {
        "name": "the pass manager compares the outputs only, so a pass that drops an emit passes",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _RUN_PIPELINE_HEAD + '''    log = [("input", len(program.body))]
    for _ in range(max_rounds):
        start = program
        for name, p in passes:
            new = p(program)
            try:
                check(new)
            except IRError as err:
                raise ValueError(f"pass {name!r} broke SSA: {err}") from err
            for inputs in check_inputs:
                want = run(program, inputs, rng=np.random.default_rng(0))
                got = run(new, inputs, rng=np.random.default_rng(0))
                if len(got) != len(want) or any(g.shape != e.shape or not np.allclose(g, e, rtol=1e-9, atol=1e-12, equal_nan=True)
                                                for g, e in zip(got, want)):
                    raise ValueError(f"pass {name!r} changed the values")
            program = new
            log.append((name, len(program.body)))
        if program == start:
            break
    return program, log
''',
    },
    {
        "name": "the pass manager checks only the first of the check inputs",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": _RUN_PIPELINE_HEAD + '''    log = [("input", len(program.body))]
    for _ in range(max_rounds):
        start = program
        for name, p in passes:
            new = p(program)
            try:
                check(new)
            except IRError as err:
                raise ValueError(f"pass {name!r} broke SSA: {err}") from err
            inputs = check_inputs[0]
            e1, e2 = [], []
            want = list(run(program, inputs, rng=np.random.default_rng(0), effects=e1)) + e1
            got = list(run(new, inputs, rng=np.random.default_rng(0), effects=e2)) + e2
            if len(got) != len(want) or any(g.shape != e.shape or not np.allclose(g, e, rtol=1e-9, atol=1e-12, equal_nan=True)
                                            for g, e in zip(got, want)):
                raise ValueError(f"pass {name!r} changed the values")
            program = new
            log.append((name, len(program.body)))
        if program == start:
            break
    return program, log
''',
    },
    {
        "name": "the cost model charges a fused kernel for the values inside it",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _COST_HEAD + '''    env = {n: np.asarray(v, dtype=np.float64) for n, v in zip(program.inputs, inputs)}
    moved = 0
    for ins in program.body:
        attrs = dict(ins.attrs)
        if ins.op == "rand":
            attrs["rng"] = np.random.default_rng(0)
        if ins.op == "fused":
            inner = program_cost(ins.attr("body"), [env[a] for a in ins.args])[1]
            env[ins.out] = np.asarray(OPS[ins.op].compute(*(env[a] for a in ins.args), **attrs))
            moved += inner
            continue
        env[ins.out] = np.asarray(OPS[ins.op].compute(*(env[a] for a in ins.args), **attrs), dtype=np.float64)
        moved += 8 * (sum(env[a].size for a in dict.fromkeys(ins.args)) + env[ins.out].size)
    return len(program.body), int(moved)
''',
    },
    {
        "name": "the cost model reads an operand named twice twice (mul(v, v) loads v once)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": _COST_HEAD + '''    env = {n: np.asarray(v, dtype=np.float64) for n, v in zip(program.inputs, inputs)}
    moved = 0
    for ins in program.body:
        attrs = dict(ins.attrs)
        if ins.op == "rand":
            attrs["rng"] = np.random.default_rng(0)
        env[ins.out] = np.asarray(OPS[ins.op].compute(*(env[a] for a in ins.args), **attrs), dtype=np.float64)
        moved += 8 * (sum(env[a].size for a in ins.args) + env[ins.out].size)
    return len(program.body), int(moved)
''',
    },
    {
        "name": "speed-up as a ratio of means that include the warm-up calls",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": _SPEEDUP_HEAD + '''    def mean_time(f):
        out = []
        for _ in range(warmup + repeats):
            t0 = time.perf_counter()
            f(*args)
            out.append(time.perf_counter() - t0)
        return sum(out) / len(out)
    return float(mean_time(f_slow) / mean_time(f_fast))
''',
    },
    {
        "name": "speed-up with the ratio inverted (fast / slow)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": _SPEEDUP_HEAD + '''    def times(f):
        for _ in range(warmup):
            f(*args)
        out = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            f(*args)
            out.append(time.perf_counter() - t0)
        return float(np.median(out))
    return float(times(f_fast) / times(f_slow))
''',
    },
    {
        "name": "speed-up as a ratio of means after the warm-up (an outlier drags the mean)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": _SPEEDUP_HEAD + '''    def times(f):
        for _ in range(warmup):
            f(*args)
        out = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            f(*args)
            out.append(time.perf_counter() - t0)
        return float(np.mean(out))
    return float(times(f_slow) / times(f_fast))
''',
    },
    {
        "name": "the pipeline fuses before it optimises, so CSE cannot see inside the kernels",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _COMPILE_HEAD + '''    program = optimize(fuse_elementwise(trace(fn, *examples)), DEFAULT)
    compiled = compile_program(program)

    def run_it(*arrays):
        return compiled(*arrays)[0]
    return run_it, program
''',
    },
    {
        "name": "the pipeline fuses and generates code but never optimises",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": _COMPILE_HEAD + '''    program = fuse_elementwise(trace(fn, *examples))
    compiled = compile_program(program)

    def run_it(*arrays):
        return compiled(*arrays)[0]
    return run_it, program
''',
    },
]
