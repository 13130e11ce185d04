"""The portfolio in a real browser: the initiatives catalogue with map and list, CSV import,
the portfolio tree and backcasting."""

from __future__ import annotations

import pytest

from samfunnslab.core.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME

pytestmark = pytest.mark.browser


def test_the_catalogue_has_a_map_a_list_and_filters(page, phone_page, assert_no_axe_violations):
    page.goto("/portefolje/initiativ/")
    assert page.locator(".map svg circle").count() >= 5
    assert (
        "«På dørterskelen» – Posten som velferdsaktør"
        in page.locator(".initiative-list").inner_text()
    )
    assert_no_axe_violations(page)
    page.select_option("#id_tag", "forsøk")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_load_state()
    listing = page.locator(".initiative-list").inner_text()
    assert "Planvask" in listing and "Posten" not in listing
    page.get_by_role("link", name="«Planvask» i Larvik").click()
    assert "regjeringen.no" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    phone_page.goto("/portefolje/initiativ/")
    assert_no_axe_violations(phone_page)


def test_a_bad_csv_import_names_the_rows_and_saves_nothing(page, login, assert_no_axe_violations):
    login(page, DEMO_USERNAME, DEMO_PASSWORD)
    page.goto("/portefolje/initiativ/import/")
    page.fill(
        "#id_text",
        "tittel,kommunenummer,beskrivelse,kilder\nZebrainitiativet,1106,Fin,Kilde\nDårlig,9999,,Kilde\n",
    )
    page.get_by_role("button", name="Importer").click()
    errors = page.locator("#import-errors").inner_text()
    assert "Ingenting ble importert" in errors and "Rad 3" in errors
    assert_no_axe_violations(page)
    page.goto("/portefolje/initiativ/?q=Zebrainitiativet")
    assert "Ingen initiativer passer søket." in page.locator("main").inner_text()


def test_the_portfolio_tree_and_backcasting(page, login, assert_no_axe_violations):
    login(page, DEMO_USERNAME, DEMO_PASSWORD)
    page.goto("/portefolje/")
    tree = page.locator(".tree").first.inner_text()
    assert "Ungt utenforskap" in tree and "Demografiutfordringen" in tree
    assert "De 1000 første dagene" in tree
    link = page.get_by_role("link", name="Tilbakeskuing: Nabolagsmodellen")
    if not link.is_visible():  # models made by other tests may come first; the rest fold away
        page.locator(".more-models summary").click()
    link.click()
    page.get_by_role("heading", name="2040", exact=True).wait_for()
    page.fill("#id_year", "2060")
    page.fill("#id_condition", "For sent")
    page.get_by_role("button", name="Legg til").click()
    assert "horisontår 2040" in page.locator("#form-errors").inner_text()
    assert_no_axe_violations(page)
    page.goto("/portefolje/initiativ/ny/")
    page.fill("#id_title", "Nabolagskjøkkenet")
    page.fill("#id_municipality_code", "9999")
    page.fill("#id_description", "Middag sammen.")
    page.fill("#id_sources", "Egen kartlegging")
    page.get_by_role("button", name="Lagre").click()
    assert "9999" in page.locator("#form-errors").inner_text()
    assert_no_axe_violations(page)


def test_the_import_page_does_not_scroll_sideways_on_a_phone(phone_page, login):
    login(phone_page)
    phone_page.goto("/portefolje/initiativ/import/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1


def test_a_shipped_example_says_it_is_only_in_bokmal_in_nynorsk_on_a_phone(
    phone_page, app_url, assert_no_axe_violations, screenshot
):
    phone_page.context.add_cookies([{"name": "django_language", "value": "nn", "url": app_url}])
    phone_page.goto("/portefolje/initiativ/")
    phone_page.get_by_role("link", name="«Planvask» i Larvik").click()
    label = phone_page.locator(".bokmal-only")
    assert label.is_visible() and label.inner_text() == "Denne teksten finst berre på bokmål."
    assert phone_page.locator("h1").get_attribute("lang") == "nb"
    assert phone_page.evaluate("document.documentElement.lang") == "nn"
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "portfolio-initiative-nn")
