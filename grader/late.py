"""Late work: the due dates and the late policy of a course, and what lateness costs.

Due dates live in the course config, per assignment, as TOML datetimes with an offset:

    [due]
    day001-learning-sandbox = 2026-09-07T23:59:00+02:00

    [late]
    policy = "per_hour"     # none (the default) | zero | per_hour
    points_per_hour = 0.5   # per_hour: points taken for every hour or part of one
    floor = 2               # per_hour: the penalty never takes the score below this

The penalty is applied where grades leave the gradebook (export, the console, the feedback
page); what the gradebook recorded is never rewritten.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

POLICIES = ("none", "zero", "per_hour")


class LateConfigError(ValueError):
    """The course's due dates or late policy cannot be used."""


@dataclass(frozen=True)
class LatePolicy:
    policy: str = "none"
    points_per_hour: float = 0.0
    floor: float = 0.0

    def describe(self) -> str:
        if self.policy == "zero":
            return "late work scores zero"
        if self.policy == "per_hour":
            return (f"{self.points_per_hour:g} points off per hour late (or part of one), "
                    f"never below {self.floor:g}")
        return "no penalty for late work"


@dataclass(frozen=True)
class Lateness:
    """What lateness did to one student's assignment."""

    hours_late: int  # started hours after the due date; 0 when on time or undated
    penalty: float  # points taken off

    @property
    def late(self) -> bool:
        return self.hours_late > 0


ON_TIME = Lateness(0, 0.0)


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or value < 0:
        raise LateConfigError(f"late.{name} must be a number of points, zero or more")
    return float(value)


def read_late_policy(config: dict) -> LatePolicy:
    late = config.get("late", {})
    if not isinstance(late, dict):
        raise LateConfigError("[late] must be a table")
    unknown = set(late) - {"policy", "points_per_hour", "floor"}
    if unknown:
        raise LateConfigError(f"[late] has unknown keys: {', '.join(sorted(unknown))}")
    policy = late.get("policy", "none")
    if policy not in POLICIES:
        raise LateConfigError(f"late.policy must be one of {', '.join(POLICIES)}, not {policy!r}")
    if policy == "per_hour" and "points_per_hour" not in late:
        raise LateConfigError("late.policy = \"per_hour\" needs late.points_per_hour")
    return LatePolicy(policy, _number(late.get("points_per_hour", 0), "points_per_hour"),
                      _number(late.get("floor", 0), "floor"))


def read_due_dates(config: dict) -> dict[str, datetime]:
    due = config.get("due", {})
    if not isinstance(due, dict):
        raise LateConfigError("[due] must be a table of assignment = datetime")
    out = {}
    for assignment, when in due.items():
        if not isinstance(when, datetime):
            raise LateConfigError(f"due date of {assignment} must be a TOML datetime, "
                                  f"such as 2026-09-07T23:59:00+02:00")
        if when.tzinfo is None:
            raise LateConfigError(f"due date of {assignment} needs a UTC offset "
                                  f"(2026-09-07T23:59:00+02:00, or Z for UTC)")
        out[assignment] = when.astimezone(UTC)
    return out


def lateness(submitted: datetime | None, due: datetime | None, score: float,
             policy: LatePolicy) -> Lateness:
    """The hours late and the points `policy` takes from `score` for work handed in at
    `submitted`. Work without a due date or a known submission time is on time."""
    if submitted is None or due is None:
        return ON_TIME
    over = as_utc(submitted) - due
    if over <= timedelta(0):
        return ON_TIME
    hours = math.ceil(over / timedelta(hours=1))
    if policy.policy == "zero":
        return Lateness(hours, score)
    if policy.policy == "per_hour":
        kept = max(min(score, policy.floor), score - policy.points_per_hour * hours)
        return Lateness(hours, score - kept)
    return Lateness(hours, 0.0)


# nbgrader's timestamp.txt: Exchange.timestamp_format, "%Y-%m-%d %H:%M:%S.%f %Z", read as UTC
# when it names no zone (nbgrader.utils.parse_utc)
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,6})?"
                        r"\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?")


def parse_timestamp(text: str) -> datetime | None:
    """The time in an nbgrader timestamp.txt, in UTC; None for anything else."""
    match = _TIMESTAMP.fullmatch(text.strip())
    if not match:
        return None
    day, clock, fraction, zone = match.groups()
    try:
        when = datetime.fromisoformat(f"{day}T{clock}{fraction or ''}")
    except ValueError:
        return None
    if zone in (None, "UTC", "GMT", "Z"):
        return when.replace(tzinfo=UTC)
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if offset >= timedelta(hours=24):
        return None
    return when.replace(tzinfo=timezone(sign * offset)).astimezone(UTC)


def as_utc(when: datetime) -> datetime:
    """A time read back from the gradebook, in UTC: SQLite gives back the UTC it was given,
    without its zone."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def late_note(submitted: datetime | None, due: datetime | None, score: float,
              policy: LatePolicy) -> str:
    """One line for a feedback page on what lateness costs `score`; empty for work on time."""
    late = lateness(submitted, due, score, policy)
    if not late.late or due is None:
        return ""
    cost = f"{late.penalty:g} points off" if late.penalty else "no points off"
    return (f"handed in {late.hours_late} hour(s) late (due {due:%Y-%m-%d %H:%M} UTC): "
            f"{policy.describe()}, so {cost}")
