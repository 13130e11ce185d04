"""Community models in a real browser: open an example, fork it, change a parameter, compare."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import wait_until
from samfunnslab.core.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME

pytestmark = pytest.mark.browser


def _login(page, login):
    login(page, DEMO_USERNAME, DEMO_PASSWORD)


def _open_example(page, name: str = "Velferdskommunen 2.0") -> None:
    page.goto("/modeller/")
    page.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def _fork(page, name: str) -> None:
    page.get_by_role("link", name="Lag en variant").click()
    page.fill("#id_name", name)
    page.get_by_role("button", name="Lag varianten").click()
    page.wait_for_load_state()


def _value(page, indicator: str, year: int, index: int) -> float:
    cell = page.locator(
        f'#numbers-table tr[data-indicator="{indicator}"][data-year="{year}"] '
        f'td[data-model-index="{index}"]'
    )
    return float(cell.get_attribute("data-value"))


def test_fork_an_example_change_a_parameter_and_compare_the_2040_numbers(page, login, screenshot):
    _login(page, login)
    _open_example(page)
    _fork(page, "Velferdskommunen med naboer")
    assert "Bygg modellen «Velferdskommunen med naboer»" in page.locator("h1").inner_text()
    page.fill("#param-family_volunteer_share", "25")
    page.get_by_role("button", name="Lagre og regn ut tallene").click()
    page.get_by_text("Parameterne er lagret. Tallene er regnet på nytt.").wait_for()
    page.get_by_role("link", name=re.compile("Tilbake til")).click()
    page.get_by_role("link", name="Sammenlign med originalen").click()
    page.wait_for_load_state()
    original = _value(page, "care_fte_need", 2040, 0)
    variant = _value(page, "care_fte_need", 2040, 1)
    assert variant < original
    assert _value(page, "care_fte_gap", 2040, 1) < _value(page, "care_fte_gap", 2040, 0)
    changed = page.locator(
        '#numbers-table tr[data-indicator="care_fte_need"][data-year="2040"] '
        'td[data-model-index="1"]'
    )
    assert "differs" in (changed.get_attribute("class") or "")
    screenshot(page, "community-models-compare-fork")


def test_a_role_without_an_actor_gets_a_plain_message(page, login):
    _login(page, login)
    _open_example(page, "Nabolagsmodellen")
    _fork(page, "Nabolag uten aktør")
    page.select_option("#role-function", label="Omsorg for eldre")
    page.get_by_role("button", name="Legg til rolle").click()
    page.get_by_text("En rolle trenger en aktør fra modellen. Legg til aktøren først.").wait_for()
    # The refusal names the actor, so focus goes to that field, marked invalid and pointing to the
    # message (core/focus.js, rule 5); the persistent status region says why.
    actor = page.locator("#role-actor")
    expect(actor).to_be_focused()
    expect(actor).to_have_attribute("aria-invalid", "true")
    assert page.locator("[data-form-error]").get_attribute("id") in (
        actor.get_attribute("aria-describedby") or ""
    )
    expect(page.locator("#builder-status")).to_contain_text("Ikke lagret")


def test_an_actor_added_in_the_builder_appears_in_the_diagram(page, login):
    _login(page, login)
    _open_example(page, "Nabolagsmodellen")
    _fork(page, "Nabolag med bibliotek")
    page.fill("#actor-label", "Biblioteket")
    page.select_option("#actor-sector", "public")
    page.get_by_role("button", name="Legg til aktør").click()
    page.get_by_text("Lagt til: Biblioteket").wait_for()
    assert page.locator("svg.model-diagram").get_by_text("Biblioteket").count() == 1


def test_an_unknown_municipality_gets_a_plain_message(page, login):
    _login(page, login)
    page.goto("/modeller/ny/")
    page.fill("#id_name", "Feil kommune")
    page.fill("#id_municipality_code", "9999")
    page.get_by_role("button", name="Lag modellen").click()
    assert "Fant ingen kommune med nummer «9999»" in page.locator("[role=alert]").inner_text()


def test_the_model_page_has_no_wcag_violations(page, assert_no_axe_violations, screenshot):
    _open_example(page, "Nabolagsmodellen")
    assert page.locator("svg.model-diagram[role=img]").count() == 1
    assert_no_axe_violations(page)
    screenshot(page, "community-model")


def test_the_builder_has_no_wcag_violations(page, login, assert_no_axe_violations, screenshot):
    _login(page, login)
    _open_example(page, "Regionmodellen")
    page.get_by_role("link", name="Bygg videre").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    screenshot(page, "community-model-builder")


def test_the_comparison_has_no_wcag_violations(page, assert_no_axe_violations, screenshot):
    page.goto("/")
    page.get_by_role("link", name="Tre lokalsamfunnsmodeller for Haugesund").click()
    page.wait_for_load_state()
    assert page.locator("#role-matrix tbody tr").count() >= 5
    assert_no_axe_violations(page)
    screenshot(page, "community-models-compare")


def test_the_comparison_works_on_a_phone(phone_page, assert_no_axe_violations, screenshot):
    phone_page.goto("/modeller/")
    phone_page.get_by_label("Sammenlign «Velferdskommunen 2.0»").check()
    phone_page.get_by_label("Sammenlign «Nabolagsmodellen»").check()
    phone_page.get_by_role("button", name="Sammenlign valgte modeller").click()
    phone_page.wait_for_load_state()
    assert phone_page.locator("#numbers-table").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "community-models-compare")


def test_the_model_page_works_on_a_phone(phone_page, assert_no_axe_violations, screenshot):
    _open_example(phone_page, "Velferdskommunen 2.0")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "community-model")


@pytest.mark.parametrize("path", ["/modeller/", "/modeller/1/", "/modeller/ny/"])
def test_model_pages_do_not_scroll_sideways_for_a_logged_in_phone_user(phone_page, login, path):
    login(phone_page)
    phone_page.goto(path)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1


def test_a_save_the_server_refuses_is_not_silently_ignored(page, login):
    _login(page, login)
    _open_example(page, "Nabolagsmodellen")
    _fork(page, "Variant med for stor tekst")
    # What the server answers to a 10 MB paste: 400 "request body too large", which HTMX ignores.
    page.route("**/bygg/actor/", lambda route: route.fulfill(status=400, body="Bad Request"))
    page.fill("#actor-label", "Biblioteket")
    page.get_by_role("button", name="Legg til aktør").click()
    alert = page.locator("#builder-request-error")
    alert.wait_for(state="visible")
    assert "for stort" in alert.inner_text()
    wait_until(
        page,
        "() => document.activeElement.id === 'builder-request-error'",
        what="focus on the error",
    )


def test_the_model_page_does_not_scroll_sideways_at_320_px(browser, app_url):
    """Issue 18 item 5: the two-column grid needed 320 px plus the page margins (336 px)."""
    context = browser.new_context(viewport={"width": 320, "height": 740}, base_url=app_url)
    page = context.new_page()
    page.goto("/modeller/1/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_a_picture_is_uploaded_from_a_360_px_phone_and_a_bad_file_is_refused_plainly(
    browser, app_url, login, screenshot, assert_no_axe_violations, tmp_path
):
    from samfunnslab.core.tests import image_files

    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        base_url=app_url,
        locale="nb-NO",
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    _login(page, login)
    _open_example(page, "Nabolagsmodellen")
    _fork(page, "Nabolag med plakater")
    page.get_by_role("link", name="Bilder av gjenstander og skisser").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    pdf = tmp_path / "plakat.jpg"
    pdf.write_bytes(image_files.PDF_NAMED_JPG)
    page.set_input_files("#id_file", str(pdf))
    page.fill("#id_alt_text", "Plakat")
    page.get_by_role("button", name="Last opp bildet").click()
    page.get_by_text("Filen er ikke et bilde vi kan lese").first.wait_for()
    assert page.locator("#id_file").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)

    photo = tmp_path / "gjenstand.jpg"
    photo.write_bytes(image_files.jpeg_with_gps((3000, 2000)))
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_alt_text", "Avisforside fra 2060: Bygdekafeen er også legekontor")
    page.get_by_role("button", name="Last opp bildet").click()
    page.get_by_text("Bildet er lagt til i modellen.").wait_for()
    picture = page.get_by_role("img", name="Avisforside fra 2060: Bygdekafeen er også legekontor")
    picture.wait_for()
    loaded = "[...document.images].every(i => i.complete && i.naturalWidth > 0)"
    wait_until(page, f"() => {loaded}", timeout=10_000, what="every image loaded")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(page)
    screenshot(page, "community-models-pictures")
    context.close()


def test_the_delay_checkbox_sits_beside_its_label_on_a_phone(phone_page, login):
    login(phone_page)
    phone_page.goto("/modeller/2/bygg/")
    box = phone_page.locator("#relation-delay").bounding_box()
    label = phone_page.locator("label[for=relation-delay]").bounding_box()
    assert label["x"] > box["x"] + box["width"] - 1
    assert label["y"] < box["y"] + box["height"] and box["y"] < label["y"] + label["height"]
