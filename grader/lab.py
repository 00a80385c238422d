"""`gc100 lab`: JupyterLab 4 on the course, opened on day 1, as a Codespace and a laptop serve it.

What it makes sure of before it starts the server of this Python environment:
- the course kernel `graphcompute` is registered in this environment (`<prefix>/share/jupyter/
  kernels`), so every notebook's `kernelspec` is found without a "Select Kernel" dialog, by this
  command and by a plain `jupyter lab` from the same environment;
- the course's JupyterLab settings, kept in the repository as `jupyter/overrides.json`, are
  installed as the environment's settings overrides (`<prefix>/share/jupyter/lab/settings/`):
  line numbers in code cells, no news or update prompts. A learner's own changes in the Settings
  editor still win, and are kept in their home folder as usual;
- the port is free: a busy one is replaced by one the system picks, and the URL says which;
- the server asks for a token (generated, or `JUPYTER_TOKEN` when set) and the printed URL has it.

`--ip` defaults to 127.0.0.1; the dev container sets `GC100_LAB_IP=0.0.0.0` so that a Codespace's
port forwarding reaches the server.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from grader.course import Course, load_course

console = Console()

KERNEL_NAME = "graphcompute"
KERNEL_DISPLAY = "Graph Compute 100 (Python 3)"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = Path("jupyter") / "overrides.json"
DEFAULT_PORT = 8888


def free_port(preferred: int, ip: str = "127.0.0.1") -> int:
    """`preferred` when nobody listens on it, otherwise a free port the system picks."""
    host = "" if ip in ("0.0.0.0", "") else ip
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError(f"no free port on {ip}")


def first_day(course: Course) -> Path | None:
    """The notebook of day 1 (the lowest-numbered day), or None when the course has no days."""
    for assignment in course.assignments():
        notebooks = course.source_notebooks(assignment)
        if notebooks:
            return notebooks[0]
    return None


def kernel_dir(prefix: Path | str = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


def ensure_kernel(prefix: Path | str = sys.prefix) -> bool:
    """Register the course kernel in `prefix` unless a working one is there; True when installed."""
    spec = kernel_dir(prefix) / "kernel.json"
    try:
        argv = json.loads(spec.read_text())["argv"]
        if Path(argv[0]).is_file() or shutil.which(argv[0]):
            return False
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(prefix),
                    "--name", KERNEL_NAME, "--display-name", KERNEL_DISPLAY],
                   check=True, stdout=subprocess.DEVNULL)
    return True


def settings_source(course: Course) -> Path | None:
    """The course's settings file: the course's own first, then the one of this repository."""
    for root in (course.root, PROJECT_ROOT):
        candidate = root / SETTINGS_FILE
        if candidate.is_file():
            return candidate
    return None


def app_settings_dir() -> Path:
    """Where JupyterLab of this environment reads its settings overrides."""
    from jupyterlab.commands import get_app_dir

    return Path(get_app_dir()) / "settings"


def install_settings(source: Path, target_dir: Path | None = None) -> Path:
    """Copy the course's settings overrides into the environment (a no-op when already there)."""
    json.loads(source.read_text())  # refuse to install a broken file
    target = (target_dir or app_settings_dir()) / "overrides.json"
    if not (target.is_file() and filecmp.cmp(source, target, shallow=False)):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target


def wants_browser() -> bool:
    """Open a browser only where one can show: a desktop, or a Codespace's `BROWSER` helper."""
    return (sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY"))
            or bool(os.environ.get("WAYLAND_DISPLAY")) or bool(os.environ.get("BROWSER")))


def lab_command(course: Course, port: int, ip: str, default_url: str,
                open_browser: bool) -> list[str]:
    return [
        str(Path(sys.executable).with_name("jupyter")), "lab",
        f"--ip={ip}", f"--port={port}", "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={course.root}", f"--ServerApp.default_url={default_url}",
        f"--LabApp.default_url={default_url}",  # what / redirects to when Lab is the app
        "--ServerApp.use_redirect_file=False",
        # no announcements, no update checks: nothing to click away, nothing fetched
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--ServerApp.open_browser={open_browser}",
    ] + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])  # containers, CI


def cmd_lab(args: argparse.Namespace) -> int:
    course = load_course(args.course)
    try:
        if ensure_kernel():
            console.print(f"registered the kernel {KERNEL_DISPLAY!r} in {sys.prefix}")
    except (OSError, subprocess.CalledProcessError) as error:
        console.print(f"[yellow]warning:[/] could not register the course kernel: {error}")
    source = settings_source(course)
    if source is None:
        console.print(f"[yellow]warning:[/] no {SETTINGS_FILE}; JupyterLab keeps its own defaults")
    else:
        try:
            install_settings(source)
        except (OSError, ValueError) as error:
            console.print(f"[yellow]warning:[/] course settings not installed: {error}")
    port = free_port(args.port, args.ip)
    if port != args.port:
        console.print(f"port {args.port} is busy; using {port}")
    first = first_day(course)
    default_url = f"/lab/tree/{first.relative_to(course.root).as_posix()}" if first else "/lab"
    env = os.environ.copy()
    token = env.get("JUPYTER_TOKEN") or secrets.token_hex(24)
    env["JUPYTER_TOKEN"] = token  # not on the command line, where `ps` would show it
    host = "127.0.0.1" if args.ip in ("0.0.0.0", "") else args.ip
    open_browser = not args.no_browser and wants_browser()
    command = lab_command(course, port, args.ip, default_url, open_browser)
    console.print(f"JupyterLab on http://{host}:{port}{default_url}?token={token}",
                  highlight=False, soft_wrap=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # JupyterLab takes this process's place: Ctrl+C and signals reach the server itself.
    os.chdir(course.root)
    os.execve(command[0], command, env)
    return 1  # not reached


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lab", help="serve the course in JupyterLab, opened on day 1")
    p.add_argument("--port", type=int, default=os.environ.get("GC100_LAB_PORT", str(DEFAULT_PORT)),
                   help="port to serve on; a busy one is replaced (default 8888, or GC100_LAB_PORT)")
    p.add_argument("--ip", default=os.environ.get("GC100_LAB_IP", "127.0.0.1"),
                   help="address to bind (default 127.0.0.1, or GC100_LAB_IP)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.set_defaults(func=cmd_lab)
