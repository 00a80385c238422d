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
from dataclasses import dataclass, field, replace
from pathlib import Path

from grader.sandbox.cgroup import CgroupBox, cgroup_version

MiB = 1024 * 1024
SANDBOX_UID = 65534  # the host user a sandbox's processes run as, when the grader is root


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


# bubblewrap run by root without a user namespace: it builds the mounts as root, and the
# processes inside then drop to SANDBOX_UID on the host (grader.sandbox.enter)
ROOT_NAMESPACES = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
                   "--unshare-cgroup-try"]
# bubblewrap run by anyone else: a user namespace that maps SANDBOX_UID to the caller
USER_NAMESPACES = ["--unshare-all", "--cap-drop", "ALL", "--uid", str(SANDBOX_UID),
                   "--gid", str(SANDBOX_UID)]


def _try_bwrap(binary: str, namespaces: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([binary, *namespaces, "--die-with-parent", "--ro-bind", "/", "/",
                           "--proc", "/proc", "--dev", "/dev", "true"],
                          capture_output=True, text=True, timeout=20)


@functools.lru_cache(maxsize=1)
def bwrap_works() -> tuple[bool, str]:
    """Try bubblewrap once: installed is not enough, a container may forbid its namespaces."""
    binary = shutil.which("bwrap")
    if not binary:
        return False, "bwrap is not installed (Debian: apt-get install bubblewrap)"
    try:
        done = _try_bwrap(binary, USER_NAMESPACES if os.geteuid() else ROOT_NAMESPACES)
        if done.returncode != 0 and os.geteuid() == 0:
            done = _try_bwrap(binary, USER_NAMESPACES)
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"bwrap failed to start: {error}"
    if done.returncode != 0:
        return False, f"bwrap cannot create namespaces here: {done.stderr.strip()[:120]}"
    return True, binary


@functools.lru_cache(maxsize=1)
def unprivileged_user() -> tuple[int | None, str]:
    """The host user a sandbox's processes run as, when it is not the grader's own.

    bubblewrap in a user namespace maps the sandbox's user to whoever started it: for a grader
    run as root, to root, so that a file of root's that no mount hides (/etc/shadow, a key under
    /etc/ssh) is readable from the sandbox, since the host checks its owner against root. So a
    grader run as root builds the namespaces without a user namespace, and the processes inside
    drop to an unprivileged host user before anything of theirs runs."""
    ok, binary = bwrap_works()
    if not ok:
        return None, "no bubblewrap"
    if os.geteuid() != 0:
        return None, (f"the sandbox is the grader's own user ({os.geteuid()}) on the host: only "
                      "root can give it another")
    try:
        done = _try_bwrap(binary, ROOT_NAMESPACES)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"bwrap failed to start: {error}"
    if done.returncode != 0:
        return None, f"the sandbox's user is root on the host: {done.stderr.strip()[:100]}"
    return SANDBOX_UID, f"user {SANDBOX_UID} on the host"


def detect_layers(policy: SandboxPolicy = SandboxPolicy()) -> list[Layer]:
    ok, detail = bwrap_works()
    bwrap = policy.use_bwrap and ok
    uid, user_detail = unprivileged_user() if bwrap else (None, "no bubblewrap")
    version = cgroup_version()
    cgroups = policy.use_cgroups and version is not None
    hide = "course, gradebook and other submissions hidden; private /tmp; no network"
    return [
        Layer("namespaces (bubblewrap)", bwrap,
              f"user, PID, network, IPC namespaces; {hide}" if bwrap else detail),
        Layer("unprivileged user", uid is not None, user_detail + ", no capabilities"),
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


RUNNER_SEES = "the assignment's own files and the kernel's sockets; course and gradebook hidden"
RUNNER_PIDS = 64  # tasks in a runner's cgroup: it starts no process, only a few threads


def runner_policy(policy: SandboxPolicy) -> SandboxPolicy:
    """A test runner's limits: the kernel's, but for the processes it may start."""
    return replace(policy, max_pids=RUNNER_PIDS)


def runner_layers(policy: SandboxPolicy = SandboxPolicy()) -> list[Layer]:
    """The test runner's sandbox: the kernel's layers, in a box of its own."""
    kernel = {layer.name: layer for layer in detect_layers(runner_policy(policy))}
    bwrap = kernel["namespaces (bubblewrap)"]
    return [
        Layer("namespaces (bubblewrap)", bwrap.active,
              f"its own user, PID, network, IPC namespaces; sees only {RUNNER_SEES}"
              if bwrap.active else bwrap.detail),
        kernel["unprivileged user"], kernel["cgroup memory and process limits"],
        kernel["resource limits"],
    ]


def describe_layers(policy: SandboxPolicy = SandboxPolicy(), runner: bool = False) -> list[str]:
    layers = runner_layers(policy) if runner else detect_layers(policy)
    return [f"{'active  ' if layer.active else 'INACTIVE'} {layer.name}: {layer.detail}"
            for layer in layers]


def _package_dirs() -> list[str]:
    """Where the course's own packages live, so an editable install stays importable when the
    checkout around it is hidden."""
    out = []
    for name in ("graphcompute", "grader"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            out += [str(Path(p).resolve()) for p in spec.submodule_search_locations]
    return out


def bwrap_prefix(binary: str, policy: SandboxPolicy, binds: list[Path], chdir: Path,
                 hostname: str = "sandbox", host_uid: int | None = None) -> list[str]:
    """bubblewrap's command up to "--": a read-only view of the host with `policy.hidden`,
    the grader's home and /run behind empty mounts, a private /tmp and /dev/shm, and only
    `binds` writable. With `host_uid`, no user namespace: the command must drop to that user
    itself (Sandbox.kernel_prefix)."""
    namespaces = ROOT_NAMESPACES if host_uid is not None else USER_NAMESPACES
    args = [binary, *namespaces, "--die-with-parent", "--new-session", "--hostname", hostname,
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            # sticky and world-writable, as on the host: the sandbox's user is not their owner
            "--perms", "1777", "--size", str(policy.tmp_bytes), "--tmpfs", "/tmp",
            "--perms", "1777", "--size", str(policy.tmp_bytes), "--tmpfs", "/dev/shm"]
    home = os.path.expanduser("~")
    # /run holds the host's sockets (the system bus, the journal): none is the sandbox's business
    hidden = [str(Path(p).resolve()) for p in (*policy.hidden, home, "/run") if p and os.path.exists(p)]
    for path in sorted(set(hidden), key=len):
        if os.path.isdir(path):
            args += ["--tmpfs", path]
        else:
            args += ["--ro-bind", "/dev/null", path]
    # what the sandbox needs from under a hidden folder (or the private /tmp: a checkout may
    # live there) comes back, read-only
    needed = {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, *_package_dirs())}
    covered = [*hidden, "/tmp", "/dev/shm"]
    made: set[str] = set()

    def open_parents(path: str) -> list[str]:
        """The folders between a covering mount and `path` are made by bubblewrap, which root
        makes private: made here, open, so that the sandbox's user can reach `path`."""
        cover = max((h for h in covered if path.startswith(h + os.sep)), key=len, default=None)
        out: list[str] = []
        parts = Path(path).relative_to(cover).parts[:-1] if cover else ()
        for depth in range(1, len(parts) + 1):
            folder = os.path.join(cover, *parts[:depth])
            if folder not in made:
                made.add(folder)
                out += ["--perms", "0755", "--dir", folder]
        return out

    for path in sorted(needed, key=len):
        if any(path == h or path.startswith(h + os.sep) for h in covered):
            args += [*open_parents(path), "--ro-bind", path, path]
    for path in binds:
        args += [*open_parents(str(path)), "--bind", str(path), str(path)]
    return [*args, "--chdir", str(chdir), "--"]


def _own(folder: Path, uid: int) -> None:
    """Give `folder` and everything in it to the sandbox's user, links left as they are."""
    os.chown(folder, uid, uid, follow_symlinks=False)
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.chown(os.path.join(root, name), uid, uid, follow_symlinks=False)


@dataclass
class Sandbox:
    """The sandbox of one process tree (a submission's kernel, or its test runner): create,
    hand its command prefix and limits to the process, close.

    `workdir` is the one folder it may write besides `socket_dir`, which holds the kernel's
    sockets and is shared by the kernel's and the runner's sandboxes."""

    policy: SandboxPolicy
    workdir: Path
    socket_dir: Path
    hostname: str = "sandbox"
    cgroup: CgroupBox | None = None
    config_path: Path | None = None
    layers: list[Layer] = field(default_factory=list)
    prefix: list[str] = field(default_factory=list)  # bubblewrap's command, up to "--"
    rlimits: dict[str, int] = field(default_factory=dict)
    uid: int | None = None  # the host user it runs as, when not the grader's

    @classmethod
    def open(cls, policy: SandboxPolicy, workdir: Path, socket_dir: Path,
             hostname: str = "sandbox") -> "Sandbox":
        box = cls(policy, workdir, socket_dir, hostname)
        box.layers = detect_layers(policy)
        active = {layer.name: layer.active for layer in box.layers}
        if active["cgroup memory and process limits"]:
            box.cgroup = CgroupBox.create(policy.memory_bytes, policy.max_pids)
        if active["namespaces (bubblewrap)"]:
            if active["unprivileged user"]:
                box.uid = unprivileged_user()[0]
                _own(workdir, box.uid)
                os.chown(socket_dir, box.uid, box.uid, follow_symlinks=False)
            box.prefix = bwrap_prefix(bwrap_works()[1], policy, [workdir, socket_dir], workdir,
                                      hostname, box.uid)
        box.rlimits = {"fsize": policy.max_file_bytes, "core": 0,
                       "nofile": policy.max_open_files, "cpu": policy.cpu_seconds}
        return box

    def kernel_prefix(self) -> list[str]:
        """bubblewrap's command for a process started in the sandbox (a cold kernel): with a
        host user to become, through grader.sandbox.enter, which drops to it first."""
        if self.uid is None or not self.prefix:
            return list(self.prefix)
        return [*self.prefix, sys.executable, "-m", "grader.sandbox.enter", "--become",
                str(self.uid), "--"]

    def holder_prefix(self) -> list[str]:
        """bubblewrap's command for the holder of a warm process's sandbox, which only sleeps:
        without any capability, whatever user it runs as."""
        if self.uid is None:
            return list(self.prefix)
        # the holder runs as root, without capabilities, so it cannot enter the sandbox's folder
        return [*self.prefix[:-3], "--chdir", "/", "--cap-drop", "ALL", "--"]

    @property
    def isolated(self) -> bool:
        """True when the processes run in their own namespaces (signals cannot reach them directly)."""
        return bool(self.prefix)

    def launcher(self, connection_file: str) -> list[str]:
        """The command prefix of a cold kernel: grader.sandbox.launch with this sandbox's
        limits, user and bubblewrap command."""
        if self.config_path is None:
            config = {"cgroup_procs": self.cgroup.procs_files if self.cgroup else [],
                      "rlimits": self.rlimits, "prefix": self.kernel_prefix(),
                      "own": [connection_file] if self.uid is not None else [], "uid": self.uid}
            fd, name = tempfile.mkstemp(prefix="gc100-sandbox-", suffix=".json")
            with os.fdopen(fd, "w") as f:
                json.dump(config, f)
            self.config_path = Path(name)
        return [sys.executable, "-m", "grader.sandbox.launch", str(self.config_path), "--"]

    def memory_exhausted(self) -> bool:
        return bool(self.cgroup and self.cgroup.oom_killed())

    def close(self) -> set[int]:
        """End every process of the sandbox; return the pids that had to be killed. Raises
        SandboxLeft if one survives."""
        killed: set[int] = set()
        if self.cgroup:
            deadline = time.monotonic() + 0.5  # a stopped kernel's own processes exit by themselves
            while self.cgroup.pids() and time.monotonic() < deadline:
                time.sleep(0.01)
            killed = self.cgroup.kill_all()
            left = self.cgroup.pids()
            self.cgroup.remove()
            if left:
                raise SandboxLeft(f"processes {sorted(left)} of a submission could not be killed")
        if self.config_path:
            self.config_path.unlink(missing_ok=True)
        return killed


class SandboxLeft(RuntimeError):
    """A process of a submission outlived its sandbox: no grade may be written."""
