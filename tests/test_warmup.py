"""gc100 grade starts the warm parents before it imports its pipeline; grading then uses them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest

from grader import boundary
from grader.forkserver import ForkServer
from grader.sandbox import warm
from grader.sandbox.policy import threads_per_kernel
from grader.warmup import read_cells, start_parents_for


def test_read_cells_joins_sources_and_refuses_what_is_no_notebook() -> None:
    nb = {"cells": [{"cell_type": "code", "source": ["import torch\n", "x = 1"], "metadata": {}},
                    {"cell_type": "markdown", "source": "text"}], "metadata": {}}
    cells = read_cells(json.dumps(nb).encode()).cells
    assert [(c.cell_type, c.source) for c in cells] == [("code", "import torch\nx = 1"),
                                                       ("markdown", "text")]
    assert boundary.heavy_imports(read_cells(json.dumps(nb).encode())) >= {"torch"}
    for junk in (b"", b"\xff\xfe", b"[]", b'{"cells": 3}', b'{"cells": [1]}', b"{}"):
        assert read_cells(junk) is None, junk


class CountingServer(ForkServer):
    """A fork server that records each process it starts."""

    starts: ClassVar[list[str]] = []

    def _start(self, modules, env):
        self.starts.append(self.module)
        return super()._start(modules, env)


@pytest.mark.slow
def test_grading_uses_the_parents_started_before_it(tmp_path: Path, monkeypatch) -> None:
    from course_factory import GOOD, squares_source, with_answers, write_course

    from grader.course import load_course
    from grader.grade import grade_assignment
    from grader.gradebook import Gradebook
    from grader.release import release_notebook

    CountingServer.starts = []
    kernels = CountingServer("grader.sandbox.warm", python_flags=("-Xfrozen_modules=off",))
    runners = CountingServer("grader.boundary.runner")
    monkeypatch.setattr(warm, "KERNELS", warm.KernelParent(server=kernels))
    monkeypatch.setattr(boundary, "ZYGOTE", runners)
    source = squares_source()
    source.cells[1].source = "import math\nimport numpy"  # a heavy import for the parents
    released = release_notebook(source)
    course = load_course(write_course(tmp_path / "course", {"good": with_answers(released, GOOD)},
                                      source))
    try:
        start_parents_for(course, ["squares", "no-such-assignment"], threads_per_kernel(2))
        with Gradebook(course.db_url) as gradebook:
            result = grade_assignment(course, "squares", gradebook, workers=2)
        assert [g.status for g in result.graded] == ["graded"]
        assert sorted(CountingServer.starts) == ["grader.boundary.runner", "grader.sandbox.warm"]
        assert not warm.KERNELS.disabled
    finally:
        for server in (kernels, runners):
            for process in server.servers.values():
                server._end(process)


HIDDEN_IMPORT_SOURCE = {
    "answer": "def seen():\n    ### BEGIN SOLUTION\n    import sys\n    return 'numpy' in sys.modules\n"
              "    ### END SOLUTION",
    "tests": "assert seen() is False, 'numpy was imported in the kernel'\n### BEGIN HIDDEN TESTS\n"
             "import numpy\nassert numpy.zeros(2).sum() == 0\n### END HIDDEN TESTS",
}


def test_what_only_a_hidden_test_imports_is_not_preloaded_for_the_kernel() -> None:
    nb = {"cells": [{"cell_type": "code", "source": HIDDEN_IMPORT_SOURCE["answer"],
                     "metadata": {"nbgrader": {"solution": True, "grade_id": "a"}}},
                    {"cell_type": "code", "source": HIDDEN_IMPORT_SOURCE["tests"],
                     "metadata": {"nbgrader": {"grade": True, "grade_id": "t", "points": 1}}}]}
    cells = read_cells(json.dumps(nb).encode())
    assert "numpy" in boundary.heavy_imports(cells)  # the runner's parent: it runs the tests
    assert "numpy" not in boundary.heavy_imports(cells, tests=False)  # the kernels' parent


@pytest.mark.slow
def test_a_graded_kernel_does_not_find_a_hidden_tests_import_preloaded(tmp_path: Path,
                                                                      monkeypatch) -> None:
    """Graded end to end, with parents of this test's own: the student's kernel does not have
    the package that only a hidden test imports, and the hidden test still uses it."""
    from course_factory import meta, write_course
    from nbformat.v4 import new_code_cell, new_notebook

    from grader.course import load_course
    from grader.grade import grade_assignment
    from grader.gradebook import Gradebook
    from grader.release import answer_from_solution, release_notebook

    monkeypatch.setattr(warm, "KERNELS", warm.KernelParent())
    monkeypatch.setattr(boundary, "ZYGOTE", ForkServer("grader.boundary.runner"))
    source = new_notebook(cells=[
        new_code_cell(HIDDEN_IMPORT_SOURCE["answer"], metadata=meta("a", solution=True)),
        new_code_cell(HIDDEN_IMPORT_SOURCE["tests"], metadata=meta("t", grade=True, locked=True,
                                                                    points=1))])
    student = release_notebook(source)
    student.cells[0].source = answer_from_solution(HIDDEN_IMPORT_SOURCE["answer"])
    course = load_course(write_course(tmp_path / "course", {"ann": student}, source,
                                      assignment="hidden"))
    try:
        with Gradebook(course.db_url) as gradebook:
            [record] = grade_assignment(course, "hidden", gradebook, workers=1).graded
        assert not warm.KERNELS.disabled
        assert [(c.grade_id, c.points) for c in record.cells] == [("t", 1.0)], record.cells
    finally:
        for server in (warm.KERNELS.server, boundary.ZYGOTE):
            for process in server.servers.values():
                server._end(process)
