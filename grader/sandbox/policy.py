"""What the sandbox enforces, what this machine allows of it, and the kernel command that applies it."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader.sandbox.cgroup import CgroupBox, cgroup_version

MiB = 1024 * 1024


@dataclass(frozen=True)
class SandboxPolicy:
    memory_bytes: int = 2048 * MiB
    max_pids: int = 256
    max_file_bytes: int = 256 * MiB
    tmp_bytes: int = 256 * MiB
    max_open_files: int = 1024
    cpu_seconds: int = 1800
    hidden: tuple[str, ...] = ()  # paths the kernel must not see (the course, the gradebook...)
    use_bwrap: bool = True
    use_cgroups: bool = True


def kernel_environment(extra: dict[str, str] | None = None, threads: int = 1) -> dict[str, str]:
    """A scrubbed environment: what a kernel needs and nothing of the grader's secrets."""
    keep = ("PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT", "TMPDIR", "OPENBLAS_CORETYPE",
            "OPENBLAS_L2_SIZE")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.update({
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "OMP_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
        "JUPYTER_PLATFORM_DIRS": "1",
    })
    env.update(extra or {})
    return env


def threads_per_kernel(workers: int, asked: int | None = None) -> int:
    """Math-library threads for each kernel: `asked`, or the cores shared out among the workers."""
    return asked or max(1, (os.cpu_count() or 1) // max(1, workers))


@dataclass(frozen=True)
class Layer:
    name: str
    active: bool
    detail: str


@functools.lru_cache(maxsize=1)
def bwrap_works() -> tuple[bool, str]:
    """Try bubblewrap once: installed is not enough, a container may forbid its namespaces."""
    binary = shutil.which("bwrap")
    if not binary:
        return False, "bwrap is not installed (Debian: apt-get install bubblewrap)"
    try:
        done = subprocess.run([binary, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                               "--proc", "/proc", "--dev", "/dev", "true"],
                              capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"bwrap failed to start: {error}"
    if done.returncode != 0:
        return False, f"bwrap cannot create namespaces here: {done.stderr.strip()[:120]}"
    return True, binary


def detect_layers(policy: SandboxPolicy = SandboxPolicy()) -> list[Layer]:
    ok, detail = bwrap_works()
    bwrap = policy.use_bwrap and ok
    version = cgroup_version()
    cgroups = policy.use_cgroups and version is not None
    hide = "course, gradebook and other submissions hidden; private /tmp; no network"
    return [
        Layer("namespaces (bubblewrap)", bwrap,
              f"user, PID, network, IPC namespaces; {hide}" if bwrap else detail),
        Layer("cgroup memory and process limits", cgroups,
              f"v{version}: {policy.memory_bytes // MiB} MiB, {policy.max_pids} processes, "
              "every process swept at the end" if cgroups else
              "no writable cgroup hierarchy (a container without delegation)"),
        Layer("resource limits", True,
              f"files up to {policy.max_file_bytes // MiB} MiB, {policy.max_open_files} open files, "
              f"{policy.cpu_seconds} CPU seconds, no core dumps"),
        Layer("scrubbed environment and private working folder", True,
              "no grader variables; a fresh folder per submission"),
    ]


def describe_layers(policy: SandboxPolicy = SandboxPolicy()) -> list[str]:
    return [f"{'active  ' if layer.active else 'INACTIVE'} {layer.name}: {layer.detail}"
            for layer in detect_layers(policy)]


def _package_dirs() -> list[str]:
    """Where the course's own packages live, so an editable install stays importable when the
    checkout around it is hidden."""
    out = []
    for name in ("graphcompute", "grader"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            out += [str(Path(p).resolve()) for p in spec.submodule_search_locations]
    return out


def bwrap_prefix(binary: str, policy: SandboxPolicy, workdir: Path, socket_dir: Path) -> list[str]:
    args = [binary, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--uid", "65534", "--gid", "65534", "--hostname", "sandbox",
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--size", str(policy.tmp_bytes), "--tmpfs", "/tmp",
            "--size", str(policy.tmp_bytes), "--tmpfs", "/dev/shm"]
    home = os.path.expanduser("~")
    hidden = [str(Path(p).resolve()) for p in (*policy.hidden, home) if p and os.path.exists(p)]
    for path in sorted(set(hidden), key=len):
        if os.path.isdir(path):
            args += ["--tmpfs", path]
        else:
            args += ["--ro-bind", "/dev/null", path]
    # what the kernel needs from under a hidden folder (or the private /tmp: a checkout may live
    # there) comes back, read-only
    needed = {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, *_package_dirs())}
    covered = [*hidden, "/tmp", "/dev/shm"]
    for path in sorted(needed, key=len):
        if any(path == h or path.startswith(h + os.sep) for h in covered):
            args += ["--ro-bind", path, path]
    args += ["--bind", str(workdir), str(workdir), "--bind", str(socket_dir), str(socket_dir),
             "--chdir", str(workdir), "--"]
    return args


@dataclass
class Sandbox:
    """The sandbox of one submission: create, hand its command prefix to the kernel, close."""

    policy: SandboxPolicy
    workdir: Path
    socket_dir: Path
    cgroup: CgroupBox | None = None
    config_path: Path | None = None
    layers: list[Layer] = field(default_factory=list)
    prefix: list[str] = field(default_factory=list)  # bubblewrap's command, up to "--"
    rlimits: dict[str, int] = field(default_factory=dict)

    @classmethod
    def open(cls, policy: SandboxPolicy, workdir: Path, socket_dir: Path) -> "Sandbox":
        box = cls(policy, workdir, socket_dir)
        box.layers = detect_layers(policy)
        if box.layers[1].active:
            box.cgroup = CgroupBox.create(policy.memory_bytes, policy.max_pids)
        if box.layers[0].active:
            box.prefix = bwrap_prefix(bwrap_works()[1], policy, workdir, socket_dir)
        box.rlimits = {"fsize": policy.max_file_bytes, "core": 0,
                       "nofile": policy.max_open_files, "cpu": policy.cpu_seconds}
        config = {
            "cgroup_procs": box.cgroup.procs_files if box.cgroup else [],
            "rlimits": box.rlimits,
            "prefix": box.prefix,
        }
        fd, name = tempfile.mkstemp(prefix="gc100-sandbox-", suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(config, f)
        box.config_path = Path(name)
        return box

    @property
    def isolated(self) -> bool:
        """True when the kernel runs in its own namespaces (signals cannot reach it directly)."""
        return bool(self.layers) and self.layers[0].active

    def launcher(self) -> list[str]:
        return [sys.executable, "-m", "grader.sandbox.launch", str(self.config_path), "--"]

    def memory_exhausted(self) -> bool:
        return bool(self.cgroup and self.cgroup.oom_killed())

    def close(self) -> set[int]:
        """End every process the submission started; return the pids that had to be killed."""
        killed: set[int] = set()
        if self.cgroup:
            deadline = time.monotonic() + 0.5  # a stopped kernel's own processes exit by themselves
            while self.cgroup.pids() and time.monotonic() < deadline:
                time.sleep(0.01)
            killed = self.cgroup.kill_all()
            self.cgroup.remove()
        if self.config_path:
            self.config_path.unlink(missing_ok=True)
        return killed
