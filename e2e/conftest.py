"""Browser tests: the real app under uvicorn, driven by Debian's Chromium through Playwright.

Every page is checked with axe-core (installed by npm) against WCAG 2.1 A and AA.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from e2e.server import ROOT, AppServer

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "e2e" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "samfunnslab-demo"  # noqa: S105 - the documented local demo account
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Stored codes that must never reach a screen: contribution types, statuses and activity kinds.
RAW_CODES = re.compile(
    r"\b(suggestion|question|input|pending|visible|hidden|wordcloud|choice|scale|ranking|points"
    r"|statements|qa|ideas|map|photo|dont_know)\b"
)

# Doubles the root font size, as a browser's text-size setting of 200 % does (WCAG 1.4.4).
DOUBLE_TEXT = "html { font-size: 200% !important; }"
# Text a reader cannot see whole: a drop-down option wider than the room between the drop-down's
# paddings (measured in its own font), or a button whose text runs past its edge.
CUT_OFF_TEXT = """() => {
  const cut = [];
  const probe = document.createElement("span");
  probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
  document.body.appendChild(probe);
  for (const select of document.querySelectorAll("select")) {
    if (!select.offsetParent) continue;
    const style = getComputedStyle(select);
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    probe.style.font = style.font;
    probe.style.letterSpacing = style.letterSpacing;
    probe.style.wordSpacing = style.wordSpacing;
    for (const option of select.options) {
      probe.textContent = option.text;
      if (probe.getBoundingClientRect().width > room + 0.5) cut.push(`#${select.id}: ${option.text}`);
    }
  }
  probe.remove();
  for (const button of document.querySelectorAll("button")) {
    if (button.offsetParent && button.scrollWidth > button.clientWidth + 1) {
      cut.push(`button: ${button.textContent.trim()}`);
    }
  }
  return cut;
}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark everything in e2e/ as a browser test."""
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    server = AppServer(tmp_path_factory.mktemp("app"))
    server.prepare()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    return app_server.url


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `bash scripts/install-browser.sh`")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=app_url, locale="nb-NO"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any, app_url: str) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        base_url=app_url,
        locale="nb-NO",
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def open_phones(
    browser: Any, app_url: str, count: int, *, width: int = 375, timeout: int = 15_000
) -> tuple[list[Any], list[Any]]:
    """Open `count` separate phone browsers (own cookies each); return (contexts, pages)."""
    contexts = [
        browser.new_context(
            viewport={"width": width, "height": 740},
            base_url=app_url,
            locale="nb-NO",
            is_mobile=True,
            has_touch=True,
        )
        for _ in range(count)
    ]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.set_default_timeout(timeout)
    return contexts, pages


def wait_until(
    page: Any, predicate: str, arg: Any = None, *, timeout: float = 15_000, what: str = ""
) -> Any:
    """Poll a JavaScript predicate from Python until it returns something truthy; return that.

    Use this, never `page.wait_for_function`: under the app's Content-Security-Policy (no
    'unsafe-eval') Playwright's in-page retries are blocked, so wait_for_function only passes when
    its predicate is true at once. Fails after `timeout` ms, saying what was awaited.
    """
    deadline = time.monotonic() + timeout / 1000
    while True:
        value = page.evaluate(predicate, arg)
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(
                f"{what or 'condition'} not true within {timeout:.0f} ms on {page.url}: {predicate}"
                + (f" (arg={arg!r})" if arg is not None else "")
            )
        page.wait_for_timeout(50)


@pytest.fixture
def login() -> Callable[[Any], None]:
    """Log a page in as the demo facilitator."""

    def do_login(page: Any, username: str = DEMO_USERNAME, password: str = DEMO_PASSWORD) -> None:
        page.goto("/konto/logg-inn/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_load_state()

    return do_login


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page and return the WCAG 2.1 A/AA violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as an inline <script>, so the app's
        # Content-Security-Policy (script-src 'self') stays on while axe runs.
        page.evaluate(AXE_JS.read_text("utf-8") + "\n;void 0")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return list(result["violations"])


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:5]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} → {json.dumps(targets)}"
        )
    return "\n".join(lines)


@pytest.fixture
def assert_no_axe_violations() -> Callable[[Any], None]:
    def check(page: Any) -> None:
        violations = axe_violations(page)
        assert not violations, (
            f"axe-core found WCAG 2.1 AA violations on {page.url}:\n{_describe(violations)}"
        )

    return check


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    def take(page: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        path = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def csrf_token(page: Any) -> str:
    """The CSRF cookie of a page's browser, for posting a form the way the page would."""
    return str(next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken"))


def decode_qr(png: Path) -> list[str]:
    """Return the texts of every QR code zbar finds in the picture."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        pytest.fail("zbarimg not found: run `bash scripts/install-browser.sh` (zbar-tools)")
    run = subprocess.run(  # noqa: S603 - a fixed local tool on our own screenshot
        [zbarimg, "--quiet", "--raw", str(png)], capture_output=True, text=True, check=False
    )
    return [line for line in run.stdout.splitlines() if line]
