"""The console's security over real HTTP, against the real `gc100 serve`: every page needs a
session, every form its CSRF token, user management is the instructor's, cookies are signed,
HttpOnly and SameSite, sign-in slows down after failures, and the pages render from a gradebook
(tests/console_server.py starts the server)."""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from console_server import add_user, start, stop

from grader.gradebook import Gradebook, NotebookGrade
from grader.score import CellScore

PASSWORDS = {"ines": "instructor-pass-1", "gil": "grader-pass-22"}
QUESTION = "/a/ps1/q/ps1.ipynb/ex2_written"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser without a browser: cookies kept, redirects not followed, the CSRF token of the
    last page read."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirect())
        self.token = ""

    def request(self, path: str, data: dict | None = None, *, token: bool = True):
        if data is not None and token:
            data = {"_xsrf": self.token, **data}
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            response = self.opener.open(self.base + path, body, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        text = response.read().decode("utf-8", "replace")
        found = re.search(r'name="_xsrf" value="([^"]+)"', text)
        if found:
            self.token = found.group(1)
        return response.status, response.headers, text

    def sign_in(self, name: str, password: str | None = None):
        self.request("/login")
        return self.request("/login", {"name": name, "password": password or PASSWORDS[name],
                                       "next": "/"})


def _grade(student: str) -> NotebookGrade:
    cells = [CellScore("ex1_tests", 2.0, 2.0, "passed"),
             CellScore("ex2_written", None, 3.0, "pending", "", manual=True)]
    return NotebookGrade("ps1", student, "ps1.ipynb", "h-" + student, "s1", "graded", "", [], cells)


@pytest.fixture(scope="module")
def console(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    course = tmp_path_factory.mktemp("console") / "course"
    (course / "source").mkdir(parents=True)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in ("ann", "bob"):
            gradebook.record(_grade(student))
    for name, role in (("ines", "instructor"), ("gil", "grader")):
        add_user(course, name, role, PASSWORDS[name])
    process, base = start(course)
    yield base, course
    stop(process)


GETS = ["/", "/roster", "/users", "/s/ann", "/a/ps1/stats", QUESTION, "/a/nosuch/stats"]
POSTS = ["/logout", QUESTION, QUESTION + "/bank", "/users"]


@pytest.mark.parametrize("path", GETS)
def test_every_page_without_a_session_sends_you_to_sign_in(console, path: str) -> None:
    status, headers, _ = Client(console[0]).request(path)
    assert status == 302
    assert headers["Location"] == "/login?" + urllib.parse.urlencode({"next": path})


@pytest.mark.parametrize("path", POSTS)
def test_a_form_without_a_session_does_nothing(console, path: str) -> None:
    client = Client(console[0])
    client.request("/login")  # a real CSRF token, but no session
    status, headers, _ = client.request(path, {"student": "ann", "points": "3", "text": "x",
                                               "name": "eve", "role": "instructor",
                                               "password": "a-long-password"})
    assert status == 302 and headers["Location"].startswith("/login")
    with Gradebook(f"sqlite:///{console[1] / 'gradebook.db'}") as gradebook:
        assert gradebook.user("eve") is None and not gradebook.manual_grades()


def test_a_form_without_its_csrf_token_is_refused(console) -> None:
    client = Client(console[0])
    assert client.sign_in("ines")[0] == 302
    status, _, _ = client.request(QUESTION, {"student": "ann", "points": "3"}, token=False)
    assert status == 403
    status, _, _ = client.request(QUESTION, {"student": "ann", "points": "3",
                                             "_xsrf": "2|00000000|" + "0" * 32 + "|1"}, token=False)
    assert status == 403
    with Gradebook(f"sqlite:///{console[1] / 'gradebook.db'}") as gradebook:
        assert gradebook.manual_grades() == []


def test_sign_in_without_csrf_token_is_refused(console) -> None:
    status, _, _ = Client(console[0]).request("/login", {"name": "ines",
                                                         "password": PASSWORDS["ines"]}, token=False)
    assert status == 403


def test_the_cookies_are_signed_httponly_and_samesite(console) -> None:
    client = Client(console[0])
    _, headers, _ = client.request("/login")
    xsrf = headers["Set-Cookie"]
    assert "_xsrf=" in xsrf and "HttpOnly" in xsrf and "SameSite=Strict" in xsrf
    _, headers, _ = client.sign_in("ines")
    session = next(v for k, v in headers.items() if k == "Set-Cookie" and "gc100_session" in v)
    assert "HttpOnly" in session and "SameSite=Strict" in session
    assert "Content-Security-Policy" in headers and "script-src 'self'" in headers["Content-Security-Policy"]
    forged = Client(console[0])  # a cookie that names a user but is not signed by the server
    forged.jar.set_cookie(http.cookiejar.Cookie(
        0, "gc100_session", "aW5lcw==", None, False, "127.0.0.1", False, False, "/", True, False,
        None, False, None, None, {}))
    assert forged.request("/")[0] == 302


def test_a_grader_grades_but_cannot_manage_users(console) -> None:
    client = Client(console[0])
    assert client.sign_in("gil")[0] == 302
    status, _, page = client.request("/")
    assert status == 200 and "/users" not in page
    assert client.request("/users")[0] == 403
    client.request(QUESTION)
    assert client.request("/users", {"name": "eve", "role": "instructor",
                                     "password": "a-long-password"})[0] == 403
    status, headers, _ = client.request(QUESTION, {"student": "bob", "points": "2.5",
                                                   "comment": "Close."})
    assert status == 302 and "saved=bob" in headers["Location"]
    with Gradebook(f"sqlite:///{console[1] / 'gradebook.db'}") as gradebook:
        assert gradebook.user("eve") is None
        (grade,) = [g for g in gradebook.manual_grades() if g.student_id == "bob"]
        assert (grade.points, grade.grader, grade.comment) == (2.5, "gil", "Close.")


@pytest.mark.parametrize(("points", "why"), [("abc", "points must be a number"),
                                              ("4", "takes 0 to 3 points")])
def test_a_grade_that_cannot_be_right_comes_back_with_the_reason(console, points: str,
                                                                 why: str) -> None:
    client = Client(console[0])
    client.sign_in("ines")
    client.request(QUESTION)
    status, headers, _ = client.request(QUESTION, {"student": "ann", "points": points})
    assert status == 302
    status, _, page = client.request(headers["Location"])
    assert why in page.replace("&#39;", "'")


def test_an_override_needs_a_reason(console) -> None:
    client = Client(console[0])
    client.sign_in("ines")
    path = "/a/ps1/q/ps1.ipynb/ex1_tests"
    client.request(path)
    _, headers, _ = client.request(path, {"student": "ann", "points": "1", "reason": ""})
    assert "needs+a+reason" in headers["Location"]


def test_sign_in_never_sends_you_to_another_site(console) -> None:
    client = Client(console[0])
    client.request("/login")
    _, headers, _ = client.request("/login", {"name": "ines", "password": PASSWORDS["ines"],
                                              "next": "//evil.example/"})
    assert headers["Location"] == "/"


def test_five_wrong_passwords_in_a_row_slow_further_tries(console) -> None:
    client = Client(console[0])
    for _ in range(5):
        assert client.sign_in("gil", "wrong-password")[0] == 401
    started = time.monotonic()
    status, headers, page = client.sign_in("gil")  # even the right password waits
    assert status == 429 and "try again in" in page and int(headers["Retry-After"]) >= 1
    time.sleep(max(0.0, int(headers["Retry-After"]) - (time.monotonic() - started)) + 0.2)
    assert client.sign_in("gil")[0] == 302
    assert client.sign_in("nobody", "whatever-it-is")[0] == 401  # an unknown name: the same answer


def _copy(client: Client) -> Client:
    other = Client(client.base)
    for cookie in client.jar:
        other.jar.set_cookie(cookie)
    return other


def test_signing_out_ends_the_session_and_every_copy_of_its_cookie(console) -> None:
    client = Client(console[0])
    client.sign_in("ines")
    other_browser = Client(console[0])
    other_browser.sign_in("ines")
    stolen = _copy(client)
    assert client.request("/")[0] == 200 and stolen.request("/")[0] == 200
    client.request("/logout", {})
    assert client.request("/")[0] == 302
    assert stolen.request("/")[0] == 302  # the copied cookie is worth nothing now
    assert other_browser.request("/")[0] == 302  # signing out ends the account's sessions
    client.sign_in("ines")
    assert client.request("/")[0] == 200  # and a new sign-in works


def test_a_new_password_ends_the_old_sessions(console) -> None:
    base, course = console
    client = Client(base)
    client.sign_in("gil")
    assert client.request("/")[0] == 200
    add_user(course, "gil", "grader", PASSWORDS["gil"])  # the same password, set again
    assert client.request("/")[0] == 302


def test_the_roster_page_lists_every_student_and_who_is_missing(console) -> None:
    base, course = console
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        gradebook.import_roster([("ann", "Ann", "ann@example.org"), ("dan", "Dan", "")])
    client = Client(base)
    client.sign_in("ines")
    status, _, page = client.request("/roster")
    assert status == 200
    dan = page[page.index("/s/dan"):].split("</tr>")[0]
    assert "missing" in dan
    bob = page[page.index("/s/bob"):].split("</tr>")[0]
    assert "not on the roster" in bob and "missing" not in bob
    status, _, page = client.request("/s/dan")
    assert status == 200 and "missing" in page
