"""`gc100 run`: instructor notebooks executed in parallel, with papermill parameters and timings."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from course_factory import KERNELSPEC
from nbformat.v4 import new_code_cell, new_notebook

from grader.cli import main
from grader.course import load_course
from grader.run import parse_parameters, run_course

pytestmark = pytest.mark.slow


def notebook(*sources: str, parameters: str | None = None) -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"kernelspec": KERNELSPEC})
    if parameters is not None:
        nb.cells.append(new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    nb.cells += [new_code_cell(s) for s in sources]
    return nb


def make_course(root: Path) -> Path:
    for name, nb in {
        "a_good": notebook("result = steps * 2\nresult", parameters="steps = 1"),
        "b_bad": notebook("x = 1", "raise ValueError('broken on purpose')"),
        "c_data": notebook("open('data.txt').read()"),
    }.items():
        folder = root / "source" / name
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
    (root / "source" / "c_data" / "data.txt").write_text("beside the notebook")
    return root


def test_runs_in_parallel_with_parameters_and_reports_failures(tmp_path: Path) -> None:
    course = load_course(make_course(tmp_path / "course"))
    results = run_course(course, course.assignments(), tmp_path / "out", workers=2,
                         parameters={"steps": 21})
    by_name = {r.assignment: r for r in results}
    assert by_name["a_good"].ok and by_name["c_data"].ok
    assert "ValueError: broken on purpose" in by_name["b_bad"].error
    executed = nbformat.read(tmp_path / "out" / "a_good" / "a_good.ipynb", as_version=4)
    assert executed.cells[-1].outputs[0]["data"]["text/plain"] == "42"
    assert all(r.seconds > 0 for r in results)
    source = nbformat.read(tmp_path / "course" / "source" / "a_good" / "a_good.ipynb", as_version=4)
    assert not source.cells[-1].outputs  # the source is never written


def test_cli_exit_status_and_table(tmp_path: Path, capsys) -> None:
    root = make_course(tmp_path / "course")
    assert main(["--course", str(root), "run", "a_good", "c_data", "-p", "steps=3"]) == 0
    assert main(["--course", str(root), "run", "b_bad"]) == 1
    out = capsys.readouterr().out
    assert "a_good" in out and "b_bad" in out and "1 failed" in out


def test_parameters_parse_as_literals() -> None:
    assert parse_parameters(["n=3", "lr=0.1", "name=adam", "xs=[1, 2]"]) == {
        "n": 3, "lr": 0.1, "name": "adam", "xs": [1, 2]}
    with pytest.raises(ValueError):
        parse_parameters(["3=oops"])


def test_each_kernel_starts_beside_its_own_notebook(tmp_path: Path) -> None:
    """Notebooks started at the same time in worker threads each see their own folder's files
    (a process-wide chdir per notebook would let one start in another's folder)."""
    root = tmp_path / "course"
    names = [f"n{i}" for i in range(6)]
    for name in names:
        folder = root / "source" / name
        folder.mkdir(parents=True)
        nbformat.write(notebook("open('mine.txt').read()"), folder / f"{name}.ipynb")
        (folder / "mine.txt").write_text(name)
    course = load_course(root)
    results = run_course(course, names, tmp_path / "out", workers=3)
    assert [r.error for r in results] == [""] * len(names)
    for name in names:
        executed = nbformat.read(tmp_path / "out" / name / f"{name}.ipynb", as_version=4)
        assert executed.cells[0].outputs[0]["data"]["text/plain"] == repr(name)


def test_kernels_use_unix_sockets_in_a_folder_removed_after(tmp_path: Path) -> None:
    """No TCP port is opened for a notebook's kernel (nor a warning printed about one)."""
    root = tmp_path / "course"
    folder = root / "source" / "ipc"
    folder.mkdir(parents=True)
    nbformat.write(notebook("import json\nfrom ipykernel.connect import get_connection_info\n"
                            "info = json.loads(get_connection_info())\n"
                            "print(info['transport'], info['ip'])"), folder / "ipc.ipynb")
    course = load_course(root)
    [result] = run_course(course, ["ipc"], tmp_path / "out")
    assert result.ok, result.error
    executed = nbformat.read(tmp_path / "out" / "ipc" / "ipc.ipynb", as_version=4)
    transport, ip = executed.cells[0].outputs[0]["text"].split()
    assert transport == "ipc"
    assert not Path(ip).parent.exists()
