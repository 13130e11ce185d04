"""The privacy and accessibility statements: reachable from the footer, WCAG-clean, readable on a phone."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

STEPS = Path(__file__).resolve().parent.parent / "samfunnslab" / "methods" / "content" / "steps"


@pytest.mark.parametrize(
    "link, heading",
    [
        ("Personvern", "Personvernerklæring"),
        ("Tilgjengelighetserklæring", "Tilgjengelighetserklæring"),
    ],
)
def test_the_statement_is_linked_from_the_footer_and_has_no_wcag_violations(
    page, assert_no_axe_violations, screenshot, link, heading
):
    page.goto("/")
    page.locator("footer").get_by_role("link", name=link, exact=True).click()
    assert page.locator("h1").inner_text() == heading
    assert_no_axe_violations(page)
    screenshot(page, f"statement-{link}")


@pytest.mark.parametrize("path", ["/personvern/", "/tilgjengelighet/"])
def test_the_statement_works_on_a_phone(phone_page, assert_no_axe_violations, screenshot, path):
    phone_page.goto(path)
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "statement" + path.replace("/", "-"))


def test_a_bokmal_only_page_in_nynorsk_is_labelled_and_wcag_clean(
    phone_page, app_url, assert_no_axe_violations
):
    phone_page.context.add_cookies([{"name": "django_language", "value": "nn", "url": app_url}])
    phone_page.goto("/lab/rammebetingelser/")
    assert phone_page.locator(".bokmal-only").inner_text() == "Denne teksten finst berre på bokmål."
    assert_no_axe_violations(phone_page)


def test_a_method_step_in_nynorsk_is_in_nynorsk_and_says_nothing_of_bokmal(
    phone_page, app_url, assert_no_axe_violations
):
    phone_page.context.add_cookies([{"name": "django_language", "value": "nn", "url": app_url}])
    nynorsk = tomllib.loads((STEPS / "06-framtidshjulet.nn.toml").read_text(encoding="utf-8"))
    phone_page.goto("/metoder/steg/framtidshjulet/")
    assert phone_page.locator(".bokmal-only").count() == 0
    assert nynorsk["purpose"] in phone_page.locator("main").inner_text()
    assert_no_axe_violations(phone_page)
