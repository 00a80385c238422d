"""Fork servers: a process that imports once and forks a fresh child per request.

Importing torch costs seconds; forking a process that has it costs milliseconds. The test
runners (grader.boundary) and the students' kernels (grader.sandbox.warm) each come from one.
A server imports libraries and nothing else, never runs a test or a line of student code, and
never reads a request itself: its child does, after the fork. So every child starts as clean as
a new interpreter would, less the import time, and one child's request never reaches the next.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
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
import traceback
from collections.abc import Callable
from dataclasses import dataclass

# environment variables that libraries read when they are imported (and a few every process
# needs): a server is started with these alone, and one per set of their values
IMPORT_TIME_PREFIXES = ("PATH", "LANG", "LC_", "TZ", "TMP", "OMP_", "MKL_", "OPENBLAS_", "MPL",
                        "PYTHON", "JUPYTER_")
MAX_SERVERS = 3  # per module: the least recently used beyond this is stopped


def import_time_environment(env: dict[str, str]) -> dict[str, str]:
    """What of `env` a server's imports can depend on; the rest is set in each child, if at all.
    (os.environ as a whole changes all the time: pytest sets PYTEST_CURRENT_TEST per test.)"""
    return {k: v for k, v in env.items() if k.startswith(IMPORT_TIME_PREFIXES)}


@dataclass
class _Process:
    process: subprocess.Popen
    path: str
    modules: frozenset[str]


class ForkServer:
    """The server processes of one module in this grading process: one per environment, since
    libraries read theirs at import (OMP_NUM_THREADS), each started again when a request needs
    a module it has not imported.

    `module` is run as `python -m module --fork-server PATH MODULES`; it must call `serve`.
    """

    def __init__(self, module: str, python_flags: tuple[str, ...] = ()) -> None:
        self.module = module
        self.python_flags = python_flags
        self.lock = threading.Lock()
        self.servers: dict[frozenset[tuple[str, str]], _Process] = {}

    def _start(self, modules: frozenset[str], env: dict[str, str]) -> _Process:
        folder = tempfile.mkdtemp(prefix="gc100-z")
        path = os.path.join(folder, "z")
        process = subprocess.Popen(
            [sys.executable, *self.python_flags, "-m", self.module, "--fork-server", path,
             ",".join(sorted(modules))], cwd=folder, env={**env, "HOME": folder},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=None if os.environ.get("GC100_DEBUG_FORKS") else subprocess.DEVNULL)
        ready, _, _ = select.select([process.stdout], [], [], 120)
        if not ready or process.stdout.readline().strip() != b"ready":
            process.kill()
            process.wait()
            raise RuntimeError(f"{self.module} could not start its fork server")
        atexit.register(self._stop, process, folder)
        return _Process(process, path, modules)

    @staticmethod
    def _stop(process: subprocess.Popen, folder: str) -> None:
        process.kill()
        shutil.rmtree(folder, ignore_errors=True)

    def ensure(self, modules: frozenset[str], env: dict[str, str]) -> str:
        """The socket of the server for `env`, started (again) if it is not running or lacks
        one of `modules`."""
        env = import_time_environment(env)
        key = frozenset(env.items())
        with self.lock:
            server = self.servers.pop(key, None)  # put back last: the most recently used
            if server is None or server.process.poll() is not None or not modules <= server.modules:
                if server is not None:
                    self._end(server)
                    modules |= server.modules
                server = self._start(modules, env)
            self.servers[key] = server
            while len(self.servers) > MAX_SERVERS:
                self._end(self.servers.pop(next(iter(self.servers))))
            return server.path

    @staticmethod
    def _end(server: _Process) -> None:
        server.process.kill()
        server.process.wait()

    def warm(self, modules: frozenset[str], env: dict[str, str]) -> None:
        """Start the server now, in the background of other work."""
        with contextlib.suppress(RuntimeError):
            self.ensure(modules, env)

    def request(self, modules: frozenset[str], env: dict[str, str], message: dict,
                timeout: float = 60.0) -> tuple[socket.socket, dict]:
        """Send one request to a fresh child; return the connection and the child's first reply."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect(self.ensure(modules, env))
            sock.sendall((json.dumps(message) + "\n").encode())
            first = b""
            while not first.endswith(b"\n"):
                chunk = sock.recv(1)  # nothing past the first line: it belongs to the caller
                if not chunk:
                    raise RuntimeError(f"{self.module}: the forked child ended before it answered")
                first += chunk
            sock.settimeout(None)
            return sock, json.loads(first)
        except BaseException:
            sock.close()
            raise


def serve(path: str, modules: str, child: Callable[[socket.socket], None],
          prepare: Callable[[], None] | None = None) -> None:
    """Import `modules` (comma-separated), run `prepare` (more imports the server learns
    itself), then fork `child(connection)` for each connection.

    The child must not return into this loop: it ends with os._exit. The server ends when its
    parent closes its stdin, which also happens when the parent dies.
    """
    for name in filter(None, modules.split(",")):
        with contextlib.suppress(Exception):  # a module that fails here fails in the child too
            importlib.import_module(name)
    if prepare is not None:
        prepare()
    # the imported objects are never collected: a child's garbage collector need not visit them,
    # which would copy every page they are on
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    print("ready", flush=True)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    while True:
        ready, _, _ = select.select([listener, sys.stdin], [], [])
        if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1024):
            return
        if listener not in ready:
            continue
        conn, _ = listener.accept()
        if os.fork() == 0:
            try:
                listener.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                child(conn)
            except BaseException:  # noqa: BLE001 - said on the server's stderr, then gone
                traceback.print_exc()
                os._exit(1)
            finally:
                os._exit(0)
        conn.close()
