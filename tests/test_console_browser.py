"""The instructor's console in a real browser: Debian's Chromium driven by Playwright, against
the real `gc100 serve` over a course whose submissions the real grader graded.

Day 20's written review is graded by question for three students, a comment from the bank
applied to two of them; an autograded cell is overridden with a reason; the statistics page
draws its distributions; `gc100 export` then carries the points given by hand. Two graders in
two browser contexts grade the same question at once and neither loses a grade. A fourth
student's answer attacks the page (a script, an image with onerror, an SVG with onload, a
javascript: link, HTML printed by code) and nothing of it runs, as Chromium itself reports.
Screenshots go to test-artifacts/console/; the grade-by-question one is also the README's
picture, docs/images/console-grade-by-question.png (written when missing, refreshed with
GC100_UPDATE_DOCS=1).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from chromium import ensure_browser, launched
from console_server import add_user, start, stop
from days import day_notebooks, with_answers

from grader.cli import main
from grader.course import load_course
from grader.gradebook import Gradebook

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "console"
README_SHOT = ROOT / "docs" / "images" / "console-grade-by-question.png"
PASSWORDS = {"ines": "instructor-pass-1", "gil": "grader-pass-22", "gwen": "grader-pass-333"}
REVIEWS = {
    "ann": "**praise:** thanks for the PR!\n\n**issue (blocking):** `__add__` overwrites the "
           "gradient: `a + a` gives 1, not 2. Fix: `+=`.",
    "ben": "The tanh derivative is wrong at 0.5 (0.75 against 0.786). Requesting changes.",
    "cat": "Four bugs: add, tanh, mul with a number, and the backward order. See my fixes.",
}
ATTACK = ("An honest-looking review.\n\n<script>window.__pwned = 'script'</script>\n\n"
          "<img src=x onerror=\"window.__pwned = 'img'\">\n\n"
          "<svg onload=\"window.__pwned = 'svg'\"><circle r=\"5\"/></svg>\n\n"
          "[see my notes](javascript:window.__pwned='link')\n")
PRINTS_HTML = ("\nfrom IPython.display import HTML, SVG, display\n"
               "print(\"<script>window.__pwned = 'stream'</script>\")\n"
               "display(HTML(\"<img src=x onerror=\\\"window.__pwned = 'html'\\\">\"))\n"
               "display(SVG('<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.__pwned = "
               "&quot;svg-output&quot;\"></svg>'))\n")


def _day20() -> Path:
    found = [p for p in day_notebooks() if p.parent.name.startswith("day020-")]
    if not found:
        pytest.skip("day 20 is not in notebooks/")
    return found[0]


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> Iterator[tuple[str, Path, str]]:
    notebook = _day20()
    day = notebook.parent.name
    course = tmp_path_factory.mktemp("console-browser") / "course"
    shutil.copytree(notebook.parent, course / "source" / day,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    source = nbformat.read(notebook, as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in
               with_answers(source, {}).cells if c.metadata.get("nbgrader", {}).get("solution")}
    students = {name: with_answers(source, {"review_answer": text}) for name, text in REVIEWS.items()}
    students["eve"] = with_answers(source, {"review_answer": ATTACK,
                                            "ex1_answer": answers["ex1_answer"] + PRINTS_HTML})
    for name, nb in students.items():
        folder = course / "submitted" / name / day
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / notebook.name)
    assert main(["--course", str(course), "grade"]) == 0
    for name, role in (("ines", "instructor"), ("gil", "grader"), ("gwen", "grader")):
        add_user(course, name, role, PASSWORDS[name])
    process, base = start(course)
    try:
        yield base, course, day
    finally:
        stop(process)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(course.parent / "serve.log", ARTIFACTS / "serve.log")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium, why = ensure_browser()
    if chromium is None:
        pytest.skip(why)
    with launched(chromium) as instance:
        yield instance


def _signed_in(browser, base: str, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/")
    assert "/login" in page.url  # every page sends you to sign in first
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("form.login button[type=submit]")
    page.wait_for_url(base + "/")
    return context, page


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    return path


def _grade(page, student: str, points: str, *, comment: str = "", bank: str = "",
           reason: str = "") -> None:
    row = page.locator(f"article[id='row-{student}']")
    row.locator("input[name=points]").fill(points)
    if comment:
        row.locator("input[name=comment]").fill(comment)
    if reason:
        row.locator("input[name=reason]").fill(reason)
    if bank:
        row.locator("fieldset.bank-pick label", has_text=bank).locator("input").check()
    row.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("p.saved").inner_text() == f"Saved the grade of {student}."


def test_grade_the_written_review_by_question_override_a_cell_and_export(console, browser,
                                                                         capsys) -> None:
    from playwright.sync_api import expect

    base, course, day = console
    context, page = _signed_in(browser, base, "ines")
    page.get_by_role("link", name="review_answer").first.click()
    expect(page.locator("#progress")).to_have_text("0 of 4 graded")
    bank_text = "Name the test that would have caught each bug."
    page.fill("form.bank-add input[name=text]", bank_text)
    page.click("form.bank-add button[type=submit]")
    page.wait_for_load_state("load")
    expect(page.locator("fieldset.bank-pick").first).to_contain_text(bank_text)
    # the keyboard: j moves to the first answer, s puts the cursor in its score box
    page.keyboard.press("j")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.name") == "points"
    assert page.evaluate("document.activeElement.closest('article').id") == "row-ann"
    _grade(page, "ann", "2", bank=bank_text)
    _grade(page, "ben", "1.5", bank=bank_text, comment="Add a reproduction for each bug.")
    _grade(page, "cat", "1", comment="Thank the author first, then give each bug its fix.")
    expect(page.locator("#progress")).to_have_text("3 of 4 graded")
    expect(page.locator("article[id='row-ben'] .said")).to_contain_text(bank_text)
    page.evaluate("window.scrollTo(0, 0)")
    shot = _shot(page, "grade-by-question.png")
    if os.environ.get("GC100_UPDATE_DOCS") == "1" or not README_SHOT.exists():
        README_SHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, README_SHOT)
    # anonymous mode hides every name on the page
    page.click("text=anonymous mode")
    labels = page.locator("article.answer h2").all_inner_texts()
    assert len(labels) == 4 and all(re.fullmatch(r"Student [0-9a-f]{6}", x) for x in labels)
    assert not re.search(r"\b(ann|ben|cat|eve)\b", page.content())  # not even in the forms
    anonymous = page.locator("article.answer").filter(has_text="Four bugs: add, tanh")
    anonymous.locator("input[name=comment]").fill("Name each bug's test, too.")
    anonymous.locator("input[name=points]").fill("1")
    anonymous.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("p.saved").inner_text().startswith("Saved the grade of Student ")
    # an autograded cell overridden, with its reason, and its history shown
    page.goto(f"{base}/a/{day}/q/{day}.ipynb/ex4_tests")
    _grade(page, "cat", "1", reason="the fix is right; a tie in the order is not a bug")
    expect(page.locator("article[id='row-cat'] .by")).to_have_text("by ines")
    page.locator("article[id='row-cat'] details.history summary").click()
    expect(page.locator("article[id='row-cat'] details.history")).to_contain_text(
        "override · 1 · reason: the fix is right")
    # the statistics page draws the distributions
    page.goto(f"{base}/a/{day}/stats")
    total = page.locator("figure.distribution svg.hist")
    expect(total).to_be_visible()
    assert total.locator("rect").count() >= 1
    assert "total points" in total.text_content() and "students" in total.text_content()
    _shot(page, "statistics.png")
    context.close()
    capsys.readouterr()
    assert main(["--course", str(course), "export"]) == 0
    rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert (rows["ann"]["score"], rows["ann"]["max_score"]) == ("10", "10")
    assert rows["ben"]["score"] == "9.5"
    assert rows["cat"]["score"] == "7"  # 8 - 3 + 1 by override, + 1 for the review
    assert rows["eve"]["pending_manual"] == "True"
    assert main(["--course", str(course), "export", "--format", "json"]) == 0
    entries = {e["student_id"]: e for e in json.loads(capsys.readouterr().out)}
    review = {c["grade_id"]: c for c in entries["ben"]["cells"]}["review_answer"]
    assert (review["points"], review["graded_by"]) == (1.5, "ines")
    assert review["comment"] == f"{bank_text}\nAdd a reproduction for each bug."
    # each save wrote the student's feedback page again
    feedback = (course / "feedback" / "ben" / day / f"{day}.html").read_text()
    assert "Add a reproduction for each bug." in feedback and bank_text in feedback


def test_two_graders_grading_one_question_at_once_lose_neither_grade(console, browser) -> None:
    base, course, day = console
    question = f"{base}/a/{day}/q/{day}.ipynb/review_answer"
    first, page_a = _signed_in(browser, base, "gil")
    second, page_b = _signed_in(browser, base, "gwen")
    page_a.goto(question)
    page_b.goto(question)  # both pages are loaded before either grader saves
    _grade(page_a, "eve", "0.5", comment="Please write the review itself.")
    _grade(page_b, "eve", "1", comment="Some of the bugs are named.")  # the same answer, too
    _grade(page_b, "cat", "1.5")
    with Gradebook(load_course(course).db_url) as gradebook:
        mine = [(g.student_id, g.grader, g.points) for g in gradebook.manual_grades()
                if g.grader in ("gil", "gwen")]
    assert mine == [("eve", "gil", 0.5), ("eve", "gwen", 1.0), ("cat", "gwen", 1.5)]
    page_a.reload()
    eve = page_a.locator("article[id='row-eve']")
    assert "by gwen" in eve.locator(".by").inner_text()  # the newest grade is the grade
    eve.locator("details.history summary").click()
    assert "gil" in eve.locator("details.history").inner_text()  # and the older one is kept
    first.close()
    second.close()


def test_a_hostile_answer_runs_nothing_in_the_browser(console, browser) -> None:
    base, _, day = console
    context, page = _signed_in(browser, base, "ines")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for cell in ("review_answer", "ex1_tests"):
        page.goto(f"{base}/a/{day}/q/{day}.ipynb/{cell}")
        eve = page.locator("article[id='row-eve'] .student-answer")
        assert eve.count() == 1
        text = eve.inner_text()
        assert "window.__pwned" in text  # the attack is shown, as text
        assert eve.locator("script, iframe, object, embed, svg").count() == 0
        assert eve.locator("[onerror], [onload]").count() == 0
        page.wait_for_timeout(300)  # an image that fails to load fires onerror by now
        assert page.evaluate("window.__pwned") is None, cell
    page.goto(f"{base}/a/{day}/q/{day}.ipynb/review_answer")
    link = page.locator("article[id='row-eve'] .student-answer a", has_text="see my notes")
    assert link.get_attribute("href") == "#harmful-link"
    link.click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None and dialogs == []
    context.close()
