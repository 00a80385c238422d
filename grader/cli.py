"""`gc100`: the course's command line. Thin: parse, call one pipeline, print."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from grader.course import CourseError, load_course
from grader.deferred import defer_iri_grammar

console = Console()


def progress_bar() -> Progress:
    """The bar long commands show: what, how far, how many, how long."""
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console)


def _fail(message: str) -> int:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    return 2


def cmd_release(args: argparse.Namespace) -> int:
    from grader.release import ReleaseError, release_assignment, write_student_repo

    course = load_course(args.course, args.db)
    if args.student_repo:
        project = Path(__file__).resolve().parent.parent
        out = write_student_repo(course, project, Path(args.student_repo), args.assignment or None)
        console.print(f"student repository written to {out}")
        return 0
    names = args.assignment or course.assignments()
    if not names:
        return _fail(f"no assignments in {course.source_dir}")
    for name in names:
        try:
            written = release_assignment(course, name)
        except (ReleaseError, CourseError) as error:
            return _fail(f"{name}: {error}")
        for path in written:
            console.print(f"released {path.relative_to(course.root)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from grader.check import check_notebook
    from grader.execute import Limits
    from grader.submission import SubmissionError

    path = Path(args.notebook)
    if not path.is_file():
        return _fail(f"{path} is not a file")
    with console.status(f"running {path.name} ..."):
        try:
            report = check_notebook(path, Limits(cell_timeout=args.timeout))
        except SubmissionError as error:
            return _fail(str(error))
    if report.first_error:
        console.print(Text(f"first error outside the test cells (tests that fail may be its echo): "
                           f"{report.first_error}",
                           style="red"))
    table = Table(title=f"{path.name}: visible tests", title_justify="left")
    table.add_column("exercise test")
    table.add_column("points", justify="right")
    table.add_column("visible tests")
    table.add_column("problem", overflow="fold")
    for row in report.rows:
        table.add_row(Text(row.grade_id), f"{row.points:g}",
                      "[green]pass[/]" if row.passed else "[red]fail[/]", Text(row.problem))
    console.print(table)
    if not report.rows:
        console.print("this notebook has no graded test cells")
    passed = sum(r.points for r in report.rows if r.passed)
    total = sum(r.points for r in report.rows)
    console.print(f"{passed:g} of {total:g} points pass their visible tests "
                  f"({report.seconds:.1f} s). Hidden tests decide the grade.")
    return 0 if report.all_passed else 1


def _print_layers(lines: list[str]) -> None:
    for line in lines:
        console.print(("  [green]" if line.startswith("active") else "  [yellow]") + line + "[/]",
                      highlight=False)


def cmd_grade(args: argparse.Namespace) -> int:
    course = load_course(args.course, args.db)
    names = args.assignment or course.submitted_assignments()
    if not names:
        return _fail(f"no submissions under {course.submitted_dir}")
    if not args.dask:  # the parents' imports run while gc100 imports its own pipeline
        from grader.sandbox.policy import threads_per_kernel
        from grader.warmup import start_parents_for

        start_parents_for(course, names, threads_per_kernel(args.workers),
                          kernels=not args.cold, runners=not args.tests_in_kernel)

    from grader.distributed import ClusterError
    from grader.execute import Limits
    from grader.grade import grade_assignment
    from grader.gradebook import Gradebook
    from grader.release import ReleaseError
    from grader.sandbox import SandboxPolicy, describe_layers
    from grader.submission import SubmissionError

    limits = Limits(cell_timeout=args.timeout, notebook_timeout=args.notebook_timeout)
    policy = None if args.no_sandbox else SandboxPolicy(memory_bytes=args.memory * 2**20,
                                                        max_pids=args.max_processes)
    console.print("[bold]sandbox layers[/]" if policy else
                  "[bold yellow]sandbox off (--no-sandbox): submissions run with your permissions[/]")
    _print_layers(describe_layers(policy) if policy else [])
    if policy and not args.tests_in_kernel:
        console.print("[bold]test runner's sandbox layers[/]")
        _print_layers(describe_layers(policy, runner=True))
    if args.tests_in_kernel:
        console.print("  [yellow]inactive: test boundary (--tests-in-kernel): test cells run in the "
                      "student's kernel, where student code can observe and forge them[/]", highlight=False)
    else:
        console.print("  [green]active: test boundary: test cells run in a trusted runner, outside "
                      "the student's kernel[/]", highlight=False)
    if args.cold:
        console.print("  kernels start cold (--cold): a new interpreter per submission", highlight=False)
    else:
        console.print("  kernels start warm: forked from a parent that has imported the "
                      "assignment's packages, then sandboxed as above", highlight=False)
    if args.dask:
        console.print(f"grading on Dask cluster at {args.dask}", highlight=False, markup=False)
    summary = []
    with Gradebook(course.db_url) as gradebook:
        for name in names:
            if name not in course.assignments():
                return _fail(f"no assignment {name!r} in {course.source_dir}")
            if not args.tests_in_kernel:
                _warn_forgeable(course, name)
            with progress_bar() as progress:
                task = progress.add_task(f"grading {name}", total=None)
                try:
                    result = grade_assignment(
                        course, name, gradebook, students=args.student or None,
                        workers=args.workers, limits=limits, force=args.force,
                        show_hidden=args.show_hidden, policy=policy, dask_address=args.dask,
                        tests_outside=not args.tests_in_kernel, warm=not args.cold,
                        on_plan=lambda n: progress.update(task, total=n),
                        on_done=lambda g: progress.advance(task))
                except (ClusterError, SubmissionError, ReleaseError) as error:  # a cluster, a source
                    return _fail(str(error))
            if result.skipped:
                console.print(f"{name}: {len(result.skipped)} notebook(s) already graded and "
                              "unchanged, skipped (use --force to grade again)")
        from grader.current import current_grades

        summary = [n for name in names for n in current_grades(gradebook, name)]
        roster = [student.id for student in gradebook.roster()]
    _print_grades(summary, names, roster, course)
    return 0


def _warn_forgeable(course, name: str) -> None:
    import nbformat

    from grader.boundary import forgeable_helpers

    for path in course.source_notebooks(name):
        for line in forgeable_helpers(nbformat.read(path, as_version=4)):
            console.print(f"[yellow]warning: {path.name}: {line}[/]", highlight=False)


def _print_grades(notebooks: list, names: list[str], roster: list[str], course) -> None:
    from grader.export import assignment_totals

    table = Table(title="Grades", title_justify="left")
    for column in ("assignment", "student", "score", "status", "notes"):
        table.add_column(column, justify="right" if column == "score" else "left",
                         overflow="fold")
    for row in assignment_totals(notebooks, roster, course):
        if row["assignment"] not in names:
            continue
        style = "green" if row["score"] == row["max_score"] else "yellow" if row["score"] else "red"
        table.add_row(row["assignment"], row["student_id"],
                      f"[{style}]{row['score']:g} / {row['max_score']:g}[/]",
                      row["status"] + (" (manual pending)" if row["pending_manual"] else ""),
                      "; ".join(row["notes"])[:300])
    console.print(table)


def cmd_run(args: argparse.Namespace) -> int:
    from grader.run import parse_parameters, run_course

    course = load_course(args.course, args.db)
    names = args.assignment or course.assignments()
    try:
        parameters = parse_parameters(args.parameter or [])
    except ValueError as error:
        return _fail(str(error))
    unknown = [n for n in names if n not in course.assignments()]
    if unknown:
        return _fail(f"no assignment {unknown[0]!r} in {course.source_dir}")
    output = Path(args.output) if args.output else course.root / "run"
    with progress_bar() as progress:
        task = progress.add_task("running notebooks", total=sum(
            len(course.source_notebooks(n)) for n in names))
        results = run_course(course, names, output, workers=args.workers, parameters=parameters,
                             kernel_name=args.kernel, timeout=args.timeout,
                             on_done=lambda r: progress.advance(task))
    table = Table(title=f"Executed notebooks (copies in {output})", title_justify="left")
    for column in ("assignment", "seconds", "result"):
        table.add_column(column, justify="right" if column == "seconds" else "left", overflow="fold")
    for r in results:
        table.add_row(r.assignment, f"{r.seconds:.1f}", "[green]ok[/]" if r.ok else f"[red]{r.error}[/]")
    console.print(table)
    total = sum(r.seconds for r in results)
    console.print(f"{len(results)} notebook(s), {total:.1f} s of execution, "
                  f"{sum(not r.ok for r in results)} failed")
    return 0 if all(r.ok for r in results) else 1


def cmd_export(args: argparse.Namespace) -> int:
    from grader.export import to_csv, to_json, write_gradescope
    from grader.gradebook import Gradebook

    course = load_course(args.course, args.db)
    with Gradebook(course.db_url) as gradebook:
        if args.format == "gradescope":
            out = Path(args.output or course.root / "gradescope")
            written = write_gradescope(gradebook, out, course)
            console.print(f"wrote {len(written)} results.json file(s) under {out}")
            return 0
        text = to_csv(gradebook, course) if args.format == "csv" else to_json(gradebook, course)
    if args.output:
        Path(args.output).write_text(text)
        console.print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from grader.current import current_grades
    from grader.gradebook import Gradebook
    from grader.stats import cell_stats

    course = load_course(args.course, args.db)
    with Gradebook(course.db_url) as gradebook:
        notebooks = current_grades(gradebook, args.assignment)
    if not notebooks:
        return _fail(f"no grades of {args.assignment!r} in the gradebook")
    found = cell_stats(notebooks)
    if args.format == "json":
        sys.stdout.write(json.dumps({"assignment": args.assignment,
                                     "students": len({n.record.student_id for n in notebooks}),
                                     "cells": [c.as_json() for c in found]}, indent=2) + "\n")
        return 0
    several = len({c.notebook for c in found}) > 1  # name the notebook only where it tells
    table = Table(title=f"{args.assignment}: every test cell", title_justify="left")
    columns = ["notebook"] * several + ["cell", "graded", "pass rate", "mean", "most common failure"]
    for column in columns:
        table.add_column(column, justify="right" if column in ("graded", "pass rate", "mean")
                         else "left", overflow="fold")
    for c in found:
        rate = "" if c.pass_rate is None else f"{c.pass_rate:.0%}"
        mean = "" if c.mean_points is None else f"{c.mean_points:.2f} / {c.max_points:g}"
        top = c.failures[0] if c.failures else None
        table.add_row(*[Text(c.notebook)] * several, Text(c.grade_id),
                      f"{c.graded}" + (f" (+{c.pending} pending)" if c.pending else ""), rate, mean,
                      Text(f"{len(top.students)}x {top.key}" if top else ""))
    console.print(table)
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from grader.gradebook import Gradebook
    from grader.publish import regenerate_feedback

    course = load_course(args.course, args.db)
    written = []
    with Gradebook(course.db_url) as gradebook:
        for name in args.assignment or [None]:
            written += regenerate_feedback(course, gradebook, name, args.student,
                                           show_hidden=args.show_hidden)
    console.print(f"wrote {len(written)} feedback page(s) under {course.feedback_dir}")
    return 0


def cmd_roster_import(args: argparse.Namespace) -> int:
    from grader.gradebook import Gradebook
    from grader.roster import RosterError, parse_roster

    course = load_course(args.course, args.db)
    path = Path(args.file)
    if not path.is_file():
        return _fail(f"{path} is not a file")
    try:
        entries = parse_roster(path.read_bytes())
    except RosterError as error:
        return _fail(f"{path.name}: {error}; nothing was imported")
    with Gradebook(course.db_url) as gradebook:
        before = {s.id for s in gradebook.roster()}
        added, updated = gradebook.import_roster([(e.id, e.name, e.email) for e in entries])
    kept = len(before - {e.id for e in entries})
    console.print(f"roster: {added} added, {updated} updated, "
                  f"{len(entries) - added - updated} unchanged"
                  + (f", {kept} not in this file kept" if kept else ""))
    return 0


def cmd_roster_list(args: argparse.Namespace) -> int:
    from grader.gradebook import Gradebook

    course = load_course(args.course, args.db)
    with Gradebook(course.db_url) as gradebook:
        students = gradebook.roster()
    table = Table(title=f"roster: {len(students)} students", title_justify="left")
    for column in ("id", "name", "email"):
        table.add_column(column)
    for s in students:
        table.add_row(Text(s.id), Text(s.name), Text(s.email))
    console.print(table)
    return 0


def read_password(prompt: str = "password: ") -> str:
    """From standard input when it is not a terminal (one line), else asked twice, unechoed."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from grader.accounts import AccountError, hash_password
    from grader.gradebook import Gradebook
    from grader.roster import STUDENT_ID

    if not STUDENT_ID.fullmatch(args.name):
        return _fail(f"{args.name!r} cannot be a user name (letters, digits and . _ @ + -)")
    course = load_course(args.course, args.db)
    try:
        hashed = hash_password(read_password(f"password for {args.name}: "))
    except (AccountError, ValueError) as error:
        return _fail(str(error))
    with Gradebook(course.db_url) as gradebook:
        existed = gradebook.user(args.name) is not None
        gradebook.add_user(args.name, args.role, hashed)
    console.print(f"{'updated' if existed else 'added'} {args.role} {args.name}", highlight=False)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from grader import console as web_console
    from grader import lab, progress

    parser = argparse.ArgumentParser(
        prog="gc100", description="Graph Compute 100: release, check, grade and export notebooks.")
    _global_options(parser, ".", None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("release", help="write the student version of assignments")
    p.add_argument("assignment", nargs="*")
    p.add_argument("--student-repo", metavar="OUT", help="write a complete student repository")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("check", help="run a notebook and report its visible tests")
    p.add_argument("notebook")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per cell")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("grade", help="grade submissions with the hidden tests")
    p.add_argument("assignment", nargs="*")
    p.add_argument("--student", action="append", metavar="ID")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per cell")
    p.add_argument("--notebook-timeout", type=float, default=900.0, help="seconds per notebook")
    p.add_argument("--force", action="store_true", help="grade again what is already graded")
    p.add_argument("--memory", type=int, default=2048, metavar="MB",
                   help="memory limit per submission (default 2048)")
    p.add_argument("--max-processes", type=int, default=256,
                   help="process limit per submission (default 256)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run kernels without the sandbox (debugging only)")
    p.add_argument("--show-hidden", action="store_true",
                   help="show hidden tests and their tracebacks in the feedback")
    p.add_argument("--tests-in-kernel", action="store_true",
                   help="run test cells in the student's kernel as nbgrader does (forgeable; "
                   "for comparison only)")
    p.add_argument("--cold", action="store_true",
                   help="start a new interpreter for every kernel instead of forking one from a "
                   "parent that has imported the assignment's packages (slower; for comparison)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="grade on the Dask cluster whose scheduler is at ADDRESS (e.g. "
                   "tcp://10.0.0.5:8786) instead of --workers local kernels; its workers must "
                   "see the course at the same path (a shared filesystem) and have gc100 "
                   "installed; grades are still written from this machine")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("run", help="execute the instructor's notebooks in parallel (papermill)")
    p.add_argument("assignment", nargs="*")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("-p", "--parameter", action="append", metavar="NAME=VALUE",
                   help="papermill parameter (repeatable)")
    p.add_argument("--output", help="folder for the executed copies (default: run/ in the course)")
    p.add_argument("--kernel", help="kernel name (default: the notebook's)")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per cell")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("export", help="export grades")
    p.add_argument("--format", choices=["csv", "json", "gradescope"], default="csv")
    p.add_argument("--output", help="file (csv, json) or folder (gradescope)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="statistics of every test cell of an assignment")
    p.add_argument("assignment")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("feedback", help="write the feedback pages again from the gradebook: "
                       "points and comments given by hand, late penalties")
    p.add_argument("assignment", nargs="*")
    p.add_argument("--student", metavar="ID")
    p.add_argument("--show-hidden", action="store_true", help="show hidden tests and tracebacks")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("roster", help="the course's students")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = actions.add_parser("import", help="add or update students from a CSV (id,name,email)")
    q.add_argument("file")
    q.set_defaults(func=cmd_roster_import)
    q = actions.add_parser("list", help="print the roster")
    q.set_defaults(func=cmd_roster_list)

    p = sub.add_parser("user", help="accounts of the console (gc100 serve)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = actions.add_parser("add", help="add an account, or set its password and role; the "
                           "password is read from standard input, or asked for at a terminal")
    q.add_argument("name")
    q.add_argument("--role", choices=["instructor", "grader"], required=True)
    q.set_defaults(func=cmd_user_add)

    lab.register(sub)
    progress.register(sub)
    web_console.register(sub)
    for command in sub.choices.values():  # `gc100 grade ps1 --course .`, as people type it
        _global_options(command, argparse.SUPPRESS, argparse.SUPPRESS)
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):  # gc100 roster import F --course .
                for nested in action.choices.values():
                    _global_options(nested, argparse.SUPPRESS, argparse.SUPPRESS)
    return parser


def _global_options(parser: argparse.ArgumentParser, course: str, db: str | None) -> None:
    """--course and --db, before the command or after it; after it, a default of SUPPRESS
    leaves what was given before the command (or its default) in place."""
    parser.add_argument("--course", default=course, help="course directory (default: current)")
    parser.add_argument("--db", default=db, help="gradebook SQLAlchemy URL "
                        "(default: sqlite:///gradebook.db in the course)")


def main(argv: list[str] | None = None) -> int:
    defer_iri_grammar()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as error:
        return _fail(str(error))
    except RuntimeError as error:
        from grader.execute import KernelStartError  # imported here: the CLI starts light
        if isinstance(error, KernelStartError):  # gc100 check: the machine, not the notebook
            return _fail(f"{error}; nothing of the notebook ran")
        raise
    except KeyboardInterrupt:
        return _fail("interrupted; grades recorded so far are kept")


if __name__ == "__main__":
    raise SystemExit(main())
