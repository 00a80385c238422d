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


def region_lines(nb: nbformat.NotebookNode) -> set[str]:
    """Lines inside solution or hidden-test regions."""
    secret = set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.split("\n"):
            if cells.BEGIN_SOLUTION in line or cells.BEGIN_HIDDEN_TESTS in line:
                inside = True
                continue
            if cells.END_SOLUTION in line or cells.END_HIDDEN_TESTS in line:
                inside = False
                continue
            if inside:
                secret.add(line.strip())
    return secret


def public_lines() -> set[str]:
    """What is public by design: the course library and tools (reference engines of taught days
    included), and every line a released notebook shows. Assets in a day's folder are not on this
    list: a solution file beside a notebook would be a leak."""
    public = set()
    for folder in ("src", "grader"):
        for file in (ROOT / folder).rglob("*.py"):
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
    for name in ("README.md", "environment.yml", ".devcontainer/devcontainer.json", "pyproject.toml",
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
