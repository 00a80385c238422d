"""Shared fixtures: the project root, the small nbgrader-format course of course_factory, and a
local Dask cluster."""

from __future__ import annotations

import sys
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def postgresql_server():
    """A real PostgreSQL server for this test process (tests/postgres_server.py), or a skip that
    says why none can start here."""
    from postgres_server import start

    server, why = start()
    if server is None:
        pytest.skip(why)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def gradebook_url(request, tmp_path: Path) -> str:
    """An empty gradebook's URL: a SQLite file, and a fresh database on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gradebook.db'}"
    return request.getfixturevalue("postgresql_server").new_database()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A Dask cluster of two single-threaded worker processes on loopback; the scheduler, in
    this process, declares a task failed the first time its worker dies (allowed-failures 0)
    rather than trying it again."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None) as cluster:
        yield cluster.scheduler_address


# the few tests that take minutes go first, so that pytest-xdist's workers do not end the run
# waiting for one of them while the other workers sit idle
LONGEST_FIRST = ("test_nbgrader_days.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.path.name not in LONGEST_FIRST)  # a stable sort
