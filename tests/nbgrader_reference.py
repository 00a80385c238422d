"""Grade with nbgrader itself, to compare gc100's scores against the tool whose format we speak.

`nbgrader_scores` builds a throwaway nbgrader course, runs `nbgrader generate_assignment` and
`nbgrader autograde` as an instructor would, and reads every cell's score from nbgrader's own
gradebook. Used by the tests that demand gc100 score exactly as nbgrader does, and handy when
writing a day: `python tests/nbgrader_reference.py notebooks/day001-*/day001-*.ipynb`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

NBGRADER = str(Path(sys.executable).with_name("nbgrader"))


def _run(args: list[str], cwd: Path) -> None:
    bin_dir = str(Path(sys.executable).parent)  # nbgrader runs `alembic` from the PATH
    env = {**os.environ, "PYTHONWARNINGS": "ignore",
           "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run([NBGRADER, *args, "--CourseDirectory.root=" + str(cwd)], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def _write_course(workdir: Path, source_notebooks: list[Path]) -> None:
    """A throwaway nbgrader course holding each notebook's folder as an assignment."""
    for notebook in source_notebooks:
        folder = workdir / "source" / notebook.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        for item in notebook.parent.iterdir():
            if item.is_file():
                shutil.copy(item, folder / item.name)
    (workdir / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.db_assignments = []\n")


def generate_release(source_notebook: Path, workdir: Path) -> Path:
    """Run `nbgrader generate_assignment` on one notebook; return the released notebook's path."""
    _write_course(workdir, [source_notebook])
    assignment = source_notebook.parent.name
    _run(["generate_assignment", assignment, "--force"], workdir)
    return workdir / "release" / assignment / source_notebook.name


def nbgrader_scores_of_days(submissions: dict[Path, dict[str, nbformat.NotebookNode]],
                            workdir: Path) -> dict[Path, dict[str, dict[str, float | None]]]:
    """`nbgrader_scores` for several assignments at once: one course, one `generate_assignment`
    and one `autograde` over all of them (nbgrader takes a glob for the assignment), since each
    nbgrader command costs seconds to start and to open its gradebook."""
    _write_course(workdir, list(submissions))
    _run(["generate_assignment", "*", "--force"], workdir)
    for notebook, students in submissions.items():
        for student, nb in students.items():
            folder = workdir / "submitted" / student / notebook.parent.name
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / notebook.name)
    _run(["autograde", "*", "--force"], workdir)
    from nbgrader.api import Gradebook

    scores: dict[Path, dict[str, dict[str, float | None]]] = {}
    with Gradebook("sqlite:///" + str(workdir / "gradebook.db")) as gb:
        for notebook, students in submissions.items():
            scores[notebook] = {}
            for student in students:
                nb = gb.find_submission_notebook(notebook.stem, notebook.parent.name, student)
                scores[notebook][student] = {g.name: g.score for g in nb.grades}
    return scores


def nbgrader_scores(source_notebook: Path, submissions: dict[str, nbformat.NotebookNode],
                    workdir: Path | None = None) -> dict[str, dict[str, float | None]]:
    """Scores per student and per graded cell (grade_id -> points) as `nbgrader autograde` gives them."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="nbgrader-ref-"))
    return nbgrader_scores_of_days({source_notebook: submissions}, workdir)[source_notebook]


def release_folder(source_dir: Path, workdir: Path) -> dict[str, nbformat.NotebookNode]:
    """`nbgrader update` and `nbgrader generate_assignment` on a whole assignment folder (its
    data files and subfolders too), in a throwaway course at `workdir`: the released notebooks
    by file name. The updated source is `workdir/source/<assignment>`."""
    assignment = source_dir.name
    shutil.copytree(source_dir, workdir / "source" / assignment,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    # every notebook runs in this environment's kernel, whatever kernel its author named
    (workdir / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.db_assignments = []\n"
        "c.Execute.kernel_name = 'python3'\n")
    # older nbgrader metadata (schema 1, 2) is updated the way nbgrader asks its users to
    _run(["update", str(workdir / "source" / assignment)], workdir)
    _run(["generate_assignment", assignment, "--force"], workdir)
    release = workdir / "release" / assignment
    return {path.name: nbformat.read(path, as_version=4) for path in sorted(release.glob("*.ipynb"))}


def autograde_folder(workdir: Path, assignment: str,
                     submissions: dict[str, dict[str, nbformat.NotebookNode]],
                     ) -> dict[str, dict[str, dict[str, float | None]]]:
    """`nbgrader autograde` of the course `release_folder` made: each student's notebooks beside
    the release's other files, as a student submits them; the autograder's score per student,
    notebook and cell (None: waiting for manual grading)."""
    release = workdir / "release" / assignment
    for student, notebooks in submissions.items():
        folder = workdir / "submitted" / student / assignment
        shutil.copytree(release, folder, ignore=shutil.ignore_patterns("*.ipynb"))
        for name, nb in notebooks.items():
            nbformat.write(nb, folder / name)
    _run(["autograde", assignment, "--force"], workdir)
    from nbgrader.api import Gradebook

    scores: dict[str, dict[str, dict[str, float | None]]] = {}
    with Gradebook("sqlite:///" + str(workdir / "gradebook.db")) as gb:
        for student, notebooks in submissions.items():
            scores[student] = {}
            for name in notebooks:
                nb = gb.find_submission_notebook(Path(name).stem, assignment, student)
                # auto_score: what the autograder decided, None where a person must grade
                # (Grade.score reads 0.0 there)
                scores[student][name] = {g.name: g.auto_score for g in nb.grades}
    return scores


def main(argv: list[str]) -> int:
    """Release each notebook with nbgrader, grade the instructor and released versions, print both."""
    for path in map(Path, argv):
        with tempfile.TemporaryDirectory(prefix="nbgrader-ref-") as tmp:
            released = nbformat.read(generate_release(path, Path(tmp) / "gen"), as_version=4)
            instructor = nbformat.read(path, as_version=4)
            scores = nbgrader_scores(path, {"instructor": instructor, "released": released},
                                     Path(tmp) / "grade")
            for student, cells in scores.items():
                total = sum(v or 0 for v in cells.values())
                print(f"{path.parent.name} {student}: {total:g} points  {json.dumps(cells)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
