"""Test cells run outside the student's kernel: the codec, the cases any mechanism must get right
(../shared/DESIGN.md), hostile submissions that try to decide their own verdict, and nbgrader's
own quickstart assignment `ps1`, graded unforgeably without rewriting it."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch
from adversarial.boundary_cases import CASES, HONEST_SQUARES, HONEST_SUM
from course_factory import GOOD, meta, squares_source, with_answers, write_course
from nbformat.v4 import new_code_cell

from grader import cells
from grader.boundary.codec import CodecError, decode, dumps, encode, encode_tensor, loads
from grader.course import load_course
from grader.execute import Limits
from grader.grade import grade_assignment
from grader.gradebook import Gradebook
from grader.release import answer_from_solution, release_notebook
from grader.sandbox import SandboxPolicy, detect_layers


def _no_refs(obj, depth):
    raise AssertionError(f"{type(obj).__name__} should travel by value")


def _refuse(tag, items, inner):
    raise CodecError(f"reference {tag}")


def roundtrip(obj):
    return decode(loads(dumps(encode(obj, _no_refs))), _refuse)


def test_plain_data_travels_by_value_with_exact_types() -> None:
    value = {"a": [1, 2.5, None, True], ("t", 1): {3, 4}, "c": 1 + 2j, "b": b"\x00\xff",
             "nan": float("nan"), "big": 10**30, "s": slice(1, None, 2), "r": range(3)}
    back = roundtrip(value)
    assert back.keys() == value.keys() and math.isnan(back["nan"])
    assert {k: v for k, v in back.items() if k != "nan"} == {k: v for k, v in value.items() if k != "nan"}
    assert type(back[("t", 1)]) is set and type(back["c"]) is complex
    array = np.arange(12, dtype=np.float32).reshape(3, 4)[:, ::2]
    got = roundtrip(array)
    assert got.dtype == np.float32 and np.array_equal(got, array) and got.flags.writeable
    assert type(roundtrip(np.float64(2.5))) is np.float64
    tensor = torch.linspace(0, 1, 6, dtype=torch.float64).reshape(2, 3)
    back = decode(loads(dumps(encode_tensor(tensor))), _refuse)
    assert back.dtype == torch.float64 and torch.equal(back, tensor)
    assert roundtrip(torch.Size([2, 3])) == torch.Size([2, 3])
    assert roundtrip(torch.strided) is torch.strided and roundtrip(torch.sparse_csr) is torch.sparse_csr
    assert roundtrip(torch.preserve_format) is torch.preserve_format


def test_a_tensor_travels_with_its_grad_only_where_it_has_one() -> None:
    """A non-leaf has a .grad only when it retains one: reading any other warns, on the test
    cell's stderr."""
    leaf = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    inner, kept = leaf * 2, leaf * 3
    kept.retain_grad()
    (inner.sum() + kept.sum()).backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "P" in encode_tensor(inner, with_grad=True)
        for tensor in (leaf, kept):
            value, grad = encode_tensor(tensor, with_grad=True)["PG"]
            assert torch.equal(decode(grad, _refuse), tensor.grad)


def test_the_course_ir_travels_by_value() -> None:
    """A compiler pass of days 42-50 takes and returns graphcompute.ir programs: the pass gets
    the real dataclasses (`dataclasses.replace`, `==`, hashing), and so does the test."""
    from graphcompute.ir import Builder, Instr, Program

    b = Builder(["x"])
    program = b.build(b.emit("pow", b.emit("sum", "x", axis=0), exponent=2.0))
    back = roundtrip(program)
    assert type(back) is Program and back == program and hash(back) == hash(program)
    assert type(back.body[0]) is Instr and back.body[1].attr("exponent") == 2.0
    inside = []
    encode(Program(("x",), (Instr("v0", "neg", ("x",), (("f", len),)),), ("v0",)),
           lambda obj, depth: inside.append(obj) or {"H": [len(inside), "", False, False]})
    assert inside == [len]  # what is not plain data inside a program still goes by reference
    for message in ('{"IP": [[], [], []]}', '{"II": ["v0", "neg", {"T": []}]}'):
        with pytest.raises(CodecError, match="unknown tag"):
            decode(loads(message), _refuse)


@pytest.mark.parametrize("message, problem", [
    ('{"X": 1}', "unknown tag"),
    ('{"L": [1], "T": [2]}', "unexpected dict"),
    ('[1, 2]', "unexpected list"),
    ('NaN', "non-standard"),
    ('{"A": ["object", [1], "AAAA"]}', "dtype not allowed"),
    ('{"A": ["float64", [2], "AAAA"]}', "does not match"),
    ('{"P": ["int64", [1], "AAAAAAAAAAA=", true]}', "only floating"),
    ('{"H": [1, "x", true, false]}', "reference H"),
    ('{"B": "not base64!"}', "bad base64"),
    ('{"TL": "_mkldnn"}', "unknown tag"),
    ('{"TM": "strided"}', "unknown tag"),
    ('{"D": [[[1], 2]]}', "unexpected list"),
    ('{"D": [[{"L": [1]}, 2]]}', "bad dict key"),
    ("[" * 100_000 + "]" * 100_000, "not JSON"),
])
def test_the_decoder_refuses_anything_but_plain_data(message: str, problem: str) -> None:
    with pytest.raises(CodecError, match=problem):
        decode(loads(message), _refuse)


def test_a_name_resolves_only_to_a_public_class_found_in_dictionaries() -> None:
    """What `isinstance` needs of a student object, and nothing a kernel could use: a class of a
    private module goes by the public package that exports it, and a function, a module, a
    private name or a package the notebook never imported resolves to nothing."""
    import hypothesis.strategies as st
    from hypothesis.strategies import SearchStrategy

    from grader.boundary.capabilities import named_class
    from grader.boundary.codec import public_names

    lazy = type(st.integers())
    assert lazy.__module__.startswith("hypothesis.strategies._internal")
    claims = public_names(lazy)
    assert ["hypothesis.strategies", "SearchStrategy"] in claims
    assert all(not part.startswith("_") for claim in claims for name in claim for part in name.split("."))
    found = [named_class(*claim, {"hypothesis"}) for claim in claims]
    assert SearchStrategy in found
    assert named_class("torch.nn", "Linear", {"torch"}) is torch.nn.Linear
    for module, qualname in [("random", "_os"), ("random", "Random.seed"), ("numpy", "sin"),
                             ("os", "system"), ("torch", "nn"), ("builtins", "eval"),
                             ("torch.nn", "Linear.forward"), ("hypothesis.strategies._internal.lazy",
                                                               "LazyStrategy")]:
        assert named_class(module, qualname, {"random", "numpy", "os", "torch", "hypothesis"}) is None
    # a package the notebook never imported
    assert named_class("hypothesis.strategies", "SearchStrategy", {"numpy"}) is None


def _course(tmp_path: Path, source: nbformat.NotebookNode, students: dict, name: str = "cases") -> Path:
    return write_course(tmp_path / "course", students, source, assignment=name)


def _grade(course_dir: Path, assignment: str, **kwargs) -> dict:
    course = load_course(course_dir)
    with Gradebook(course.db_url) as gradebook:
        grade_assignment(course, assignment, gradebook, **kwargs)
        return {r.student_id: r for r in gradebook.latest_records()}


CASES_SETUP = "import numpy as np\nimport torch\nimport math"

CASES_ANSWER = '''class Value:
    """A scalar that remembers how it was made."""
    def __init__(self, data, parents=()):
        self.data, self.grad, self._parents, self._backward = float(data), 0.0, parents, lambda: None
    def __mul__(self, other):
        out = Value(self.data * other.data, (self, other))
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out
    def backward(self):
        self.grad = 1.0
        self._backward()

def numerical_derivative(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)

def softmax(x):
    e = torch.exp(x - x.max())
    return e / e.sum()

def sorted_copy(items):
    return sorted(items)

class Cube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return 3 * x ** 2 * g

def scale(v, k):
    return [k * x for x in v]
'''

CASES_TESTS = {
    "t_class": ("a = Value(2.0)\nb = a * a\nb.backward()\nassert a.grad == 4.0, a.grad\n"
                "assert isinstance(b, Value) and not isinstance(3.0, Value)", 2),
    "t_callback": ("assert abs(numerical_derivative(math.sin, 1.0) - math.cos(1.0)) < 1e-6\n"
                   "assert abs(numerical_derivative(lambda t: t ** 3, 2.0) - 12.0) < 1e-4", 2),
    "t_autograd": ("x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)\n"
                   "w = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)\n"
                   "y = softmax(x)\n(y * w).sum().backward()\n"
                   "x2 = x.detach().clone().requires_grad_(True)\n"
                   "(torch.softmax(x2, 0) * w).sum().backward()\n"
                   "assert torch.allclose(x.grad, x2.grad), (x.grad, x2.grad)", 2),
    "t_mutation": ("items = [3, 1, 2]\nout = sorted_copy(items)\n"
                   "assert out == [1, 2, 3] and items == [3, 1, 2], (out, items)", 1),
    "t_partial": ("earned = 0\nfor k in (1, 2, 3):\n    if scale([1, 2], k) == [k, 2 * k]:\n"
                  "        earned += 1\nearned", 3),
    # a test that changes what it lent and lends it again: the kernel sees the change
    "t_lent_again": ("v = [1, 2]\nassert scale(v, 2) == [2, 4]\nv[0] = 5\n"
                     "assert scale(v, 2) == [10, 4], scale(v, 2)", 1),
    # gradcheck perturbs its input in place (through .data) and calls the student's Function again
    "t_gradcheck": ("x = torch.tensor([0.5, -1.2, 2.0], dtype=torch.float64, requires_grad=True)\n"
                    "assert torch.autograd.gradcheck(Cube.apply, (x,), check_undefined_grad=False)\n"
                    "assert torch.autograd.gradgradcheck(Cube.apply, (x,), check_undefined_grad=False)", 1),
    # a returned tensor that carries a graph, read as data by torch functions whose argument
    # parser would take it for a tensor before asking __torch_function__ (the runner crashed)
    "t_graph_as_data": ("x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)\n"
                        "y = softmax(x)\nwant = torch.softmax(x.detach(), 0)\n"
                        "assert torch.allclose(torch.tensor(y), want) and torch.allclose(torch.as_tensor(y), want)\n"
                        "assert torch.allclose(torch.tensor([y[0], y[1], y[2]]), want)\n"
                        "assert torch.equal(torch.where(y > 0.2, y, 0.0).detach(), torch.where(want > 0.2, want, 0.0))", 1),
}


def cases_source() -> nbformat.NotebookNode:
    """An assignment with each shape of test DESIGN.md says a mechanism must get right."""
    nb = squares_source()
    nb.cells = [new_code_cell(CASES_SETUP, metadata=meta("setup", locked=True)),
                new_code_cell(CASES_ANSWER.replace('"""A scalar that remembers how it was made."""',
                                                   '"""A scalar."""\n    ### BEGIN SOLUTION')
                              .replace("    return [k * x for x in v]\n",
                                       "    return [k * x for x in v]\n    ### END SOLUTION\n"),
                              metadata=meta("answer", solution=True))]
    for gid, (test, points) in CASES_TESTS.items():
        nb.cells.append(new_code_cell(test, metadata=meta(gid, grade=True, locked=True, points=points)))
    return nb


WRONG = {
    "mutates its input": ("def sorted_copy(items):\n    items.sort()\n    return items", {"t_mutation": 0}),
    "forgets to accumulate": ("    def backward(self):\n        self.grad = 1.0\n        self._backward()",
                              {}),
    "a softmax that is not shift-invariant in its gradient": (
        "def softmax(x):\n    e = torch.exp(x)\n    return e / e.detach().sum()", {"t_autograd": 0}),
    "one case of three right": ("def scale(v, k):\n    return [x for x in v] if k == 1 else []",
                                {"t_partial": 1, "t_lent_again": 0}),
    "a custom Function whose backward drops the 3": (
        "class Cube(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n"
        "        ctx.save_for_backward(x)\n        return x ** 3\n    @staticmethod\n"
        "    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return x ** 2 * g", {"t_gradcheck": 0}),
    "a derivative that ignores f": ("def numerical_derivative(f, x, h=1e-6):\n    return math.cos(x)",
                                    {"t_callback": 0}),
}


def test_what_any_mechanism_must_get_right(tmp_path: Path) -> None:
    source = cases_source()
    released = release_notebook(source)
    answer = answer_from_solution(next(c.source for c in source.cells if cells.is_solution(c)))
    students = {"honest": with_answers(released, {"answer": answer}),
                "blank": released}
    for number, (name, (replacement, _)) in enumerate(WRONG.items()):
        if replacement.startswith("    def backward"):
            wrong = answer.replace(".grad += ", ".grad = ")
            students[f"wrong{number}"] = with_answers(released, {"answer": wrong})
        else:
            students[f"wrong{number}"] = with_answers(released, {"answer": answer + "\n" + replacement})
    got = _grade(_course(tmp_path, source, students), "cases", workers=2)
    full = {gid: points for gid, (_, points) in CASES_TESTS.items()}

    def by_cell(student: str) -> dict:
        return {c.grade_id: c.points for c in got[student].cells}

    assert by_cell("honest") == full, [(c.grade_id, c.message) for c in got["honest"].cells]
    assert got["blank"].score == 0
    for number, (name, (_, expected)) in enumerate(WRONG.items()):
        scores = by_cell(f"wrong{number}")
        if name == "forgets to accumulate":  # a * a with = for += gives 2.0, not 4.0
            expected = {"t_class": 0}
        assert scores == {**full, **expected}, (name, scores)


def test_hidden_tests_never_enter_the_kernel(tmp_path: Path) -> None:
    """A submission that records everything its kernel sees prints it in a later cell."""
    source = squares_source()
    canary = "CANARY-7f3a-hidden"
    for cell in source.cells:
        if cells.grade_id(cell) == "ex1_tests":
            cell.source = cell.source.replace("### END HIDDEN TESTS",
                                              f"_secret = {canary!r}\nassert squares(4) == [1, 4, 9, 16], _secret\n"
                                              "### END HIDDEN TESTS")
    source.cells.append(new_code_cell("# spy\n", metadata=meta("spy", solution=True)))
    spy = '''import sys, json
_seen = []
get_ipython().events.register("pre_run_cell", lambda info: _seen.append(info.raw_cell))
_serve = __gc100__.serve
def _spy(text):
    _seen.append(text)
    reply = _serve(text)
    _seen.append(reply)
    return reply
__gc100__.serve = _spy
def _trace(frame, event, arg):
    _seen.append(repr(frame.f_code.co_consts) + repr(list(frame.f_locals)))
sys.setprofile(_trace)
''' + HONEST_SQUARES
    released = release_notebook(source)
    probe = ('sys.setprofile(None)\n_all = [str(x) for x in _seen + list(In) + list(globals().values())]\n'
             'print("SEEN" if any("CANARY-7f3a" + "-hidden" in s or "BEGIN " + "HIDDEN" in s\n'
             '                    or "assert sum" + "_of_squares" in s for s in _all) else "CLEAN", len(_all))')
    student = with_answers(released, {"ex1_answer": spy, "ex2_answer": HONEST_SUM, "spy": probe})
    course_dir = _course(tmp_path, source, {"spy": student}, name="squares")
    got = _grade(course_dir, "squares", workers=1)
    assert got["spy"].score == 7, [(c.grade_id, c.message) for c in got["spy"].cells]
    executed = nbformat.read(course_dir / "autograded" / "spy" / "squares" / "squares.ipynb", 4)
    printed = "".join(o.get("text", "") for c in executed.cells if cells.grade_id(c) == "spy"
                      for o in c.outputs)
    assert printed.startswith("CLEAN"), printed[:300]
    assert int(printed.split()[1]) > 20  # the spy did see the requests made of its code


def _sandboxed() -> None:
    layers = {layer.name: layer.active for layer in detect_layers()}
    if not all(layers.values()):
        pytest.skip("sandbox layers inactive here: " + ", ".join(k for k, v in layers.items() if not v))


def _file_attack(kind: str, folder: Path, source_nb: Path, victim: Path, released) -> None:
    target = folder / "squares.ipynb"
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "symlink_source":
        target.symlink_to(source_nb)
    elif kind == "symlink_victim":
        target.symlink_to(victim)
    elif kind == "hardlink_victim":
        os.link(victim, target)
    else:
        nb = with_answers(released, {})
        for cell in list(nb.cells):
            if cells.is_grade(cell) and cell.cell_type == "code":
                if kind == "edit_tests":
                    cell.source = "pass"
                elif kind == "delete_tests":
                    nb.cells.remove(cell)
        if kind == "raise_points":
            nb = with_answers(released, GOOD)
            for cell in nb.cells:
                meta_ = cell.metadata.get("nbgrader", {})
                if meta_.get("points"):
                    meta_["points"] = 100
                if cells.grade_id(cell) == "ex1_answer":
                    meta_["grade"], meta_["points"] = True, 50
        nbformat.write(nb, target)


@pytest.mark.slow
def test_hostile_submissions_cannot_decide_their_verdict(tmp_path: Path) -> None:
    _sandboxed()
    source = squares_source()
    released = release_notebook(source)
    course = write_course(tmp_path / "course", {"honest": with_answers(released, GOOD)}, source)
    victim = course / "submitted" / "honest" / "squares" / "squares.ipynb"
    assert _grade(course, "squares", students=["honest"], workers=1)["honest"].score == 7
    students = {}
    for number, case in enumerate(CASES):
        if "file" in case:
            _file_attack(case["file"], course / "submitted" / f"attack{number:02d}" / "squares",
                         course / "source" / "squares" / "squares.ipynb", victim, released)
            continue
        answers = {k: v for k, v in case.items() if k.endswith("_answer")}
        students[f"attack{number:02d}"] = with_answers(released, answers)
    write_course(course, students, source)
    honest_before = victim.read_bytes()
    got = _grade(course, "squares", workers=2, limits=Limits(cell_timeout=5, notebook_timeout=60),
                 policy=SandboxPolicy(memory_bytes=768 * 2**20, max_pids=64))
    time.sleep(5)
    assert victim.read_bytes() == honest_before
    wrong = {case["name"]: (got[f"attack{n:02d}"].score,
                            [(c.grade_id, c.points, c.message[:80]) for c in got[f"attack{n:02d}"].cells])
             for n, case in enumerate(CASES) if got[f"attack{n:02d}"].score != case["score"]}
    assert not wrong, wrong
    with Gradebook(load_course(course).db_url) as gradebook:
        assert len(gradebook.history("squares", "honest")) == 1
        assert {r.student_id: r.score for r in gradebook.latest_records()}["honest"] == 7
    linked = next(f"attack{n:02d}" for n, c in enumerate(CASES) if c.get("file") == "hardlink_victim")
    assert any("same file as the submission of honest" in f for f in got[linked].flag_list())


PS1_ATTACKS = {
    "input transformer": {"squares": '''def _neuter(lines):
    return ["pass\\n" if "assert" in l or "raise" in l else l for l in lines]
get_ipython().input_transformers_post.append(_neuter)
def squares(n):
    return []''', "sum_of_squares": "def sum_of_squares(n):\n    return 0"},
    "pre_run_cell hook": {"squares": '''import ast, re
_answers = {}
def _learn(info):
    for m in re.finditer(r"(\\w+)\\((-?\\d+)\\) == (\\[[^\\]]*\\]|\\d+)", info.raw_cell):
        _answers[(m.group(1), int(m.group(2)))] = ast.literal_eval(m.group(3))
    if "squares(0)" in info.raw_cell:
        _answers["raise"] = True
get_ipython().events.register("pre_run_cell", _learn)
def squares(n):
    if _answers.get("raise") and n < 1:
        raise ValueError(n)
    return _answers.get(("squares", n), [])''',
        "sum_of_squares": "def sum_of_squares(n):\n    return _answers.get(('sum_of_squares', n), 0)"},
    "reads the instructor's notebook": {"squares": '''import json
try:
    for _c in json.load(open("{source}"))["cells"]:
        if "BEGIN SOLUTION" in "".join(_c["source"]):
            exec("".join(_c["source"]))
except OSError:
    pass'''},
    "deletes the gradebook": {"squares": '''import sqlite3
try:
    _db = sqlite3.connect("{db}")
    _db.execute("DELETE FROM cell_grades")
    _db.execute("DELETE FROM grade_records")
    _db.commit()
except Exception:
    pass'''},
    "leaves a daemon to delete the gradebook": {"squares": '''import subprocess, sys
subprocess.Popen([sys.executable, "-c", "import time, os\\ntime.sleep(3)\\n"
                  "for p in ['{db}', '{victim}']:\\n    try: os.remove(p)\\n    except OSError: pass"],
                 start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL)'''},
    "symlink to the instructor's notebook": "symlink_source",
    "symlink to another student's notebook": "symlink_victim",
}


@pytest.mark.slow
def test_nbgrader_quickstart_ps1_is_unforgeable(tmp_path: Path) -> None:
    """nbgrader's own assignment, unchanged: every attack from the issue scores 0, honest 3 of 3."""
    _sandboxed()
    nbgrader = Path(sys.executable).with_name("nbgrader")
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    subprocess.run([str(nbgrader), "quickstart", "course101"], cwd=tmp_path, env=env, check=True,
                   capture_output=True, timeout=300)
    course = tmp_path / "gc100"
    (course / "source" / "ps1").mkdir(parents=True)
    for name in ("problem1.ipynb", "jupyter.png"):  # problem1 holds ps1's 3 autograded points
        shutil.copy(tmp_path / "course101" / "source" / "ps1" / name, course / "source" / "ps1")
    source_path = course / "source" / "ps1" / "problem1.ipynb"
    source = nbformat.read(source_path, 4)
    released = release_notebook(source)
    answers = {cells.grade_id(c): answer_from_solution(c.source) for c in source.cells
               if cells.is_solution(c) and c.cell_type == "code"}
    victim = course / "submitted" / "honest" / "ps1" / "problem1.ipynb"
    victim.parent.mkdir(parents=True)
    nbformat.write(with_answers(released, answers), victim)
    fill = {"db": str(course / "gradebook.db"), "victim": str(victim), "source": str(source_path)}
    for number, (name, attack) in enumerate(PS1_ATTACKS.items()):
        folder = course / "submitted" / f"attack{number}" / "ps1"
        folder.mkdir(parents=True)
        if isinstance(attack, str):
            (folder / "problem1.ipynb").symlink_to(source_path if attack == "symlink_source" else victim)
        else:
            filled = {k: v.replace("{db}", fill["db"]).replace("{victim}", fill["victim"])
                      .replace("{source}", fill["source"]) for k, v in attack.items()}
            nbformat.write(with_answers(released, filled), folder / "problem1.ipynb")
    got = _grade(course, "ps1", workers=2, limits=Limits(cell_timeout=10, notebook_timeout=60))
    time.sleep(4)
    auto = {r: sum(c.points or 0 for c in got[r].cells if not c.manual) for r in got}
    assert auto["honest"] == 3, [(c.grade_id, c.points, c.message) for c in got["honest"].cells]
    for number, name in enumerate(PS1_ATTACKS):
        assert auto[f"attack{number}"] == 0, (name, [(c.grade_id, c.points, c.message)
                                                     for c in got[f"attack{number}"].cells])
    assert victim.exists() and (course / "gradebook.db").exists()
    with Gradebook(load_course(course).db_url) as gradebook:
        assert len(gradebook.latest_records()) == 1 + len(PS1_ATTACKS)
    # the same two attacks, with the tests run in the student's kernel as nbgrader runs them
    inside = _grade(course, "ps1", students=["attack0", "attack1"], force=True, workers=2,
                    tests_outside=False, limits=Limits(cell_timeout=10, notebook_timeout=60))
    forged = {r: sum(c.points or 0 for c in inside[r].cells if not c.manual) for r in ("attack0", "attack1")}
    assert all(points > 0 for points in forged.values()), forged


LEAKER = '''import builtins, math, os, sys, threading, time
LEAK = 1
math.sqrt = lambda x: 0.0
sys.modules["ipykernel"].LEAK = 1  # a package the kernels' parent imported before the fork
open("leak.txt", "w").write("left behind")
open("/tmp/gc100-leak.txt", "w").write("left behind")
def _haunt():
    while True:
        builtins.LEAKED = True
        time.sleep(0.05)
threading.Thread(target=_haunt, daemon=True).start()
def report():
    return ["it leaks"]
'''

VICTIM = '''import builtins, math, os, sys
def report():
    """What this kernel finds of an earlier submission."""
    found = [name for name in ("LEAK", "_haunt") if name in globals()]
    found += ["math.sqrt"] if math.sqrt(4.0) != 2.0 else []
    found += ["ipykernel"] if hasattr(sys.modules["ipykernel"], "LEAK") else []
    found += [p for p in ("leak.txt", "/tmp/gc100-leak.txt") if os.path.exists(p)]
    found += ["thread"] if getattr(builtins, "LEAKED", False) else []
    return found
'''


def test_nothing_of_one_submission_reaches_the_next(tmp_path: Path) -> None:
    """A global, monkeypatches, files and a thread left behind by one student are gone for the
    next, graded by the same worker right after, each kernel forked from the same warm parent
    (and the test runner starts afresh too)."""
    from grader.sandbox.warm import KERNELS

    _sandboxed()  # without the sandbox's private /tmp, the file left there would be found
    source = squares_source()
    source.cells = [new_code_cell("def report():\n    ### BEGIN SOLUTION\n    return []\n    ### END SOLUTION",
                                  metadata=meta("answer", solution=True)),
                    new_code_cell("import json\nassert report() == [], report()\n"
                                  "assert 'RUNNER_LEAK' not in dir(json)\njson.RUNNER_LEAK = 1",
                                  metadata=meta("check", grade=True, locked=True, points=1))]
    released = release_notebook(source)
    students = {"a_leaker": with_answers(released, {"answer": LEAKER}),
                "b_victim": with_answers(released, {"answer": VICTIM}),
                "c_victim": with_answers(released, {"answer": VICTIM})}
    got = _grade(_course(tmp_path, source, students, name="leak"), "leak", workers=1)
    assert not KERNELS.disabled, f"the kernels started cold: {KERNELS.disabled}"
    assert got["a_leaker"].score == 0
    assert got["b_victim"].score == 1 and got["c_victim"].score == 1, \
        [(r, c.message) for r in ("b_victim", "c_victim") for c in got[r].cells]


@pytest.mark.slow
@pytest.mark.parametrize("day", ["day004", "day025"])
def test_attacks_on_the_course_days_earn_nothing(day: str, tmp_path: Path) -> None:
    from adversarial.boundary_cases import DAY_ATTACKS
    from days import day_notebooks, grade_day, students_for

    notebook = next(p for p in day_notebooks() if p.parent.name.startswith(day))
    source = nbformat.read(notebook, as_version=4)
    students = students_for(source, notebook.parent.name)
    released = students["released"]
    first = next(cells.grade_id(c) for c in source.cells if cells.is_solution(c))
    chosen = {"instructor": students["instructor"]}
    for number, attack in enumerate(DAY_ATTACKS.values()):
        chosen[f"attack{number}"] = with_answers(released, {first: attack})
    records, _ = grade_day(notebook, tmp_path, chosen, workers=2)
    assert records["instructor"].score == records["instructor"].max_score
    for number, name in enumerate(DAY_ATTACKS):
        record = records[f"attack{number}"]
        assert record.score == 0, (name, [(c.grade_id, c.points, c.message[:80]) for c in record.cells])


RUNNER_ATTACK_TESTS = {
    "t_attack": "import secrets\n_secret = secrets.token_hex(16)\nassert probe(lambda x: x) == _secret",
    "t_control": "import secrets\n_secret = secrets.token_hex(16)\nassert probe(lambda s: eval(s)) == _secret",
}


def runner_attack_source() -> nbformat.NotebookNode:
    """One answer, `probe(lent)`, and two tests that lend it an object: a harmless lambda, and
    (the control) one that evaluates what it is given, in the runner."""
    nb = squares_source()
    nb.cells = [new_code_cell("import random, collections, functools, numpy, torch, graphcompute",
                              metadata=meta("setup", locked=True)),
                new_code_cell("def probe(lent):\n    ### BEGIN SOLUTION\n    return None\n"
                              "    ### END SOLUTION", metadata=meta("answer", solution=True))]
    for gid, test in RUNNER_ATTACK_TESTS.items():
        nb.cells.append(new_code_cell(test, metadata=meta(gid, grade=True, locked=True, points=1)))
    return nb


@pytest.mark.slow
@pytest.mark.parametrize("boxed", [True, False], ids=["all layers", "boundary alone"])
def test_the_runner_does_only_what_it_lent(tmp_path: Path, boxed: bool) -> None:
    """Every attack on the runner's protocol (tests/adversarial/runner_cases.py) earns 0 and
    runs nothing: with every sandbox layer, and with none, where only the capability rules of
    grader/boundary/capabilities.py stand between the kernel and a root shell."""
    import uuid

    from adversarial.runner_cases import CASES, answer

    if boxed:
        _sandboxed()
    source = runner_attack_source()
    released = release_notebook(source)
    markers = {}
    students = {}
    for number, case in enumerate([*CASES, "control"]):
        markers[case] = Path(f"/tmp/gc100-owned-{uuid.uuid4().hex}")
        students[f"s{number}"] = with_answers(released, {"answer": answer(case, str(markers[case]))})
    course = _course(tmp_path, source, students, name="probe")
    got = _grade(course, "probe", workers=2, limits=Limits(cell_timeout=60, notebook_timeout=120),
                 policy=SandboxPolicy() if boxed else None)
    time.sleep(1)
    points = {case: {c.grade_id: c.points for c in got[f"s{n}"].cells}
              for n, case in enumerate([*CASES, "control"])}
    # the secret is within reach of whatever the runner lends (here, eval): the cases use it then
    assert points["control"]["t_control"] == 1, points["control"]
    assert {case: p["t_attack"] for case, p in points.items()} == dict.fromkeys(points, 0), points
    assert not [str(m) for m in markers.values() if m.exists()]


# The attack of the runner's first capability hole, verbatim but for the marker's name: a callback
# whose target is a name (`random._os.posix_spawn`) the runner used to walk and call, as root,
# outside every sandbox.
ISSUE_ATTACK = '''def _runner(target, *args):
    ag = __gc100__
    ag.write({"callback": ["call", [target, {"L": list(args)}, {"D": []}]], "sync": [], "forget": []})
    return ag.read()

def environment_report():
    _runner({"I": [0, "random", "_os.posix_spawn"]}, "/bin/sh",
            {"L": ["sh", "-c", "id > MARKER"]}, {"D": []})
    return {}
'''


def _course_state(course: Path) -> dict[str, bytes]:
    """Every file of a course, by path: the gradebook, the submissions, what grading wrote."""
    return {str(p.relative_to(course)): p.read_bytes() for p in sorted(course.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_the_runner_attack_through_gc100_grade_scores_zero_and_changes_nothing(
        tmp_path: Path, scheduler: str) -> None:
    """The attack, submitted on day 1 beside honest work and graded by `gc100 grade` with every
    layer active, twice at once: with `--workers 2`, and on a Dask cluster. It earns 0, runs
    nothing, and 15 seconds after both commands ended every grade and file is as they left it."""
    import uuid

    _sandboxed()
    day = "day001-learning-sandbox"
    source = nbformat.read(Path(__file__).parent.parent / "notebooks" / day / f"{day}.ipynb", 4)
    released = release_notebook(source)
    marker = Path(f"/tmp/gc100-owned-{uuid.uuid4().hex}")
    students = {
        "attacker": with_answers(released, {"ex1_answer": ISSUE_ATTACK.replace("MARKER", str(marker))}),
        "honest": with_answers(released, {c.metadata.nbgrader.grade_id: answer_from_solution(c.source)
                                          for c in source.cells if cells.is_solution(c)}),
        "blank": released,
    }
    gc100 = Path(sys.executable).with_name("gc100")
    runs = {}
    for mode, options in {"local": ["--workers", "2"], "dask": ["--dask", scheduler]}.items():
        course = write_course(tmp_path / mode, students, source, assignment=day)
        runs[mode] = (course, subprocess.Popen([str(gc100), "--course", str(course), "grade", *options],
                                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    states = {}
    for mode, (course, process) in runs.items():
        output = process.communicate(timeout=600)[0]
        assert process.returncode == 0, output
        assert "test runner's sandbox layers" in output and "INACTIVE" not in output, output
        states[mode] = _course_state(course)
    time.sleep(15)
    for mode, (course, _) in runs.items():
        assert _course_state(course) == states[mode], mode
        records = _grade_rows(course)
        assert {s: r.score for s, r in records.items()} == {"attacker": 0, "honest": 10, "blank": 0}, mode
    assert not marker.exists()


def _grade_rows(course: Path) -> dict:
    with Gradebook(load_course(course).db_url) as gradebook:
        rows = gradebook.latest_records()
        return {r.student_id: r for r in rows}


ITERATION_ANSWER = '''import functools
def counter(n):
    total = 1
    while True:
        got = yield total
        total = total * n if got is None else got

def logged(f):
    @functools.wraps(f)
    def wrapper(*args):
        return f(*args)
    return wrapper
'''

ITERATION_TESTS = {
    # a student generator is used one item at a time, send() included, as in the kernel
    "t_generator": "g = counter(3)\nassert (next(g), next(g), g.send(5), next(g)) == (1, 3, 5, 15)\n"
                   "assert [x for _, x in zip(range(3), counter(2))] == [1, 2, 4]",
    # a decorated function's __wrapped__ is the student's own function
    "t_wrapped": "h = logged(abs)\nassert h(-2) == 2 and h.__wrapped__(-3) == 3 and h.__name__ == 'abs'",
    # the test cell holds its place in the kernel's history: In[-2] is the cell before it
    "t_history": "import io, contextlib\nbuffer = io.StringIO()\n"
                 "with contextlib.redirect_stdout(buffer):\n    exec(In[-2])\n"
                 "assert buffer.getvalue() == 'Hello\\n', (In[-2], buffer.getvalue())",
}


def test_student_iterators_wrapped_functions_and_history_behave_as_in_the_kernel(tmp_path: Path) -> None:
    """What nbgrader assignments of other people's do in their tests (ccha23/cs1302i21a): a
    generator driven by next() and send(), a decorator's __wrapped__, exec(In[-2])."""
    source = squares_source()
    source.cells = [new_code_cell("def counter(n):\n    ### BEGIN SOLUTION\n    yield n\n    ### END SOLUTION",
                                  metadata=meta("answer", solution=True)),
                    new_code_cell("### BEGIN SOLUTION\nprint('Hello')\n### END SOLUTION",
                                  metadata=meta("hello", solution=True))]
    for gid, test in ITERATION_TESTS.items():
        source.cells.append(new_code_cell(test, metadata=meta(gid, grade=True, locked=True, points=1)))
    source.cells.insert(2, source.cells.pop(-1))  # the history test right after the print cell
    released = release_notebook(source)
    students = {"honest": with_answers(released, {"answer": ITERATION_ANSWER, "hello": "print('Hello')"})}
    got = _grade(_course(tmp_path, source, students, name="iteration"), "iteration", workers=1)
    points = {c.grade_id: (c.points, c.message) for c in got["honest"].cells}
    assert points == {gid: (1.0, "") for gid in ITERATION_TESTS}, points


CONTAINER_ANSWER = '''import torch
def kinds(calls):
    return [type(a).__name__ for a, _ in calls]

def grow(items):
    items.append((torch.zeros(2), 1.0))
    items[0][0].add_(1)
    return len(items)
'''

CONTAINER_TESTS = {
    # a list of tensors passed twice: the second call used to receive None for each tensor
    "t_twice": "import torch\nx = torch.ones(2)\ncalls = [(x, 2.0), (torch.ones(3, dtype=torch.float64), 2.0)]\n"
               "assert kinds(calls) == ['Tensor', 'Tensor'] and calls[0][0] is x\n"
               "assert kinds(calls) == ['Tensor', 'Tensor'], kinds(calls)\n"
               "assert kinds(calls[:1] + calls) == ['Tensor'] * 3",
    # what student code adds to a test's list comes back, and the next call finds it
    "t_grown": "import torch\nx = torch.ones(1)\nL = [(x, 0.0)]\n"
               "assert grow(L) == 2 and x.item() == 2.0 and L[0][0].item() == 2.0, (L, x)\n"
               "assert kinds(L) == ['Tensor', 'Tensor'], kinds(L)\n"
               "assert grow(L) == 3 and kinds(L) == ['Tensor'] * 3 and L[0][0].item() == 3.0, kinds(L)\n"
               "assert torch.equal(L[2][0], torch.zeros(2))",
}


def test_tensors_inside_a_test_list_stay_the_tests_across_calls(tmp_path: Path) -> None:
    """A container the test lends holds tensors the runner moved too: a call that changes nothing
    leaves them the test's own objects, and the next call finds them in the kernel."""
    source = squares_source()
    source.cells = [new_code_cell("def kinds(calls):\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION",
                                  metadata=meta("answer", solution=True))]
    for gid, test in CONTAINER_TESTS.items():
        source.cells.append(new_code_cell(test, metadata=meta(gid, grade=True, locked=True, points=1)))
    released = release_notebook(source)
    students = {"honest": with_answers(released, {"answer": CONTAINER_ANSWER})}
    got = _grade(_course(tmp_path, source, students, name="containers"), "containers", workers=1)
    points = {c.grade_id: (c.points, c.message) for c in got["honest"].cells}
    assert points == {gid: (1.0, "") for gid in CONTAINER_TESTS}, points
