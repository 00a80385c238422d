"""Grading on a Dask distributed cluster: the per-notebook work of `grade_job`, as Dask tasks.

The cluster only executes. Each task grades one notebook on a worker and sends back its
`NotebookGrade`; the calling process receives them in completion order and stays the one writer
of the gradebook, the autograded notebooks and the feedback pages.

Assumptions: the scheduler and the workers run in the same environment as `gc100` (this package
importable), and every worker sees the course at the same absolute path as the caller (a shared
filesystem): a task reads the source and the submission from there, and runs the kernel in a
scratch folder of the worker's own.

What crosses the network: jobs go out through Dask's serialization (the caller trusts its own
cluster); results come back the same way between trusted grader processes. Nothing a student's
code produced is unpickled here: the `NotebookGrade` is built on the worker by grader code from
plain strings and numbers, and the executed notebook, whose outputs come from the kernel, travels
as nbformat JSON text and is read back with `nbformat.reads`, as a submission is.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import nbformat
from nbformat import NotebookNode

from grader.course import Course
from grader.execute import Limits
from grader.gradebook import NotebookGrade
from grader.jobs import GradeFunction, Job, internal_error
from grader.sandbox import SandboxPolicy


class ClusterError(RuntimeError):
    """The Dask scheduler could not be reached."""


def grade_remotely(grade: GradeFunction, course: Course, job: Job, limits: Limits, threads: int,
                   policy: SandboxPolicy | None) -> tuple[NotebookGrade, str | None]:
    """Runs on a worker: grade one notebook; the executed notebook goes back as JSON text."""
    result, executed = grade(course, job, limits, threads, policy)
    return result, nbformat.writes(executed) if executed is not None else None


def grade_on_cluster(address: str, course: Course, jobs: list[Job], limits: Limits, threads: int,
                     policy: SandboxPolicy | None, *, grade: GradeFunction,
                     connect_timeout: float = 30.0,
                     ) -> Iterator[tuple[NotebookGrade, NotebookNode | None]]:
    """Grade `jobs` on the cluster whose scheduler is at `address`, yielding as each finishes.

    `grade` is the per-notebook work (`grader.grade.grade_job`, with the batch's options).

    A job whose task fails on the cluster (the grader raised, or its worker died more often than
    the scheduler's `allowed-failures`) yields an internal-error grade, as a local failure does,
    and the batch goes on. Leaving the loop early cancels what has not run yet.
    """
    if not jobs:
        return
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout=connect_timeout, set_as_default=False)
    except OSError as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with client:
        batch = uuid.uuid4().hex[:8]
        futures = {}
        for number, job in enumerate(jobs):
            key = f"gc100-grade-{batch}-{number}-{job.student_id}-{job.source.name}"
            futures[client.submit(grade_remotely, grade, course, job, limits, threads, policy,
                                  key=key, pure=False)] = job
        try:
            for future in as_completed(futures, loop=client.loop):
                job = futures.pop(future)  # the cluster forgets the result once it is here
                try:
                    result, text = future.result()
                except Exception as error:  # a grader bug or a lost worker: not the student's
                    yield internal_error(job, error)
                    continue
                yield result, nbformat.reads(text, as_version=4) if text is not None else None
        finally:
            client.cancel(list(futures))  # what is left, when the caller stopped early
