"""The kernel's launcher: joins the submission's cgroups, sets resource limits, gives the
sandbox's user what it must read, then becomes bubblewrap (or the kernel itself when bubblewrap
is not available), whose command drops to that user first (grader.sandbox.enter --become).

Run as `python -m grader.sandbox.launch CONFIG.json -- COMMAND...` by jupyter_client in place of
the kernel. It runs before any student code and imports nothing of the grader but the standard
library, so it starts in milliseconds.
"""

from __future__ import annotations

import json
import os
import resource
import sys

LIMITS = {
    "fsize": resource.RLIMIT_FSIZE,
    "core": resource.RLIMIT_CORE,
    "nofile": resource.RLIMIT_NOFILE,
    "cpu": resource.RLIMIT_CPU,
}


def apply_limits(config: dict) -> None:
    """Join the submission's cgroups and set its resource limits: before anything else runs.
    (A warm kernel, grader.sandbox.warm, applies the same to itself after its fork.)"""
    for procs in config.get("cgroup_procs", []):
        with open(procs, "w") as f:
            f.write(str(os.getpid()))
    for name, value in config.get("rlimits", {}).items():
        resource.setrlimit(LIMITS[name], (value, value))


def main(argv: list[str]) -> None:
    config_path, separator, *command = argv
    if separator != "--" or not command:
        raise SystemExit("usage: python -m grader.sandbox.launch CONFIG.json -- COMMAND...")
    with open(config_path) as f:
        config = json.load(f)
    apply_limits(config)
    uid = config.get("uid")
    for path in config.get("own", []) if uid is not None else ():
        os.chown(path, uid, uid, follow_symlinks=False)  # the kernel, as `uid`, reads its connection file
    prefix = config.get("prefix") or []
    if prefix:
        # In its own PID namespace the kernel's parent is PID 1, which ipykernel's parent poller
        # reads as "my parent died"; bubblewrap's --die-with-parent does that job instead.
        os.environ.pop("JPY_PARENT_PID", None)
    full = prefix + command
    os.execvp(full[0], full)


if __name__ == "__main__":
    main(sys.argv[1:])
