"""Plausible wrong answers for day 59 (debugging tools); each must lose the points listed.

Each is the instructor's answer with one rule changed: `changed` makes them from the four answers
below, and refuses a change whose text is not found exactly once."""

from days import changed

FRAME = r'''def innermost_frame(fn, args, name):
    """(function name, line, value of local `name` or None) of the frame where fn(*args) raised."""
    try:
        fn(*args)
    except Exception as exc:
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        frame = tb.tb_frame
        return frame.f_code.co_name, tb.tb_lineno, frame.f_locals.get(name)
    raise ValueError(f"{getattr(fn, '__name__', fn)}{tuple(args)} returned without raising")
'''

CHAIN = r'''def exception_chain(fn, args):
    """Type names along the printed chain of the exception fn(*args) raises, newest first ([] if none)."""
    try:
        fn(*args)
    except BaseException as exc:
        names, seen, current = [], set(), exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            names.append(type(current).__name__)
            if current.__cause__ is not None:
                current = current.__cause__
            elif not current.__suppress_context__:
                current = current.__context__
            else:
                current = None
        return names
    return []
'''

DEBUG = r'''def scripted_debug(fn, args, commands):
    """(pdb's output text, fn's result) of fn(*args) run under pdb with the given commands, then 'c'."""
    script = io.StringIO("\n".join(list(commands) + ["c"]) + "\n")
    output = io.StringIO()
    debugger = pdb.Pdb(stdin=script, stdout=output, nosigint=True)
    result = debugger.runcall(fn, *args)
    return output.getvalue(), result
'''

CULPRIT = r'''def inplace_culprit(fn, x):
    """(failed backward node, found version, expected version) for fn(x).backward() under anomaly mode, or None."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with torch.autograd.detect_anomaly():
                fn(x).backward()
        except RuntimeError as err:
            versions = re.search(r"is at version (\d+); expected version (\d+)", str(err))
            node = None
            for w in caught:
                found = re.search(r"Error detected in (\w+)", str(w.message))
                if found:
                    node = found.group(1)
            if versions is None:
                raise
            return node, int(versions.group(1)), int(versions.group(2))
    return None
'''
MUTANTS = [
    {
        "name": "the outermost frame (exc.__traceback__ itself, the catching frame) instead of the innermost",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(FRAME, ("        while tb.tb_next is not None:\n            tb = tb.tb_next\n", "")),
    },
    {
        "name": "one step along tb_next only (the first frame of fn, not the one that raised)",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(FRAME, ("        while tb.tb_next is not None:\n            tb = tb.tb_next\n",
                                  "        tb = tb.tb_next\n")),
    },
    {
        "name": "follows the __cause__'s traceback instead of the raised exception's own",
        "cell": "ex1_answer",
        "loses": ["ex1_tests"],
        "source": changed(FRAME, ("        tb = exc.__traceback__\n",
                                  "        tb = (exc.__cause__ or exc).__traceback__\n")),
    },
    {
        "name": "ignores __suppress_context__ (shows the context hidden by 'from None')",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(CHAIN, ("            elif not current.__suppress_context__:\n", "            elif True:\n")),
    },
    {
        "name": "follows only __context__ (misses an explicit cause)",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(CHAIN, ("            if current.__cause__ is not None:\n                current = current.__cause__\n            elif",
                                  "            if",)),
    },
    {
        "name": "context preferred to cause whenever there is one",
        "cell": "ex2_answer",
        "loses": ["ex2_tests"],
        "source": changed(CHAIN, ("            if current.__cause__ is not None:\n                current = current.__cause__\n",
                                  "            if current.__context__ is not None:\n                current = current.__context__\n"
                                  "            elif current.__cause__ is not None:\n                current = current.__cause__\n")),
    },
    {
        "name": "forgets the final 'c': pdb reads end of input, quits, and fn never finishes",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(DEBUG, ('    script = io.StringIO("\\n".join(list(commands) + ["c"]) + "\\n")\n',
                                  '    script = io.StringIO("\\n".join(list(commands)) + "\\n")\n')),
    },
    {
        "name": "runs fn outside the debugger (no session output)",
        "cell": "ex3_answer",
        "loses": ["ex3_tests"],
        "source": changed(DEBUG, ("    result = debugger.runcall(fn, *args)\n", "    result = fn(*args)\n")),
    },
    {
        "name": "without anomaly mode: no warning names the failing node",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(CULPRIT, ("            with torch.autograd.detect_anomaly():\n                fn(x).backward()\n",
                                    "            fn(x).backward()\n")),
    },
    {
        "name": "the producer from the error message ('output 0 of Exp') taken for the failing node",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(CULPRIT, ('            node = None\n',
                                    '            node = re.search(r"output \\d+ of (\\w+)", str(err)).group(1)\n'
                                    '            caught = []\n')),
    },
    {
        "name": "found and expected versions swapped",
        "cell": "ex4_answer",
        "loses": ["ex4_tests"],
        "source": changed(CULPRIT, ("int(versions.group(1)), int(versions.group(2))",
                                    "int(versions.group(2)), int(versions.group(1))")),
    },
]
