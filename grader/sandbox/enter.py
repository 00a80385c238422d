"""Entering a sandbox that bubblewrap built, from a process forked outside it.

bubblewrap builds a submission's namespaces (user, mount, PID, network, IPC, UTS, cgroup) and
holds them open with a process that does nothing. A warm kernel (grader.sandbox.warm) is forked
from a pre-imported parent on the host, joins those namespaces with setns(2), forks once more
so that it lives inside the PID namespace, drops every privilege, and only then checks that it
holds exactly what bubblewrap's own process holds: same namespaces, same user and groups, no
capabilities, no new privileges. Anything else ends the process before student code runs.

Only the standard library: this runs in the kernel's process before the kernel exists.
"""

from __future__ import annotations

import ctypes
import fcntl
import os

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
# what the kernel must share with bubblewrap's process, field by field of /proc/PID/status
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


def drop_privileges() -> None:
    """No capability in any set, none to regain: what bubblewrap's `--cap-drop ALL` leaves."""
    with open("/proc/sys/kernel/cap_last_cap") as f:
        last = int(f.read())
    for cap in range(last + 1):
        prctl(PR_CAPBSET_DROP, cap)
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
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


def verify_like(pid: str) -> None:
    """Raise unless this process has the namespaces and credentials of `pid` (its PID in the
    sandbox: 1 is bubblewrap's init). Read from the sandbox's own /proc."""
    mine, theirs = namespaces("self"), namespaces(pid)
    if mine != theirs:
        raise SandboxEntryError(f"namespaces differ from the sandbox's: {mine} != {theirs}")
    mine_status, their_status = status("self"), status(pid)
    if mine_status != their_status:
        diff = {k: (mine_status[k], their_status[k]) for k in CREDENTIALS
                if mine_status[k] != their_status[k]}
        raise SandboxEntryError(f"credentials differ from the sandbox's: {diff}")
