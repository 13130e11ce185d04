from __future__ import annotations

import pytest


def test_the_front_page_has_no_wcag_violations(page, assert_no_axe_violations, screenshot):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Samfunnslaben"
    assert_no_axe_violations(page)
    screenshot(page, "home")


def test_the_front_page_works_on_a_phone(phone_page, assert_no_axe_violations, screenshot):
    phone_page.goto("/")
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "home")


def test_the_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"


def test_the_demo_facilitator_can_log_in(page, login):
    login(page)
    assert "Logg ut" in page.content()


def test_the_login_page_has_no_wcag_violations(page, assert_no_axe_violations):
    page.goto("/konto/logg-inn/")
    assert_no_axe_violations(page)


TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
    "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)


def test_a_new_user_finds_a_municipality_from_the_front_page(page):
    page.goto("/")
    assert "flere over 80 år" in page.locator("#headline-heading + .home-stat").inner_text()
    page.get_by_label("Finn kommunen din").fill("haugsund")
    page.locator("#suggestions a", has_text="Haugesund").first.click()
    page.wait_for_url("**/kommune/1106/")
    assert page.locator("h1").inner_text() == "Haugesund"


@pytest.mark.parametrize("path", ["/", "/norge-2040/"])
def test_the_front_page_and_norge_2040_reflow_at_320_px_with_wcag_text_spacing(
    browser, app_url, path
):
    context = browser.new_context(viewport={"width": 320, "height": 740}, base_url=app_url)
    page = context.new_page()
    page.goto(path)
    page.add_style_tag(content=TEXT_SPACING)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 1
    context.close()
