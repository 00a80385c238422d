"""Feedback pages render what a student wrote inert: raw HTML as text, harmful links disarmed.
(That nothing runs in a real browser is checked in Chromium by tests/test_console_browser.py.)"""

from __future__ import annotations

import pytest

from grader.feedback import render_markdown


@pytest.mark.parametrize("source", [
    "[notes](javascript:alert(1))", "[notes](JaVaScRiPt:alert(1))", "[notes](  javascript:alert(1))",
    "[notes](java&#x73;cript:alert(1))", "[notes](vbscript:msgbox(1))",
    "![figure](javascript:alert(1))", "![figure](data:text/html,<script>alert(1)</script>)",
])
def test_a_harmful_link_is_disarmed(source: str) -> None:
    html = render_markdown(source).lower()
    assert "#harmful-link" in html
    assert "javascript:" not in html and "vbscript:" not in html and "data:text" not in html


@pytest.mark.parametrize("source", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                    "<svg onload=alert(1)>", "<iframe src=//evil.example>"])
def test_raw_html_is_shown_as_text(source: str) -> None:
    html = render_markdown(source)
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "&lt;" in html


def test_what_a_student_may_write_still_renders() -> None:
    html = render_markdown("**bold**, `code`, [docs](https://pytorch.org), $x^2$\n\n"
                           "![plot](data:image/png;base64,iVBORw0KGgo=)\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<strong>bold</strong>" in html and '<a href="https://pytorch.org">' in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html and "<table>" in html
