"""A cgroup per submission: memory and process limits for the whole tree, and a sweep at the end.

An RLIMIT_AS per process is no limit per submission (every fork gets its own); a cgroup's limit
is. Works with cgroup v1 (separate memory and pids hierarchies) and v2 (one unified tree).
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")


def cgroup_version() -> int | None:
    """2 for a unified hierarchy, 1 for separate controllers, None when we cannot write either."""
    if (ROOT / "cgroup.controllers").exists():
        return 2 if os.access(ROOT, os.W_OK) else None
    if (ROOT / "memory").is_dir() and (ROOT / "pids").is_dir():
        if os.access(ROOT / "memory", os.W_OK) and os.access(ROOT / "pids", os.W_OK):
            return 1
    return None


@dataclass
class CgroupBox:
    memory_bytes: int
    max_pids: int
    version: int
    dirs: list[Path] = field(default_factory=list)

    @classmethod
    def create(cls, memory_bytes: int, max_pids: int) -> "CgroupBox | None":
        version = cgroup_version()
        if version is None:
            return None
        box = cls(memory_bytes, max_pids, version)
        name = f"gc100-{uuid.uuid4().hex[:12]}"
        try:
            if version == 1:
                memory = ROOT / "memory" / name
                pids = ROOT / "pids" / name
                memory.mkdir()
                box.dirs.append(memory)
                pids.mkdir()
                box.dirs.append(pids)
                (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
                swap = memory / "memory.memsw.limit_in_bytes"
                if swap.exists():
                    swap.write_text(str(memory_bytes))
                (pids / "pids.max").write_text(str(max_pids))
            else:
                group = ROOT / name
                group.mkdir()
                box.dirs.append(group)
                (group / "memory.max").write_text(str(memory_bytes))
                swap = group / "memory.swap.max"
                if swap.exists():
                    swap.write_text("0")
                (group / "pids.max").write_text(str(max_pids))
        except OSError:
            box.remove()
            return None
        return box

    @property
    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.dirs]

    def pids(self) -> set[int]:
        found: set[int] = set()
        for d in self.dirs:
            try:
                found |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return found

    def oom_killed(self) -> bool:
        """True when the memory limit was hit (the kernel's OOM killer acted in this group)."""
        for d in self.dirs:
            for name, key in (("memory.oom_control", "oom_kill "), ("memory.events", "oom_kill ")):
                try:
                    for line in (d / name).read_text().splitlines():
                        if line.startswith(key) and int(line.split()[1]) > 0:
                            return True
                except (OSError, ValueError, IndexError):
                    pass
        return False

    def kill_all(self, wait: float = 5.0) -> set[int]:
        """SIGKILL every process in the group until none is left; return the pids that were there."""
        seen: set[int] = set()
        deadline = time.monotonic() + wait
        while True:
            alive = self.pids()
            if not alive:
                return seen
            seen |= alive
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if time.monotonic() > deadline:
                return seen
            time.sleep(0.02)

    def remove(self) -> None:
        self.kill_all()
        for d in self.dirs:
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)
        self.dirs = []
