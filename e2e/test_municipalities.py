"""Fremtidsverktøyet in a real browser: WCAG 2.1 AA (axe-core), phone width, and finding a municipality."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from e2e.conftest import wait_until

PAGES = {
    "home": "/",
    "norge-2040": "/norge-2040/",
    "kommune-1106": "/kommune/1106/",
    "sammenlign-1106-1149": "/kommune/1106/sammenlign/1149/",
    "kommune-sok": "/kommune/?q=haugsund",
    "fylke-11": "/fylke/11/",
    "ba-region-50": "/ba-region/50/",
}


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_the_page_has_no_wcag_violations_on_desktop(
    page, assert_no_axe_violations, screenshot, name, path
):
    page.goto(path)
    assert_no_axe_violations(page)
    screenshot(page, name)


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_the_page_has_no_wcag_violations_on_a_phone(
    phone_page, assert_no_axe_violations, screenshot, name, path
):
    phone_page.goto(path)
    assert_no_axe_violations(phone_page)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    screenshot(phone_page, name)


def test_a_user_types_haugsund_and_reaches_haugesund(page):
    page.goto("/kommune/")
    page.fill("#q", "haugsund")
    suggestion = page.locator("#suggestions a", has_text="Haugesund")
    suggestion.first.click()
    page.wait_for_url(re.compile(r"/kommune/1106/$"))
    assert page.locator("h1").inner_text() == "Haugesund"
    assert "38\u00a0292" in page.content().replace("&nbsp;", "\u00a0")


def test_the_search_works_without_javascript(browser, app_url):
    context = browser.new_context(base_url=app_url, java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    page.goto("/kommune/")
    page.fill("#q", "haugsund")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=haugsund"))
    page.locator("main a", has_text="Haugesund").first.click()
    page.wait_for_url(re.compile(r"/kommune/1106/$"))
    assert page.locator("h1").inner_text() == "Haugesund"
    context.close()


def test_a_user_compares_with_the_municipality_they_grew_up_in(page):
    page.goto("/kommune/1106/")
    page.fill("#q", "Karmøy")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/kommune/1106/sammenlign/1149/$"))
    assert "Karmøy" in page.locator("h1").inner_text()


@pytest.mark.parametrize(
    "path",
    [
        "/kommune/1580/",  # split in 2024: «ingen sammenlignbare tall» in a headline card
        "/kommune/5636/",  # Sami double name
        "/kommune/?q=" + "a" * 5000,  # one very long word in the «no match» message
    ],
)
def test_blank_figures_long_names_and_long_queries_fit_a_phone(phone_page, path):
    response = phone_page.goto(path)
    assert response is not None and response.status == 200
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1


def test_a_user_types_an_old_number_and_reaches_todays_municipality(page):
    page.goto("/kommune/")
    page.fill("#q", "0101")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/kommune/3101/$"))
    assert page.locator("h1").inner_text() == "Halden"


def test_the_charts_are_single_labelled_images(page):
    page.goto("/kommune/1151/")
    for figure_id in ("folketall", "pyramide"):
        svg = page.locator(f"#{figure_id} svg").first
        assert svg.get_attribute("role") == "img"
        assert "Utsira" in (svg.get_attribute("aria-label") or "")


def _open_2040_map(page):
    page.goto("/norge-2040/")
    page.wait_for_selector('#map-2040[data-ready="1"]')
    return page.locator("#map-2040")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_2040_map_is_zoomable_and_its_list_can_be_searched_and_sorted(
    browser, app_url, assert_no_axe_violations, screenshot, width
):
    context = browser.new_context(viewport={"width": width, "height": 800}, base_url=app_url,
                                  locale="nb-NO")  # fmt: skip
    page = context.new_page()
    holder = _open_2040_map(page)
    assert holder.locator("path.leaflet-interactive").count() >= 350
    before = page.evaluate(
        "getComputedStyle(document.querySelector('#map-2040 .leaflet-map-pane')).transform"
    )
    holder.get_by_role("button", name="Zoom inn").click()
    wait_until(
        page,
        "(t) => getComputedStyle(document.querySelector('#map-2040 .leaflet-map-pane')).transform !== t"
        " || document.querySelector('#map-2040 .leaflet-zoom-anim') !== null", before,
        timeout=30_000,
    )  # fmt: skip
    page.locator("#liste-2040 summary").click()
    page.get_by_label("Finn kommune").fill("haug")
    visible = page.locator("#tabell-2040 tbody tr:visible")
    names = visible.locator("th").all_inner_texts()
    assert "Haugesund" in names and len(names) < 10
    page.get_by_label("Finn kommune").fill("")
    page.get_by_role("button", name="Endring").click()
    assert page.locator("#tabell-2040 th[aria-sort]").get_attribute("aria-sort") == "descending"
    values = page.locator("#tabell-2040 tbody tr td:last-child").evaluate_all(
        "cells => cells.map(c => c.dataset.value).filter(v => v !== '').map(Number)"
    )
    assert values == sorted(values, reverse=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert_no_axe_violations(page)
    screenshot(page, "norge-2040-kart-2040")
    context.close()


def test_the_2040_map_is_used_with_the_keyboard(page):
    holder = _open_2040_map(page)
    holder.focus()
    before = page.evaluate(
        "getComputedStyle(document.querySelector('#map-2040 .leaflet-map-pane')).transform"
    )
    page.keyboard.press("ArrowRight")
    wait_until(
        page,
        "(t) => getComputedStyle(document.querySelector('#map-2040 .leaflet-map-pane')).transform !== t",
        before,
        timeout=30_000,
    )


def test_the_keyboard_passes_the_2040_map_in_a_few_tab_stops_not_one_per_municipality(page):
    holder = _open_2040_map(page)
    holder.focus()
    outlines = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        outlines += page.evaluate("() => document.activeElement.tagName.toLowerCase() === 'path'")
    assert outlines == 0, f"{outlines} of 12 tab stops after the map were municipality outlines"


# ---------------------------------------------------------------- printed by a politician (A4)

# The page budget of a browser print (docs/municipalities.md, «Printing»): Min kommune was 11 pages
# with page 1 half empty; it prints on 4 now, and the budget leaves one page for longer names or
# a new row. Oslo is the largest municipality, Utsira the smallest.
PRINT_BUDGET = {
    "/kommune/0301/": 5,
    "/kommune/1151/": 5,
    "/kommune/1106/sammenlign/1103/": 3,
    "/kommune/1106/2040/": 3,
}


def _printed(page, path):
    """Print the page on A4 as the browser's print dialog would; return its PDF pages."""
    page.goto(path)
    if path.count("/") == 3:  # Min kommune loads its projection after the page (HTMX)
        page.wait_for_selector("#future-body .assumptions", state="attached")
    return PdfReader(io.BytesIO(page.pdf(format="A4"))).pages


@pytest.mark.parametrize(("path", "budget"), PRINT_BUDGET.items())
def test_a_printed_page_stays_within_its_a4_page_budget(page, path, budget):
    printed = _printed(page, path)
    assert len(printed) <= budget, f"{path} prints on {len(printed)} A4 pages, budget {budget}"


@pytest.mark.parametrize("code", ["0301", "1151"])
def test_page_one_of_a_printed_min_kommune_holds_the_headline_numbers_and_charts(page, code):
    """Page 1 was half empty: the first chart, with its long number table, could not break."""
    printed = _printed(page, f"/kommune/{code}/")
    headline = page.locator(".stats .stat").all_inner_texts()
    first = "".join(printed[0].extract_text().split())
    missing = [number for number in headline if "".join(number.split()) not in first]
    assert headline and not missing, f"page 1 lacks the headline numbers {missing}"
    charts = page.locator("main .figure h3").all_inner_texts()[:2]  # population and pyramid
    assert len(charts) == 2 and all("".join(title.split()) in first for title in charts), charts
