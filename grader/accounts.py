"""Console accounts: passwords hashed with argon2id, and how long a sign-in waits after failures.

argon2id (argon2-cffi's defaults, RFC 9106's second recommended profile) is memory-hard: guessing a
stolen hash costs memory as well as time. The wait after failed sign-ins grows with each failure
in a row, so guessing online is slow too, and a success resets it.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROLES = ("instructor", "grader")
MIN_PASSWORD = 8
FREE_FAILURES = 4  # the fifth failure in a row, and every one after it, makes the next try wait
_hasher = PasswordHasher()


class AccountError(ValueError):
    """An account that cannot be made as asked."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def wait_after(failures: int) -> float:
    """Seconds a sign-in must wait after `failures` failed ones in a row: none for the first
    few, then doubling from one second up to a minute."""
    if failures <= FREE_FAILURES:
        return 0.0
    return float(min(60, 2 ** (failures - FREE_FAILURES - 1)))
