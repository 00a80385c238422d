"""Entering a sandbox that bubblewrap built, from a process forked outside it.

bubblewrap builds a submission's namespaces (user, mount, PID, network, IPC, UTS, cgroup) and
holds them open with a process that does nothing. A warm kernel (grader.sandbox.warm) is forked
from a pre-imported parent on the host, joins those namespaces with setns(2), forks once more
so that it lives inside the PID namespace, drops every privilege, and only then checks that it
holds exactly what bubblewrap's own process holds: same namespaces, same user and groups, no
capabilities, no new privileges. Anything else ends the process before student code runs. The
test runner (grader.boundary.runner) enters a sandbox of its own the same way (`confine`).

Only the standard library: this runs in the kernel's process before the kernel exists.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
from collections.abc import Callable

from grader.sandbox.launch import apply_limits

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NS_GET_USERNS = 0xB701  # ioctl: the user namespace that owns a namespace

PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522

# the namespaces joined, in order, after the user namespace that owns them
NAMESPACES = (("cgroup", CLONE_NEWCGROUP), ("ipc", CLONE_NEWIPC), ("uts", CLONE_NEWUTS),
              ("net", CLONE_NEWNET), ("pid", CLONE_NEWPID), ("mnt", CLONE_NEWNS))
SANDBOX_UID = 65534  # the sandbox's user, as the sandbox sees it (grader.sandbox.policy)
# the credential fields of /proc/PID/status
CREDENTIALS = ("Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
               "NoNewPrivs", "Seccomp")

_libc = ctypes.CDLL(None, use_errno=True)


class SandboxEntryError(RuntimeError):
    """The process could not become what the sandbox's own process is."""


def _check(result: int, what: str) -> int:
    if result == -1:
        errno = ctypes.get_errno()
        raise SandboxEntryError(f"{what}: {os.strerror(errno)}")
    return result


def prctl(option: int, arg: int = 0) -> None:
    _check(_libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0),
                       ctypes.c_ulong(0)), f"prctl({option})")


def setns(fd: int, nstype: int) -> None:
    _check(_libc.setns(fd, nstype), f"setns({nstype:#x})")


def _inode(fd: int) -> int:
    return os.fstat(fd).st_ino


def join_namespaces(holder_pid: int) -> None:
    """Join every namespace of `holder_pid`, a process bubblewrap started.

    The user namespace that owns the others is joined first (it gives the capabilities that
    joining them needs), then the others, then the holder's own user namespace, which bubblewrap
    may have nested inside the first. Joining the mount namespace moves this process's root and
    working directory to the sandbox's root: no path of the host stays reachable. The PID
    namespace applies to children: the caller must fork next.
    """
    fds: dict[str, int] = {}
    try:
        for name in ("user", *(n for n, _ in NAMESPACES)):
            fds[name] = os.open(f"/proc/{holder_pid}/ns/{name}", os.O_RDONLY | os.O_CLOEXEC)
        own_user = os.open("/proc/self/ns/user", os.O_RDONLY | os.O_CLOEXEC)
        fds["own"] = own_user
        owner = fcntl.ioctl(fds["mnt"], NS_GET_USERNS)
        fds["owner"] = owner
        if _inode(owner) != _inode(own_user):
            setns(owner, CLONE_NEWUSER)
        for name, flag in NAMESPACES:
            setns(fds[name], flag)
        if _inode(fds["user"]) != _inode(owner):
            setns(fds["user"], CLONE_NEWUSER)
    finally:
        for fd in fds.values():
            os.close(fd)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def drop_privileges(uid: int | None = None) -> None:
    """No capability in any set, none to regain: what bubblewrap's `--cap-drop ALL` leaves;
    with `uid`, as that user (become_user), the bounding set dropped while that is allowed."""
    with open("/proc/sys/kernel/cap_last_cap") as f:
        last = int(f.read())
    for cap in range(last + 1):
        prctl(PR_CAPBSET_DROP, cap)
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    if uid is not None:
        become_user(uid)
    header = _CapHeader(LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), data), "capset")
    prctl(PR_SET_NO_NEW_PRIVS, 1)


def status(pid: str) -> dict[str, str]:
    """The credential fields of /proc/PID/status."""
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return {k: " ".join(fields.get(k, "").split()) for k in CREDENTIALS}


def namespaces(pid: str) -> dict[str, str]:
    return {name: os.readlink(f"/proc/{pid}/ns/{name}") for name in ("user", *(n for n, _ in NAMESPACES))}


CONFINED = {"Groups": "", "CapInh": "0000000000000000", "CapPrm": "0000000000000000",
            "CapEff": "0000000000000000", "CapBnd": "0000000000000000",
            "CapAmb": "0000000000000000", "NoNewPrivs": "1", "Seccomp": "0"}


def verify_namespaces(init: str) -> None:
    """Raise unless this process is in the namespaces of `init` (its PID in the sandbox: 1 is
    bubblewrap's init). Read from the sandbox's own /proc, before dropping privileges: `init`
    may be root's."""
    try:
        mine, theirs = namespaces("self"), namespaces(init)
    except OSError as error:
        raise SandboxEntryError(f"cannot read the sandbox's namespaces: {error}") from None
    if mine != theirs:
        raise SandboxEntryError(f"namespaces differ from the sandbox's: {mine} != {theirs}")


def verify_confined(uid: int) -> None:
    """Raise unless this process holds nothing: user and group `uid` as the sandbox sees them,
    no supplementary group, no capability in any set, no new privileges."""
    wanted = {**CONFINED, "Uid": " ".join([str(uid)] * 4), "Gid": " ".join([str(uid)] * 4)}
    have = status("self")
    wrong = {k: (have[k], v) for k, v in wanted.items() if have[k] != v}
    if wrong:
        raise SandboxEntryError(f"credentials are not the sandbox's: {wrong}")


def become_user(uid: int) -> None:
    """Take the sandbox's host user and group, in every set, with no supplementary groups:
    what a grader run as root gives a sandbox instead of a user namespace mapped to root."""
    with contextlib.suppress(PermissionError):  # a user namespace may deny setgroups
        os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def confine(request: dict, report: Callable[[dict], None]) -> None:
    """Make this freshly forked process the sandboxed one that `request` describes.

    Joins the submission's cgroups and resource limits. With a `holder` (bubblewrap's process,
    by host PID), joins its namespaces and forks into its PID namespace: the process that
    returns is that child, with the sandbox's `uid` (if any), no capability, checked to hold
    exactly what bubblewrap's own process holds; the parent reports the child's host PID and
    ends here. Without a holder, the process reports its own PID and returns. A failure is
    raised (or, from the child, reported by its parent) before anything else runs."""
    apply_limits(request)
    holder = int(request.get("holder") or 0)
    if not holder:
        os.setsid()
        report({"pid": os.getpid()})
        return
    with contextlib.suppress(PermissionError):
        os.setgroups([])  # bubblewrap's process has no supplementary groups either
    join_namespaces(holder)
    status_read, status_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # inside the PID namespace
        try:
            os.close(status_read)
            uid = request.get("uid")
            verify_namespaces("1")
            drop_privileges(None if uid is None else int(uid))
            verify_confined(SANDBOX_UID)
            os.setsid()
        except Exception as error:  # noqa: BLE001 - said to the parent, which says it on
            os.write(status_write, f"{type(error).__name__}: {error}".encode()[:4000])
            os._exit(70)
        os.write(status_write, b"ok")
        os.close(status_write)
        return
    os.close(status_write)
    status = b""
    while chunk := os.read(status_read, 4096):
        status += chunk
    os.close(status_read)
    if status == b"ok":
        report({"pid": pid})
    else:
        report({"error": status.decode("utf-8", "replace") or "the sandboxed process died"})
    os._exit(0)


def check_from_host(pid: int, uid: int | None) -> None:
    """Raise unless the process `pid`, seen from the host, runs as `uid` (when given) with no
    capability and no way to gain one: what the grader checks of every confined process it
    is told about, from outside."""
    try:
        fields = status(str(pid))
    except OSError as error:
        raise SandboxEntryError(f"the sandboxed process is gone: {error}") from None
    wanted = {"CapInh": "0000000000000000", "CapPrm": "0000000000000000",
              "CapEff": "0000000000000000", "CapAmb": "0000000000000000", "NoNewPrivs": "1"}
    if uid is not None:
        wanted |= {"Uid": " ".join([str(uid)] * 4), "Gid": " ".join([str(uid)] * 4)}
    wrong = {k: fields[k] for k, v in wanted.items() if fields[k] != v}
    if wrong:
        raise SandboxEntryError(f"the sandboxed process holds more than it should: {wrong}")


def main(argv: list[str]) -> None:
    """`python -m grader.sandbox.enter --become UID -- COMMAND...`: a cold kernel's first step
    inside bubblewrap's namespaces (built by root, without a user namespace): become UID with
    no capability, then COMMAND."""
    if len(argv) < 4 or argv[0] != "--become" or argv[2] != "--":
        raise SystemExit("usage: python -m grader.sandbox.enter --become UID -- COMMAND...")
    drop_privileges(int(argv[1]))
    os.execvp(argv[3], argv[3:])


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
