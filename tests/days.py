"""The days of the curriculum as test data: their notebooks, mutants, and graded runs."""

from __future__ import annotations

import ast
import functools
import importlib.util
import shutil
import symtable
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from grader import cells
from grader.course import load_course
from grader.execute import Limits
from grader.grade import grade_assignment
from grader.gradebook import Gradebook
from grader.release import answer_from_solution, release_notebook
from grader.warmup import start_parents

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL_NAME = "graphcompute"


def day_notebooks() -> list[Path]:
    return sorted(p / f"{p.name}.ipynb" for p in NOTEBOOKS.glob("day[0-9][0-9][0-9]-*") if p.is_dir())


def changed(source: str, *edits: tuple[str, str]) -> str:
    """`source` with each `old` text, found exactly once, replaced by `new`: a mutant made from
    the instructor's answer by one small edit."""
    for old, new in edits:
        assert source.count(old) == 1, f"{old!r} is not in the answer exactly once"
        source = source.replace(old, new)
    return source


def mutants(day: str) -> list[dict]:
    path = Path(__file__).parent / "mutants" / f"{day[:6]}.py"
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location(f"mutants_{day[:6]}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MUTANTS


def with_answers(source: NotebookNode, overrides: dict[str, str]) -> NotebookNode:
    """The release of `source` answered with the instructor's answers, except `overrides`
    (grade id -> the answer cell's whole source)."""
    nb = release_notebook(source)
    answers = {cells.grade_id(c): answer_from_solution(c.source) for c in source.cells
               if cells.is_solution(c)}
    for cell in nb.cells:
        gid = cells.grade_id(cell)
        if gid in answers:
            cell.source = overrides.get(gid, answers[gid])
    return nb


def students_for(source: NotebookNode, day: str) -> dict[str, NotebookNode]:
    """The instructor's answers, the untouched release, and one student per mutant."""
    students = {"instructor": with_answers(source, {}), "released": release_notebook(source)}
    for number, mutant in enumerate(mutants(day)):
        students[f"mutant{number:02d}"] = with_answers(source, {mutant["cell"]: mutant["source"]})
    return students


# -- several mutants in one grading, where that cannot change what each one is judged by --------

# calls whose effect outlives the cell that makes them: a mutant making one is graded alone
_LASTING_EFFECTS = ("global ", "nonlocal ", "set_default_dtype", "manual_seed", "random.seed",
                    "setrecursionlimit", "set_num_threads", "set_grad_enabled", "builtins",
                    "sys.modules", "os.environ", "setattr(", "globals(", "exec(", "eval(",
                    "warnings.", "set_printoptions", "use_deterministic")


def _exercise(gid: str) -> str | None:
    return gid.split("_")[0] if gid.startswith("ex") else None


def _bound_by(statements: list[ast.stmt]) -> set[str]:
    """The names these top-level statements bind (inside if/for/try/with too)."""
    names: set[str] = set()
    for node in statements:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        else:
            for child in ast.walk(node):
                if isinstance(child, ast.Name) and isinstance(child.ctx, (ast.Store, ast.Del)):
                    names.add(child.id)
                elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    names.add(child.name)
    return names


def _bound_names(source: str) -> set[str]:
    """The names a cell binds at the notebook's top level."""
    try:
        return _bound_by(ast.parse(source).body)
    except SyntaxError:
        return {"<unparsed>"}


def _global_reads(table: symtable.SymbolTable) -> set[str]:
    """The names a piece of code reads from the notebook's namespace: module-level references,
    and the globals its functions, classes and comprehensions refer to."""
    top = table.get_type() == "module"
    names = {s.get_name() for s in table.get_symbols()
             if s.is_referenced() and (s.is_global() or (top and not s.is_imported()))}
    for child in table.get_children():
        names |= _global_reads(child)
    return names


def _reads(node: ast.AST) -> set[str]:
    text = ast.unparse(node)
    return _global_reads(symtable.symtable(text, "<cell>", "exec"))


def _target_names(target: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def _free_in(body: list[ast.stmt], bound: set[str], free: set[str]) -> set[str]:
    """Add to `free` what `body` reads before binding it; return what `body` surely binds."""
    bound = set(bound)
    for statement in body:
        if isinstance(statement, (ast.For, ast.AsyncFor)):
            free |= _reads(statement.iter) - bound
            inner = bound | _target_names(statement.target)
            _free_in(statement.body, inner, free)
            _free_in(statement.orelse, bound, free)
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            for item in statement.items:
                free |= _reads(item.context_expr) - bound
                if item.optional_vars is not None:
                    bound |= _target_names(item.optional_vars)
            bound = _free_in(statement.body, bound, free)
        elif isinstance(statement, (ast.If, ast.While)):
            free |= _reads(statement.test) - bound
            _free_in(statement.body, bound, free)
            _free_in(statement.orelse, bound, free)
        elif isinstance(statement, ast.Try):
            _free_in(statement.body, bound, free)
            for handler in statement.handlers:
                _free_in(handler.body, bound, free)
            _free_in(statement.orelse, bound, free)
            _free_in(statement.finalbody, bound, free)
        else:
            free |= _reads(statement) - bound
            bound |= _bound_by([statement])
    return bound


def _free_names(source: str) -> set[str] | None:
    """The names a cell reads before it binds them itself (a function body counts as read where
    the function is defined; a name bound only in a branch or a loop is not bound after it)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None  # unknown: it may read anything
    free: set[str] = set()
    _free_in(tree.body, set(), free)
    return free


def _data_names(source: str) -> set[str]:
    """The names a cell binds to values, not to functions, classes or modules."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return set()
    kept = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
    return _bound_by([s for s in body if not isinstance(s, kept)])


def mutant_groups(source: NotebookNode, found: list[dict]) -> list[list[int]]:
    """The day's mutants (by index) in groups that one grading judges as exactly as grading each
    alone. The mutants of a group change answers of different exercises, and nothing after an
    exercise reads a name its cells bind (answer, mutant or test cell) or a teaching value they
    read: so a wrong answer, a test cell stopped half way, or an input changed in place cannot
    move a later exercise's points, and cells run in order, so no later mutant reaches an earlier
    exercise. A mutant with a lasting effect on the process (a seed, a default dtype, a global)
    is graded alone."""
    code = [c for c in source.cells if c.cell_type == "code"]
    position = {cells.grade_id(c): i for i, c in enumerate(code)}
    exercise_of = [_exercise(cells.grade_id(c)) for c in code]
    used = [_free_names(c.source) for c in code]

    # values the teaching cells made: a wrong answer may change one in place
    data = set().union(*(_data_names(c.source) for c, e in zip(code, exercise_of) if e is None))

    def reaches_later(m: dict) -> bool:
        """Whether anything after the mutant's answer, outside its exercise, may read what its
        exercise binds, or a teaching value that its exercise reads."""
        ex = _exercise(m["cell"])
        mine = [m["source"], *(c.source for c, e in zip(code, exercise_of) if e == ex)]
        reads = [_free_names(text) for text in mine]
        if any(r is None for r in reads):
            return True
        footprint = set().union(*map(_bound_names, mine)) | (data & set().union(*reads))
        return any(u is None or u & footprint
                   for u, e in zip(used[position[m["cell"]] + 1:], exercise_of[position[m["cell"]] + 1:])
                   if e != ex)

    alone, groupable = [], []
    for number, m in enumerate(found):
        lasting = any(word in m["source"] for word in _LASTING_EFFECTS)
        if lasting or _exercise(m["cell"]) is None or reaches_later(m):
            alone.append([number])
        else:
            groupable.append(number)
    groups: list[list[int]] = []
    for number in groupable:  # first fit: each group takes one mutant per exercise
        ex = _exercise(found[number]["cell"])
        for group in groups:
            if ex not in {_exercise(found[k]["cell"]) for k in group}:
                group.append(number)
                break
        else:
            groups.append([number])
    return sorted(groups + alone)


@functools.cache
def warm_parents() -> None:
    """Start the kernels' and the test runners' parents once, with every day's packages, so that
    no later day makes them start again with more."""
    sources = [nbformat.read(path, as_version=4) for path in day_notebooks()]
    for starting in start_parents(sources, threads=1):
        starting.join()


def grade_day(notebook: Path, workdir: Path, students: dict[str, NotebookNode],
              workers: int = 1) -> tuple[dict, Path]:
    """Grade `students` on one day with the real grader; return the latest records by student."""
    day = notebook.parent.name
    course_dir = workdir / "course"
    shutil.copytree(notebook.parent, course_dir / "source" / day,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for name, nb in students.items():
        folder = course_dir / "submitted" / name / day
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / notebook.name)
    course = load_course(course_dir)
    warm_parents()
    with Gradebook(course.db_url) as gradebook:
        grade_assignment(course, day, gradebook, workers=workers,
                         limits=Limits(cell_timeout=120, notebook_timeout=300),
                         kernel_threads=1)  # pytest-xdist already runs one day per core
        records = {r.student_id: r for r in gradebook.latest_records()}
    return records, course_dir
