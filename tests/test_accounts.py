"""Console accounts: argon2id hashes, the wait after failed sign-ins, and `gc100 user add` reading
the password from standard input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grader.accounts import AccountError, hash_password, password_matches, wait_after
from grader.gradebook import Gradebook


def test_passwords_are_hashed_with_argon2id_and_checked() -> None:
    stored = hash_password("correct horse")
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert password_matches(stored, "correct horse")
    assert not password_matches(stored, "correct horsf")
    assert not password_matches("not a hash", "correct horse")
    with pytest.raises(AccountError, match="at least 8"):
        hash_password("short")


def test_the_fifth_failure_in_a_row_starts_the_wait_and_it_doubles() -> None:
    assert [wait_after(n) for n in range(8)] == [0, 0, 0, 0, 0, 1, 2, 4]
    assert wait_after(100) == 60


def test_user_add_reads_the_password_from_standard_input(tmp_path: Path) -> None:
    gc100 = [sys.executable, "-m", "grader.cli", "--course", str(tmp_path)]
    done = subprocess.run([*gc100, "user", "add", "tess", "--role", "grader"],
                          input="a long password\n", capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "added grader tess" in done.stdout
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        user = gradebook.user("tess")
    assert user.role == "grader" and password_matches(user.password_hash, "a long password")
    done = subprocess.run([*gc100, "user", "add", "tess", "--role", "grader"], input="short\n",
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "at least 8" in done.stdout
