"""Warm kernels: forked from a pre-imported parent, then exactly as sandboxed as a cold one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grader.execute import Limits, execute_notebook, kernel_environment
from grader.forkserver import ForkServer
from grader.sandbox import SandboxPolicy, detect_layers
from grader.sandbox.warm import KernelParent, WarmProvisioner

pytestmark = pytest.mark.slow

PRELOAD = frozenset({"numpy", "torch"})
NAMESPACES = ("user", "mnt", "pid", "net", "ipc", "uts", "cgroup")
# what the kernel reports about itself
INSPECT = """
import json, os, sys
def fields(pid):
    lines = dict(l.split(':', 1) for l in open(f'/proc/{pid}/status') if ':' in l)
    keep = ('Uid', 'Gid', 'Groups', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs',
            'Seccomp')
    return {k: ' '.join(lines[k].split()) for k in keep}
def spaces(pid):
    return {n: os.readlink(f'/proc/{pid}/ns/{n}') for n in NAMESPACES}
print(json.dumps({'me': fields('self'), 'my_ns': spaces('self'), 'preloaded': 'torch' in sys.modules,
                  'pid': os.getpid(), 'cwd': os.getcwd(), 'home': os.environ.get('HOME'),
                  'course_visible': os.path.exists(SECRET),
                  'shadow_readable': os.access('/etc/shadow', os.R_OK)}))
""".replace("NAMESPACES", repr(NAMESPACES))


FORK_TO_THE_LIMIT = """
import os, signal, time
children = []
try:
    for _ in range(100):
        pid = os.fork()
        if pid == 0:
            time.sleep(30)
            os._exit(0)
        children.append(pid)
except OSError as error:
    print('refused', error.errno)
for pid in children:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
"""


def bubblewrap_active() -> bool:
    return detect_layers()[0].active


def report(result) -> dict:
    text = "".join(o.get("text", "") for o in result.nb.cells[0].outputs)
    return json.loads(text)


def run_warm(tmp_path: Path, sources: list[str], policy: SandboxPolicy | None,
             limits: Limits = Limits(cell_timeout=30)):
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    env = kernel_environment({"HOME": str(work)})
    return execute_notebook(nb, work, limits, env, policy, preload=PRELOAD)


def test_a_warm_kernel_is_sandboxed_like_a_cold_one(tmp_path: Path) -> None:
    """A cold kernel is started by bubblewrap itself; a warm one is forked outside and enters
    the namespaces bubblewrap built. Both end as the same unprivileged user, with nothing."""
    if not bubblewrap_active():
        pytest.skip("bubblewrap is not available here")
    course = tmp_path / "course"
    course.mkdir()
    (course / "secret.txt").write_text("hidden")
    probe = INSPECT.replace("SECRET", repr(str(course / "secret.txt")))
    policy = SandboxPolicy(hidden=(str(course),))
    got = report(run_warm(tmp_path, [probe], policy))
    work = tmp_path / "cold"
    work.mkdir()
    cold = report(execute_notebook(new_notebook(cells=[new_code_cell(probe)]), work,
                                   Limits(cell_timeout=30), kernel_environment({"HOME": str(work)}),
                                   policy))
    assert got["preloaded"] and not cold["preloaded"]
    host = {n: os.readlink(f"/proc/self/ns/{n}") for n in NAMESPACES}
    kept = {n for n in NAMESPACES if got["my_ns"][n] == host[n]}
    assert kept == {n for n in NAMESPACES if cold["my_ns"][n] == host[n]}
    assert kept <= {"user", "cgroup"}, f"namespaces of the host kept: {kept}"
    assert got["me"] == cold["me"]
    assert got["me"]["CapEff"] == got["me"]["CapBnd"] == "0000000000000000"
    assert got["me"]["NoNewPrivs"] == "1" and got["me"]["Uid"].split()[0] == "65534"
    if {l.name: l.active for l in detect_layers()}["unprivileged user"]:  # 65534 on the host
        assert "user" in kept and not got["shadow_readable"] and not cold["shadow_readable"]
    assert got["cwd"] == str(tmp_path / "work") == got["home"]
    assert not got["course_visible"] and not cold["course_visible"]


def test_warm_kernels_limits_and_restarts(tmp_path: Path) -> None:
    """A warm kernel in the sandbox: cells that never end, kernels that die, memory bombs."""
    policy = SandboxPolicy(memory_bytes=512 * 2**20, max_pids=32)
    result = run_warm(tmp_path, [
        "x = 41",
        "while True: pass",
        "import os; os._exit(3)",
        "bomb = bytearray(2 * 1024**3)",
        FORK_TO_THE_LIMIT,
        "x + 1",
    ], policy, Limits(cell_timeout=3))
    cells = result.nb.cells
    names = [[o.get("ename") for o in c.outputs if o.get("output_type") == "error"] for c in cells]
    assert names[1] in (["KeyboardInterrupt"], ["CellTimeoutError"])
    assert "cell 1: timed out after 3 s" in result.events
    assert names[2] == ["DeadKernelError"]
    assert names[3] in (["MemoryError"], ["DeadKernelError"])
    if {l.name: l.active for l in detect_layers()}["cgroup memory and process limits"]:
        assert "refused" in "".join(o.get("text", "") for o in cells[4].outputs)
    assert cells[5].outputs[0]["data"]["text/plain"] == "42"


def test_each_warm_kernel_starts_with_its_own_random_state(tmp_path: Path) -> None:
    draws = []
    for _ in range(2):
        result = run_warm(tmp_path, ["import random, numpy\nprint(random.random(), numpy.random.rand())"],
                          SandboxPolicy())
        draws.append(result.nb.cells[0].outputs[0]["text"])
    assert draws[0] != draws[1]


def test_without_namespaces_the_kernel_ends_with_its_notebook(tmp_path: Path) -> None:
    result = run_warm(tmp_path, ["import os, sys\nprint(os.getpid(), 'torch' in sys.modules)"],
                      SandboxPolicy(use_bwrap=False, use_cgroups=False))
    pid, preloaded = result.nb.cells[0].outputs[0]["text"].split()
    assert preloaded == "True"
    assert not Path(f"/proc/{pid}").exists() or \
        "zombie" in Path(f"/proc/{pid}/status").read_text(), "the kernel outlived its notebook"


def test_a_kernel_parent_that_cannot_start_falls_back_to_a_cold_kernel(tmp_path: Path,
                                                                       monkeypatch) -> None:
    broken = KernelParent(server=ForkServer("grader.no_such_module"))
    _with_parent(monkeypatch, broken)
    result = run_warm(tmp_path, ["import sys\nprint('torch' in sys.modules)", "6 * 7"], SandboxPolicy())
    assert result.nb.cells[0].outputs[0]["text"].strip() == "False"  # a new interpreter
    assert result.nb.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert "could not start" in broken.disabled

def _with_parent(monkeypatch, parent: KernelParent) -> None:
    """Warm kernels of this test come from `parent`, not from the process's own."""
    original = WarmProvisioner.launch_kernel

    async def launch(self, cmd, **kwargs):
        self.launch = type(self.launch)(self.launch.modules, self.launch.sandbox,
                                        self.launch.log_path, parent)
        return await original(self, cmd, **kwargs)

    monkeypatch.setattr(WarmProvisioner, "launch_kernel", launch)


def test_a_holder_that_is_no_sandbox_makes_the_kernel_start_cold(tmp_path: Path, monkeypatch) -> None:
    """The kernel checks what it joined against bubblewrap's process before anything runs: a
    holder on the host (its namespaces, an unconfined PID 1) fails that check."""
    import subprocess

    from grader.sandbox import warm

    if not bubblewrap_active():
        pytest.skip("bubblewrap is not available here")
    impostor = subprocess.Popen(["sleep", "60"])
    monkeypatch.setattr(warm, "start_holder", lambda prefix, env: (impostor, impostor.pid))
    parent = KernelParent()
    _with_parent(monkeypatch, parent)
    try:
        result = run_warm(tmp_path, ["import sys\nprint('torch' in sys.modules)"], SandboxPolicy())
    finally:
        impostor.kill()
        impostor.wait()
    assert result.nb.cells[0].outputs[0]["text"].strip() == "False"  # started cold, sandboxed
    assert parent.disabled.startswith("SandboxEntryError"), parent.disabled


def test_warm_and_cold_kernels_grade_alike(tmp_path: Path) -> None:
    """The same students, graded with warm kernels and with cold ones (where the test boundary's
    agent is installed from its source, not from the parent's compiled copy)."""
    from course_factory import GOOD, squares_source, with_answers, write_course

    from grader.course import load_course
    from grader.grade import grade_assignment
    from grader.gradebook import Gradebook
    from grader.release import release_notebook

    source = squares_source()
    released = release_notebook(source)
    students = {"good": with_answers(released, GOOD), "blank": released}
    scores = {}
    for warm in (True, False):
        course = load_course(write_course(tmp_path / f"warm{warm}", students, source))
        with Gradebook(course.db_url) as gradebook:
            grade_assignment(course, "squares", gradebook, workers=2, warm=warm)
            scores[warm] = {r.student_id: [(c.grade_id, c.points) for c in r.cells]
                            for r in gradebook.latest_records()}
    assert scores[True] == scores[False]
    assert sum(points or 0 for _, points in scores[True]["good"]) > 0


def test_warm_and_cold_kernels_start_with_the_same_options(tmp_path: Path) -> None:
    """A warm kernel gets the cold kernel's command-line options (history kept in memory)."""
    probe = "import sys\nprint('torch' in sys.modules, get_ipython().history_manager.hist_file)"
    warm = run_warm(tmp_path, [probe], SandboxPolicy())
    cold = execute_notebook(new_notebook(cells=[new_code_cell(probe)]), tmp_path / "work",
                            Limits(cell_timeout=30), kernel_environment({"HOME": str(tmp_path / "work")}),
                            SandboxPolicy())
    assert warm.nb.cells[0].outputs[0]["text"].split() == ["True", ":memory:"]
    assert cold.nb.cells[0].outputs[0]["text"].split() == ["False", ":memory:"]
    assert not (tmp_path / "work" / ".ipython" / "profile_default" / "history.sqlite").exists()


KERNEL_STARTS = """
import importlib, json, os, sys, tempfile
from grader.sandbox.warm import KERNEL_MODULES, kernel_start_imports
for name in KERNEL_MODULES:
    importlib.import_module(name)
learned = kernel_start_imports()  # what the kernels' parent imports before it forks a kernel
for name in learned:
    try:
        importlib.import_module(name)
    except ImportError:  # a name some extension puts in sys.modules, not a module to import
        pass
from jupyter_client.connect import write_connection_file
folder = tempfile.mkdtemp()
connection, _ = write_connection_file(os.path.join(folder, "k.json"), transport="ipc",
                                      ip=os.path.join(folder, "k"))
before = set(sys.modules)
from ipykernel.kernelapp import IPKernelApp
devnull = os.open(os.devnull, os.O_WRONLY)
saved = os.dup(1)
os.dup2(devnull, 1)
os.dup2(devnull, 2)
IPKernelApp.instance().initialize(["-f", connection, "--HistoryManager.hist_file=:memory:"])
os.write(saved, json.dumps({"learned": learned, "left": sorted(set(sys.modules) - before)}).encode())
os._exit(0)
"""


def test_the_kernel_parent_learns_what_a_kernel_imports_as_it_starts() -> None:
    """The kernels' parent imports what a throwaway kernel's start imported, whatever IPython
    and ipykernel are installed: a kernel started after that imports nothing more."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-Xfrozen_modules=off", "-c", KERNEL_STARTS],
                          capture_output=True, text=True, timeout=120)
    got = json.loads(done.stdout)
    assert "IPython.extensions.storemagic" in got["learned"], got["learned"]  # ipykernel loads it
    assert got["left"] == [], "the kernels' parent missed these"
