"""Execute: run a notebook cell by cell with nbclient, surviving whatever the cells do.

Each cell has a time limit; a cell that exceeds it gets an error output and scores nothing, and
the rest of the notebook still runs. When the kernel dies or cannot be interrupted, a fresh one
replays the cells that ran before (outputs discarded) and execution goes on after the culprit.
Output beyond a size limit is dropped as it arrives, so a cell printing gigabytes costs memory
for the limit only.
"""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

import nbformat
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat import NotebookNode

from grader import cells
from grader.boundary import (
    INSTALL_AGENT,
    INSTALL_CACHED_AGENT,
    TestRunner,
    is_test_cell,
    visible_imports,
)
from grader.release import replace_region
from grader.sandbox import Sandbox, SandboxPolicy
from grader.sandbox.policy import kernel_environment
from grader.sandbox.warm import KERNEL_MODULE, WarmLaunch, WarmProvisioner

# A grading kernel keeps its input history in memory: its home is a scratch folder, deleted
# after grading, and a history file there cost every kernel a database and a writer thread
KERNEL_ARGV = [sys.executable, "-Xfrozen_modules=off", "-m", KERNEL_MODULE, "-f",
               "{connection_file}", "--HistoryManager.hist_file=:memory:"]


class KernelStartError(RuntimeError):
    """No kernel would start for this notebook: nothing of the submission ran, so there is
    no grade to give (the caller records an internal error and grades it again later)."""


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 60.0
    notebook_timeout: float = 900.0
    max_output_bytes: int = 1_000_000  # per cell
    max_restarts: int = 3


@dataclass(frozen=True)
class Boundary:
    """Run test cells outside the kernel (grader.boundary): the instructor's notebook, for what
    it imports, and a folder of the assignment's own files for the runner to work in."""

    source: NotebookNode
    assets: Path


@dataclass
class Execution:
    nb: NotebookNode
    events: list[str] = field(default_factory=list)
    seconds: float = 0.0


def error_output(ename: str, evalue: str) -> NotebookNode:
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class _LimitedClient(NotebookClient):
    """nbclient with a cap on output size per cell and a record of timeouts."""

    def __init__(self, *args: Any, max_output_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_output_bytes = max_output_bytes
        self.output_bytes: dict[int, int] = {}
        self.truncated: set[int] = set()
        self.timed_out = False

    def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> Any:
        size = len(str(msg.get("content", "")))
        used = self.output_bytes.get(cell_index, 0) + size
        self.output_bytes[cell_index] = used
        if used > self.max_output_bytes:
            if cell_index not in self.truncated:
                self.truncated.add(cell_index)
                outs.append(nbformat.v4.new_output(
                    "stream", name="stdout",
                    text=f"\n[gc100: output truncated after {self.max_output_bytes:,} bytes]\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)

    async def _async_handle_timeout(self, timeout: int, cell: NotebookNode | None = None) -> Any:
        self.timed_out = True
        return await super()._async_handle_timeout(timeout, cell)


class PromptClient(AsyncKernelClient):
    """A kernel client that is ready as soon as the kernel answers and IOPub is connected.

    jupyter_client's own waits for 0.2 s of silence on IOPub after the kernel's first answer, a
    fixed cost on every kernel started. nbclient matches IOPub messages to their request, so
    whatever arrives later unread is ignored anyway.
    """

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
        asked: set[str] = set()  # a reply to any request of ours: a kernel that is slow to
        # answer the first stays one reply behind, and matching only the newest never ends
        while True:
            asked.add(self.kernel_info())
            try:
                reply = await self._async_get_shell_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["parent_header"].get("msg_id") in asked:
                try:  # the kernel publishes its status for every request: IOPub is connected
                    await self._async_get_iopub_msg(timeout=0.2)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} s")
        while True:  # what is already queued, without waiting for more
            try:
                await self._async_get_iopub_msg(timeout=0.005)
            except Empty:
                break

    wait_for_ready = _async_wait_for_ready  # the public name is bound to jupyter_client's own


def _kernel_manager(socket_dir: str, log_path: str, sandbox: Sandbox | None,
                    preload: frozenset[str] | None = None) -> AsyncKernelManager:
    """A kernel of this interpreter, whatever kernel the notebook names, over Unix sockets.

    IPC sockets in a private folder instead of TCP on loopback: nothing else on the machine can
    connect, and they keep working when the kernel runs in its own network namespace. In a
    sandbox the kernel is interrupted by a message on its control channel, since a signal to
    the launcher does not cross into the kernel's PID namespace. With `preload`, the kernel is
    forked from a parent that has imported those modules (grader.sandbox.warm); the command
    below is what starts it cold when that cannot work here.
    """
    km = AsyncKernelManager(kernel_name="gc100", transport="ipc", ip=os.path.join(socket_dir, "k"),
                            client_class="grader.execute.PromptClient")
    km.connection_file = os.path.join(socket_dir, "kernel.json")
    argv = (sandbox.launcher(km.connection_file) if sandbox else []) + list(KERNEL_ARGV)
    mode = "message" if sandbox and sandbox.isolated else "signal"
    km._kernel_spec = KernelSpec(argv=argv, display_name="gc100 grading kernel",
                                 language="python", env={}, interrupt_mode=mode)
    if preload is not None:
        km.kernel_id = str(uuid.uuid4())
        provisioner = WarmProvisioner(kernel_id=km.kernel_id, kernel_spec=km._kernel_spec, parent=km)
        provisioner.launch = WarmLaunch(preload, sandbox, log_path)
        km.provisioner = provisioner
    return km


async def _async_kernel_responds(client: _LimitedClient, wait: float) -> bool:
    """True when the kernel answers a kernel_info request: it is alive and no cell is still running."""
    kc = client.kc
    if kc is None:
        return False
    deadline = time.monotonic() + wait
    try:
        msg_id = kc.kernel_info()
        while time.monotonic() < deadline:
            try:
                reply = await kc.shell_channel.get_msg(timeout=max(0.05, deadline - time.monotonic()))
            except Empty:
                continue
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return True
    except Exception:
        return False
    return False


_kernel_responds = run_sync(_async_kernel_responds)


def _new_client(nb: NotebookNode, workdir: Path, limits: Limits, socket_dir: str,
                log_path: str, sandbox: Sandbox | None,
                preload: frozenset[str] | None) -> _LimitedClient:
    return _LimitedClient(
        nb, km=_kernel_manager(socket_dir, log_path, sandbox, preload), timeout=int(max(1, limits.cell_timeout)), allow_errors=True,
        interrupt_on_timeout=True, startup_timeout=60, iopub_timeout=2, record_timing=False,
        error_on_timeout={"ename": "CellTimeoutError",
                          "evalue": f"this cell ran longer than {limits.cell_timeout:g} s",
                          "traceback": []},
        resources={"metadata": {"path": str(workdir)}}, max_output_bytes=limits.max_output_bytes,
        shutdown_kernel="immediate")


def execute_notebook(nb: NotebookNode, workdir: Path, limits: Limits = Limits(),
                     env: dict[str, str] | None = None,
                     policy: SandboxPolicy | None = None,
                     boundary: Boundary | None = None,
                     preload: frozenset[str] | None = None) -> Execution:
    """Run every code cell of a copy of `nb` in a kernel started in `workdir`.

    With a `policy`, the kernel runs in a sandbox (see grader.sandbox) and every process it
    started is gone when this returns. With a `boundary`, test cells run in a trusted runner
    that reaches the kernel's objects through handles, and never in the kernel itself. With
    `preload`, kernels are forked from a parent that has imported those modules (warm start).
    """
    nb = copy.deepcopy(nb)
    env = env if env is not None else kernel_environment()
    started = time.monotonic()
    events: list[str] = []
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for i in code_cells:
        nb.cells[i].outputs = []
        nb.cells[i].execution_count = None
    pending = list(code_cells)
    socket_dir = tempfile.mkdtemp(prefix="gc100-")  # short: socket paths are limited to 108 bytes
    # the kernel's log, in a folder of the grader's that no sandbox sees: the kernel can write
    # in its socket folder, and a link it left there must never be a path the grader opens
    log_dir = tempfile.mkdtemp(prefix="gc100-log-")
    log_path = os.path.join(log_dir, "kernel.log")
    sandbox = runner = None
    try:
        sandbox = Sandbox.open(policy, workdir, Path(socket_dir)) if policy else None
        runner = TestRunner(socket_dir, boundary.assets, boundary.source,
                            policy) if boundary else None
        _run_cells(nb, workdir, limits, env, socket_dir, log_path, sandbox, pending, events,
                   started, runner, preload)
    finally:
        # every process of the submission is gone before this returns, or it raises
        try:
            if runner:
                runner.close()
        finally:
            if sandbox:
                left = sandbox.close()
                if left:
                    events.append(f"ended {len(left)} process(es) the submission left running")
            shutil.rmtree(socket_dir, ignore_errors=True)
            shutil.rmtree(log_dir, ignore_errors=True)
    return Execution(nb=nb, events=events, seconds=time.monotonic() - started)


def _log_tail(path: str) -> str:
    try:
        with open(path, "rb") as f:
            lines = f.read()[-2000:].decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1][:200] if lines else ""


def _run_test_cell(client: _LimitedClient, runner: TestRunner, cell: NotebookNode, i: int,
                   limits: Limits, events: list[str]) -> tuple[str, NotebookNode | None]:
    """Run a test cell in the runner; return the kernel's state and what later cells rely on."""
    _take_history_slot(client, cell, limits.cell_timeout)
    reply = runner.run_cell(cell.source, i, limits.cell_timeout)
    cell.outputs = [nbformat.from_dict(o) for o in reply.get("outputs", [])
                    if o.get("output_type") in ("stream", "error", "execute_result")]
    state = reply.get("kernel")
    if state == "runner":  # its own error, or one a hostile kernel provoked: the cell fails
        problem = reply.get("problem", "the test runner failed")
        cell.outputs.append(error_output("TestRunnerError", f"{problem}; this cell was not graded"))
        events.append(f"cell {i}: {problem}")
        return "ok", None
    if state == "timeout":
        cell.outputs.append(error_output("CellTimeoutError",
                                         f"this cell ran longer than {limits.cell_timeout:g} s"))
        events.append(f"cell {i}: timed out after {limits.cell_timeout:g} s")
        run_sync(client.km.interrupt_kernel)()
        if not _kernel_responds(client, wait=5.0):
            events.append(f"cell {i}: the kernel did not stop; restarted")
            return "dead", None
        return "ok", None
    if state == "dead":
        events.append(f"cell {i}: the kernel died while this test used it")
        return "dead", None
    source, _ = replace_region(cell.source, cells.BEGIN_HIDDEN_TESTS, cells.END_HIDDEN_TESTS, [])
    imports = visible_imports(source)
    if not imports:
        return "ok", None
    mirror = nbformat.v4.new_code_cell(imports)  # a later student cell may use what it imported
    _execute_quietly(client, imports, limits.cell_timeout)
    return "ok", mirror


def _take_history_slot(client: _LimitedClient, cell: NotebookNode, timeout: float) -> None:
    """A test cell takes its place in the kernel's history (In, the execution count) as under
    nbgrader, with a comment where its source would be: a test that runs `exec(In[-2])` finds
    the cell it expects, and no line of the test enters the kernel."""
    code = f"# {cells.grade_id(cell) or 'test'}: a test cell, run outside this kernel"
    with contextlib.suppress(TimeoutError, RuntimeError):  # a dead kernel: the runner will say so
        _execute_quietly(client, code, timeout, history=True)


def _execute_quietly(client: _LimitedClient, code: str, timeout: float,
                     history: bool = False) -> str:
    """Run code of the grader's in the kernel: no outputs, no cell of the notebook, and no
    history unless `history` (IPython keeps none of a silent execution). Returns the reply's
    status ("ok" or "error")."""
    reply = run_sync(client.kc.execute_interactive)(code, silent=not history, store_history=history,
                                                    timeout=timeout, output_hook=lambda msg: None)
    return reply.get("content", {}).get("status", "")


def _run_cells(nb: NotebookNode, workdir: Path, limits: Limits, env: dict[str, str],
               socket_dir: str, log_path: str, sandbox: Sandbox | None, pending: list[int],
               events: list[str],
               started: float, runner: TestRunner | None = None,
               preload: frozenset[str] | None = None) -> None:
    ran: list[tuple[int | None, NotebookNode]] = []  # what a restarted kernel must replay
    restarts = 0
    answered = False  # whether any kernel of this notebook has started
    while pending:
        if sandbox and sandbox.cgroup and restarts:
            sandbox.cgroup.kill_all()  # nothing of the last kernel survives into the next
        client = _new_client(nb, workdir, limits, socket_dir, log_path, sandbox, preload)
        restart = False
        log = open(log_path, "ab")  # the kernel's own complaints
        try:
            # cleanup_kc: nbclient shuts down only kernels it made itself, and this one is ours
            with log, client.setup_kernel(env=env, cwd=str(workdir), stdout=subprocess.DEVNULL,
                                          stderr=log, cleanup_kc=True):
                answered = True
                if runner:
                    if _execute_quietly(client, INSTALL_CACHED_AGENT, 60) != "ok":
                        _execute_quietly(client, INSTALL_AGENT, 60)  # a kernel started cold
                    runner.kernel_restarted(client.km.get_connection_info())
                for index, recorded in ran:  # bring a fresh kernel back to where the last one was
                    if index is None:
                        _execute_quietly(client, recorded.source, limits.cell_timeout)
                        continue
                    try:
                        client.execute_cell(copy.deepcopy(recorded), index, store_history=False)
                    finally:
                        nb.cells[index] = recorded  # a replay's outputs are discarded
                while pending:
                    i = pending[0]
                    if time.monotonic() - started > limits.notebook_timeout:
                        break
                    cell = nb.cells[i]
                    client.timed_out = False
                    if runner and is_test_cell(cell):
                        state, mirror = _run_test_cell(client, runner, cell, i, limits, events)
                        pending.pop(0)
                        if mirror is not None:
                            ran.append((None, mirror))
                        if state == "dead":
                            restart = True
                            break
                        continue
                    try:
                        client.execute_cell(cell, i)
                    except DeadKernelError:
                        if sandbox and sandbox.memory_exhausted():
                            limit = sandbox.policy.memory_bytes // 2**20
                            why = f"the kernel ran out of memory ({limit} MiB)"
                        else:
                            why = "the kernel died"
                        cell.outputs.append(error_output("DeadKernelError",
                                                         f"{why} while running this cell"))
                        events.append(f"cell {i}: {why}")
                        pending.pop(0)
                        restart = True
                        break
                    pending.pop(0)
                    if client.timed_out:
                        if not any(o.get("output_type") == "error" for o in cell.outputs):
                            cell.outputs.append(error_output(
                                "CellTimeoutError",
                                f"this cell ran longer than {limits.cell_timeout:g} s"))
                        events.append(f"cell {i}: timed out after {limits.cell_timeout:g} s")
                        if not _kernel_responds(client, wait=5.0):
                            events.append(f"cell {i}: the kernel did not stop; restarted")
                            restart = True
                            break
                        continue  # never replayed: it would only time out again
                    ran.append((i, cell))
        except DeadKernelError:
            restart = True
            events.append("the kernel died during a replay")
        except RuntimeError as error:  # the kernel could not start at all
            tail = _log_tail(log_path)
            why = f"the kernel could not start: {error}{': ' + tail if tail else ''}"
            if not answered and restarts >= 1:
                # before any cell ran, this is the grader's failure, not the submission's
                raise KernelStartError(why.split("\n")[0]) from error
            events.append(why)
            restart = True
        if pending and time.monotonic() - started > limits.notebook_timeout:
            for i in pending:
                nb.cells[i].outputs.append(error_output(
                    "NotebookTimeoutError",
                    f"not run: the notebook used its {limits.notebook_timeout:g} s"))
            events.append(f"notebook time limit of {limits.notebook_timeout:g} s reached")
            break
        if restart:
            restarts += 1
            if restarts > limits.max_restarts:
                for i in pending:
                    nb.cells[i].outputs.append(error_output(
                        "DeadKernelError", "not run: the kernel died too many times"))
                events.append("gave up after too many kernel restarts")
                break
