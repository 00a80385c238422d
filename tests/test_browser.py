"""The learner's path in the real client: `gc100 lab` in headless Chromium.

`make lab` runs `gc100 lab`; this test starts that command on loopback, on a port that is busy on
purpose, over a temporary course holding the released (learner's) versions of day 1 and one later
day. Debian's Chromium, driven by Playwright's Python package with `executable_path` (no browser
of Playwright's own), then does what a learner does: opens the server's URL, lands on day 1, runs
all cells from the Run menu, waits for the kernel to go idle, and checks that no dialog blocks the
notebook, that the only errors shown are those of unsolved exercises, and that the teaching
figures are images. Then it types the right answer into the first exercise's answer cell, runs it
and its test cells, and checks they pass. Screenshots of every step go to test-artifacts/browser/
(with timings.json: server start to day 1 rendered). The day-1 one is also the README's picture,
docs/images/day001-jupyterlab.png: written when missing, refreshed with GC100_UPDATE_DOCS=1.

Chromium (apt-get) and playwright (pip) are installed by the test where missing, when it can; it
skips with a one-line reason only where that is impossible.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from chromium import ensure_browser, launched

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
README_SHOT = ROOT / "docs" / "images" / "day001-jupyterlab.png"
KERNEL_DISPLAY = "Graph Compute 100 (Python 3)"
LATER_DAYS = ("day002-", "day003-", "day004-")  # the first of these that exists, else any later day
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in the front tab
ALLOWED_ERRORS = ("NotImplementedError", "AssertionError")
FIGURE_AS_TEXT = re.compile(r"<Figure size|<graphcompute\.draw\.|<graphviz\.|Canvas\(|Output\(\)")



# -- the course and the server ---------------------------------------------------------------------
@dataclass
class Day:
    name: str
    source: nbformat.NotebookNode  # the instructor's version: where the right answer comes from
    released: Path
    expected_images: dict[int, int] = field(default_factory=dict)  # cell -> images before 1st error
    oracle_error: str = ""


@dataclass
class Lab:
    process: subprocess.Popen
    base: str
    token: str
    url: str
    requested_port: int
    output: list[str]
    started: float
    ready: float
    course: Path
    days: dict[str, Day]


def _later_day(names: list[str]) -> str | None:
    for prefix in LATER_DAYS:
        for name in names:
            if name.startswith(prefix):
                return name
    later = [n for n in names if not n.startswith("day001-")]
    return later[0] if later else None


def _expected_images(day: Day) -> None:
    """The oracle: run the released notebook headless in the course kernel, and count, for every
    cell before the first error (where JupyterLab's Run All stops), the images it displays."""
    from nbclient import NotebookClient

    nb = nbformat.read(day.released, as_version=4)
    client = NotebookClient(nb, kernel_name="graphcompute", allow_errors=True, timeout=120,
                            resources={"metadata": {"path": str(day.released.parent)}})
    try:
        client.execute()
    except Exception as error:  # noqa: BLE001 - reported by the test that waits for it
        day.oracle_error = f"the headless run failed: {type(error).__name__}: {error}"
        return
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors:
            day.oracle_error = f"cell {index}: {errors[0].ename}"
            break
        images = sum("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
                     for o in cell.outputs)
        if images:
            day.expected_images[index] = images


def _busy_port() -> socket.socket:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    return s


def _get(url: str, timeout: float = 5.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def chromium() -> str:
    path, reason = ensure_browser()
    if path is None:
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def lab(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    from grader.course import load_course
    from grader.release import release_assignment

    course_dir = tmp_path_factory.mktemp("learner") / "course"
    (course_dir / "notebooks").mkdir(parents=True)
    (course_dir / "gc100.toml").write_text('source = "notebooks"\n')
    instructor = load_course(ROOT)
    names = instructor.assignments()
    assert "day001-learning-sandbox" in names
    later = _later_day(names)
    days: dict[str, Day] = {}
    for name in ["day001-learning-sandbox"] + ([later] if later else []):
        released = release_assignment(instructor, name, course_dir / "notebooks")[0]
        source = nbformat.read(instructor.source_notebooks(name)[0], as_version=4)
        days[name] = Day(name, source, released)

    state = tmp_path_factory.mktemp("jupyter")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
           "JUPYTER_CONFIG_DIR": str(state / "config"),
           "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(state / "user-settings"), "PYTHONUNBUFFERED": "1"}
    for name in ("JUPYTER_TOKEN", "MPLBACKEND", "GC100_LAB_IP", "GC100_LAB_PORT", "BROWSER"):
        env.pop(name, None)
    blocker = _busy_port()
    requested = blocker.getsockname()[1]
    gc100 = Path(sys.executable).with_name("gc100")
    started = time.monotonic()
    process = subprocess.Popen([str(gc100), "--course", str(course_dir), "lab", "--no-browser",
                                "--port", str(requested)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(process.stdout), daemon=True)
    reader.start()
    try:
        url = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            if not url:
                found = re.search(r"JupyterLab on (http://\S+)", "".join(output))
                url = found.group(1) if found else ""
            if url:
                base = url.split("/lab/")[0]
                token = url.split("token=")[1]
                try:
                    if _get(f"{base}/api/status?token={token}", timeout=2) == 200:
                        break
                except OSError:
                    pass
            time.sleep(0.2)
        else:
            pytest.fail("gc100 lab did not serve within 90 s:\n" + "".join(output)[-3000:])
        yield Lab(process, base, token, url, requested, output, started, time.monotonic(),
                  course_dir, days)
    finally:
        blocker.close()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the server shuts its kernels down
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the group this test started, kernels included
        except (ProcessLookupError, PermissionError):
            pass
        (ARTIFACTS).mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "lab-server.log").write_text("".join(output))


@pytest.fixture(scope="module")
def browser(chromium: str, lab: Lab) -> Iterator[object]:
    with launched(chromium) as instance:
        yield instance


# -- the command's pieces, without a browser -------------------------------------------------------
def test_the_lab_command_line_serves_the_course_as_a_codespace_needs(tmp_path, monkeypatch) -> None:
    from grader import lab
    from grader.cli import build_parser
    from grader.course import load_course

    monkeypatch.setenv("GC100_LAB_IP", "0.0.0.0")
    monkeypatch.setenv("GC100_LAB_PORT", "9999")
    args = build_parser().parse_args(["lab"])
    assert (args.ip, args.port, args.no_browser) == ("0.0.0.0", 9999, False)
    course = load_course(ROOT)
    first = lab.first_day(course)
    assert first is not None and first.parent.name == "day001-learning-sandbox"
    command = lab.lab_command(course, 9999, "0.0.0.0", "/lab/tree/x.ipynb", open_browser=False)
    assert Path(command[0]).name == "jupyter" and command[1] == "lab"
    for arg in ("--ip=0.0.0.0", "--port=9999", "--ServerApp.port_retries=0",
                "--LabApp.default_url=/lab/tree/x.ipynb", "--ServerApp.open_browser=False",
                "--LabApp.news_url=None"):
        assert arg in command, arg
    assert not any("token" in arg.lower() for arg in command)  # the token travels in the env
    container = json.loads((ROOT / ".devcontainer/devcontainer.json").read_text())
    assert container["containerEnv"]["GC100_LAB_IP"] == "0.0.0.0"
    assert "make lab" in container["postAttachCommand"]
    assert re.search(r"^lab: install\n\t\$\(VENV\)/bin/gc100 lab$",
                     (ROOT / "Makefile").read_text(), re.MULTILINE)


def test_a_busy_port_is_replaced(tmp_path) -> None:
    from grader.lab import free_port

    with _busy_port() as blocker:
        busy = blocker.getsockname()[1]
        other = free_port(busy)
        assert other != busy and other > 0
    assert free_port(other) == other


def test_the_course_settings_and_kernel_are_installed(tmp_path) -> None:
    from grader import lab

    settings = json.loads((ROOT / lab.SETTINGS_FILE).read_text())
    assert settings["@jupyterlab/notebook-extension:tracker"]["codeCellConfig"]["lineNumbers"] is True
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    installed = lab.install_settings(ROOT / lab.SETTINGS_FILE, tmp_path / "settings")
    assert json.loads(installed.read_text()) == settings
    assert lab.install_settings(ROOT / lab.SETTINGS_FILE, tmp_path / "settings") == installed
    assert lab.ensure_kernel(tmp_path / "env") is True  # registered where there was none
    spec = json.loads((lab.kernel_dir(tmp_path / "env") / "kernel.json").read_text())
    assert spec["display_name"] == KERNEL_DISPLAY
    assert lab.ensure_kernel(tmp_path / "env") is False  # and left alone when it works


# -- the server, as a learner's terminal shows it --------------------------------------------------
@pytest.mark.slow
def test_busy_port_is_replaced_and_the_url_carries_a_token(lab: Lab) -> None:
    text = "".join(lab.output)
    assert f"port {lab.requested_port} is busy; using" in text
    assert f":{lab.requested_port}/" not in lab.url
    assert "/lab/tree/notebooks/day001-learning-sandbox/day001-learning-sandbox.ipynb?token=" in lab.url
    assert lab.base.startswith("http://127.0.0.1:")
    # token auth: without the token the API refuses, with it the API answers
    assert _get(f"{lab.base}/api/contents/notebooks") == 403
    assert _get(f"{lab.base}/api/contents/notebooks?token={lab.token}") == 200
    # the course kernel, under the name every notebook's kernelspec uses
    with urllib.request.urlopen(f"{lab.base}/api/kernelspecs?token={lab.token}") as response:
        specs = json.load(response)["kernelspecs"]
    assert specs["graphcompute"]["spec"]["display_name"] == KERNEL_DISPLAY
    # the course's settings, from the repository: line numbers on, no news prompt
    with urllib.request.urlopen(f"{lab.base}/lab/api/settings/@jupyterlab/notebook-extension:tracker"
                                f"?token={lab.token}") as response:
        tracker = json.load(response)
    assert tracker["schema"]["properties"]["codeCellConfig"]["default"]["lineNumbers"] is True
    with urllib.request.urlopen(f"{lab.base}/lab/api/settings/@jupyterlab/apputils-extension:"
                                f"notification?token={lab.token}") as response:
        notification = json.load(response)
    assert notification["schema"]["properties"]["fetchNews"]["default"] == "false"


# -- the learner's path, day by day ----------------------------------------------------------------
NOTEBOOK_READY = """(kernel) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel || !panel.querySelector('.jp-Notebook .jp-Cell')) return false;
  const name = panel.querySelector('.jp-NotebookPanel-toolbar [data-jp-item-name="kernelName"]');
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return !!name && name.textContent.includes(kernel) && !!status && status.dataset.status === 'idle';
}"""

# Idle, with no cell waiting to run ([*]) and the first code cell run: Run All has finished.
RUN_ALL_DONE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const prompts = [...panel.querySelectorAll('.jp-Cell.jp-CodeCell .jp-InputPrompt')]
      .map(p => p.textContent);
  return status.dataset.status === 'idle' && prompts.length > 0
      && !prompts.some(p => p.includes('*')) && /\\[\\d+\\]/.test(prompts[0]);
}"""

# These cells ran again: each shows an execution count other than the one it showed before.
CELLS_RAN = """(before) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = panel.querySelectorAll('.jp-Notebook .jp-Cell');
  const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return status.dataset.status === 'idle' && Object.entries(before).every(([i, old]) => {
    const prompt = cells[Number(i)].querySelector('.jp-InputPrompt').textContent;
    return /\\[\\d+\\]/.test(prompt) && !prompt.includes('*') && prompt !== old;
  });
}"""

PROMPTS = """(indices) => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = panel.querySelectorAll('.jp-Notebook .jp-Cell');
  return Object.fromEntries(indices.map(i => [i, cells[i].querySelector('.jp-InputPrompt').textContent]));
}"""

OUTPUTS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  return [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell =>
    [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => ({
      mime: o.dataset.mimeType || '', text: (o.textContent || '').slice(0, 2000),
      images: o.querySelectorAll('img').length})));
}"""


def _grader(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def _is_test(cell) -> bool:
    return cell.cell_type == "code" and _grader(cell).get("grade") and not _grader(cell).get("solution")


def _first_exercise(nb) -> tuple[int, list[int]]:
    """The first answer cell and the test cells that follow it, up to the next answer cell."""
    answer = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and _grader(c).get("solution"))
    tests = []
    for i in range(answer + 1, len(nb.cells)):
        if _grader(nb.cells[i]).get("solution"):
            break
        if _is_test(nb.cells[i]):
            tests.append(i)
    return answer, tests


def _right_answer(source_nb, grade_id: str) -> str:
    cell = next(c for c in source_nb.cells if _grader(c).get("grade_id") == grade_id)
    lines = [line for line in cell.source.split("\n")
             if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line]
    return "\n".join(lines).rstrip()


def _type_cell(page, cell, text: str) -> str:
    """Type `text` into a cell's editor as a learner would, key by key; return what it holds.

    After each Enter the editor indents the new line by itself; Shift+Home selects that indentation
    so that the line is typed with exactly its own.
    """
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
            page.keyboard.press("Shift+Home")
        page.keyboard.type(line)
    return "\n".join(cell.locator(".cm-line").all_text_contents())


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def _no_blockers(page, step: str) -> None:
    dialogs = page.locator(".jp-Dialog")
    assert dialogs.count() == 0, f"{step}: a dialog blocks the notebook: {dialogs.first.inner_text()[:300]}"
    toasts = page.locator(".Toastify__toast")
    assert toasts.count() == 0, f"{step}: a notification covers the notebook: {toasts.first.inner_text()[:300]}"


def _timings(record: dict) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "timings.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        data = {}
    data.update(record)
    path.write_text(json.dumps(data, indent=1, sort_keys=True))


@pytest.mark.slow
@pytest.mark.parametrize("which", ["day 1", "later day"])
def test_run_all_then_answer_an_exercise_in_jupyterlab(lab: Lab, browser, which: str) -> None:
    from playwright.sync_api import expect

    names = list(lab.days)
    if which == "later day" and len(names) < 2:
        pytest.skip("no later day in notebooks/ yet")
    day = lab.days[names[0] if which == "day 1" else names[1]]
    short = day.name.split("-")[0]
    released = nbformat.read(day.released, as_version=4)
    (ARTIFACTS / f"{short}-failure.png").unlink(missing_ok=True)
    # the oracle runs beside the browser: the same notebook, headless, in the course kernel
    oracle = threading.Thread(target=_expected_images, args=(day,), daemon=True)
    oracle.start()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        # 1. open: day 1 from the server's front page (what the Codespace opens), a later day by URL
        opened = time.monotonic()
        if which == "day 1":
            page.goto(f"{lab.base}/?token={lab.token}")
        else:
            path = day.released.relative_to(lab.course).as_posix()
            page.goto(f"{lab.base}/lab/tree/{path}?reset&token={lab.token}")  # no tabs of before
        page.wait_for_function(NOTEBOOK_READY, arg=KERNEL_DISPLAY, timeout=90_000)
        page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.locator(
            ".jp-RenderedHTMLCommon h1").wait_for()
        rendered = time.monotonic()
        assert page.url.split("?")[0].endswith(f"/lab/tree/notebooks/{day.name}/{day.released.name}")
        _shot(page, f"{short}-1-opened.png")
        _no_blockers(page, "on opening")
        if which == "day 1":
            _timings({"server_start_to_ready_s": round(lab.ready - lab.started, 2),
                      "page_open_to_day1_rendered_s": round(rendered - opened, 2),
                      "server_start_to_day1_rendered_s": round(rendered - lab.started, 2)})
        cells = page.locator(f"{PANEL} .jp-Notebook .jp-Cell")
        expect(cells).to_have_count(len(released.cells))  # JupyterLab attaches cells as it goes

        # 2. Run > Run All Cells, through the menu bar
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        page.wait_for_function(RUN_ALL_DONE, timeout=90_000)
        _no_blockers(page, "after Run All")
        outputs = page.evaluate(OUTPUTS)
        errors = [(i, o["text"]) for i, cell in enumerate(outputs) for o in cell
                  if o["mime"] == "application/vnd.jupyter.stderr"]
        for index, text in errors:
            assert _is_test(released.cells[index]) and any(e in text for e in ALLOWED_ERRORS), (
                f"cell {index} ({_grader(released.cells[index]).get('grade_id')}) shows an error "
                f"that is not an unsolved exercise's: {text[-600:]}")
        first_answer, first_tests = _first_exercise(released)
        assert errors and errors[0][0] == first_tests[0], (
            "Run All should stop at the first exercise's test cell with NotImplementedError; "
            f"errors shown: {[i for i, _ in errors]}")
        assert "NotImplementedError" in errors[0][1]
        for index, cell in enumerate(outputs):
            for o in cell:
                assert not FIGURE_AS_TEXT.search(o["text"]), (
                    f"cell {index} shows a figure as text, not as an image: {o['text'][:200]}")
        # the teaching figures: as many images in each cell as the headless run displayed
        oracle.join(timeout=120)
        assert day.expected_images, (f"the headless run of {day.name} displayed no figure "
                                     f"before its first error ({day.oracle_error or 'none'})")
        for index, count in day.expected_images.items():
            shown = sum(o["images"] for o in outputs[index])
            assert shown >= count, (f"cell {index} ({_grader(released.cells[index]).get('grade_id')}) "
                                    f"should show {count} image(s) in JupyterLab, shows {shown}")
        last_figure = max(day.expected_images)
        cells.nth(last_figure).scroll_into_view_if_needed()
        shot = _shot(page, f"{short}-2-run-all-figures.png")
        if which == "day 1" and (not README_SHOT.exists() or os.environ.get("GC100_UPDATE_DOCS")):
            README_SHOT.parent.mkdir(parents=True, exist_ok=True)  # the README's picture
            shutil.copyfile(shot, README_SHOT)
        cells.nth(first_tests[0]).scroll_into_view_if_needed()
        _shot(page, f"{short}-3-run-all-first-exercise.png")

        # 3. type the right answer into the first exercise's answer cell, run it and its tests
        answer_id = _grader(released.cells[first_answer])["grade_id"]
        answer = _right_answer(day.source, answer_id)
        answer_cell = cells.nth(first_answer)
        answer_cell.scroll_into_view_if_needed()
        before = page.evaluate(PROMPTS, [first_answer] + first_tests)
        typed = _type_cell(page, answer_cell, answer)
        assert typed == answer, f"the editor holds something else than what was typed:\n{typed}"
        _shot(page, f"{short}-4-answer-typed.png")
        page.keyboard.press("Shift+Enter")  # run the answer cell; the next cell is selected
        for index in range(first_answer + 1, first_tests[-1] + 1):  # its tests (and any text between)
            expect(cells.nth(index)).to_have_class(re.compile(r"\bjp-mod-active\b"))
            page.keyboard.press("Shift+Enter")
        page.wait_for_function(CELLS_RAN, arg=before, timeout=60_000)
        outputs = page.evaluate(OUTPUTS)
        for index in [first_answer] + first_tests:
            shown = [o["text"] for o in outputs[index] if o["mime"] == "application/vnd.jupyter.stderr"]
            assert not shown, f"cell {index} still shows an error after the right answer: {shown[0][-600:]}"
        cells.nth(first_tests[-1]).scroll_into_view_if_needed()
        _shot(page, f"{short}-5-answer-passes.png")
        _no_blockers(page, "after answering")
        assert not problems, f"the page raised: {problems[:3]}"
    except Exception:
        _shot(page, f"{short}-failure.png")
        raise
    finally:
        context.close()
