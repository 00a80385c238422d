"""The sandbox contains hostile submissions: each earns what its honest work deserves, the batch
completes, and every other student's grade and files are intact, checked after a pause long
enough for a left-behind daemon to act."""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from pathlib import Path

import pytest
from adversarial.sandbox_cases import CASES
from course_factory import GOOD, squares_source, with_answers, write_course

from grader.course import load_course
from grader.execute import Limits
from grader.grade import grade_assignment
from grader.gradebook import Gradebook
from grader.release import release_notebook
from grader.sandbox import SandboxPolicy, detect_layers

pytestmark = pytest.mark.slow


def answer_server(tmp_path: Path) -> tuple[http.server.HTTPServer, int]:
    """A server on the host's loopback that hands out the solution to whoever asks."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "answers.py").write_text(
        "def sum_of_squares(n):\n    return sum(i * i for i in range(1, n + 1))\n")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path / "www"), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def test_hostile_submissions_are_contained(tmp_path: Path) -> None:
    layers = {layer.name: layer.active for layer in detect_layers()}
    if not all(layers.values()):
        pytest.skip("sandbox layers inactive here: " + ", ".join(k for k, v in layers.items() if not v))
    source = squares_source()
    released = release_notebook(source)
    honest = {"honest": with_answers(released, GOOD)}
    course = write_course(tmp_path / "course", honest, source)
    server, port = answer_server(tmp_path)
    victim = course / "submitted" / "honest" / "squares" / "squares.ipynb"
    db = course / "gradebook.db"
    outside = tmp_path / "outside"  # a folder of the host's that no submission may write in
    outside.mkdir()
    fill = {"course": str(course), "db": str(db), "victim": str(victim), "port": port,
            "outside": str(outside)}
    students = {}
    for number, case in enumerate(CASES):
        answers = {k: v.format(**fill) for k, v in case.items() if k.endswith("_answer")}
        students[f"attack{number:02d}"] = with_answers(released, answers)
    write_course(course, students, source)
    c = load_course(course)
    with Gradebook(c.db_url) as gb:
        grade_assignment(c, "squares", gb, students=["honest"], workers=1)
    honest_before = victim.read_bytes()
    try:
        with Gradebook(c.db_url) as gb:
            grade_assignment(c, "squares", gb, workers=2,
                             limits=Limits(cell_timeout=5, notebook_timeout=90),
                             policy=SandboxPolicy(memory_bytes=768 * 2**20, max_pids=64))
    finally:
        server.shutdown()
    time.sleep(6)  # a daemon that escaped would act now
    assert victim.read_bytes() == honest_before, "another student's submission was changed"
    assert not list(outside.iterdir()), "a submission made the grader write outside its folder"
    with Gradebook(c.db_url) as gb:
        got = {r.student_id: r for r in gb.latest_records()}
        assert got["honest"].score == 7 and len(gb.history("squares", "honest")) == 1
    for number, case in enumerate(CASES):
        record = got[f"attack{number:02d}"]
        assert record.score == case["score"], (case["name"], record.score,
                                               [(g.grade_id, g.points, g.message) for g in record.cells])
    leftovers = [p for p in Path("/proc").iterdir() if p.name.isdigit()
                 and b"time.sleep(4)" in _cmdline(p)]
    assert not leftovers, "a daemon outlived its kernel"


def _cmdline(p: Path) -> bytes:
    try:
        return (p / "cmdline").read_bytes()
    except OSError:
        return b""


def test_the_kernel_sees_none_of_the_course(tmp_path: Path) -> None:
    from nbformat.v4 import new_code_cell, new_notebook

    from grader.execute import execute_notebook

    if not detect_layers()[0].active:
        pytest.skip("bubblewrap is not available here")
    secret = tmp_path / "course" / "source" / "secret.txt"
    secret.parent.mkdir(parents=True)
    secret.write_text("hidden")
    work = tmp_path / "work"
    work.mkdir()
    nb = new_notebook()
    nb.cells = [new_code_cell(f"import os\nos.path.exists({str(secret)!r}), os.getuid()")]
    result = execute_notebook(nb, work, Limits(cell_timeout=30),
                              policy=SandboxPolicy(hidden=(str(tmp_path / "course"),)))
    assert result.nb.cells[0].outputs[0]["data"]["text/plain"] == "(False, 65534)"
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(b"hidden").hexdigest()


def test_the_kernel_can_write_where_a_program_expects_to(tmp_path: Path) -> None:
    """The sandbox's user owns none of its mounts: its /tmp and /dev/shm are sticky and
    world-writable as on a host, and its working folder is its own."""
    from nbformat.v4 import new_code_cell, new_notebook

    from grader.execute import execute_notebook

    if not detect_layers()[0].active:
        pytest.skip("bubblewrap is not available here")
    work = tmp_path / "work"
    work.mkdir()
    nb = new_notebook()
    nb.cells = [new_code_cell(
        "import os, tempfile\n"
        "folder = tempfile.mkdtemp()\n"
        "open(os.path.join(folder, 'a'), 'w').write('x')\n"
        "open('/dev/shm/b', 'w').write('x')\n"
        "open('here.txt', 'w').write('x')\n"
        "folder.startswith('/tmp/'), oct(os.stat('/tmp').st_mode & 0o7777)")]
    result = execute_notebook(nb, work, Limits(cell_timeout=30), policy=SandboxPolicy())
    outputs = result.nb.cells[0].outputs
    assert outputs[-1].get("data", {}).get("text/plain") == "(True, '0o1777')", outputs
