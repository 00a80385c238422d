"""Submitted files are untrusted: every bad file gets a one-line reason, nothing is followed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from course_factory import squares_source

from grader.submission import SubmissionError, parse_notebook, read_submission, safe_copy_folder


def submit(tmp_path: Path, data: bytes | None = None) -> tuple[Path, Path]:
    root = tmp_path / "submitted"
    folder = root / "ann" / "squares"
    folder.mkdir(parents=True)
    if data is not None:
        (folder / "squares.ipynb").write_bytes(data)
    return root, folder


def read(root: Path, folder: Path):
    return read_submission(folder, root, "ann", "squares", "squares.ipynb")


def test_a_good_notebook_is_read_with_its_hash(tmp_path: Path) -> None:
    root, folder = submit(tmp_path, nbformat.writes(squares_source()).encode())
    sub = read(root, folder)
    assert len(sub.sha256) == 64 and sub.nb.cells[0].source.startswith("# Squares")


@pytest.mark.parametrize("data, reason", [
    (b"", "is empty"),
    (b"   \n", "is empty"),
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"[1, 2, 3]", "not a Jupyter notebook"),
    (json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": [], "metadata": {}}).encode(),
     "format 3"),
    (json.dumps({"nbformat": 4, "nbformat_minor": 5, "cells": "nope", "metadata": {}}).encode(),
     "not a valid notebook"),
    (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
    (json.dumps({"nbformat": 4, "cells": [], "metadata": {}}).encode(), "no valid nbformat_minor"),
    (json.dumps({"nbformat": 4, "nbformat_minor": 0, "metadata": {}, "cells": [
        {"cell_type": "code", "id": "a", "metadata": {}, "source": "", "outputs": [],
         "execution_count": None, "bogus": 1}]}).encode(), "'bogus' was unexpected"),
])
def test_bad_files_get_one_line_reasons(tmp_path: Path, data: bytes, reason: str) -> None:
    root, folder = submit(tmp_path, data)
    with pytest.raises(SubmissionError, match=reason) as info:
        read(root, folder)
    assert "\n" not in str(info.value)


def test_a_missing_notebook(tmp_path: Path) -> None:
    root, folder = submit(tmp_path)
    with pytest.raises(SubmissionError, match="missing"):
        read(root, folder)


def test_a_symlink_to_the_instructors_notebook_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "source.ipynb"
    secret.write_text(nbformat.writes(squares_source()))
    root, folder = submit(tmp_path)
    (folder / "squares.ipynb").symlink_to(secret)
    with pytest.raises(SubmissionError, match="symbolic link"):
        read(root, folder)


def test_a_symlinked_assignment_folder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (elsewhere / "squares.ipynb").write_text(nbformat.writes(squares_source()))
    root = tmp_path / "submitted"
    (root / "ann").mkdir(parents=True)
    (root / "ann" / "squares").symlink_to(elsewhere)
    with pytest.raises(SubmissionError, match="link"):
        read(root, root / "ann" / "squares")


def test_a_hard_link_into_the_course_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "source.ipynb"
    secret.write_text(nbformat.writes(squares_source()))
    root, folder = submit(tmp_path)
    os.link(secret, folder / "squares.ipynb")
    with pytest.raises(SubmissionError, match="hard link"):
        read(root, folder)


def test_a_fifo_does_not_block(tmp_path: Path) -> None:
    root, folder = submit(tmp_path)
    os.mkfifo(folder / "squares.ipynb")
    with pytest.raises(SubmissionError, match="not a regular file"):
        read(root, folder)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    root, folder = submit(tmp_path)
    with open(folder / "squares.ipynb", "wb") as f:
        f.truncate(3 * 1024 * 1024 * 1024)  # 3 GB, sparse
    with pytest.raises(SubmissionError, match="larger than"):
        read_submission(folder, root, "ann", "squares", "squares.ipynb", max_bytes=10 * 1024 * 1024)


def test_safe_copy_skips_links_and_fifos(tmp_path: Path) -> None:
    root, folder = submit(tmp_path, b"{}")
    (folder / "data.csv").write_text("1,2")
    (folder / "link").symlink_to("/etc/passwd")
    os.mkfifo(folder / "pipe")
    target = tmp_path / "copy"
    skipped = safe_copy_folder(folder, target, root)
    assert (target / "data.csv").read_text() == "1,2"
    assert not (target / "link").exists() and not (target / "pipe").exists()
    assert any("link" in s for s in skipped) and any("pipe" in s for s in skipped)


def test_parse_rejoins_multiline_sources() -> None:
    nb = parse_notebook(nbformat.writes(squares_source()).encode(), "x.ipynb")
    assert all(isinstance(c.source, str) for c in nb.cells)


def test_an_older_minor_version_is_read_as_nbformat_reads_it() -> None:
    """nbformat 4.0 had no cell ids; nbgrader writes 4.0 wherever its source was 4.0, and a cell
    added with nbformat.v4.new_code_cell carries one anyway. Read upgraded, as nbformat does."""
    nb = nbformat.v4.new_notebook()
    nb.nbformat_minor = 0
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_markdown_cell("text")]
    del nb.cells[1]["id"]
    got = parse_notebook(json.dumps(nb).encode(), "old.ipynb")
    assert got.nbformat_minor == nbformat.v4.nbformat_minor
    assert [c.source for c in got.cells] == ["x = 1", "text"]
    assert all(c.id for c in got.cells) and len({c.id for c in got.cells}) == 2
    nbformat.validate(got)
