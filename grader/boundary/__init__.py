"""The boundary between tests and student code: test cells run outside the student's kernel.

The grader runs student cells in the sandboxed kernel and hands every test cell, restored from
the source, to a trusted runner process (grader/boundary/runner.py) that has never run student
code. The runner reaches student objects through an agent in the kernel (agent.py) and decodes
every reply as plain data; hidden tests and expected values never enter the kernel, so code the
student controls cannot decide a verdict (../README.md, "Threat model").
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import hashlib
import json
import os
import select
import signal
import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from grader import cells
from grader.forkserver import ForkServer, import_time_environment

if TYPE_CHECKING:  # nbformat takes a second to import; this module only reads cells
    from nbformat import NotebookNode

AGENT_PATH = Path(__file__).parent / "agent.py"
AGENT_SOURCE = AGENT_PATH.read_text(encoding="utf-8")
AGENT_DIGEST = hashlib.sha256(AGENT_SOURCE.encode()).hexdigest()
AGENT_CACHE = "gc100_agent_code"  # where a warm kernel's parent keeps the agent, compiled
INSTALL_AGENT = f"""def __gc100_install(source):
    import types
    module = types.ModuleType("gc100_agent")
    exec(compile(source, "gc100_agent", "exec"), module.__dict__)
    module.install(get_ipython())
__gc100_install({AGENT_SOURCE!r})
del __gc100_install
"""
# the same from a warm kernel's parent's copy; fails where there is none, or another version
INSTALL_CACHED_AGENT = f"__import__('sys').modules[{AGENT_CACHE!r}].install(get_ipython(), {AGENT_DIGEST!r})"
GRACE = 5.0  # seconds a runner may take beyond a cell's limit before it is killed
# CPython 3.11's ast module keeps its recursion guard per interpreter, not per thread: parsing in
# two grading threads at once fails with "AST constructor recursion depth mismatch"
_PARSE_LOCK = threading.Lock()


def is_test_cell(cell: NotebookNode) -> bool:
    """A cell whose code is the instructor's test: graded, code, not an answer."""
    return cell.cell_type == "code" and cells.is_grade(cell) and not cells.is_solution(cell)


@functools.lru_cache(maxsize=4096)
def _parse(source: str) -> ast.Module | None:
    """The tree of a cell's code, parsed once: every submission of a batch asks about the same
    source cells (38 ms a submission on day 30, uncached). Callers only read the tree."""
    try:
        with _PARSE_LOCK:
            return ast.parse(source)
    except (SyntaxError, ValueError):
        return None  # IPython magics and the like: nothing to learn from this cell


def imported_modules(nb: NotebookNode, tests: bool = True) -> set[str]:
    """Top-level packages the instructor's notebook imports anywhere (in its test cells too
    unless `tests` is False): the runner may use them."""
    found: set[str] = set()
    for cell in nb.cells:
        wanted = cell.cell_type == "code" and (tests or not is_test_cell(cell))
        tree = _parse(cell.source) if wanted else None
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


# Packages that take seconds to import: the runners' parent imports those the notebooks being
# graded use, once; a runner imports anything lighter itself, after the fork
HEAVY = {"numpy", "torch", "matplotlib", "scipy", "sklearn", "pandas", "hypothesis", "sympy",
         "jax", "tensorflow", "IPython", "graphcompute"}


# Submodules that their package's common use imports later, at a cost: pyplot, and torch's
# compiler, which the first optimizer step imports (1.3 s and 800 modules)
HEAVY_SUBMODULES = {"matplotlib": ("matplotlib.pyplot",),
                    "torch": ("torch.nn", "torch.optim", "torch._dynamo")}


def heavy_imports(nb: NotebookNode, tests: bool = True) -> frozenset[str]:
    """The heavy packages a notebook imports, with the submodules their use imports later: what
    a parent process imports once for many. The kernels' parent asks without the test cells
    (`tests=False`): what a student's kernel finds imported must not tell what a hidden test uses."""
    found = imported_modules(nb, tests) & HEAVY
    return frozenset(found.union(*(HEAVY_SUBMODULES.get(name, ()) for name in found)))


def preimports(nb: NotebookNode) -> frozenset[str]:
    """What the runners' parent imports for this notebook: its heavy packages, and the runner's own."""
    return heavy_imports(nb) | {"jupyter_client", "zmq"}


def notebook_builtins(nb: NotebookNode) -> set[str]:
    """Builtin names that the notebook's own non-test cells rebind: tests must see those."""
    found: set[str] = set()
    for cell in nb.cells:
        tree = _parse(cell.source) if cell.cell_type == "code" and not is_test_cell(cell) else None
        for node in tree.body if tree else ():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found.update(t.id for t in targets if isinstance(t, ast.Name))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                found.update((a.asname or a.name).split(".")[0] for a in node.names)
    return {name for name in found if hasattr(builtins, name)}


def forgeable_helpers(nb: NotebookNode) -> list[str]:
    """Test cells that call a function or class a teaching cell defines, one line each.

    Such a name lives in the student's kernel, where an answer cell can redefine it: the test
    would check the student against a helper the student controls."""
    defined: dict[str, str] = {}
    for cell in nb.cells:
        teaching = cell.cell_type == "code" and not is_test_cell(cell) and not cells.is_solution(cell)
        tree = _parse(cell.source) if teaching else None
        for node in tree.body if tree else ():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defined[node.name] = cells.grade_id(cell) or "a teaching cell"
    found = []
    for cell in nb.cells:
        tree = _parse(cell.source) if is_test_cell(cell) else None
        if tree is None:
            continue
        own = {n.name for n in ast.walk(tree)
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        called = {n.func.id for n in ast.walk(tree)
                  if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        for name in sorted(called & defined.keys() - own):
            found.append(f"{cells.grade_id(cell)} calls {name}(), defined in {defined[name]}: "
                         "a student can redefine it (define it in the test cell or a package)")
    return found


def visible_imports(released_source: str) -> str:
    """The import statements of a test cell's visible part, which later student cells may rely on."""
    tree = _parse(released_source)
    lines = released_source.splitlines()
    return "\n".join("\n".join(lines[n.lineno - 1:n.end_lineno]) for n in (tree.body if tree else ())
                     if isinstance(n, (ast.Import, ast.ImportFrom)) and n.col_offset == 0)


RUNNER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1",
              "MPLBACKEND": "Agg"}


# One pre-imported runner parent per grading process, forking a runner per notebook
ZYGOTE = ForkServer("grader.boundary.runner")


def runner_environment() -> dict[str, str]:
    return {**import_time_environment(dict(os.environ)), **RUNNER_ENV}


class TestRunner:
    """A runner process for one notebook's test cells; killed and replaced if it hangs."""

    def __init__(self, connection_file: str, cwd: Path, source_nb: NotebookNode) -> None:
        self.connection_file = connection_file
        self.cwd = cwd
        self.modules = preimports(source_nb)
        self.start = {"op": "start", "connection_file": connection_file,
                      "allowed": sorted(imported_modules(source_nb)),
                      "kernel_first": sorted(notebook_builtins(source_nb))}
        self.sock: socket.socket | None = None
        self.reader = None
        self.pid = 0
        self.generation = 0

    def _spawn(self) -> None:
        self.sock, first = ZYGOTE.request(self.modules, runner_environment(), {"cwd": str(self.cwd)})
        self.pid = int(first["pid"])
        self.reader = self.sock.makefile("r", encoding="utf-8")
        self._send(self.start)
        if self._receive(60.0) is None:
            raise RuntimeError("the test runner did not answer")

    def _send(self, message: dict) -> None:
        assert self.sock is not None
        self.sock.sendall((json.dumps(message) + "\n").encode())

    def _receive(self, timeout: float) -> dict | None:
        assert self.sock is not None and self.reader is not None
        ready, _, _ = select.select([self.sock], [], [], timeout)
        line = self.reader.readline() if ready else ""
        return json.loads(line) if line else None

    def kernel_restarted(self) -> None:
        self.generation += 1

    def run_cell(self, source: str, number: int, timeout: float) -> dict:
        """Outputs of one test cell, and what became of the kernel: ok, dead or timeout."""
        if self.sock is None:
            self._spawn()
        started = time.monotonic()
        try:
            self._send({"op": "cell", "source": source, "number": number, "timeout": timeout,
                        "generation": self.generation})
            reply = self._receive(timeout + GRACE)
        except OSError:
            reply = None
        if reply is None:  # the test itself never ended, or the runner died: a fresh one next time
            self.close()
            status = "timeout" if time.monotonic() - started >= timeout else "runner"
            return {"outputs": [], "kernel": status}
        return reply

    def close(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.sock.close()
            self.sock = None
            self.reader = None
