"""Hostile kernels that try to make the test runner do what it never offered, as data.

Each case is an answer cell defining `probe(lent)`: the test cell calls it with an object of
its own (so the runner lends that object to the kernel) and asserts that it returns a secret
the test computed. Honest work cannot know the secret; code running in the runner can read it
(PAYLOAD finds the test's namespace), and a command the runner runs leaves MARKER. Every case
speaks the boundary's protocol directly, from inside the call the runner is waiting on, as the
attack of ../../README.md's threat model does: a callback request is the kernel asking the
runner to do something with an object.

A case earns 0 and leaves no MARKER when the runner acts only on what it lent. The control
(CONTROL) proves that the secret is within reach when a test really lends such power.
"""

# the secret, read in the runner from the test cell's namespace
PAYLOAD = ("[o for o in __import__('gc').get_objects() "
           "if type(o).__name__ == 'TestNamespace'][0]['_secret']")

PROTOCOL = '''
import os, sys, itertools
PAYLOAD = {payload!r}
MARKER = {marker!r}
COMMAND = "id > " + MARKER

def _ask(op, target, *args):
    """One callback to the runner, the way the agent sends them; the runner's answer."""
    ag = __gc100__
    message = {{"callback": [op, [target, *args]], "sync": [], "forget": []}}
    ag.write(message)
    while True:
        answer = ag.read()
        if "request" in answer:  # the runner asks something back: answer it honestly
            ag.write({{"response": ag.serve(answer["request"])}})
            continue
        return answer

def _value(answer):
    try:
        return __gc100__.receive(answer["value"]) if "value" in answer else None
    except Exception:
        return None

def _L(*items):
    return {{"L": list(items)}}

def _D():
    return {{"D": []}}

def _call(target, *args):
    return _value(_ask("call", target, _L(*args), _D()))

def _stolen(value):
    return value if type(value) is str and len(value) == 32 else None

def _try_all(targets):
    """Every target called with the payload, then with the command; the first secret won."""
    for target in targets:
        for args in ((PAYLOAD,), (COMMAND,), ("/bin/sh", _L("sh", "-c", COMMAND), _D())):
            found = _stolen(_call(target, *args))
            if found:
                return found
    return None
'''

NAMED = '''
def probe(lent):
    """Names that reach eval, exec, os.system and posix_spawn from modules the runner has."""
    routes = [("random", "_os.posix_spawn"), ("random", "_os.system"),
              ("builtins", "eval"), ("builtins", "exec"), ("builtins", "__import__"),
              ("collections", "_sys.modules"), ("functools", "reduce"),
              ("numpy", "os.system"), ("numpy", "lib.npyio.os.system"),
              ("torch", "os.system"), ("torch", "_C._get_tracing_state"),
              ("torch", "serialization.os.system"), ("graphcompute", "draw.os.system"),
              ("graphcompute", "__builtins__"), ("os", "system"), ("subprocess", "getoutput")]
    # and whatever the kernel itself finds, two attributes deep, under the same modules
    for name in ("random", "numpy", "torch", "functools", "collections", "graphcompute"):
        module = sys.modules.get(name)
        for first in dir(module) if module else ():
            inner = getattr(module, first, None)
            if type(inner).__name__ == "module":
                for second in ("system", "posix_spawn", "eval", "exec", "popen"):
                    if hasattr(inner, second):
                        routes.append((name, f"{{first}}.{{second}}"))
    targets = [{{"I": [0, m, q]}} for m, q in routes]
    targets += [{{"M": [0, m]}} for m in ("os", "builtins", "random", "subprocess")]
    targets += [{{"H": [0, "x", True, False, [["builtins", "eval"]]]}}]
    found = _try_all(targets)
    # the modules by name, then their attributes asked of the runner
    for m, attribute in (("random", "_os"), ("builtins", "eval"), ("os", "system")):
        answer = _ask("getattr", {{"M": [0, m]}}, attribute)
        found = found or _stolen(_call({{"R": [1]}}, PAYLOAD))
    return found
'''

GUESSED_IDS = '''
def probe(lent):
    """Runner objects by ids the runner never gave: small numbers, and CPython addresses."""
    found = None
    guesses = list(range(0, 400)) + [id(lent), id(probe), id(sys), id(os), 2**63 - 1, -1]
    for rid in guesses:
        for op, args in (("call", (_L(PAYLOAD), _D())), ("getattr", ("__globals__",)),
                         ("getattr", ("f_globals",))):
            found = found or _stolen(_value(_ask(op, {{"R": [rid]}}, *args)))
    return found
'''

LENT_OBJECT = '''
def probe(lent):
    """Through the object the test lent: its class, globals, dict, code, bound methods, reduce."""
    rid = object.__getattribute__(lent, "_gc100_id")
    target = {{"R": [rid]}}
    found = None
    for name in ("__class__", "__globals__", "__dict__", "__reduce__", "__reduce_ex__",
                 "__code__", "__closure__", "__builtins__", "__init__", "__call__", "__get__",
                 "__getattribute__", "__subclasses__", "__self__", "__func__", "_gc100_id",
                 "__module__", "__qualname__"):
        answer = _ask("getattr", target, name)
        value = _value(answer)
        if value is not None and "R" in str(answer.get("value")):
            inner = answer["value"]
            for deeper in ("__globals__", "__builtins__", "__dict__", "__class__"):
                _ask("getattr", inner, deeper)
            found = found or _stolen(_call(inner, PAYLOAD))
    for op, args in (("setattr", ("__class__", None)), ("setattr", ("__code__", None)),
                     ("op", ("__class__", 1)), ("unary", ("__import__",)),
                     ("call", (_L(PAYLOAD), _D())), ("repr", ()), ("list", ())):
        found = found or _stolen(_value(_ask(op, target, *args)))
    # the same through the agent's own object, as student code would write it
    for attempt in (lambda: lent.__globals__, lambda: lent.__class__.__init__,
                    lambda: lent.__reduce__(), lambda: lent.__dict__,
                    lambda: type(lent).__subclasses__()):
        try:
            value = attempt()
            found = found or _stolen(value)
        except Exception:
            pass
    return found
'''

FORGED_REPLIES = '''
def probe(lent):
    """Replies that claim to be the runner's own objects, classes it never named, and syncs of
    objects it never moved; then a view of memory it never lent."""
    ag = __gc100__
    found = None
    for value in ({{"R": [0]}}, {{"R": [1, "builtins", "eval"]}}, {{"I": [1, "builtins", "eval"]}},
                  {{"I": [1, "random", "_os"]}}, {{"M": [1, "os"]}}, {{"V": [1, {{"L": []}}]}},
                  {{"VW": [1, [4], [8], 0, True, {{"L": []}}]}}, {{"H": [1, "str", False, False,
                  [["builtins", "str"]]]}}):
        answer = _ask("call", {{"R": [object.__getattribute__(lent, "_gc100_id")]}},
                      _L(value), _D())
        found = found or _stolen(_value(answer))
    ag.write({{"response": {{"value": {{"I": [5, "builtins", "eval"]}}, "sync": [[1, {{"L": []}}]],
              "forget": [1, 2, 3]}}}})
    return found
'''

CASES = {
    "the attack of the issue: random._os.posix_spawn runs a shell in the runner": '''
def probe(lent):
    _ask("call", {{"I": [0, "random", "_os.posix_spawn"]}}, "/bin/sh",
         _L("sh", "-c", COMMAND), _D())
    return None
''',
    "names that reach eval, exec and os through every module the runner has": NAMED,
    "runner objects by ids it never gave": GUESSED_IDS,
    "the lent object's dunders, bound methods and reduce": LENT_OBJECT,
    "forged references, views and syncs in replies": FORGED_REPLIES,
}

CONTROL = '''
def probe(lent):
    """Honest use of what a test lends: the test lent eval, so the secret is within reach."""
    return lent(PAYLOAD)
'''


def answer(case: str, marker: str) -> str:
    """The answer cell of `case`, speaking the protocol, its command aimed at `marker`."""
    return (PROTOCOL + CASES.get(case, CONTROL)).format(payload=PAYLOAD, marker=marker)
