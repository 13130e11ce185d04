"""The method library in a real browser: find a step, compose a process, open its guide (WCAG 2.1 AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

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
    # The filtered list replaces the page: wait for it (is_visible() would not wait).
    expect(results.get_by_role("link", name="8. Snu antakelsene")).to_be_visible()
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


def test_one_click_in_the_guide_puts_a_sub_steps_phone_activity_on_screen(
    page, login, assert_no_axe_violations
):
    rethink = "Hvilken antakelse om i dag ble synlig – og hvilket nytt spørsmål kan vi stille nå?"
    login(page)
    page.goto(FF)
    page.fill("#kopi-navn", "Rare verdener i Haugesund")
    page.get_by_role("button", name="Lag en kopi jeg kan endre").click()
    page.get_by_role("link", name="Fasilitatorveileder").click()
    guide_url = page.url.split("?")[0]
    page.get_by_role("button", name="Start på mobilene: Rethink: de faste spørsmålene").click()
    page.get_by_text("Aktiviteten er klar på skjermen og mobilene.").wait_for()
    current = page.locator(".activity-row.is-current")
    assert rethink in current.inner_text() and "vises nå" in current.inner_text()

    page.goto(guide_url.replace("veileder/", ""))
    page.get_by_role("button", name="Start verksted: Rare verdener").first.click()
    page.get_by_text("Verkstedet er klart.").wait_for()
    page.goto(guide_url)
    page.get_by_role("button", name="Start på mobilene: Les verdenen høyt").click()
    page.get_by_role("heading", name="Hvilket verksted skal aktiviteten starte i?").wait_for()
    assert page.locator('input[name="workshop"]').count() == 3  # two workshops and «a new one»
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Start aktiviteten").click()
    page.get_by_text("Aktiviteten er klar på skjermen og mobilene.").wait_for()
    assert "Hva overrasket deg" in page.locator(".activity-row.is-current").inner_text()


@pytest.mark.parametrize("slug", ["barn-og-unge", "full-pri-lab"])
def test_the_guides_materials_pages_and_childrens_box_pass_axe(
    page, assert_no_axe_violations, screenshot, slug
):
    page.goto(f"/metoder/prosesser/{slug}/veileder/")
    guide = page.locator("main").inner_text()
    assert "Materiell til utskrift" in guide and "Til fasilitator:" in guide
    if slug == "barn-og-unge":
        assert "Samtykke og trygghet" in guide and "Si dette til 10–12 år:" in guide
    else:
        assert page.get_by_role("img", name=re.compile("Tre kurver over tid")).is_visible()
    assert_no_axe_violations(page)
    if slug == "barn-og-unge":  # the full lab's guide is too long for a full-page screenshot
        screenshot(page, "methods-guide-children")


@pytest.fixture
def small_phone(browser, app_url):
    """Open a page on a phone of the given width (320 × 640 or 360 × 740)."""
    contexts = []

    def open_page(width: int):
        height = 640 if width <= 320 else 740
        context = browser.new_context(
            viewport={"width": width, "height": height},
            base_url=app_url,
            locale="nb-NO",
            is_mobile=True,
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_the_guides_agenda_shows_the_minutes_without_scrolling_at_320_px(small_phone):
    # A first-time facilitator reads the agenda on a small phone: the minutes column must be in
    # view, not behind a sideways scroll caused by one long compound in a step's title.
    page = small_phone(320)
    page.goto("/metoder/prosesser/barn-og-unge/veileder/")
    overflows = page.evaluate(
        "() => [...document.querySelectorAll('.agenda-table')]"
        ".map(t => t.scrollWidth - t.parentElement.clientWidth)"
    )
    assert overflows and max(overflows) <= 0


def test_a_steps_instructions_use_the_full_width_of_a_phone(small_phone, assert_no_axe_violations):
    # On a 360 px phone the instructions were squeezed into a 110 px third column.
    page = small_phone(360)
    page.goto("/metoder/steg/fokussporsmal/")
    table = page.locator("table.substeps").bounding_box()
    cells = page.locator("table.substeps .substep-instruction")
    widths = [cells.nth(i).bounding_box()["width"] for i in range(cells.count())]
    assert widths and min(widths) >= 0.9 * table["width"]
    assert page.locator("table.stack-table tbody td.num").first.inner_text().endswith("min")
    assert_no_axe_violations(page)


def test_the_agenda_editor_keeps_its_buttons_in_view_on_a_320_px_phone(small_phone, login):
    # The «Endre» column (move, minutes, remove, start a workshop) sat behind a sideways scroll.
    page = small_phone(320)
    login(page)
    page.goto("/metoder/prosesser/eksempel-fremtidsfrekvens-haugesund/")
    rights = page.evaluate(
        "() => [...document.querySelectorAll('.agenda-actions button')]"
        ".map(b => b.getBoundingClientRect().right)"
    )
    assert rights and max(rights) <= 320


def test_a_printed_step_leaves_out_the_add_to_a_process_form(page, login):
    login(page)
    page.goto("/metoder/steg/fokussporsmal/")
    assert page.locator("#legg-til").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#legg-til").is_visible()
    assert page.get_by_role("heading", name="Slik gjør dere det").is_visible()
