"""The course directory: nbgrader's layout, with the source folder a course may rename.

Config lives in `gc100.toml` or in `[tool.gc100]` of the course's `pyproject.toml`:
`source = "notebooks"` (default `source`), `db = "sqlite:///gradebook.db"`, and the due dates
and late policy of grader.late (`[due]`, `[late]`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from grader.late import LateConfigError, LatePolicy, read_due_dates, read_late_policy

DEFAULT_DB = "gradebook.db"


class CourseError(ValueError):
    """The course directory or its config is not usable."""


@dataclass(frozen=True)
class Course:
    root: Path
    source_dir: Path
    db_url: str
    due: dict[str, datetime] = field(default_factory=dict)  # assignment -> due date, in UTC
    late: LatePolicy = LatePolicy()

    @property
    def release_dir(self) -> Path:
        return self.root / "release"

    @property
    def submitted_dir(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded_dir(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback_dir(self) -> Path:
        return self.root / "feedback"

    def assignments(self) -> list[str]:
        """Folders of the source directory that hold at least one notebook, in name order."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def source_notebooks(self, assignment: str) -> list[Path]:
        folder = self.source_dir / assignment
        if not folder.is_dir():
            raise CourseError(f"no assignment {assignment!r} in {self.source_dir}")
        return sorted(folder.glob("*.ipynb"))

    def students(self, assignment: str | None = None) -> list[str]:
        """Students with a submission folder (for `assignment`, when given)."""
        if not self.submitted_dir.is_dir():
            return []
        out = []
        for p in sorted(self.submitted_dir.iterdir()):
            if p.is_dir() and not p.is_symlink() and (assignment is None or (p / assignment).exists()
                                                       or (p / assignment).is_symlink()):
                out.append(p.name)
        return out

    def submitted_assignments(self) -> list[str]:
        """Assignments of the source folder that at least one student submitted."""
        return [a for a in self.assignments() if self.students(a)]


def read_config(root: Path) -> dict:
    toml = root / "gc100.toml"
    if toml.is_file():
        return tomllib.loads(toml.read_text())
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        return tomllib.loads(pyproject.read_text()).get("tool", {}).get("gc100", {})
    return {}


def load_course(root: Path | str = ".", db_url: str | None = None) -> Course:
    root = Path(root).resolve()
    if not root.is_dir():
        raise CourseError(f"course directory {root} does not exist")
    try:
        config = read_config(root)
    except tomllib.TOMLDecodeError as error:
        raise CourseError(f"course config is not valid TOML: {error}") from None
    try:
        due, late = read_due_dates(config), read_late_policy(config)
    except LateConfigError as error:
        raise CourseError(f"course config: {error}") from None
    source = (root / config.get("source", "source")).resolve()
    db = db_url or config.get("db") or f"sqlite:///{root / DEFAULT_DB}"
    if db.startswith("sqlite:///") and not db.startswith("sqlite:////"):
        relative = db[len("sqlite:///"):]
        if relative and not Path(relative).is_absolute() and relative != ":memory:":
            db = f"sqlite:///{root / relative}"
    return Course(root=root, source_dir=source, db_url=db, due=due, late=late)
