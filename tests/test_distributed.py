"""`gc100 grade --dask`: a Dask cluster of two worker processes on loopback grades as we do locally."""

from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat
import pytest
from course_factory import GOOD, squares_source, squares_students, with_answers, write_course
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from grader.cli import main
from grader.course import load_course
from grader.distributed import ClusterError, grade_on_cluster
from grader.execute import Limits
from grader.grade import INTERNAL_ERROR, grade_job, load_source, plan_jobs
from grader.gradebook import Gradebook, GradeRecord
from grader.release import release_notebook

pytestmark = pytest.mark.slow


def gradebook_rows(course: Path) -> tuple[int, dict[str, GradeRecord]]:
    with Gradebook(load_course(course).db_url) as gb:
        with Session(gb.engine) as session:
            count = session.scalar(select(func.count()).select_from(GradeRecord))
        return count, {r.student_id: r for r in gb.latest_records()}


def outcome(record: GradeRecord) -> tuple:
    return (record.status, record.reason, record.score, record.max_score,
            [(c.grade_id, c.points, c.max_points, c.outcome, c.message) for c in record.cells])


def test_dask_grades_are_identical_to_local_grades(tmp_path: Path, scheduler: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = squares_source()
    students = squares_students(release_notebook(source))
    local = write_course(tmp_path / "local", students, source)
    remote = write_course(tmp_path / "remote", students, source)
    assert main(["--course", str(local), "grade", "--workers", "2"]) == 0
    capsys.readouterr()
    assert main(["--course", str(remote), "grade", "--dask", scheduler]) == 0
    assert f"grading on Dask cluster at {scheduler}" in capsys.readouterr().out

    local_count, local_rows = gradebook_rows(local)
    remote_count, remote_rows = gradebook_rows(remote)
    assert local_count == remote_count == len(students)
    assert set(remote_rows) == set(students)
    for student in students:
        assert outcome(remote_rows[student]) == outcome(local_rows[student]), student
    assert remote_rows["complete"].score == 7 and remote_rows["partial"].score == 3
    # the calling process wrote the same autograded notebooks and a feedback page for everyone
    for student in students:
        ours = nbformat.read(local / "autograded" / student / "squares" / "squares.ipynb", 4)
        theirs = nbformat.read(remote / "autograded" / student / "squares" / "squares.ipynb", 4)
        assert [c.get("outputs") for c in theirs.cells] == [c.get("outputs") for c in ours.cells]
        assert (remote / "feedback" / student / "squares" / "squares.html").is_file()


def test_a_failed_task_or_a_dead_worker_is_an_internal_error_and_the_rest_lands(
        tmp_path: Path, scheduler: str) -> None:
    source = squares_source()
    released = release_notebook(source)
    students = ("ann", "bob", "cid", "dan")
    course = load_course(write_course(tmp_path / "course",
                                      {s: with_answers(released, GOOD) for s in students}, source))
    jobs = plan_jobs(course, load_source(course, "squares"), list(students))

    def grade_with_failures(course, job, limits, threads, policy):  # runs on a worker
        if job.student_id == "bob":
            raise RuntimeError("a grader bug")
        if job.student_id == "cid":
            die_when_the_others_are_done()
        return grade_job(course, job, limits, threads, policy)

    def die_when_the_others_are_done() -> None:
        """Kill this worker process mid-task, once no other task runs on the cluster: a task
        that shared the dead worker would be lost with it, and the test would depend on where
        the scheduler happened to put each task."""
        from distributed import get_client, get_worker, secede

        mine = get_worker().get_current_task()
        secede()  # free this worker's thread for the others while waiting

        def others_unfinished(dask_scheduler) -> int:
            return sum(ts.state not in ("memory", "erred") for key, ts in
                       dask_scheduler.tasks.items() if key != mine)

        client = get_client()
        while client.run_on_scheduler(others_unfinished):
            time.sleep(0.05)
        os._exit(1)

    results = {grade.student_id: (grade, executed) for grade, executed in grade_on_cluster(
        scheduler, course, jobs, Limits(), 1, None, grade=grade_with_failures)}
    assert set(results) == set(students)
    for student in ("ann", "dan"):
        grade, executed = results[student]
        assert grade.status == "graded" and grade.score == 7
        assert isinstance(executed, nbformat.NotebookNode)
    bob, cid = results["bob"][0], results["cid"][0]
    assert bob.reason == f"{INTERNAL_ERROR} while grading: RuntimeError: a grader bug"
    assert cid.reason.startswith(f"{INTERNAL_ERROR} while grading: KilledWorker")
    for grade in (bob, cid):
        assert grade.status == "rejected" and grade.score == 0 and grade.max_score == 8
        assert results[grade.student_id][1] is None


def test_an_unreachable_scheduler_is_reported(tmp_path: Path) -> None:
    course = load_course(write_course(tmp_path / "course"))
    jobs = plan_jobs(course, load_source(course, "squares"), ["complete"])
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler"):
        list(grade_on_cluster("tcp://127.0.0.1:9", course, jobs, Limits(), 1, None,
                              grade=grade_job, connect_timeout=1))
