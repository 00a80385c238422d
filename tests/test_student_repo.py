"""`gc100 release --student-repo`: everything a learner needs, no line of any solution or hidden test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from days import day_notebooks

from grader import cells
from grader.release import release_notebook

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = {"", "pass", "return", "else:", "try:", "finally:", ")", "]", "}", "))", "])", "return x",
           "return out", "return result", "continue", "break"}


def regions(nb: nbformat.NotebookNode, hidden_only: bool = False) -> list[list[str]]:
    """The stripped, non-blank lines of every solution or hidden-test region."""
    found: list[list[str]] = []
    for cell in nb.cells:
        current: list[str] | None = None
        for line in cell.source.split("\n"):
            if cells.BEGIN_HIDDEN_TESTS in line or (cells.BEGIN_SOLUTION in line and not hidden_only):
                current = []
                continue
            if cells.END_SOLUTION in line or cells.END_HIDDEN_TESTS in line:
                if current:
                    found.append(current)
                current = None
                continue
            if current is not None and line.strip():
                current.append(line.strip())
    return found


def region_lines(nb: nbformat.NotebookNode) -> set[str]:
    return {line for region in regions(nb) for line in region}


def public_lines() -> set[str]:
    """What is public by design: the course library and tools (reference engines of taught days
    included), the files a day ships beside its notebook (such as day 20's engine under review),
    and every line a released notebook shows. A whole solution copied into a shipped file is
    caught by the next test instead."""
    public = set()
    files = [f for folder in ("src", "grader") for f in (ROOT / folder).rglob("*.py")]
    files += [f for path in day_notebooks() for f in path.parent.rglob("*.py")]
    for file in files:
        public |= {line.strip() for line in file.read_text().split("\n")}
    for path in day_notebooks():
        released = release_notebook(nbformat.read(path, as_version=4))
        public |= {line.strip() for c in released.cells for line in c.source.split("\n")}
    return public


def secret_lines() -> set[str]:
    """Solution and hidden-test lines that appear nowhere public: these must not reach a learner."""
    regions = set()
    for path in day_notebooks():
        regions |= region_lines(nbformat.read(path, as_version=4))
    return {s for s in regions - public_lines()
            if s not in TRIVIAL and not s.startswith("#") and len(s) > 6}


@pytest.fixture(scope="module")
def student_repo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student") / "repo"
    gc100 = Path(sys.executable).with_name("gc100")
    subprocess.run([str(gc100), "--course", str(ROOT), "release", "--student-repo", str(out)],
                   check=True, capture_output=True, timeout=300)
    return out


def test_student_repo_has_what_a_learner_needs(student_repo: Path) -> None:
    for name in ("README.md", "environment.yml", "requirements.lock", ".devcontainer/devcontainer.json", "pyproject.toml",
                 "Makefile", "src/graphcompute/draw.py", "grader/check.py"):
        assert (student_repo / name).is_file(), name
    for path in day_notebooks():
        assert (student_repo / "notebooks" / path.parent.name / path.name).is_file()
    assert not (student_repo / "tests").exists() and not (student_repo / "examples").exists()


def test_no_line_of_any_solution_or_hidden_test_survives(student_repo: Path) -> None:
    secrets = secret_lines()
    assert len(secrets) > 10, "the days have solutions to hide"
    leaks = []
    for file in student_repo.rglob("*"):
        if not file.is_file():
            continue
        try:
            text = file.read_text()
        except (UnicodeDecodeError, OSError):
            continue
        if file.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            lines = {line.strip() for c in nb.cells for line in c.source.split("\n")}
        else:
            lines = {line.strip() for line in text.split("\n")}
        leaks += [f"{file.relative_to(student_repo)}: {s}" for s in secrets & lines]
    assert not leaks, "\n".join(sorted(leaks)[:20])


def test_no_hidden_tests_are_shipped_beside_a_notebook(student_repo: Path) -> None:
    """A file that holds a hidden-test region, three lines or more, in order, leaks it. (Solutions
    may coincide with shipped code by design: day 20 ships the engine whose bugs the answers fix.)"""
    chunks = []
    for path in day_notebooks():
        for region in regions(nbformat.read(path, as_version=4), hidden_only=True):
            meaningful = [line for line in region if line not in TRIVIAL and not line.startswith("#")]
            if len(meaningful) >= 3:
                chunks.append("\n".join(meaningful))
    leaks = []
    for file in student_repo.rglob("*"):
        if not file.is_file():
            continue
        try:
            lines = [line.strip() for line in file.read_text().split("\n")]
        except (UnicodeDecodeError, OSError):
            continue
        text = "\n".join(line for line in lines if line and line not in TRIVIAL and not line.startswith("#"))
        leaks += [f"{file.relative_to(student_repo)}: {chunk.splitlines()[0]}..." for chunk in chunks
                  if chunk in text]
    assert not leaks, "\n".join(leaks[:20])
