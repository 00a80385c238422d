"""Reading a submitted notebook as untrusted data.

A submission is a file a student controls: it may be a link into the course, a FIFO, gigabytes,
absurdly nested, not UTF-8, not JSON, an old format or someone else's notebook. Each case ends in
`SubmissionError` with one line a student can act on; nothing here follows a link or blocks.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4.rwbase import rejoin_lines

from grader.late import parse_timestamp

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
MAX_NESTING = 64
MAX_TIMESTAMP_BYTES = 200
TIMESTAMP_FILE = "timestamp.txt"  # nbgrader's record of when the work was collected


class SubmissionError(ValueError):
    """A submission that cannot be graded; the message is the one-line reason shown to everyone."""


@dataclass(frozen=True)
class Submission:
    student_id: str
    assignment: str
    notebook_name: str
    nb: NotebookNode
    sha256: str
    notes: tuple[str, ...] = ()  # what the instructor should know, such as a file shared with a peer
    submitted_at: datetime | None = None  # in UTC: timestamp.txt, else the notebook file's time


# (st_dev, st_ino) of a submitted notebook -> the students whose folders hold a name for it
Peers = dict[tuple[int, int], list[str]]


def submission_peers(root: Path, assignment: str, notebook_name: str) -> Peers:
    """Which students' notebooks are the same file (hard links), found without following links."""
    peers: Peers = {}
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        try:
            info = os.lstat(folder / assignment / notebook_name)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
            peers.setdefault((info.st_dev, info.st_ino), []).append(folder.name)
    return peers


def _open_regular_file(path: Path, root: Path, peers: Peers | None = None) -> int:
    """Open `path` for reading without following links at any step below `root`.

    A hard link is refused unless every name of the file is a submitted notebook of this
    assignment (`peers`): a link into the course is refused, while a student whose file another
    student linked to is still graded, and both are noted.
    """
    peers = peers or {}
    try:
        relative = path.relative_to(root)
    except ValueError:
        raise SubmissionError(f"{path.name} lies outside the submission folder") from None
    if ".." in relative.parts:
        raise SubmissionError(f"{path.name} escapes the submission folder")
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    dir_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        for part in relative.parts[:-1]:
            try:
                next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
            except OSError:
                raise SubmissionError(f"folder {part!r} of the submission is a link or missing") from None
            os.close(dir_fd)
            dir_fd = next_fd
        try:
            fd = os.open(relative.parts[-1], flags, dir_fd=dir_fd)
        except FileNotFoundError:
            raise SubmissionError(f"{path.name} is missing from the submission") from None
        except OSError as error:
            if os.path.islink(path):
                raise SubmissionError(f"{path.name} is a symbolic link, not a file of its own") from None
            raise SubmissionError(f"{path.name} cannot be opened ({error.strerror})") from None
    finally:
        os.close(dir_fd)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise SubmissionError(f"{path.name} is not a regular file (a FIFO, device or folder)")
    if info.st_nlink > 1 and info.st_nlink > len(peers.get((info.st_dev, info.st_ino), [])):
        os.close(fd)
        raise SubmissionError(f"{path.name} is a hard link to another file; submit a copy")
    return fd


def _read_capped(fd: int, limit: int, name: str) -> bytes:
    chunks = []
    total = 0
    with os.fdopen(fd, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                size = f"{limit // (1024 * 1024)} MB" if limit >= 1 << 20 else f"{limit} bytes"
                raise SubmissionError(f"{name} is larger than {size}")
            chunks.append(chunk)
    return b"".join(chunks)


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings: checked before json.loads can recurse."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def parse_notebook(data: bytes, name: str) -> NotebookNode:
    """Bytes to a valid nbformat 4 notebook, or a one-line reason why not."""
    if not data.strip():
        raise SubmissionError(f"{name} is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SubmissionError(f"{name} is not UTF-8 text (byte {error.start}); "
                              "is it really a notebook?") from None
    if _nesting_depth(text) > MAX_NESTING:
        raise SubmissionError(f"{name} is nested more than {MAX_NESTING} levels deep")
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise SubmissionError(f"{name} is not valid JSON ({error})".split("\n")[0]) from None
    if not isinstance(raw, dict) or "cells" not in raw and "worksheets" not in raw:
        raise SubmissionError(f"{name} is JSON but not a Jupyter notebook")
    version = raw.get("nbformat")
    if version != 4:
        raise SubmissionError(f"{name} is in notebook format {version}; open it in Jupyter and save "
                              "it again (format 4)")
    minor = raw.get("nbformat_minor")
    if type(minor) is not int or minor < 0:
        raise SubmissionError(f"{name} has no valid nbformat_minor; open it in Jupyter and save it again")
    try:
        nb = rejoin_lines(nbformat.from_dict(raw))
        if minor < nbformat.v4.nbformat_minor:
            # as nbformat reads an older 4.x (nbgrader writes 4.0 where its source was 4.0):
            # upgraded to the current minor, every cell given an id, an id that 4.0 did not
            # allow included
            nb = nbformat.v4.upgrade(nb, from_version=4, from_minor=minor)
        nbformat.validate(nb)
    except Exception as error:  # nbformat raises several types; all mean the same to a student
        first = str(error).strip().split("\n")[0]
        raise SubmissionError(f"{name} is not a valid notebook: {first}") from None
    for cell in nb.cells:
        if cell.cell_type in ("code", "markdown", "raw") and not isinstance(cell.get("source"), str):
            raise SubmissionError(f"{name} has a cell whose source is not text")
    return nb


def read_submission(folder: Path, root: Path, student_id: str, assignment: str, notebook_name: str,
                    max_bytes: int = MAX_NOTEBOOK_BYTES, peers: Peers | None = None) -> Submission:
    """Read `folder/notebook_name` where `root` is the trusted folder above the student's files."""
    path = folder / notebook_name
    fd = _open_regular_file(path, root, peers)
    info = os.fstat(fd)
    data = _read_capped(fd, max_bytes, notebook_name)
    nb = parse_notebook(data, notebook_name)
    others = [p for p in (peers or {}).get((info.st_dev, info.st_ino), []) if p != student_id]
    notes = (f"{notebook_name} is the same file as the submission of {', '.join(others)} "
             "(a hard link)",) if others else ()
    submitted_at, note = submission_time(folder, root, info.st_mtime)
    return Submission(student_id, assignment, notebook_name, nb, hashlib.sha256(data).hexdigest(),
                      notes + ((note,) if note else ()), submitted_at)


def submission_time(folder: Path, root: Path, file_time: float) -> tuple[datetime, str]:
    """When the work was handed in: nbgrader's timestamp.txt in `folder` when there is one in its
    format, else `file_time` (the notebook's modification time); and a note when timestamp.txt
    was there but unusable. Read as any submitted file is: no links, a few bytes at most."""
    fallback = datetime.fromtimestamp(file_time, timezone.utc)
    if not os.path.lexists(folder / TIMESTAMP_FILE):
        return fallback, ""
    try:
        fd = _open_regular_file(folder / TIMESTAMP_FILE, root)
        text = _read_capped(fd, MAX_TIMESTAMP_BYTES, TIMESTAMP_FILE).decode("utf-8")
    except (SubmissionError, UnicodeDecodeError) as error:
        why = str(error) if isinstance(error, SubmissionError) else "it is not UTF-8 text"
        return fallback, f"{TIMESTAMP_FILE} was not read ({why}); the notebook file's time is used"
    when = parse_timestamp(text)
    if when is None:
        return fallback, (f"{TIMESTAMP_FILE} is not in nbgrader's format (2026-09-07 23:59:00.000000 "
                          "UTC); the notebook file's time is used")
    return when, ""


def safe_copy_folder(src: Path, dst: Path, root: Path, max_bytes: int = MAX_NOTEBOOK_BYTES,
                     skip: set[str] | None = None) -> list[str]:
    """Copy the regular files of a submission folder (not links, FIFOs or devices); return what was skipped."""
    skipped = []
    dst.mkdir(parents=True, exist_ok=True)
    try:
        entries = sorted(os.scandir(src), key=lambda e: e.name)
    except OSError:
        return skipped
    for entry in entries:
        if skip and entry.name in skip:
            continue
        if entry.is_symlink():
            skipped.append(f"{entry.name} (a link)")
            continue
        if entry.is_dir(follow_symlinks=False):
            skipped += safe_copy_folder(Path(entry.path), dst / entry.name, root, max_bytes)
            continue
        try:
            fd = _open_regular_file(Path(entry.path), root)
            data = _read_capped(fd, max_bytes, entry.name)
        except SubmissionError as error:
            skipped.append(f"{entry.name} ({error})")
            continue
        (dst / entry.name).write_bytes(data)
    return skipped
