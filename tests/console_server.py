"""`gc100 serve` for the console's tests: the real command, started on a free port over a course,
with its accounts made by `gc100 user add` (passwords on standard input)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

GC100 = [sys.executable, "-m", "grader.cli"]


def add_user(course: Path, name: str, role: str, password: str) -> None:
    done = subprocess.run([*GC100, "--course", str(course), "user", "add", name, "--role", role],
                          input=password + "\n", capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def start(course: Path, timeout: float = 30.0) -> tuple[subprocess.Popen, str]:
    """The console's process and its address, once it says where it listens. What it prints goes
    to serve.log beside the course (a pipe nobody reads could fill and stop the server)."""
    log = course.parent / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen([*GC100, "--course", str(course), "serve", "--port", "0"],
                                   stdout=out, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        found = re.search(r"(http://127\.0\.0\.1:\d+)/", log.read_text())
        if found:
            return process, found.group(1)
        time.sleep(0.1)
    process.kill()
    raise AssertionError("gc100 serve did not say where it listens:\n" + log.read_text())


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
