"""Scenariofabrikken in a real browser: a card for Haugesund, moving numbers, the PDF, WCAG 2.1 AA."""

from __future__ import annotations

import re

import pytest

from e2e.conftest import wait_until
from e2e.test_workshop_room import decode_qr
from samfunnslab.scenarios.choices import STATEMENTS

pytestmark = pytest.mark.browser

PAGES = {
    "scenario-velg": "/scenario/",
    "scenario-1106": "/scenario/?kommune=1106&p_unge=1&veivalg=teknologi",
    "scenario-framtid-1106": "/scenario/kommune/1106/",
    "scenario-gruppe-bli-med": "/scenario/gruppe/",
    "scenario-gruppe-svar": "/scenario/gruppe/HAUGE4/",
}


def _value(page, metric: str) -> str:
    return page.locator(f'#scenario-card tr[data-metric="{metric}"] .scenario-value').inner_text()


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_the_scenario_pages_have_no_wcag_violations(
    page, assert_no_axe_violations, screenshot, name, path
):
    page.goto(path)
    assert_no_axe_violations(page)
    screenshot(page, name)


def test_the_scenario_page_has_no_wcag_violations_on_a_phone(phone_page, assert_no_axe_violations):
    phone_page.goto("/scenario/?kommune=1106")
    assert_no_axe_violations(phone_page)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1


def test_a_small_municipality_with_choices_fits_a_narrow_phone(browser, app_url, width=375):
    context = browser.new_context(viewport={"width": width, "height": 740}, base_url=app_url)
    page = context.new_page()
    page.goto("/scenario/?kommune=5632&p_unge=2&p_barn=-2&veivalg=fellesskap&veivalg=samarbeid")
    assert "Båtsfjord" in page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    context.close()


def test_an_error_message_with_a_long_unknown_key_fits_a_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=app_url)
    page = context.new_page()
    page.goto("/scenario/?kommune=1106&p_" + "x" * 10_000 + "=1")
    assert "Det finnes ingen påstand" in page.locator(".error-message").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    context.close()


def test_the_report_for_a_small_municipality_is_a_pdf(page):
    # How fast it is belongs in a benchmark, not in a timed test (docs/testing.md).
    url = "/scenario/rapport.pdf?kommune=5632&p_unge=1&veivalg=fellesskap"
    response = page.request.get(url, timeout=60_000)
    assert response.status == 200
    assert response.body().startswith(b"%PDF")


def test_min_kommune_with_the_future_section_has_no_wcag_violations(
    page, assert_no_axe_violations, screenshot
):
    page.goto("/kommune/1106/")
    page.locator("#future-elderly").wait_for()
    assert "Beregning, ikke prognose" in page.locator("section.future").inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "kommune-1106-framtid")


def test_min_kommune_on_a_phone_says_how_far_past_projections_were_off(
    phone_page, assert_no_axe_violations, screenshot
):
    phone_page.goto("/kommune/1151/")
    accuracy = phone_page.locator("#past-accuracy")
    accuracy.wait_for()
    assert "8 av 10 kommuner på denne størrelsen" in accuracy.inner_text()
    assert_no_axe_violations(phone_page)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    accuracy.scroll_into_view_if_needed()
    phone_page.screenshot(
        path=str(
            screenshot(phone_page, "kommune-1151-treffsikkerhet").parent
            / "kommune-1151-treffsikkerhet-view.png"
        )
    )


def test_a_councillor_takes_a_stand_and_gets_a_card_and_a_report(page, screenshot):
    page.goto("/scenario/?q=Haugesund")
    page.locator("main a", has_text="Haugesund").first.click()
    page.wait_for_url(re.compile(r"kommune=1106"))
    for number, statement in enumerate(STATEMENTS):
        value = ("2", "1", "0", "-1", "vet")[number % 5]
        page.check(f'input[name="p_{statement.key}"][value="{value}"]')
    page.check('input[name="veivalg"][value="teknologi"]')
    page.check('input[name="veivalg"][value="unge_voksne"]')
    page.click("#choices button[type=submit]")
    page.wait_for_url(re.compile(r"veivalg=unge_voksne"))
    card = page.locator("#scenario-card")
    assert "Scenariokort: Haugesund i 2040" in card.inner_text()
    assert "Tiltrekke unge voksne" in card.locator(".story").inner_text()
    screenshot(page, "scenario-kort-1106")
    response = page.request.get(card.locator("a.report-link").get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_changing_one_choice_moves_the_numbers_without_reloading(page):
    page.goto("/scenario/?kommune=1106")
    before = _value(page, "arbeidsfor")
    page.evaluate("window.__marker = 1")
    page.check('input[name="veivalg"][value="unge_voksne"]')
    wait_until(
        page,
        "(b) => document.querySelector('#scenario-card tr[data-metric=arbeidsfor] .scenario-value')"
        ".innerText !== b",
        before,
        what="a new labour value",
    )
    assert page.evaluate("window.__marker") == 1  # same document: updated by HTMX
    assert _value(page, "arbeidsfor") != before
    assert "veivalg=unge_voksne" in page.url


def test_a_bad_url_parameter_gives_a_clear_message(page):
    response = page.goto("/scenario/?kommune=1106&alternativ=ABCD")
    assert response.status == 400
    assert "Alternativet «ABCD» finnes ikke" in page.locator("main").inner_text()
    response = page.goto("/scenario/?kommune=0000")
    assert response.status == 404
    assert "Vi finner ingen kommune" in page.locator("main").inner_text()


def test_the_facilitator_sees_the_groups_views_next_to_the_median_card(
    page, login, assert_no_axe_violations, screenshot, tmp_path
):
    login(page)
    page.goto("/scenario/gruppe/HAUGE4/resultat/")
    assert "6 deltakere har svart" in page.locator("main").inner_text()
    assert page.locator("#distribution tbody tr").count() == len(STATEMENTS)
    assert "Scenariokort: Haugesund i 2040" in page.locator("main").inner_text()
    assert page.locator("#group-bars > li").count() == len(STATEMENTS)
    bars, card = (
        page.locator("#group-bars").bounding_box(),
        page.locator("#card-heading").bounding_box(),
    )
    assert bars["x"] + bars["width"] <= card["x"]  # side by side at 1280 px
    png = tmp_path / "qr.png"
    page.locator(".group-qr svg").screenshot(path=str(png))
    assert decode_qr(png) == [f"{page.url.split('/scenario/')[0]}/scenario/gruppe/HAUGE4/"]
    assert_no_axe_violations(page)
    screenshot(page, "scenario-gruppe-resultat")


def test_the_group_results_fit_a_phone(phone_page, login, assert_no_axe_violations, screenshot):
    login(phone_page)
    phone_page.goto("/scenario/gruppe/HAUGE4/resultat/")
    assert phone_page.locator("#group-bars > li").count() == len(STATEMENTS)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 376
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "scenario-gruppe-resultat")


def test_the_facilitator_enters_local_figures_and_the_card_uses_them(
    page, login, assert_no_axe_violations
):
    login(page)
    page.goto("/scenario/kommune/1106/arbeidskraft/")
    assert_no_axe_violations(page)
    page.fill("#id_users_0_66", "520")
    page.fill("#id_users_67_79", "310")
    page.fill("#id_users_80", "640")
    page.fill("#id_care_fte", "950")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/arbeidskraft/$"))
    assert page.locator("#figures-history tbody tr").count() >= 1
    page.goto("/scenario/?kommune=1106")
    assert "kommunens egne tall" in page.locator("#scenario-card").inner_text()


def _in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top < innerHeight && r.bottom > 0 && r.height > 0; }""",
        selector,
    )


KEY_METRICS = ("over_80", "gap", "hver_nte")  # the three numbers of the phone's bottom bar
DESKTOP_KEY_NUMBERS = "#scenario-card .key-numbers dd"
PHONE_KEY_NUMBERS = "#card-bar dd"


def key_numbers_out_of_view(page, selector: str) -> list[list[float]]:
    """Return the boxes (top, bottom) of the three key numbers that are not wholly on screen."""
    boxes = page.eval_on_selector_all(
        selector,
        """ds => ds.map(d => d.getBoundingClientRect()).filter(r => !(r.height > 0 && r.top >= 0
                    && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth))
                   .map(r => [Math.round(r.top), Math.round(r.bottom)])""",
    )
    assert page.locator(selector).count() == len(KEY_METRICS)
    return boxes


def answer_and_wait(page, key: str, value: str) -> None:
    """Check one answer and wait until HTMX has swapped in the new card."""
    page.evaluate("() => document.querySelector('#scenario-card > *').dataset.stale = '1'")
    page.locator(f'#stmt-{key} input[value="{value}"]').check()
    wait_until(page, "() => !document.querySelector('#scenario-card [data-stale]')",
               what=f"the card after answering «{key}»")  # fmt: skip


@pytest.mark.parametrize("height", [720, 800])
def test_on_a_laptop_the_three_numbers_stay_in_view_after_every_answer(browser, app_url, height):
    # Before the card column sticks, its table rows started below the fold of these screens.
    context = browser.new_context(viewport={"width": 1280, "height": height}, base_url=app_url)
    page = context.new_page()
    page.goto("/scenario/?kommune=1106")
    for number, statement in enumerate(STATEMENTS, start=1):
        answer_and_wait(page, statement.key, "2")
        assert key_numbers_out_of_view(page, DESKTOP_KEY_NUMBERS) == [], f"after statement {number}"
        assert page.locator(DESKTOP_KEY_NUMBERS).all_inner_texts() == [
            _value(page, m) for m in KEY_METRICS
        ]
    assert _in_view(page, "#card-heading") and _in_view(page, f"#stmt-{statement.key}")
    context.close()


def test_on_a_phone_a_bottom_bar_keeps_three_numbers_in_view_and_updates_them(browser, app_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=app_url,
                                  is_mobile=True, has_touch=True)  # fmt: skip
    page = context.new_page()
    page.goto("/scenario/?kommune=1106")
    statement = STATEMENTS[4].key
    page.locator(f"#stmt-{statement}").scroll_into_view_if_needed()
    assert _in_view(page, "#card-bar") and _in_view(page, f"#stmt-{statement}")
    gap = page.locator("#card-bar dd").nth(1)
    before = gap.inner_text()
    page.locator(f'#stmt-{statement} input[value="2"]').check()
    wait_until(
        page,
        "(v) => document.querySelectorAll('#card-bar dd')[1].innerText !== v",
        before,
        what="a new gap in the card bar",
    )
    assert gap.inner_text() == _value(page, "gap")
    assert key_numbers_out_of_view(page, PHONE_KEY_NUMBERS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    context.close()


def test_the_card_names_the_alternative_by_its_own_name(page):
    page.goto("/scenario/?kommune=1106&alternativ=MMML")
    text = page.locator("#scenario-card").inner_text()
    assert "MMML – Lav innvandring" in text
