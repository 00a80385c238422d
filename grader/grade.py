"""The instructor's pipeline: submissions in, grades, autograded notebooks and feedback out.

read (untrusted) -> restore (source is the authority) -> execute (limits) -> score (nbgrader's
rules) -> gradebook, autograded notebook, feedback page. Notebooks run in parallel worker threads,
each driving its own kernel process, or as tasks on a Dask cluster (`grader.distributed`); only
the calling thread writes to the gradebook.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from grader.boundary import heavy_imports
from grader.course import Course
from grader.distributed import grade_on_cluster
from grader.execute import Boundary, Limits, execute_notebook
from grader.feedback import render_feedback
from grader.gradebook import Gradebook, NotebookGrade
from grader.jobs import INTERNAL_ERROR, GradeFunction, Job, SourceNotebook, internal_error
from grader.late import late_note
from grader.release import SKIPPED_NAMES, copy_assets, release_notebook
from grader.restore import restore_notebook
from grader.sandbox import SandboxPolicy
from grader.sandbox.policy import kernel_environment, threads_per_kernel
from grader.score import score_notebook
from grader.submission import (
    SubmissionError,
    parse_notebook,
    read_submission,
    safe_copy_folder,
    submission_peers,
)
from grader.warmup import start_parents


@dataclass
class BatchResult:
    graded: list[NotebookGrade] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)


def load_source(course: Course, assignment: str) -> list[SourceNotebook]:
    out = []
    for path in course.source_notebooks(assignment):
        data = path.read_bytes()
        nb = parse_notebook(data, str(path))  # read as a submission is: the same upgrades
        out.append(SourceNotebook(assignment, path, nb, release_notebook(nb),
                                  hashlib.sha256(data).hexdigest()))
    return out


def plan_jobs(course: Course, sources: list[SourceNotebook], students: list[str]) -> list[Job]:
    jobs = []
    peers = {source.name: submission_peers(course.submitted_dir, source.assignment, source.name)
             for source in sources}
    for student in students:
        for source in sources:
            folder = course.submitted_dir / student / source.assignment
            try:
                submission = read_submission(folder, course.submitted_dir, student,
                                             source.assignment, source.name,
                                             peers=peers[source.name])
                jobs.append(Job(source, student, submission))
            except SubmissionError as error:
                jobs.append(Job(source, student, None, str(error)))
    return jobs


def already_graded(gradebook: Gradebook, job: Job) -> bool:
    """Graded before from the same submission and the same source: nothing would change."""
    latest = gradebook.latest(job.source.assignment, job.student_id, job.source.name)
    if latest is None:
        return False
    submitted = job.submission.sha256 if job.submission else ""
    if latest.reason.startswith(INTERNAL_ERROR):
        return False  # the grader failed, not the student: try again
    return latest.submission_hash == submitted and latest.source_hash == job.source.sha256 and \
        (job.submission is not None or latest.reason == job.problem)


def prepare_workdir(course: Course, job: Job) -> Path:
    """A private scratch folder: the student's own files, then the source's assets over them."""
    workdir = Path(tempfile.mkdtemp(prefix="gc100-run-"))
    folder = course.submitted_dir / job.student_id / job.source.assignment
    safe_copy_folder(folder, workdir, course.submitted_dir, skip={job.source.name} | SKIPPED_NAMES)
    copy_assets(job.source.path.parent, workdir)
    return workdir


def prepare_assets(source: SourceNotebook) -> Path:
    """The test runner's folder: the assignment's own files from the source, nothing of the student's."""
    folder = Path(tempfile.mkdtemp(prefix="gc100-tests-"))
    copy_assets(source.path.parent, folder)
    return folder


def course_policy(course: Course, base: SandboxPolicy = SandboxPolicy()) -> SandboxPolicy:
    """The sandbox policy for a course: everything of the course is hidden from a kernel."""
    hidden = [course.root, course.source_dir, course.submitted_dir, course.release_dir,
              course.autograded_dir, course.feedback_dir]
    if course.db_url.startswith("sqlite:///"):
        db = Path(course.db_url[len("sqlite:///"):])
        hidden += [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-journal")]
    return replace(base, hidden=tuple(str(p) for p in hidden))


def grade_job(course: Course, job: Job, limits: Limits, threads: int = 1,
              policy: SandboxPolicy | None = None, tests_outside: bool = True,
              warm: bool = True) -> tuple[NotebookGrade, NotebookNode | None]:
    """Grade one notebook of one student. Never raises for anything the submission did.

    Test cells run outside the student's kernel (grader.boundary) unless `tests_outside` is
    False, which runs them in the kernel as nbgrader does, where student code can forge them.
    With `warm`, the kernel is forked from a parent that has imported the heavy packages the
    assignment uses (grader.sandbox.warm) instead of starting a new interpreter.
    """
    source = job.source
    if job.submission is None:
        return NotebookGrade(source.assignment, job.student_id, source.name, "", source.sha256,
                             "rejected", job.problem, [], source.zero_scores(job.problem)), None
    try:
        restored = restore_notebook(source.nb, source.released, job.submission.nb)
    except SubmissionError as error:
        return NotebookGrade(source.assignment, job.student_id, source.name, job.submission.sha256,
                             source.sha256, "rejected", str(error), [],
                             source.zero_scores(str(error))), None
    workdir = prepare_workdir(course, job)
    assets = prepare_assets(source) if tests_outside else None
    try:
        env = kernel_environment({"NBGRADER_EXECUTION": "autograde", "HOME": str(workdir)},
                                 threads=threads)
        boundary = Boundary(source.nb, assets) if assets else None
        preload = heavy_imports(source.nb, tests=False) if warm else None
        execution = execute_notebook(restored.nb, workdir, limits, env, policy, boundary, preload)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if assets:
            shutil.rmtree(assets, ignore_errors=True)
    scores = score_notebook(execution.nb, restored.released_checksums)
    grade = NotebookGrade(source.assignment, job.student_id, source.name, job.submission.sha256,
                          source.sha256, "graded", "",
                          list(job.submission.notes) + restored.flags + execution.events, scores,
                          execution.seconds)
    return grade, execution.nb


def write_outputs(course: Course, grade: NotebookGrade, executed: NotebookNode | None,
                  show_hidden: bool = False) -> None:
    feedback_dir = course.feedback_dir / grade.student_id / grade.assignment
    feedback_dir.mkdir(parents=True, exist_ok=True)
    late = late_note(grade.submitted_at, course.due.get(grade.assignment), grade.score, course.late)
    page = render_feedback(executed or nbformat.v4.new_notebook(), grade, show_hidden=show_hidden,
                           late=late)
    (feedback_dir / (Path(grade.notebook).stem + ".html")).write_text(page, encoding="utf-8")
    if executed is not None:
        out_dir = course.autograded_dir / grade.student_id / grade.assignment
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(executed, out_dir / grade.notebook)


def grade_assignment(course: Course, assignment: str, gradebook: Gradebook, *,
                     students: list[str] | None = None, workers: int = 2, limits: Limits = Limits(),
                     force: bool = False, show_hidden: bool = False,
                     policy: SandboxPolicy | None = SandboxPolicy(),
                     kernel_threads: int | None = None, dask_address: str | None = None,
                     tests_outside: bool = True, warm: bool = True,
                     on_plan: Callable[[int], None] | None = None,
                     on_done: Callable[[NotebookGrade], None] | None = None) -> BatchResult:
    """Grade every submission of one assignment; record each grade as soon as it is known.

    With `dask_address`, the notebooks are graded on that Dask cluster instead of `workers`
    local threads (see `grader.distributed`); the grades and files written are the same.
    `warm` forks kernels from a pre-imported parent (see `grade_job`).
    """
    sources = load_source(course, assignment)
    chosen = students if students else course.students(assignment)
    jobs = plan_jobs(course, sources, chosen)
    result = BatchResult()
    todo = []
    for job in jobs:
        if not force and already_graded(gradebook, job):
            result.skipped.append((job.student_id, assignment, job.source.name))
        else:
            todo.append(job)
    if on_plan:
        on_plan(len(todo))
    threads = threads_per_kernel(workers, kernel_threads)
    policy = course_policy(course, policy) if policy is not None else None
    if todo and not dask_address:  # the imports happen while the first notebooks are set up
        start_parents([s.nb for s in sources], threads, kernels=warm, runners=tests_outside)
    grade_one = partial(grade_job, tests_outside=tests_outside, warm=warm)
    if dask_address:
        results = grade_on_cluster(dask_address, course, todo, limits, threads, policy,
                                   grade=grade_one)
    else:
        results = _run_parallel(course, todo, limits, workers, threads, policy, grade_one)
    handed_in = {(job.student_id, job.source.name): job.submission.submitted_at
                 for job in todo if job.submission is not None}
    for grade, executed in results:
        grade = replace(grade, submitted_at=handed_in.get((grade.student_id, grade.notebook)))
        write_outputs(course, grade, executed, show_hidden)
        gradebook.record(grade)
        result.graded.append(grade)
        if on_done:
            on_done(grade)
    return result


def _run_parallel(course: Course, jobs: list[Job], limits: Limits, workers: int, threads: int,
                  policy: SandboxPolicy | None, grade: GradeFunction,
                  ) -> Iterator[tuple[NotebookGrade, NotebookNode | None]]:
    if not jobs:
        return
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures: dict[Future, Job] = {
            pool.submit(grade, course, job, limits, threads, policy): job for job in jobs}
        for future in as_completed(futures):
            job = futures.pop(future)  # its result, the executed notebook, is freed once written
            try:
                result = future.result()
            except Exception as error:  # a grader bug must not lose the rest of the batch
                result = internal_error(job, error)
            yield result

