"""The console at class size: the grade-by-question page and the statistics page of one
assignment with N students (default 500), over real HTTP from the real `gc100 serve`.

Four submissions of day 20 (three reviews and a blank) are graded by the real grader; the
gradebook and autograded notebooks are then filled to N students by copying them (an executed
day-20 notebook each, the size a real class leaves), and a person's grade with a bank comment is
given to every third student. Each page is fetched once cold (the first request, sent as soon as
the server listens, while it may still be reading the class's notebooks for the first time) and
then five times warm; the figures are the cold time and the median warm time, and the warm
time's ratio to the one-second budget.

    .venv/bin/python benchmarks/console_pages.py --students 500
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from console_server import add_user, start
from days import day_notebooks, with_answers

from grader.cli import main
from grader.course import load_course
from grader.gradebook import Gradebook, NotebookGrade
from grader.score import CellScore

BUDGET = 1.0
PASSWORD = "benchmark-pass"


def build_course(folder: Path, students: int) -> tuple[Path, str]:
    notebook = next(p for p in day_notebooks() if p.parent.name.startswith("day020-"))
    day = notebook.parent.name
    course = folder / "course"
    shutil.copytree(notebook.parent, course / "source" / day)
    source = nbformat.read(notebook, as_version=4)
    reviews = ["**praise:** thanks! `__add__` overwrites the gradient; use `+=`.",
               "tanh's derivative uses the input: 0.75 against 0.786 at 0.5.",
               "Four bugs, each with a reproduction and a fix."]
    # the first four students are graded for real; the rest of the class are copies of them
    seeds = {f"s{i:04d}": with_answers(source, {"review_answer": text}) for i, text in enumerate(reviews)}
    seeds["s0003"] = with_answers(source, {})
    for name, nb in seeds.items():
        (course / "submitted" / name / day).mkdir(parents=True)
        nbformat.write(nb, course / "submitted" / name / day / notebook.name)
    if main(["--course", str(course), "grade"]) != 0:
        raise SystemExit("grading the seed submissions failed")
    loaded = load_course(course)
    with Gradebook(loaded.db_url) as gradebook:
        seeded = {r.student_id: r for r in gradebook.latest_records(day)}
        bank = gradebook.add_comment(day, "review_answer", "Name the test for each bug.", "ines")
        for i in range(students):
            seed = seeded[f"s{i % 4:04d}"]
            student = f"s{i:04d}"
            cells = [CellScore(c.grade_id, c.points, c.max_points, c.outcome, c.message, c.manual)
                     for c in seed.cells]
            if student not in seeded:
                gradebook.record(NotebookGrade(day, student, seed.notebook,
                                               f"{seed.submission_hash}-{i}", seed.source_hash,
                                               "graded", "", [], cells))
                out = loaded.autograded_dir / student / day
                out.mkdir(parents=True)
                shutil.copy(loaded.autograded_dir / seed.student_id / day / notebook.name, out)
            if i % 3 == 0:
                gradebook.record_manual(day, student, seed.notebook, "review_answer", 1.5, "ines",
                                        comment="Clear.", comment_ids=(bank.id,))
    add_user(course, "ines", "instructor", PASSWORD)
    return course, day


def signed_in(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    opener.open(base + "/login", urllib.parse.urlencode(
        {"_xsrf": token, "name": "ines", "password": PASSWORD, "next": "/"}).encode())
    return opener


def fetch(opener, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    body = opener.open(url, timeout=120).read()
    return time.perf_counter() - started, len(body)


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=500)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gc100-console-bench-") as tmp:
        started = time.perf_counter()
        course, day = build_course(Path(tmp), args.students)
        print(f"built a class of {args.students} on {day} in {time.perf_counter() - started:.1f} s")
        process, base = start(course)
        try:
            opener = signed_in(base)
            pages = {"grade by question": f"{base}/a/{day}/q/{day}.ipynb/review_answer",
                     "statistics": f"{base}/a/{day}/stats"}
            print(f"{'page':<18} {'cold s':>7} {'warm s':>7} {'MB':>6} {'warm / 1 s budget':>18}")
            for name, url in pages.items():
                cold, size = fetch(opener, url)
                warm = statistics.median(fetch(opener, url)[0] for _ in range(5))
                print(f"{name:<18} {cold:7.3f} {warm:7.3f} {size / 1e6:6.2f} {warm / BUDGET:17.2f}x")
        finally:
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main_())
