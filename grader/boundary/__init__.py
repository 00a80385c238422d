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
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from grader import cells
from grader.boundary.codec import CodecError, loads
from grader.forkserver import ForkServer, import_time_environment
from grader.sandbox.enter import SandboxEntryError, check_from_host
from grader.sandbox.holder import HolderError, end_holder, start_holder
from grader.sandbox.policy import Sandbox, SandboxPolicy, runner_policy

if TYPE_CHECKING:  # nbformat takes a second to import; this module only reads cells
    from nbformat import NotebookNode

CODEC_SOURCE = (Path(__file__).parent / "codec.py").read_text(encoding="utf-8")
AGENT_SOURCE = (Path(__file__).parent / "agent.py").read_text(encoding="utf-8")
AGENT_DIGEST = hashlib.sha256((CODEC_SOURCE + "\0" + AGENT_SOURCE).encode()).hexdigest()
AGENT_CACHE = "gc100_agent_code"  # where a warm kernel's parent keeps the agent, compiled
# the agent runs in the kernel on the codec, which it finds as its global `codec`
INSTALL_AGENT = f"""def __gc100_install(codec_source, agent_source):
    import types
    codec = types.ModuleType("gc100_codec")
    exec(compile(codec_source, "gc100_codec", "exec"), codec.__dict__)
    module = types.ModuleType("gc100_agent")
    module.codec = codec
    exec(compile(agent_source, "gc100_agent", "exec"), module.__dict__)
    module.install(get_ipython())
__gc100_install({CODEC_SOURCE!r}, {AGENT_SOURCE!r})
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


def _absolute_imports(nb: NotebookNode, wanted: Callable[[NotebookNode], bool]) -> Iterator[str]:
    """The absolute module names that the `wanted` code cells import, anywhere in them."""
    for cell in nb.cells:
        tree = _parse(cell.source) if cell.cell_type == "code" and wanted(cell) else None
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                yield node.module


def imported_modules(nb: NotebookNode, tests: bool = True) -> set[str]:
    """Top-level packages the instructor's notebook imports anywhere (in its test cells too
    unless `tests` is False): the runner may use them."""
    return {name.split(".")[0] for name in
            _absolute_imports(nb, lambda cell: tests or not is_test_cell(cell))}


def instructor_modules(nb: NotebookNode) -> list[str]:
    """Every module the instructor's cells (teaching cells and tests, not answers) import by its
    absolute name: the runner imports them as it starts, so that a student object of a class
    they define is recognised (capabilities.named_class only finds classes already imported)."""
    return sorted(set(_absolute_imports(nb, lambda cell: not cells.is_solution(cell))))


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


def _bindings(tree: ast.Module) -> list[tuple[str, tuple[str, str, str] | None]]:
    """The names a cell binds in the notebook's namespace, each with the import that binds it
    (["import", module, value's module] or ["from", module, name]) or None for any other
    binding: assignment, def, class, for, with, del, a `global` in a function."""
    found: list[tuple[str, tuple[str, str, str] | None]] = []

    def visit(node: ast.AST, top: bool) -> None:
        if isinstance(node, ast.Import) and top:
            for alias in node.names:
                if alias.asname:
                    found.append((alias.asname, ("import", alias.name, alias.name)))
                else:
                    first = alias.name.split(".")[0]
                    found.append((first, ("import", alias.name, first)))
            return
        if isinstance(node, ast.ImportFrom) and top:
            for alias in node.names:
                absolute = node.module if node.module and not node.level else None
                binding = ("from", absolute, alias.name) if absolute and alias.name != "*" else None
                found.append((alias.asname or alias.name, binding))
            return
        if isinstance(node, ast.Global):
            found.extend((name, None) for name in node.names)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if top:
                found.append((node.name, None))
            for child in ast.iter_child_nodes(node):
                visit(child, False)
            return
        if isinstance(node, ast.Lambda):
            visit(node.body, False)
            return
        if top and isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            found.append((node.id, None))
        if top and isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            found.append((node.name, None))
        if top and isinstance(node, ast.MatchMapping) and node.rest:
            found.append((node.rest, None))
        # comprehension variables are local to the comprehension
        inner = top and not isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp,
                                              ast.GeneratorExp))
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, True)
    return found


def instructor_imports(nb: NotebookNode) -> dict[str, list[str]]:
    """Names that the instructor's own cells (not answers, not tests) bind by importing, and
    that no cell binds in any other way: the runner imports these itself when a test reads
    them, so a test that uses `np` or a `graphcompute` helper a teaching cell imported gets
    the library, whatever the student's kernel holds under that name."""
    imports: dict[str, tuple[str, str, str]] = {}
    other: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type != "code" or is_test_cell(cell):
            continue
        tree = _parse(cell.source)
        if tree is None:
            continue
        answer = cells.is_solution(cell)
        for name, binding in _bindings(tree):
            if binding is None or imports.get(name, binding) != binding:
                other.add(name)
            elif not answer:
                imports[name] = binding
    return {name: list(binding) for name, binding in imports.items() if name not in other}


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


class RunnerError(RuntimeError):
    """The test runner did not start, or said something that is not a reply."""


OUTPUT_TYPES = {"stream", "error", "execute_result"}
MAX_REPLY = 4 * 2**20  # bytes of one reply line: the runner caps what a cell prints far below


def decode_reply(line: bytes) -> dict:
    """A runner's reply to a test cell, checked field by field as plain data; RunnerError
    otherwise. The runner decodes hostile data, so what it says is decoded as strictly as what
    a kernel says: only the outputs a test cell can have, of exactly their types."""
    try:
        reply = loads(line.decode("utf-8"))
    except (UnicodeDecodeError, CodecError) as error:
        raise RunnerError(f"the test runner's reply is not JSON: {error}") from None
    if type(reply) is not dict or reply.get("kernel") not in ("ok", "dead", "timeout") or \
            type(reply.get("outputs")) is not list or type(reply.get("requests", 0)) is not int:
        raise RunnerError("the test runner's reply is not one")
    for output in reply["outputs"]:
        kind = output.get("output_type") if type(output) is dict else None
        if kind not in OUTPUT_TYPES or not _well_formed(output):
            raise RunnerError(f"the test runner sent an output that is not one: {str(output)[:80]}")
    return {"outputs": reply["outputs"], "kernel": reply["kernel"], "requests": reply.get("requests", 0)}


def _well_formed(output: dict) -> bool:
    kind = output["output_type"]
    if kind == "stream":
        return set(output) == {"output_type", "name", "text"} and \
            output["name"] in ("stdout", "stderr") and type(output["text"]) is str
    if kind == "error":
        return set(output) == {"output_type", "ename", "evalue", "traceback"} and \
            type(output["ename"]) is str and type(output["evalue"]) is str and \
            type(output["traceback"]) is list and all(type(t) is str for t in output["traceback"])
    return set(output) == {"output_type", "execution_count", "metadata", "data"} and \
        type(output["execution_count"]) is int and output["metadata"] == {} and \
        type(output["data"]) is dict and list(output["data"]) == ["text/plain"] and \
        type(output["data"]["text/plain"]) is str


class TestRunner:
    """The runner process of one notebook's test cells, in a sandbox of its own; killed and
    replaced if it hangs.

    With a `policy`, each runner is forked from the runners' parent and then confined
    (grader.sandbox.enter.confine): bubblewrap's namespaces (another user namespace, PID
    namespace and mount namespace than the kernel's), the sandbox's unprivileged user, its own
    cgroup and resource limits, and only the assignment's files and the kernel's sockets in
    view. It talks to the grader only over the socket it was forked with."""

    __test__ = False  # not a pytest class, whatever its name

    def __init__(self, socket_dir: str, cwd: Path, source_nb: NotebookNode,
                 policy: SandboxPolicy | None = None) -> None:
        self.socket_dir = socket_dir
        self.cwd = cwd
        self.policy = runner_policy(policy) if policy is not None else None
        self.modules = preimports(source_nb)
        self.start = {"op": "start", "socket_dir": socket_dir,
                      "allowed": sorted(imported_modules(source_nb)),
                      "kernel_first": sorted(notebook_builtins(source_nb)),
                      "imports": instructor_imports(source_nb),
                      "modules": instructor_modules(source_nb)}
        self.sock: socket.socket | None = None
        self.box: Sandbox | None = None
        self.holder: subprocess.Popen | None = None
        self.buffer = b""
        self.pid = 0
        self.generation = 0
        self.connection: dict | None = None
        self.sent_connection = -1

    def _spawn(self) -> None:
        request: dict = {"cwd": str(self.cwd), "holder": 0, "uid": None}
        if self.policy is not None:
            self.box = Sandbox.open(self.policy, self.cwd, Path(self.socket_dir), hostname="runner")
            request |= {"cgroup_procs": self.box.cgroup.procs_files if self.box.cgroup else [],
                        "rlimits": self.box.rlimits, "uid": self.box.uid}
            if self.box.isolated:
                try:
                    self.holder, request["holder"] = start_holder(
                        self.box.holder_prefix(), runner_environment())
                except HolderError as error:
                    raise RunnerError(f"the test runner's sandbox: {error}") from error
        self.sock, first = ZYGOTE.request(self.modules, runner_environment(), request)
        if "error" in first:
            raise RunnerError(f"the test runner could not enter its sandbox: {first['error']}")
        self.pid = int(first["pid"])
        if request["holder"]:
            try:
                check_from_host(self.pid, request["uid"])
            except SandboxEntryError as error:
                raise RunnerError(str(error)) from error
        self._send(self.start)
        if self._receive(60.0) is None:
            raise RunnerError("the test runner did not answer")

    def _send(self, message: dict) -> None:
        assert self.sock is not None
        self.sock.sendall((json.dumps(message) + "\n").encode())

    def _receive(self, timeout: float) -> bytes | None:
        """One line from the runner, or None if none came in `timeout` or it closed."""
        assert self.sock is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or len(self.buffer) > MAX_REPLY:
                return None
            ready, _, _ = select.select([self.sock], [], [], left)
            chunk = self.sock.recv(1 << 16) if ready else b""
            if not chunk:
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def kernel_restarted(self, connection: dict) -> None:
        """A new kernel: its connection, for the runner to reach it (never read from a file in
        the socket folder, which the kernel can write)."""
        self.generation += 1
        self.connection = {k: v.decode() if isinstance(v, bytes) else v for k, v in connection.items()}

    def run_cell(self, source: str, number: int, timeout: float) -> dict:
        """Outputs of one test cell, and what became of the kernel: ok, dead or timeout; or
        "runner" when the runner failed during the cell ("problem" says how). Raises
        RunnerError when no runner can start at all."""
        if self.sock is None:  # a runner that cannot start is the grader's failure, not the student's
            try:
                self._spawn()
            except BaseException:
                self.close()
                raise
        started = time.monotonic()
        try:
            message = {"op": "cell", "source": source, "number": number, "timeout": timeout,
                       "generation": self.generation}
            if self.sent_connection != self.generation:
                message["connection"] = self.connection
                self.sent_connection = self.generation
            self._send(message)
            line = self._receive(timeout + GRACE)
            reply = decode_reply(line) if line is not None else None
        except (OSError, RunnerError) as error:
            self.close()
            return {"outputs": [], "kernel": "runner", "problem": str(error)[:300]}
        if reply is None:  # the test itself never ended, or the runner died: a fresh one next time
            self.close()
            status = "timeout" if time.monotonic() - started >= timeout else "runner"
            return {"outputs": [], "kernel": status, "problem": "the test runner stopped"}
        return reply

    def close(self) -> None:
        """End the runner and everything in its sandbox; SandboxLeft if something survives."""
        if self.sock is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            if not self.holder and self.pid:  # no PID namespace: its process group, then
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.pid, signal.SIGKILL)
            self.sock.close()
            self.sock = None
        self.buffer = b""
        self.sent_connection = -1
        if self.holder is not None:
            end_holder(self.holder)  # its PID namespace, and every process in it, ends
            self.holder = None
        if self.box is not None:
            box, self.box = self.box, None
            box.close()
