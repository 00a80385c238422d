"""The sandbox a submission's kernel runs in, layer by layer, each degrading with a warning.

- bubblewrap: new user, PID, network, IPC and UTS namespaces; the course, the gradebook, the
  grader's home and every other submission hidden behind empty tmpfs mounts; a private /tmp and
  /dev/shm of bounded size; no capabilities; killed with its parent, and all its processes with it.
- cgroups: a memory limit and a process-count limit for the whole submission, and a sweep that
  kills every process left in the group when grading ends.
- resource limits: file size, core dumps, open files, CPU seconds.
What is active on this machine is printed by `gc100 grade` at start (`describe_layers`).
"""

from grader.sandbox.policy import Sandbox, SandboxPolicy, describe_layers, detect_layers

__all__ = ["Sandbox", "SandboxPolicy", "describe_layers", "detect_layers"]
