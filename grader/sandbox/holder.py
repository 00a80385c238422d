"""A sandbox held open: bubblewrap builds the namespaces and mounts and keeps them with `sleep`.

A warm process (a kernel, grader.sandbox.warm, or a test runner, grader.boundary.runner) is
forked from a pre-imported parent outside the sandbox and then joins the holder's namespaces
(grader.sandbox.enter). Killing the holder ends the sandbox's PID namespace, and every process
in it.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable

HOLDER_TIMEOUT = 30.0


class HolderError(RuntimeError):
    """bubblewrap could not build or hold the sandbox."""


def _read_until(fd: int, done: Callable[[bytes], bool], timeout: float, what: str) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while not done(data):
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, left))
        if not ready:
            raise HolderError(f"{what} did not answer in {timeout:g} s")
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data


def start_holder(prefix: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """bubblewrap with the sandbox's namespaces and mounts, holding them with `sleep`; return it
    and the host PID of its first process inside, once the sandbox is completely set up."""
    sleep = shutil.which("sleep") or "/bin/sleep"
    info_read, info_write = os.pipe()
    try:
        holder = subprocess.Popen(
            [prefix[0], "--info-fd", str(info_write), *prefix[1:], "/bin/sh", "-c",
             f"echo ready && exec {sleep} infinity"],
            pass_fds=(info_write,), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
    except OSError as error:
        os.close(info_read)
        os.close(info_write)
        raise HolderError(f"bubblewrap could not start: {error}") from error
    os.close(info_write)
    try:
        info = _read_until(info_read, lambda d: False, HOLDER_TIMEOUT, "bubblewrap")
        ready = _read_until(holder.stdout.fileno(), lambda d: d.endswith(b"\n"), HOLDER_TIMEOUT,
                            "bubblewrap's sandbox")
        if ready.strip() != b"ready":
            raise HolderError("bubblewrap could not set up the sandbox: " +
                              holder.stderr.read1(400).decode("utf-8", "replace").strip())
        return holder, int(json.loads(info)["child-pid"])
    except (HolderError, ValueError, KeyError) as error:
        end_holder(holder)
        raise HolderError(str(error)) from error
    finally:
        os.close(info_read)


def end_holder(holder: subprocess.Popen) -> None:
    """Kill bubblewrap, and with it every process of its sandbox."""
    try:
        holder.kill()
    except OSError:
        pass
    holder.wait()
    for stream in (holder.stdout, holder.stderr):
        if stream:
            stream.close()
