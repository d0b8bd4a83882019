"""Playwright in Debian's Chromium (never a downloaded browser).

The tests fail, never skip, when Chromium is missing: `make test` installs it.
Screenshots go to test-screenshots/ (Playwright empties test-results/ on each run).
"""

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

# pytest-django's live_server with Playwright's sync API runs ORM calls inside an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/lib/chromium/chromium")
# Git-ignored, so test runs leave the checkout clean; `make screenshots` copies them to
# screenshots/, which the README shows.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-screenshots"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser is a `browser` test (the hook sees the whole session)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package (make test does it as root)",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--disable-gpu",
            "--disable-quic",
            # What actually keeps Chromium from reaching for hosts outside this machine.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        ],
    }


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under screenshots/NAME.png."""

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(page, live_server):
    """Log in through the real login form of the admin."""

    def as_user(user, password="correct horse battery staple"):
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/admin/**")

    return as_user
