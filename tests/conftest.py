"""Shared fixtures: the project root, and the small nbgrader-format course of course_factory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def project_root() -> Path:
    return ROOT


@pytest.fixture
def squares_course(tmp_path: Path) -> Path:
    from course_factory import write_course

    return write_course(tmp_path / "course")
