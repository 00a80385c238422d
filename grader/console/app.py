"""`gc100 serve`: the instructor's console, a Tornado application on the course and its gradebook.

Tornado because it is already the server under JupyterLab in this environment, keeps no front-end
build step (server-side templates that escape by default), and has what the console's security
needs built in: signed cookies and CSRF tokens on every form (xsrf_cookies). Every page but
sign-in needs a session; user management is the instructor's; a grader grades. Every response
forbids scripts but the console's own file (Content-Security-Policy), so a student's answer that
got past escaping still could not run.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

import tornado.web

from grader.accounts import ROLES, AccountError, hash_password, password_matches, wait_after
from grader.console import pages
from grader.course import Course
from grader.gradebook import Gradebook, GradebookError
from grader.late import as_utc
from grader.publish import regenerate_feedback
from grader.roster import STUDENT_ID

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "gc100_session"
SESSION_DAYS = 0.5  # a signed session lasts half a day
# a hash to check a password against when the account does not exist, so that the time a
# sign-in takes does not tell whether a user name is real
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class Base(tornado.web.RequestHandler):
    """Every page: a session or a redirect to sign-in, the headers that keep student content
    inert, and the course and gradebook at hand."""

    public = False
    instructor_only = False

    @property
    def course(self) -> Course:
        return self.settings["course"]

    @property
    def gradebook(self) -> Gradebook:
        return self.settings["gradebook"]

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")

    def get_current_user(self):
        """The account a signed cookie names, while the session it names is that account's
        current one (signing out or a new password moves it on)."""
        value = self.get_signed_cookie(SESSION_COOKIE, max_age_days=SESSION_DAYS)
        if not value:
            return None
        name, _, epoch = value.decode().rpartition(":")
        user = self.gradebook.user(name) if name else None
        if user is None or str(user.session_epoch) != epoch:
            return None
        return user

    def prepare(self) -> None:
        if self.public:
            return
        if self.current_user is None:
            self.redirect("/login?" + urlencode({"next": self.request.uri}))
            raise tornado.web.Finish()
        if self.instructor_only and self.current_user.role != "instructor":
            raise tornado.web.HTTPError(403, "instructors only")

    def get_template_path(self) -> str:
        return str(HERE / "templates")

    def render_page(self, template: str, **values) -> None:
        self.render(template, user=self.current_user, pages=pages, quote=quote, **values)

    def write_error(self, status_code: int, **kwargs) -> None:
        reason = self._reason
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, tornado.web.HTTPError) and error.log_message:
            reason = error.log_message % error.args if error.args else error.log_message
        self.render("error.html", user=None, status=status_code, reason=reason)


class Login(Base):
    public = True

    def get(self) -> None:
        self.render_page("login.html", error="", next=self._next())

    def _next(self) -> str:
        target = self.get_argument("next", "/")
        # only a path of this site: never another site, never a scheme
        return target if target.startswith("/") and not target.startswith("//") else "/"

    def post(self) -> None:
        name = self.get_argument("name", "")
        password = self.get_argument("password", "")
        user = self.gradebook.user(name) if name else None
        if user is not None and user.failed_logins and user.last_failed_at is not None:
            waited = (datetime.now(UTC) - as_utc(user.last_failed_at)).total_seconds()
            wait = wait_after(user.failed_logins) - waited
            if wait > 0:
                self.set_status(429)
                self.set_header("Retry-After", str(int(wait) + 1))
                self.render_page("login.html", next=self._next(),
                                 error=f"Too many failed sign-ins: try again in {int(wait) + 1} s.")
                return
        ok = password_matches(user.password_hash if user else _DUMMY_HASH, password)
        if user is None or not ok:
            if user is not None:
                self.gradebook.note_login(user.name, succeeded=False)
            self.set_status(401)
            self.render_page("login.html", error="Wrong user name or password.", next=self._next())
            return
        self.gradebook.note_login(user.name, succeeded=True)
        self.set_signed_cookie(SESSION_COOKIE, f"{user.name}:{user.session_epoch}",
                               expires_days=SESSION_DAYS, httponly=True, samesite="Strict", path="/")
        self.redirect(self._next())


class Logout(Base):
    def post(self) -> None:
        """Ends every session of the account, not only this browser's."""
        self.gradebook.end_sessions(self.current_user.name)
        self.clear_cookie(SESSION_COOKIE, path="/")
        self.redirect("/login")


class Overview(Base):
    def get(self) -> None:
        self.render_page("overview.html", assignments=pages.overview(self.course, self.gradebook))


class QuestionPage(Base):
    def get(self, assignment: str, notebook: str, grade_id: str) -> None:
        anonymous = self.get_argument("anonymous", "") == "1"
        question = pages.question_page(self.course, self.gradebook, assignment, notebook, grade_id,
                                       anonymous)
        if question is None:
            raise tornado.web.HTTPError(404, "no graded cell %s in %s/%s", grade_id, assignment,
                                        notebook)
        self.render_page("question.html", q=question, anonymous=anonymous,
                         saved=self.get_argument("saved", ""), error=self.get_argument("error", ""))

    def post(self, assignment: str, notebook: str, grade_id: str) -> None:
        """One student's grade of this cell: a new record, whatever anyone else saved meanwhile."""
        student = self.get_argument("student")
        anonymous = self.get_argument("anonymous", "") == "1"
        if anonymous:  # the page carried only the label: find whose it is
            labels = {pages.anonymous_name(r.student_id, assignment): r.student_id
                      for r in self.gradebook.latest_records(assignment)}
            student = labels.get(student, "")
        back = self.request.path + ("?anonymous=1&" if anonymous else "?")
        try:
            points = float(self.get_argument("points"))
        except ValueError:
            self.redirect(back + urlencode({"error": "points must be a number"}))
            return
        try:
            bank = tuple(int(v) for v in self.get_arguments("bank"))
        except ValueError:
            raise tornado.web.HTTPError(400, "bad comment id") from None
        try:
            self.gradebook.record_manual(assignment, student, notebook, grade_id, points,
                                         self.current_user.name,
                                         comment=self.get_argument("comment", "").strip(),
                                         reason=self.get_argument("reason", "").strip(),
                                         comment_ids=bank)
        except GradebookError as error:
            self.redirect(back + urlencode({"error": str(error)}))
            return
        # the student's feedback page says what was just decided
        regenerate_feedback(self.course, self.gradebook, assignment, student)
        label = pages.anonymous_name(student, assignment) if anonymous else student
        self.redirect(back + urlencode({"saved": label}) + "#row-" + quote(label))


class BankPage(Base):
    def post(self, assignment: str, notebook: str, grade_id: str) -> None:
        """Add a comment to this question's bank, or edit one (the same comment everywhere)."""
        text = self.get_argument("text", "")
        anonymous = "?anonymous=1" if self.get_argument("anonymous", "") == "1" else ""
        back = f"/a/{quote(assignment)}/q/{quote(notebook)}/{quote(grade_id)}{anonymous}"
        try:
            comment_id = self.get_argument("comment_id", "")
            if comment_id:
                found = {c.id for c in self.gradebook.comments(assignment, grade_id)}
                if not comment_id.isdigit() or int(comment_id) not in found:
                    raise GradebookError("that comment is not in this question's bank")
                self.gradebook.edit_comment(int(comment_id), text, self.current_user.name)
            else:
                self.gradebook.add_comment(assignment, grade_id, text, self.current_user.name)
        except GradebookError as error:
            self.redirect(back + ("&" if anonymous else "?") + urlencode({"error": str(error)}))
            return
        self.redirect(back + "#bank")


class StatsView(Base):
    def get(self, assignment: str) -> None:
        page = pages.stats_page(self.gradebook, assignment)
        if page is None:
            raise tornado.web.HTTPError(404, "no grades of %s", assignment)
        self.render_page("stats.html", s=page)


class RosterView(Base):
    def get(self) -> None:
        self.render_page("roster.html", r=pages.roster_page(self.course, self.gradebook))


class StudentView(Base):
    def get(self, student: str) -> None:
        page = pages.student_page(self.course, self.gradebook, student)
        if page is None:
            raise tornado.web.HTTPError(404, "no student %s", student)
        self.render_page("student.html", s=page, course=self.course)


class UsersView(Base):
    instructor_only = True

    def get(self) -> None:
        self.render_page("users.html", users=self.gradebook.users(), roles=ROLES,
                         error=self.get_argument("error", ""))

    def post(self) -> None:
        name = self.get_argument("name", "")
        role = self.get_argument("role", "")
        try:
            if not STUDENT_ID.fullmatch(name) or role not in ROLES:
                raise AccountError("a user needs a name (letters, digits, . _ @ + -) and a role")
            self.gradebook.add_user(name, role, hash_password(self.get_argument("password", "")))
        except AccountError as error:
            self.redirect("/users?" + urlencode({"error": str(error)}))
            return
        self.redirect("/users")


def make_app(course: Course, gradebook: Gradebook, cookie_secret: str | None = None,
             debug: bool = False) -> tornado.web.Application:
    part = r"([^/]+)"
    return tornado.web.Application(
        [(r"/login", Login), (r"/logout", Logout), (r"/", Overview),
         (rf"/a/{part}/q/{part}/{part}/bank", BankPage),
         (rf"/a/{part}/q/{part}/{part}", QuestionPage),
         (rf"/a/{part}/stats", StatsView), (r"/roster", RosterView),
         (rf"/s/{part}", StudentView), (r"/users", UsersView)],
        course=course, gradebook=gradebook, xsrf_cookies=True,
        xsrf_cookie_kwargs={"httponly": True, "samesite": "Strict"},
        cookie_secret=cookie_secret or secrets.token_urlsafe(32),
        static_path=str(HERE / "static"), login_url="/login", debug=debug,
        autoescape="xhtml_escape", compiled_template_cache=not debug)
