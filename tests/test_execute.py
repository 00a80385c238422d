"""Execute: limits per cell, kernels that die or will not stop, floods of output."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from grader.execute import Limits, execute_notebook

pytestmark = pytest.mark.slow


def run(tmp_path: Path, *sources: str, **limits) -> list:
    nb = new_notebook()
    nb.cells = [new_code_cell(s) for s in sources]
    result = execute_notebook(nb, tmp_path, Limits(**{"cell_timeout": 3, **limits}))
    return result.nb.cells


def kinds(cell) -> list[str]:
    return [o.get("ename") or o["output_type"] for o in cell.outputs]


def test_a_cell_that_never_ends_scores_an_error_and_the_rest_runs(tmp_path: Path) -> None:
    cells = run(tmp_path, "x = 1", "while True: pass", "x + 1")
    assert "error" in [o["output_type"] for o in cells[1].outputs]
    assert cells[2].outputs[0]["data"]["text/plain"] == "2"


def test_a_kernel_ignoring_interrupts_is_replaced_and_state_replayed(tmp_path: Path) -> None:
    cells = run(tmp_path, "x = 41",
                "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                "while True: time.sleep(0.05)",
                "x + 1")
    assert kinds(cells[1]) == ["CellTimeoutError"]
    assert cells[2].outputs[0]["data"]["text/plain"] == "42"


def test_a_dying_kernel_fails_only_its_cell(tmp_path: Path) -> None:
    cells = run(tmp_path, "y = 2", "import os; os._exit(3)", "y * 21")
    assert kinds(cells[1]) == ["DeadKernelError"]
    assert cells[2].outputs[0]["data"]["text/plain"] == "42"


def test_a_kernel_that_always_dies_ends_the_notebook_cleanly(tmp_path: Path) -> None:
    cells = run(tmp_path, "import os; os._exit(1)", "import os; os._exit(1)",
                "import os; os._exit(1)", "1", max_restarts=2)
    assert "DeadKernelError" in kinds(cells[3])


def test_gigantic_output_is_truncated(tmp_path: Path) -> None:
    cells = run(tmp_path, "for _ in range(200):\n    print('x' * 100_000)", "'after'",
                max_output_bytes=200_000)
    text = "".join(o.get("text", "") for o in cells[0].outputs)
    assert len(text) < 400_000 and "output truncated" in text
    assert cells[1].outputs[0]["data"]["text/plain"] == "'after'"


def test_the_notebook_time_limit_marks_what_did_not_run(tmp_path: Path) -> None:
    cells = run(tmp_path, "import time; time.sleep(2)", "import time; time.sleep(2)", "1",
                notebook_timeout=3)
    assert "NotebookTimeoutError" in kinds(cells[-1])


def test_cells_run_in_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_text("hello")
    cells = run(tmp_path, "open('data.txt').read()")
    assert cells[0].outputs[0]["data"]["text/plain"] == "'hello'"


def _my_kernels() -> set[int]:
    """Kernel processes whose parent is this test process."""
    import os
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if ppid == os.getpid() and b"ipykernel_launcher" in cmdline:
            found.add(int(entry.name))
    return found


def test_no_kernel_outlives_its_notebook(tmp_path: Path) -> None:
    before = _my_kernels()
    run(tmp_path, "x = 1", "import os; os._exit(1)", "x = 2")
    assert _my_kernels() - before == set()


LATE_KERNEL = ("import runpy, sys, time; time.sleep(2.5); sys.argv = ['ipykernel_launcher'] + sys.argv[1:];"
               " runpy.run_module('ipykernel_launcher', run_name='__main__')")


def test_a_kernel_slow_to_answer_its_first_request_is_still_ready(tmp_path: Path) -> None:
    """On a loaded machine a kernel may answer only after the client asked again: the replies
    then arrive one request late, and a client that accepts only the newest waits forever."""
    import asyncio
    import sys

    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    async def start() -> None:
        km = AsyncKernelManager(transport="ipc", ip=str(tmp_path / "k"),
                                client_class="grader.execute.PromptClient")
        km.connection_file = str(tmp_path / "kernel.json")
        km._kernel_spec = KernelSpec(argv=[sys.executable, "-c", LATE_KERNEL, "-f", "{connection_file}"],
                                     display_name="late", language="python")
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=30)
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    asyncio.run(start())
