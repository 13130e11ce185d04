"""The method library in a real browser: find a step, compose a process, open its guide (WCAG 2.1 AA)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

FF = "/metoder/prosesser/innbyggerverksted-fremtidsfrekvens/"


def test_a_step_for_90_minutes_with_15_youths_can_be_found(
    page, assert_no_axe_violations, screenshot
):
    page.goto("/metoder/")
    assert_no_axe_violations(page)
    page.fill("#id_minutes", "90")
    page.fill("#id_participants", "15")
    page.select_option("#id_audience", "ungdom")
    page.get_by_role("button", name="Vis steg").click()
    results = page.locator(".step-list").first
    assert results.get_by_role("link", name="8. Snu antakelsene").is_visible()
    assert results.get_by_role("link", name=re.compile("Rammelab")).count() == 0
    assert_no_axe_violations(page)
    screenshot(page, "methods-library-filtered")
    results.get_by_role("link", name="8. Snu antakelsene").click()
    assert page.locator("h1").inner_text() == "8. Snu antakelsene"
    assert "Sitra" in page.content()
    assert_no_axe_violations(page)
    screenshot(page, "methods-step")


def test_the_library_works_on_a_phone(phone_page, assert_no_axe_violations):
    phone_page.goto("/metoder/steg/framtidshjulet/")
    assert_no_axe_violations(phone_page)


def test_a_facilitator_composes_a_process_and_opens_its_guide(
    page, login, assert_no_axe_violations, screenshot
):
    login(page)
    page.goto(FF)
    assert_no_axe_violations(page)
    page.fill("#kopi-navn", "Fremtidskveld på Røvær")
    page.get_by_role("button", name="Lag en kopi jeg kan endre").click()
    assert page.locator("h1").inner_text() == "Fremtidskveld på Røvær"

    page.select_option("#nytt-steg", "framtidshjulet")
    page.fill("#nytt-steg-min", "30")
    page.get_by_role("button", name="Legg til steget").click()
    assert "30 minutter for langt" in page.locator("main").inner_text()

    page.get_by_role("button", name="Fjern: Pause").first.click()
    page.get_by_role("button", name="Opp: Framtidshjulet").click()
    rows = page.locator("#agenda-seksjon tbody tr")
    assert rows.nth(8).inner_text().startswith("20:43–21:13")
    assert "Framtidshjulet" in rows.nth(8).inner_text()
    assert "18 minutter for langt" in page.locator("#agenda-seksjon").inner_text()
    assert "I alt 198 minutter" in page.locator("#tidssum").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "methods-process")

    page.get_by_role("link", name="Fasilitatorveileder").click()
    page.fill("#start", "17:00")
    page.get_by_role("button", name="Oppdater").click()
    guide = page.locator("main").inner_text()
    assert "17:00–17:08" in guide and "CC BY 4.0" in guide and "Arbeidsark" in guide
    assert "Verdensark" in guide and "Hvis dette skjer" in guide
    assert_no_axe_violations(page)
    screenshot(page, "methods-guide")

    pdf = page.request.get(page.url.replace("/veileder/", "/veileder.pdf"), timeout=120_000)
    assert pdf.ok and pdf.body().startswith(b"%PDF")


def test_the_library_front_page_does_not_scroll_sideways_on_a_phone(phone_page):
    phone_page.goto("/metoder/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
