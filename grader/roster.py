"""The roster: who is in the course, read from a CSV an instructor exports from a registry.

The file is checked whole before anything is written: a header naming id, name and email (in
any order, other columns ignored), one student per row, ids that could name a submission folder,
no id twice. A bad file gets one line naming its row, and the gradebook is left as it was.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

REQUIRED = ("id", "name", "email")
MAX_ROSTER_BYTES = 5 * 1024 * 1024
# what a folder under submitted/ may be called: no separators, no dot names, no spaces
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}")


class RosterError(ValueError):
    """A roster file that cannot be imported; the message names the row."""


@dataclass(frozen=True)
class RosterEntry:
    id: str
    name: str
    email: str


def parse_roster(data: bytes) -> list[RosterEntry]:
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(f"the roster is larger than {MAX_ROSTER_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RosterError(f"the roster is not UTF-8 text (byte {error.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise RosterError("the roster is empty: it needs a header row id,name,email") from None
    except csv.Error as error:
        raise RosterError(f"row 1: {error}") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterError(f"row 1: the header lacks {', '.join(missing)} (it needs id,name,email)")
    if len(set(header)) != len(header):
        raise RosterError("row 1: a column is named twice")
    where = {c: header.index(c) for c in REQUIRED}
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    try:
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise RosterError(f"row {number}: {len(row)} fields, the header has {len(header)}")
            student_id, name, email = (row[where[c]].strip() for c in REQUIRED)
            if not STUDENT_ID.fullmatch(student_id) or student_id in (".", ".."):
                raise RosterError(f"row {number}: {student_id!r} cannot be a student id (letters, "
                                  "digits and . _ @ + -, starting with a letter or digit)")
            if student_id in seen:
                raise RosterError(f"row {number}: id {student_id} is also on row {seen[student_id]}")
            if email and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
                raise RosterError(f"row {number}: {email!r} is not an email address")
            seen[student_id] = number
            entries.append(RosterEntry(student_id, name, email))
    except csv.Error as error:
        raise RosterError(f"row {reader.line_num}: {error}") from None
    return entries
