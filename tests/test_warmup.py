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
