"""The inclusion view in a real browser: who is missing, in plain words, with no WCAG 2.1 AA issues."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from e2e.server import ROOT, AppServer


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A server of its own, with described participants and votes."""
    server = AppServer(tmp_path_factory.mktemp("inclusion"))
    server.prepare()
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from samfunnslab.inclusion.tests.e2e_seed import main; main()",
        ],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
    )
    ids = json.loads(out.stdout.strip().splitlines()[-1])
    server.start()
    yield {"url": server.url, **ids}
    server.stop()


@pytest.fixture
def staff_page(browser: Any, seeded: dict[str, Any], login: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=seeded["url"], locale="nb-NO"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page)
    yield page
    context.close()


def test_the_inclusion_view_names_who_is_missing(
    staff_page: Any, seeded: dict[str, Any], assert_no_axe_violations: Any, screenshot: Any
) -> None:
    staff_page.goto(f"/inkludering/verksted/{seeded['workshop']}/")

    findings = staff_page.locator(".findings").inner_text()
    assert "Ingen under 18 år har deltatt" in findings
    assert "innbyggerne i Haugesund" in findings
    row = staff_page.locator("#table-role tr", has_text="Folkevalgt").inner_text()
    assert "skjult" in row
    assert_no_axe_violations(staff_page)
    screenshot(staff_page, "inclusion")


def test_the_paper_form_passes_axe(
    staff_page: Any, seeded: dict[str, Any], assert_no_axe_violations: Any
) -> None:
    staff_page.goto(f"/inkludering/verksted/{seeded['demo']}/papir/")
    staff_page.select_option("#paper-age_band", "0-12")
    staff_page.get_by_role("group", name="Alle bør ha en trygg vei til skolen.").get_by_label(
        "Enig", exact=True
    ).check()
    staff_page.get_by_role("button", name="Lagre arket").click()
    assert "Arket er lagret som papirsvar" in staff_page.locator(".messages").inner_text()
    assert_no_axe_violations(staff_page)


def test_the_inclusion_view_reads_on_a_phone_without_sideways_scrolling(
    browser: Any,
    seeded: dict[str, Any],
    login: Any,
    assert_no_axe_violations: Any,
    screenshot: Any,
) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=seeded["url"], locale="nb-NO"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page)
    page.goto(
        f"/inkludering/verksted/{seeded['workshop']}/?okt={seeded['workshop']}&okt={seeded['demo']}"
    )

    assert "1 samling tar fortsatt imot svar" in page.locator("#running-note").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(page)
    screenshot(page, "inclusion-sessions")
    context.close()
