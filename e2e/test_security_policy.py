"""The Content-Security-Policy blocks nothing the app itself needs, on the busiest pages."""

from __future__ import annotations

import pytest

PAGES = [
    "/",
    "/norge-2040/",
    "/kommune/1106/",
    "/delta/",
    "/scenario/",
    "/metoder/",
    "/konto/logg-inn/",
    "/inkludering/",
    "/api/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_the_page_runs_without_csp_violations(page, path):
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.evaluate("1")  # the page fixture is ready
    response = page.goto(path)
    assert (
        response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    )
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_live_workshop_page_connects_its_websocket_under_the_policy(page, login):
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page)
    page.goto("/verksted/")
    hrefs = page.locator("a[href^='/verksted/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    console = next(h for h in hrefs if h.rstrip("/").split("/")[-1].isdigit())
    page.goto(console)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.readyState") == "complete"
    assert violations == []
