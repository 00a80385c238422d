"""Warm kernels: each submission's kernel is forked from a parent that has already imported
ipykernel and the heavy libraries the assignment uses, instead of starting a new interpreter.

A cold kernel costs an interpreter start, ipykernel's imports and then the notebook's own
`import torch`: seconds per submission. Here that is paid once per grading process.

    grader (jupyter_client, WarmProvisioner)
      ├─ bubblewrap holding the submission's namespaces, running `sleep` and nothing else
      └─ kernel parent (this module's fork server: imports, never runs a cell)
           └─ forked child: joins the submission's cgroups, sets its resource limits, joins the
              holder's namespaces (grader.sandbox.enter), forks into the PID namespace
                └─ the kernel: no capabilities, checked identical to bubblewrap's own process,
                   then ipykernel starts in it

Every layer of a cold kernel's sandbox holds for a warm one: the same namespaces and mounts
(bubblewrap built them), the same cgroup, limits, environment and working folder. What a
child inherits from its parent is the state of freshly imported libraries, with the random
generators reseeded; the parent never sees a request, a notebook or a test. Where a layer
cannot be entered (no setns, an old kernel), the kernel starts cold and grading says so once.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import types
from dataclasses import dataclass, field
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Any as AnyTrait

from grader.forkserver import ForkServer, import_time_environment
from grader.sandbox.enter import SandboxEntryError, check_from_host, confine
from grader.sandbox.holder import HolderError, end_holder, start_holder

# What a kernel's start needs first; what else it imports as it starts depends on the installed
# IPython and ipykernel (IPython 9 reads its colour themes from package files, say), so the
# kernels' parent learns it, once, by starting a throwaway kernel (kernel_start_imports)
KERNEL_MODULES = frozenset({"ipykernel.kernelapp", "ipykernel.ipkernel", "grader.sandbox.enter"})
KERNEL_MODULE = "ipykernel_launcher"  # what a cold kernel runs with -m


def kernel_arguments(cmd: list[str]) -> list[str]:
    """What a cold kernel's command passes to ipykernel (the connection file, its options), for
    a warm kernel to start with the same."""
    if KERNEL_MODULE not in cmd:
        raise WarmStartError(f"not an ipykernel command: {cmd}")
    return cmd[cmd.index(KERNEL_MODULE) + 1:]


class WarmStartError(RuntimeError):
    """A warm kernel could not start; the kernel starts cold instead."""


def kernel_preloads(modules: frozenset[str]) -> frozenset[str]:
    """What the kernel parent imports for notebooks that import `modules`
    (grader.boundary.heavy_imports): those, and what every kernel imports as it starts."""
    return KERNEL_MODULES | modules


def parent_environment(env: dict[str, str]) -> dict[str, str]:
    """The kernels' parent has the kernels' values of what libraries read at import; every
    other variable is set in each kernel after the fork."""
    return import_time_environment(env)


@dataclass
class KernelParent:
    """The kernel parent of this grading process, and whether warm starts work here."""

    server: ForkServer = field(default_factory=lambda: ForkServer(
        "grader.sandbox.warm", python_flags=("-Xfrozen_modules=off",)))
    disabled: str = ""  # why warm starts stopped: set once, on a failure that would repeat
    lock: threading.Lock = field(default_factory=threading.Lock)

    def disable(self, reason: str) -> None:
        with self.lock:
            if not self.disabled:
                self.disabled = reason
                print(f"gc100: kernels start cold from now on: {reason}", file=sys.stderr)

    def warm(self, modules: frozenset[str], env: dict[str, str]) -> threading.Thread:
        """Start the parent in the background of other work (its imports take seconds); the
        thread ends when it is ready."""
        thread = threading.Thread(target=self.server.warm, daemon=True,
                                  args=(kernel_preloads(modules), parent_environment(env)))
        thread.start()
        return thread


KERNELS = KernelParent()


@dataclass(frozen=True)
class WarmLaunch:
    """What one warm kernel needs: the preloads, the sandbox (or None), and its log file."""

    modules: frozenset[str]
    sandbox: Any  # grader.sandbox.Sandbox | None
    log_path: str
    parent: KernelParent = field(default_factory=lambda: KERNELS)


class WarmProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with the kernel process forked instead of spawned.

    The kernel is not this process's child: it is tracked by a pidfd, signalled through it, and
    with it the bubblewrap holder is killed, which ends everything in the sandbox.
    """

    launch = AnyTrait()  # WarmLaunch

    pidfd: int | None = None
    holder: subprocess.Popen | None = None
    lifeline: socket.socket | None = None

    @property
    def has_process(self) -> bool:
        return self.pidfd is not None or super().has_process

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        launch: WarmLaunch = self.launch
        if not launch.parent.disabled:
            try:
                self._launch_warm(launch, kernel_arguments(cmd), kwargs.get("env") or {},
                                  str(kwargs.get("cwd") or os.getcwd()))
                await self._wait_for_sockets()
                return self.connection_info
            except WarmStartError as error:
                launch.parent.disable(str(error))
        info = await super().launch_kernel(cmd, **kwargs)
        await self._wait_for_sockets()
        return info

    async def _wait_for_sockets(self, timeout: float = 60.0) -> None:
        """Return once the kernel listens on its Unix sockets (or has died, or `timeout`).

        A client that connects earlier is refused, and ZeroMQ tries again only 0.1 s later."""
        info = self.connection_info
        if info.get("transport") != "ipc":
            return
        paths = [f"{info['ip']}-{info[name]}" for name in
                 ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
        deadline = time.monotonic() + timeout
        while not all(os.path.exists(p) for p in paths) and time.monotonic() < deadline:
            if self.pidfd is not None and self._exited():
                return
            if self.pidfd is None and self.process is not None and self.process.poll() is not None:
                return
            await asyncio.sleep(0.002)

    def _launch_warm(self, launch: WarmLaunch, arguments: list[str], env: dict[str, str],
                     cwd: str) -> None:
        sandbox = launch.sandbox
        holder_pid = 0
        uid = sandbox.uid if sandbox is not None and sandbox.isolated else None
        if sandbox is not None and sandbox.isolated:
            try:
                self.holder, holder_pid = start_holder(sandbox.holder_prefix(), parent_environment(env))
            except HolderError as error:
                raise WarmStartError(str(error)) from error
        request = {
            "arguments": arguments, "cwd": cwd,
            "env": {k: v for k, v in env.items() if k != "JPY_PARENT_PID"},
            "log": launch.log_path, "holder": holder_pid, "uid": uid,
            "own": [self.parent.connection_file] if uid is not None else [],
            "cgroup_procs": sandbox.cgroup.procs_files if sandbox is not None and sandbox.cgroup else [],
            "rlimits": sandbox.rlimits if sandbox is not None else {},
        }
        try:
            sock, reply = launch.parent.server.request(
                kernel_preloads(launch.modules), parent_environment(env), request, timeout=60)
        except (OSError, RuntimeError, ValueError) as error:
            self._end_holder()
            raise WarmStartError(f"the kernel parent failed: {error}") from error
        if "error" in reply:
            sock.close()
            self._end_holder()
            raise WarmStartError(reply["error"])
        self.pid = int(reply["pid"])
        self.pidfd = os.pidfd_open(self.pid)
        if holder_pid:
            sock.close()  # bubblewrap ties the sandbox to this process's life
            try:
                check_from_host(self.pid, uid)
            except SandboxEntryError as error:
                self._release()
                raise WarmStartError(str(error)) from error
        else:
            self.lifeline = sock  # the kernel exits when this closes, or this process dies
        self.cwd = cwd

    def _end_holder(self) -> None:
        if self.holder is not None:
            end_holder(self.holder)
            self.holder = None

    def _exited(self) -> bool:
        assert self.pidfd is not None
        return bool(select.select([self.pidfd], [], [], 0)[0])

    async def poll(self) -> int | None:
        if self.pidfd is None:
            return await super().poll()
        return 1 if self._exited() else None

    async def wait(self) -> int | None:
        if self.pidfd is None:
            return await super().wait()
        while not self._exited():
            await asyncio.sleep(0.02)
        self._release()
        return 1

    async def send_signal(self, signum: int) -> None:
        if self.pidfd is None:
            return await super().send_signal(signum)
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(self.pidfd, signum)

    async def kill(self, restart: bool = False) -> None:
        if self.pidfd is None:
            return await super().kill(restart)
        await self.send_signal(signal.SIGKILL)
        self._end_holder()
        # dead within milliseconds: wait for it here, or jupyter_client polls every 0.1 s
        select.select([self.pidfd], [], [], 2.0)

    async def terminate(self, restart: bool = False) -> None:
        if self.pidfd is None:
            return await super().terminate(restart)
        await self.send_signal(signal.SIGTERM)

    def _release(self) -> None:
        self._end_holder()
        if self.lifeline is not None:
            self.lifeline.close()
            self.lifeline = None
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None

    async def cleanup(self, restart: bool = False) -> None:
        if self.pidfd is not None:
            await self.send_signal(signal.SIGKILL)
            self._release()
        await super().cleanup(restart)


# ---- in the kernel parent's children ----------------------------------------------------------

def kernel_child(conn: socket.socket) -> None:
    """A forked child of the kernel parent: read the request, enter the submission's sandbox,
    answer the kernel's PID and become the kernel."""
    with conn.makefile("r", encoding="utf-8") as requests:
        request = json.loads(requests.readline())
    try:
        for path in request.get("own", []):  # what the sandbox's user must read (its connection file)
            os.chown(path, request["uid"], request["uid"], follow_symlinks=False)
        # the log is a file of the grader's, in a folder the sandbox does not see: opened here,
        # before the sandbox, and never by a path the kernel could have replaced
        log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        confine(request, lambda message: _send(conn, message))
    except Exception as error:  # noqa: BLE001 - every failure goes back to the grader as text
        with contextlib.suppress(OSError):
            _send(conn, {"error": f"{type(error).__name__}: {error}"})
        return
    # inside a sandbox, bubblewrap ties the kernel's life to the grader's; otherwise `conn` does
    _become_kernel(request, log, conn=None if request["holder"] else conn,
                   close_first=conn if request["holder"] else None)


def _send(conn: socket.socket, message: dict) -> None:
    conn.sendall((json.dumps(message) + "\n").encode())


def _lifeline(fd: int) -> None:
    """End the kernel when the grader's end of `fd` closes (the grader stopped or died)."""
    exit_now = os._exit
    with contextlib.suppress(OSError):
        while os.read(fd, 1):
            pass
    exit_now(1)


def _become_kernel(request: dict, log: int, conn: socket.socket | None,
                   close_first: socket.socket | None = None) -> None:
    """Turn this process, already limited, into the submission's kernel: files, environment,
    folder, then ipykernel. With `conn`, the kernel lives only as long as the grader keeps it open."""
    if close_first is not None:
        close_first.close()
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.dup2(log, 2)
    keep = {conn.fileno()} if conn is not None else set()
    for fd in map(int, os.listdir("/proc/self/fd")):  # nothing of the parent's stays open
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.path[0] = request["cwd"]  # as `python -m ipykernel_launcher` started there would have
    importlib.invalidate_caches()
    _reseed()
    if conn is not None:
        import _thread
        _thread.start_new_thread(_lifeline, (conn.detach(),))
    from ipykernel import kernelapp

    sys.argv = [kernelapp.__file__, *request["arguments"]]
    kernelapp.launch_new_instance(argv=request["arguments"])


def _reseed() -> None:
    """Every kernel gets its own random state, as a new interpreter would."""
    import random

    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


KERNEL_START_PROBE = """
import os, sys
from jupyter_client.connect import write_connection_file
connection, _ = write_connection_file(os.path.join(folder, "k.json"), transport="ipc",
                                      ip=os.path.join(folder, "k"))
before = set(sys.modules)
from ipykernel.kernelapp import IPKernelApp
IPKernelApp.instance().initialize(["-f", connection, "--HistoryManager.hist_file=:memory:"])
REPORT(sorted(set(sys.modules) - before))
"""


def kernel_start_imports(timeout: float = 60.0) -> list[str]:
    """The modules a kernel imports as it starts, in this environment, on top of what this
    process has imported: learned from a throwaway kernel, initialised (never run) in a forked
    child, whose sockets are in a folder of its own. The kernels' parent imports them, so that
    no kernel forked from it imports anything as it starts."""
    folder = tempfile.mkdtemp(prefix="gc100-probe-")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the probe: its output goes nowhere, its findings down the pipe
        try:
            os.close(read_end)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)

            def report(found: list[str]) -> None:
                os.write(write_end, json.dumps(found).encode())
            exec(KERNEL_START_PROBE, {"REPORT": report, "folder": folder, "__name__": "gc100_probe"})
        finally:
            os._exit(0)
    os.close(write_end)
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(read_end, 1 << 16) if ready else b""
        if not chunk:
            break
        data += chunk
    os.close(read_end)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    shutil.rmtree(folder, ignore_errors=True)
    try:
        found = json.loads(data)
    except ValueError:
        return []
    return [name for name in found if type(name) is str]


def _preload_kernel_start() -> None:
    """Import what a kernel's start imports (kernel_start_imports), before the fork server freezes."""
    for name in kernel_start_imports():
        with contextlib.suppress(Exception):  # a module that fails here fails in the kernel too
            importlib.import_module(name)


def _compile_agent() -> None:
    """The test boundary's agent, compiled once here, for every kernel to install without the
    source (grader.boundary.INSTALL_CACHED_AGENT)."""
    from grader.boundary import AGENT_CACHE, AGENT_DIGEST, AGENT_SOURCE, CODEC_SOURCE

    codec_code = compile(CODEC_SOURCE, "gc100_codec", "exec")
    agent_code = compile(AGENT_SOURCE, "gc100_agent", "exec")

    def install(shell: Any, digest: str) -> None:
        if digest != AGENT_DIGEST:
            raise ImportError("another version of the agent is wanted")
        codec = types.ModuleType("gc100_codec")
        exec(codec_code, codec.__dict__)
        module = types.ModuleType("gc100_agent")
        module.codec = codec
        exec(agent_code, module.__dict__)
        module.install(shell)

    cache = types.ModuleType(AGENT_CACHE)
    cache.install = install
    sys.modules[AGENT_CACHE] = cache


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--fork-server":
        from grader.forkserver import serve

        _compile_agent()
        serve(*sys.argv[2:4], child=kernel_child, prepare=_preload_kernel_start)
    else:
        raise SystemExit("usage: python -m grader.sandbox.warm --fork-server PATH MODULES")
