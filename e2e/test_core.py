from __future__ import annotations


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
