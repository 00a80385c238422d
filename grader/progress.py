"""`gc100 progress [DIR]`: where a learner stands, day by day, from their own notebooks.

It reads only the learner's working folder (default `notebooks/`): one `dayNNN-*` folder per day
holding that day's notebook (or a `dayNNN-*.ipynb` file directly in the folder). Each day runs
exactly as `gc100 check` runs it (same executor, same scoring), so only the visible tests that are
in the learner's own file count; the instructor's notebooks and hidden tests are never looked for.

An exercise is the group of test cells whose grade ids share a prefix (`ex2_tests`,
`ex2_tests_reuse` -> `ex2`): it *passes* when all of them pass, is *not started* while its answer
still raises `NotImplementedError`, and *fails* otherwise.

Results are cached in `DIR/.gc100-progress.json`, keyed by the SHA-256 of each notebook file, so
only days whose notebook changed since the last run are executed again. A day whose notebook is
missing, corrupt or not a notebook shows as such in its row and the others go on. The table goes
to the terminal and a figure (days by exercises, coloured pass / fail / not started) to
`DIR/progress.png` or `--figure`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

console = Console()

CACHE_NAME = ".gc100-progress.json"
FIGURE_NAME = "progress.png"
CACHE_FORMAT = 1
DAY_NAME = re.compile(r"^day(\d{3})(?:-|\.|$)")
EXERCISE = re.compile(r"^(ex\d+)")
TITLE = re.compile(r"^#\s+Day\s+\d+\s*[·:\-–—]\s*(.+?)\s*$", re.MULTILINE)
# Failures that say nothing about the learner's work: never cached, tried again next run.
TRANSIENT = ("DeadKernelError", "CellTimeoutError", "NotebookTimeoutError")
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024

PASS, FAIL, NOT_STARTED = "pass", "fail", "not started"
COLOURS = {PASS: "#2e9d4e", FAIL: "#d64541", NOT_STARTED: "#c9ccd1"}


@dataclass
class Exercise:
    name: str
    state: str  # pass | fail | not started
    points: float
    earned: float
    problem: str = ""


@dataclass
class DayProgress:
    name: str  # the folder (or file) name: day003-computational-graphs
    day: int
    title: str = ""
    status: str = "ok"  # ok | missing | unreadable
    message: str = ""
    exercises: list[Exercise] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False

    @property
    def points(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def earned(self) -> float:
        return sum(e.earned for e in self.exercises)

    @property
    def passing(self) -> int:
        return sum(e.state == PASS for e in self.exercises)

    @classmethod
    def from_dict(cls, data: dict) -> DayProgress:
        data = dict(data)
        data["exercises"] = [Exercise(**e) for e in data.get("exercises", [])]
        return cls(**data)


@dataclass(frozen=True)
class DayEntry:
    name: str
    day: int
    notebook: Path | None  # None: the folder holds no notebook


def find_days(folder: Path) -> list[DayEntry]:
    """The days of a learner's folder, in day order; what is not a day is left alone."""
    days = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        match = DAY_NAME.match(item.name)
        if not match or item.name.startswith("."):
            continue
        day = int(match.group(1))
        if item.is_dir():
            preferred = item / f"{item.name}.ipynb"
            notebooks = [preferred] if preferred.exists() or preferred.is_symlink() else sorted(
                p for p in item.glob("*.ipynb") if not p.name.startswith("."))
            days.append(DayEntry(item.name, day, notebooks[0] if notebooks else None))
        else:
            days.append(DayEntry(item.name, day, item))
    return days


class Unreadable(ValueError):
    """A day's file cannot be read as a notebook; the message is its table row's note."""


def read_notebook_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file (a FIFO would block) or is huge."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Unreadable(f"{path.name} is missing (a broken link?)") from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable(f"{path.name} is not a file")
    if info.st_size > MAX_NOTEBOOK_BYTES:
        raise Unreadable(f"{path.name} is larger than {MAX_NOTEBOOK_BYTES >> 20} MB")
    try:
        return path.read_bytes()
    except OSError as error:
        raise Unreadable(f"{path.name} cannot be read ({error.strerror})") from None


def title_of(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = TITLE.search(cell.source)
            if match:
                return match.group(1)
            break
    return fallback


def slug_title(name: str) -> str:
    slug = re.sub(r"^day\d{3}-?", "", Path(name).stem)
    return slug.replace("-", " ").capitalize()


def exercise_of(grade_id: str) -> str:
    match = EXERCISE.match(grade_id)
    return match.group(1) if match else grade_id


def stubbed_exercises(nb) -> set[str]:
    """Exercises whose answer cell still holds the release's `raise NotImplementedError()`."""
    from grader.release import CODE_STUB  # here, not at the top: a cached run imports no grader

    out = set()
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if (cell.cell_type == "code" and isinstance(meta, dict) and meta.get("solution")
                and any(line.strip() == CODE_STUB[-1]
                        for line in cell.source.split("\n"))):
            out.add(exercise_of(str(meta.get("grade_id", ""))))
    return out


def exercises_from_rows(rows, stubbed: set[str] = frozenset()) -> list[Exercise]:
    """Group check rows (test cells) into exercises by their grade id's `exN` prefix.

    A failing exercise is *not started* when a test stopped at `NotImplementedError` or when its
    answer cell still holds the release's stub (an answer that defines a value, not a function,
    fails its tests with a NameError instead)."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(exercise_of(row.grade_id), []).append(row)
    out = []
    for name, members in groups.items():
        points = sum(r.points for r in members)
        earned = sum(r.points for r in members if r.passed)
        failing = [r for r in members if not r.passed]
        if not failing:
            state, problem = PASS, ""
        elif name in stubbed or any(r.problem.startswith("NotImplementedError") for r in failing):
            state, problem = NOT_STARTED, ""
        else:
            state, problem = FAIL, failing[0].problem
        out.append(Exercise(name, state, points, earned, problem))
    return out


def run_day(entry: DayEntry, data: bytes, timeout: float) -> DayProgress:
    """Execute one day's notebook with `gc100 check`'s machinery and group its visible tests."""
    from grader.check import check_notebook
    from grader.execute import Limits
    from grader.submission import SubmissionError, parse_notebook

    progress = DayProgress(entry.name, entry.day)
    try:
        nb = parse_notebook(data, entry.notebook.name)
        progress.title = title_of(nb, slug_title(entry.name))
        report = check_notebook(entry.notebook, Limits(cell_timeout=timeout,
                                                       notebook_timeout=max(timeout, 600.0)))
    except SubmissionError as error:
        progress.status, progress.message = "unreadable", str(error)
        progress.title = slug_title(entry.name)
        return progress
    progress.exercises = exercises_from_rows(report.rows, stubbed_exercises(nb))
    progress.seconds = report.seconds
    if not report.rows:
        progress.message = "no graded test cells"
    return progress


def load_cache(path: Path) -> dict:
    """The cache file: {"format", "days": {name: {"sha256", "result"}}, "figure": key}."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {"format": CACHE_FORMAT, "days": {}}
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return {"format": CACHE_FORMAT, "days": {}}
    if not isinstance(data.get("days"), dict):
        data["days"] = {}
    return data


def save_cache(path: Path, data: dict) -> None:
    """Written whole and renamed into place, so an interrupted run never leaves half a file."""
    text = json.dumps({**data, "format": CACHE_FORMAT}, indent=1, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".gc100-progress-", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_transient(progress: DayProgress) -> bool:
    return any(e.problem.startswith(TRANSIENT) for e in progress.exercises)


def collect(folder: Path, *, timeout: float = 120.0, workers: int = 2, use_cache: bool = True,
            on_day: Callable[[DayProgress], None] | None = None) -> list[DayProgress]:
    """Progress of every day in `folder`, executing only what changed since the cached run."""
    cache_path = folder / CACHE_NAME
    stored = load_cache(cache_path)
    cache = stored["days"] if use_cache else {}
    results: dict[str, DayProgress] = {}
    new_cache: dict[str, dict] = {}
    to_run: list[tuple[DayEntry, bytes, str]] = []
    for entry in find_days(folder):
        if entry.notebook is None:
            results[entry.name] = DayProgress(entry.name, entry.day, slug_title(entry.name),
                                              "missing", "no notebook in this folder")
            continue
        if not entry.notebook.name.endswith(".ipynb"):
            results[entry.name] = DayProgress(entry.name, entry.day, slug_title(entry.name),
                                              "unreadable", f"{entry.notebook.name} is not a notebook")
            continue
        try:
            data = read_notebook_bytes(entry.notebook)
        except Unreadable as error:
            results[entry.name] = DayProgress(entry.name, entry.day, slug_title(entry.name),
                                              "unreadable", str(error))
            continue
        digest = hashlib.sha256(data).hexdigest()
        cached = cache.get(entry.name)
        if isinstance(cached, dict) and cached.get("sha256") == digest:
            try:
                progress = DayProgress.from_dict(cached["result"])
                progress.cached = True
                results[entry.name] = progress
                new_cache[entry.name] = cached
                continue
            except (KeyError, TypeError):
                pass  # a cache entry of another shape: run the day again
        from grader.submission import SubmissionError, parse_notebook  # only when a day must run

        try:
            parse_notebook(data, entry.notebook.name)  # a corrupt day never reaches a kernel
        except SubmissionError as error:
            results[entry.name] = DayProgress(entry.name, entry.day, slug_title(entry.name),
                                              "unreadable", str(error))
            continue
        to_run.append((entry, data, digest))

    def one(job: tuple[DayEntry, bytes, str]) -> tuple[str, DayProgress]:
        entry, data, digest = job
        progress = run_day(entry, data, timeout)
        if progress.status == "ok" and not is_transient(progress):
            record = asdict(progress)
            record["cached"] = False
            new_cache[entry.name] = {"sha256": digest, "result": record}
        if on_day:
            on_day(progress)
        return entry.name, progress

    if to_run:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(to_run)))) as pool:
            for name, progress in pool.map(one, to_run):
                results[name] = progress
    if to_run or new_cache != stored["days"]:
        try:
            save_cache(cache_path, {**stored, "days": new_cache})
        except OSError as error:
            console.print(f"[yellow]warning:[/] results not cached ({error.strerror})")
    return sorted(results.values(), key=lambda p: (p.day, p.name))


def exercise_cells(progress: DayProgress) -> str:
    marks = {PASS: "[green]●[/]", FAIL: "[red]✗[/]", NOT_STARTED: "[dim]○[/]"}
    return " ".join(marks[e.state] for e in progress.exercises)


def progress_table(days: list[DayProgress], folder: Path) -> Table:
    table = Table(title=f"Progress in {folder}: visible tests", title_justify="left")
    table.add_column("day", justify="right")
    table.add_column("title", overflow="fold")
    table.add_column("exercises passing")
    table.add_column("points", justify="right")
    table.add_column("notes", overflow="fold")
    for p in days:
        if p.status != "ok":
            table.add_row(str(p.day), p.title, f"[red]{p.status}[/]", "-", p.message)
            continue
        total = len(p.exercises)
        style = "green" if total and p.passing == total else "yellow" if p.earned else "default"
        first_fail = next((f"{e.name}: {e.problem}" for e in p.exercises if e.state == FAIL), "")
        note = "unchanged (cached)" if p.cached else f"ran in {p.seconds:.1f} s"
        if p.message:
            note = f"{p.message}; {note}"
        if first_fail:
            note = f"{first_fail}; {note}"
        table.add_row(str(p.day), p.title,
                      f"[{style}]{p.passing}/{total}[/] {exercise_cells(p)}",
                      f"[{style}]{p.earned:g} / {p.points:g}[/]", note)
    return table


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def draw_figure(days: list[DayProgress], path: Path) -> Path:
    """Days (rows) by exercises (columns), coloured pass / fail / not started."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    columns = max((len(p.exercises) for p in days), default=0) or 1
    fig, ax = plt.subplots(figsize=(4.2 + 0.75 * columns, 0.9 + 0.42 * len(days)), dpi=110)
    for row, p in enumerate(days):
        y = len(days) - 1 - row
        if p.status != "ok":
            ax.add_patch(Rectangle((0.04, y + 0.08), columns - 0.08, 0.84, facecolor="white",
                                   edgecolor="#7f8c8d", hatch="///", linewidth=1))
            ax.text(columns / 2, y + 0.5, p.status, ha="center", va="center", fontsize=9,
                    color="#2c3e50", backgroundcolor="white")
        for col, e in enumerate(p.exercises):
            ax.add_patch(Rectangle((col + 0.06, y + 0.1), 0.88, 0.8, facecolor=COLOURS[e.state],
                                   edgecolor="white"))
            ax.text(col + 0.5, y + 0.5, f"{e.earned:g}/{e.points:g}", ha="center", va="center",
                    fontsize=7, color="white" if e.state != NOT_STARTED else "#4d5656")
        ax.text(columns + 0.15, y + 0.5, f"{p.earned:g} / {p.points:g} pts" if p.status == "ok"
                else "", va="center", fontsize=8)
    labels = [_shorten(f"Day {p.day} · {p.title}", 38) for p in days]
    ax.set_yticks([len(days) - 1 - i + 0.5 for i in range(len(days))], labels, fontsize=8)
    ax.set_xticks([c + 0.5 for c in range(columns)], [f"ex {c + 1}" for c in range(columns)],
                  fontsize=8)
    ax.set_xlim(0, columns + 1.3)
    ax.set_ylim(0, max(len(days), 1))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.xaxis.tick_top()
    earned = sum(p.earned for p in days)
    total = sum(p.points for p in days)
    ax.set_title(f"Your progress: {earned:g} of {total:g} points pass their visible tests",
                 fontsize=10, loc="left", pad=24)
    ax.legend(handles=[Patch(color=COLOURS[s], label=s) for s in (PASS, FAIL, NOT_STARTED)],
              loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, frameon=False, fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path


def cmd_progress(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else Path(args.course) / "notebooks"
    if not folder.is_dir():
        console.print(f"[bold red]error:[/] {folder} is not a folder", highlight=False)
        return 2
    if not find_days(folder):
        console.print(f"no days in {folder}: expected folders like day001-learning-sandbox/ "
                      "holding your notebooks", highlight=False)
        return 1
    started = time.monotonic()
    with console.status(f"running the visible tests of the days in {folder} ...") as status:
        def on_day(p: DayProgress) -> None:
            status.update(f"ran day {p.day} ({p.seconds:.1f} s) ...")

        days = collect(folder, timeout=args.timeout, workers=args.workers,
                       use_cache=not args.force, on_day=on_day)
    console.print(progress_table(days, folder))
    earned = sum(p.earned for p in days)
    total = sum(p.points for p in days)
    ran = sum(not p.cached and p.status == "ok" for p in days)
    console.print(f"{earned:g} of {total:g} points pass their visible tests; {ran} day(s) run, "
                  f"{sum(p.cached for p in days)} unchanged ({time.monotonic() - started:.1f} s). "
                  "Hidden tests decide the grade.", highlight=False)
    if not args.no_figure:
        figure = Path(args.figure) if args.figure else folder / FIGURE_NAME
        save_figure(days, figure, folder / CACHE_NAME)
    return 0


def figure_key(days: list[DayProgress], figure: Path) -> str:
    """What the figure shows (not how long days took), and where it goes."""
    shown = [{k: v for k, v in asdict(p).items() if k not in ("seconds", "cached")} for p in days]
    text = json.dumps({"figure": str(figure.resolve()), "days": shown}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def save_figure(days: list[DayProgress], figure: Path, cache_path: Path) -> None:
    """Draw the figure, unless the one on disk already shows exactly this (matplotlib is slow to
    start: a run over unchanged days should not pay for it)."""
    key = figure_key(days, figure)
    stored = load_cache(cache_path)
    if stored.get("figure") == key and figure.is_file():
        console.print(f"figure unchanged: {figure}", highlight=False)
        return
    try:
        draw_figure(days, figure)
    except OSError as error:
        console.print(f"[yellow]warning:[/] figure not saved: {error}")
        return
    console.print(f"figure saved to {figure}", highlight=False)
    try:
        save_cache(cache_path, {**stored, "figure": key})
    except OSError:
        pass  # the figure is drawn again next time: no harm


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("progress", help="your progress: every day's visible tests, table and figure")
    p.add_argument("dir", nargs="?", default=None,
                   help="your folder of days (default: notebooks/ of the course)")
    p.add_argument("--figure", metavar="PNG", help=f"where to save the figure (default DIR/{FIGURE_NAME})")
    p.add_argument("--no-figure", action="store_true", help="do not draw the figure")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per cell")
    p.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                   help="days run at once")
    p.add_argument("--force", action="store_true", help="run every day again, ignoring the cache")
    p.set_defaults(func=cmd_progress)
