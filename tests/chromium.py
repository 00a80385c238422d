"""Debian's Chromium and Playwright's Python package for the browser tests, installed where
missing when this user can (apt-get as root, pip); otherwise the one-line reason why not."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

# as root in a container, with no screen, on a machine whose network is closed: without the
# background-networking flags Chromium keeps trying hosts it cannot reach
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_browser() -> tuple[str | None, str]:
    """(path of Chromium, "") when Chromium and playwright are usable, else (None, why not)."""
    chromium = _chromium()
    if chromium is None:
        if not (_is_root() and shutil.which("apt-get")):
            return None, "Debian's chromium is not installed and this user cannot apt-get it"
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900,
                                  check=False)
            if done.returncode != 0:
                last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
                return None, f"apt-get could not install chromium: {last[0]}"
        chromium = _chromium()
        if chromium is None:
            return None, "apt-get installed chromium but no chromium program was found"
    try:
        import playwright.sync_api
    except ImportError:
        done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "playwright"],
                              capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
            return None, f"pip could not install playwright: {last[0]}"
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as error:
            return None, f"playwright was installed but does not import: {error}"
    return chromium, ""


@contextlib.contextmanager
def launched(executable: str) -> Iterator[object]:
    """Chromium at `executable`, headless with the flags above, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()
