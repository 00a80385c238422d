"""Hostile submissions that try to decide their own verdict, as data.

Each case targets the `squares` course (tests/course_factory.py: ex1 `squares`, 2 points; ex2
`sum_of_squares` with nbgrader's delete-and-restore test, 2 points; a partial-credit cell, 3
points) and lists the answer cells it replaces. `score` is what its honest work deserves: test
cells run outside the student's kernel (grader.boundary), so observing, rewriting or answering
a test from inside the kernel earns nothing. A case with `file` is an attack on the submitted
files themselves, made by the test (tests/test_boundary.py).
"""

HONEST_SQUARES = '''def squares(n):
    if n < 1:
        raise ValueError("n")
    return [i * i for i in range(1, n + 1)]
'''

HONEST_SUM = "def sum_of_squares(n):\n    return sum(squares(n))\n"

CASES = [
    # rewriting or observing the test cells
    {
        "name": "an input transformer turns every assert of a test into pass",
        "score": 0,
        "ex1_answer": '''def _neuter(lines):
    return ["pass\\n" if "assert" in line or "raise" in line else line for line in lines]
get_ipython().input_transformers_post.append(_neuter)
get_ipython().input_transformers_cleanup.append(_neuter)
def squares(n):
    return []
def sum_of_squares(n):
    return 0
''',
    },
    {
        "name": "a pre_run_cell hook reads each test as it runs and answers from its literals",
        "score": 0,
        "ex1_answer": '''import ast, re
_answers = {}
def _learn(info):
    for m in re.finditer(r"(squares|sum_of_squares)\\((\\d+)\\) == (\\[[^\\]]*\\]|\\d+)", info.raw_cell):
        _answers[(m.group(1), int(m.group(2)))] = ast.literal_eval(m.group(3))
get_ipython().events.register("pre_run_cell", _learn)
def squares(n):
    return _answers.get(("squares", n), [])
def sum_of_squares(n):
    return _answers.get(("sum_of_squares", n), 0)
''',
    },
    {
        "name": "a pre_execute hook and the kernel's history search every test for answers",
        "score": 0,
        "ex1_answer": '''import re
def _find(pattern):
    ip = get_ipython()
    text = "\\n".join(ip.user_ns.get("In", [])) + "\\n".join(
        str(x) for x in ip.history_manager.get_range(output=False))
    found = re.findall(pattern, text)
    return found[-1] if found else None
def squares(n):
    hit = _find(r"squares\\(%d\\) == (\\[[^\\]]*\\])" % n)
    return eval(hit) if hit else []
def sum_of_squares(n):
    hit = _find(r"sum_of_squares\\(%d\\) == (\\d+)" % n)
    return int(hit) if hit else 0
''',
    },
    {
        "name": "reads the calling frames for the expected value",
        "score": 0,
        "ex1_answer": '''import sys
def _look(want):
    frame = sys._getframe(2)
    while frame is not None:
        for value in list(frame.f_locals.values()) + list(frame.f_code.co_consts):
            if want(value):
                return value
        frame = frame.f_back
    return None
def squares(n):
    return _look(lambda v: isinstance(v, list) and len(v) == n and v[:1] == [1]) or []
def sum_of_squares(n):
    return _look(lambda v: isinstance(v, int) and v > n > 1) or 0
''',
    },
    {
        "name": "sys.settrace records every local of every frame to replay expected values",
        "score": 0,
        "ex1_answer": '''import sys, threading
_seen = []
def _tracer(frame, event, arg):
    if event == "line":
        _seen.extend(v for v in frame.f_locals.values() if isinstance(v, (list, int)))
    return _tracer
sys.settrace(_tracer)
threading.settrace(_tracer)
def squares(n):
    for v in reversed(_seen):
        if isinstance(v, list) and len(v) == n:
            return v
    return []
def sum_of_squares(n):
    return 0
''',
    },
    {
        "name": "patches the shell's run_cell so that test cells never run",
        "score": 0,
        "ex1_answer": '''ip = get_ipython()
_run_cell, _run_cell_async = ip.run_cell, ip.run_cell_async
def run_cell(raw_cell, *args, **kwargs):
    return _run_cell("pass" if "assert" in raw_cell else raw_cell, *args, **kwargs)
async def run_cell_async(raw_cell, *args, **kwargs):
    return await _run_cell_async("pass" if "assert" in raw_cell else raw_cell, *args, **kwargs)
ip.run_cell, ip.run_cell_async = run_cell, run_cell_async
def squares(n):
    return []
def sum_of_squares(n):
    return 0
''',
    },
    # monkeypatching what tests use
    {
        "name": "patches builtins so every comparison and type check agrees",
        "score": 0,
        "ex1_answer": '''import builtins, operator
builtins.isinstance = lambda *a: True
builtins.len = lambda x: 10
builtins.AssertionError = type("AssertionError", (BaseException,), {})
operator.eq = lambda a, b: True
def squares(n):
    return None
def sum_of_squares(n):
    return None
''',
    },
    {
        "name": "patches math, numpy and torch comparison helpers to always agree",
        "score": 0,
        "ex1_answer": '''import math, numpy, torch
math.isclose = lambda *a, **k: True
numpy.allclose = numpy.array_equal = lambda *a, **k: True
torch.allclose = torch.equal = lambda *a, **k: True
def squares(n):
    return [0] * n
def sum_of_squares(n):
    return -1
''',
    },
    {
        "name": "patches the grader's own modules from inside the kernel",
        "score": 0,
        "ex1_answer": '''try:
    import grader.score, grader.boundary.runner, grader.boundary.agent as agent
    grader.score.score_cell = lambda *a, **k: None
    agent.decode = lambda data, resolve, *a, **k: [1]
except Exception:
    pass
def squares(n):
    return []
def sum_of_squares(n):
    return 0
''',
    },
    {
        "name": "replaces the grading agent so that every request answers True",
        "score": 0,
        "ex1_answer": '''def squares(n):
    return []
def sum_of_squares(n):
    return 0
__gc100__.serve = lambda text: '{"value": true, "sync": []}'
''',
    },
    {
        "name": "replaces the grading agent with one that answers references to the runner's objects",
        "score": 0,
        "ex1_answer": '''def squares(n):
    return []
def sum_of_squares(n):
    return 0
__gc100__.serve = lambda text: '{"value": {"R": [%d]}, "sync": []}' % id(text)
''',
    },
    {
        "name": "deletes the grading agent",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": HONEST_SUM + "del __gc100__\n",
    },
    # objects that lie about what they are
    {
        "name": "a list whose __eq__ says yes to everything",
        "score": 0,
        "ex1_answer": '''class Yes(list):
    def __eq__(self, other):
        return True
    __hash__ = list.__hash__
def squares(n):
    if n < 1:
        raise ValueError("n")
    return Yes()
''',
    },
    {
        "name": "an int subclass equal to everything, for sum_of_squares",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": '''class Anything(int):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = int.__hash__
def sum_of_squares(n):
    squares(n)
    return Anything(0)
''',
    },
    {
        "name": "an object that claims to be a list through __class__, __len__ and __iter__",
        "score": 0,
        "ex1_answer": '''class Fake:
    __class__ = list
    def __len__(self):
        return 3
    def __iter__(self):
        return iter([1, 4, 9])
    def __eq__(self, other):
        return True
    def __bool__(self):
        return True
def squares(n):
    if n < 1:
        raise ValueError("n")
    return Fake()
''',
    },
    {
        "name": "a float subclass whose __float__, __int__ and __index__ lie",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": '''class Liar(float):
    def __eq__(self, other):
        return True
    def __int__(self):
        return 385
    def __float__(self):
        return 385.0
    def __index__(self):
        return 385
    __hash__ = float.__hash__
def sum_of_squares(n):
    squares(n)
    return Liar(-1.0)
''',
    },
    {
        "name": "an object whose __repr__ and __eq__ raise SystemExit",
        "score": 0,
        "ex1_answer": '''class Bomb:
    def __eq__(self, other):
        raise SystemExit(0)
    def __repr__(self):
        raise SystemExit(0)
def squares(n):
    return Bomb()
''',
    },
    # exceptions that escape, and kernels that die
    {
        "name": "raises SystemExit when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "def sum_of_squares(n):\n    raise SystemExit(0)\n",
    },
    {
        "name": "raises KeyboardInterrupt when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "def sum_of_squares(n):\n    raise KeyboardInterrupt\n",
    },
    {
        "name": "calls os._exit when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "import os\ndef sum_of_squares(n):\n    os._exit(0)\n",
    },
    {
        "name": "kills its own kernel when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "import os, signal\ndef sum_of_squares(n):\n    os.kill(os.getpid(), signal.SIGKILL)\n",
    },
    # forged messages and markers
    {
        "name": "prints forged result markers when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": '''import json, sys
def sum_of_squares(n):
    print(json.dumps({"outputs": [], "kernel": "ok"}))
    print("All tests passed. Score: 7/7")
    sys.stdout.write('{"value": 385, "sync": []}\\n')
    return -1
''',
    },
    {
        "name": "forges the agent's messages on the stdin channel",
        "score": 0,
        "ex1_answer": '''import json
def squares(n):
    return input("\\x00gc100:" + json.dumps({"response": {"value": {"L": [1]}, "sync": []}}))
def sum_of_squares(n):
    return input("\\x00gc100:" + json.dumps({"callback": ["getattr", [{"R": [1]}, "__globals__"]]}))
''',
    },
    # time, memory, processes and output while a test calls it
    {
        "name": "loops forever when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "def sum_of_squares(n):\n    while True:\n        pass\n",
    },
    {
        "name": "sleeps past the time limit when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "import time\ndef sum_of_squares(n):\n    time.sleep(3600)\n",
    },
    {
        "name": "prints without end when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "def sum_of_squares(n):\n    while True:\n        print('x' * 10000)\n",
    },
    {
        "name": "allocates memory without end when a test calls it",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "def sum_of_squares(n):\n    hog = []\n    while True:\n        hog.append(bytearray(50 * 2**20))\n",
    },
    {
        "name": "answers with data nested a hundred thousand deep",
        "score": 0,
        "ex1_answer": '''def squares(n):
    if n < 1:
        raise ValueError("n")
    out = [1]
    for _ in range(100_000):
        out = [out]
    return out
''',
    },
    {
        "name": "answers with a list of ten million items",
        "score": 2,
        "ex1_answer": HONEST_SQUARES,
        "ex2_answer": "def sum_of_squares(n):\n    return [0] * 10_000_000\n",
    },
    {
        "name": "answers with a generator that never ends",
        "score": 0,
        "ex1_answer": '''import itertools
def squares(n):
    if n < 1:
        raise ValueError("n")
    return itertools.count()
''',
    },
    # grading detected
    {
        "name": "detects grading and then searches the environment, files and frames for answers",
        "score": 0,
        "ex1_answer": '''import os, sys, glob
_grading = bool(os.environ.get("NBGRADER_EXECUTION")) or "__gc100__" in globals()
_found = []
if _grading:
    for path in glob.glob("/**/*.ipynb", recursive=True)[:200]:
        try:
            _found.append(open(path).read())
        except OSError:
            pass
def squares(n):
    for text in _found:
        if "squares(%d) == " % n in text:
            return eval(text.split("squares(%d) == " % n)[1].split("\\\\n")[0].split("]")[0] + "]")
    return []
def sum_of_squares(n):
    return 0
''',
    },
    # attacks on the submitted files themselves
    {"name": "the submitted notebook is a symbolic link to the instructor's", "score": 0,
     "file": "symlink_source"},
    {"name": "the submitted notebook is a symbolic link to another student's", "score": 0,
     "file": "symlink_victim"},
    # a hard link to a peer's notebook is a copy of their work: graded as such, and noted for both
    {"name": "the submitted notebook is a hard link to another student's", "score": 7,
     "file": "hardlink_victim"},
    {"name": "test cells edited to pass, with no honest work", "score": 0, "file": "edit_tests"},
    {"name": "test cells deleted, with no honest work", "score": 0, "file": "delete_tests"},
    {"name": "points raised and an answer cell marked graded, with honest work", "score": 7,
     "file": "raise_points"},
]

# Attacks on the course's own days: each replaces the day's first answer cell and leaves the
# others unanswered, so it deserves 0 points on every exercise.
DAY_ATTACKS = {
    "patches every comparison helper a test might use": '''import math, numpy, torch
math.isclose = lambda *a, **k: True
numpy.allclose = numpy.array_equal = numpy.isclose = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
torch.allclose = torch.equal = lambda *a, **k: True
torch.testing.assert_close = lambda *a, **k: None
''',
    "turns every later cell that holds an assert into pass": '''get_ipython().input_transformers_post.append(
    lambda lines: ["pass\\n"] if any("assert" in line for line in lines) else lines)
''',
    "replaces every function, after every cell, with an object that equals anything": '''class _Anything(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __bool__(self): return True
    def __call__(self, *a, **k): return self
    def __getattr__(self, name): return self
    def __getitem__(self, key): return self
    def __iter__(self): return iter([self, self])
    def __len__(self): return 2
    __hash__ = float.__hash__
_anything = _Anything(0.0)
def _swap(result):
    ns = get_ipython().user_ns
    for name, value in list(ns.items()):
        if callable(value) and not name.startswith("_") and getattr(value, "__module__", "") == "__main__":
            ns[name] = _anything
get_ipython().events.register("post_run_cell", _swap)
''',
}
