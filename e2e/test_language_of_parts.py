"""Language of parts (WCAG 3.1.2): text in another language than the page's carries `lang`."""

from __future__ import annotations

LANGS = "(sel) => [...document.querySelectorAll(sel)].map((el) => el.textContent.trim()).filter(Boolean)"


def test_norge_2040_marks_its_english_sources_and_nynorsk_title(page):
    page.goto("/norge-2040/")
    assert page.get_attribute("html", "lang") == "nb"
    assert page.evaluate(LANGS, "main [lang=en]"), "English source names carry lang=en"
    assert page.evaluate(LANGS, "main [lang=nn]"), "the nynorsk title carries lang=nn"


def test_a_method_step_marks_its_nynorsk_and_english_names(page):
    page.goto("/metoder/steg/framtidshjulet/")
    assert page.evaluate(LANGS, "main [lang=nn]") and page.evaluate(LANGS, "main [lang=en]")


def test_in_the_english_interface_the_bokmal_statements_are_marked_bokmal(page):
    page.goto("/personvern/")
    page.select_option(".language-form select", "en")
    page.click(".language-form button")
    page.wait_for_load_state()
    page.goto("/personvern/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.evaluate(LANGS, "main [lang=nb]"), "the statement written only in bokmål carries lang=nb"
    page.goto("/tilgjengelighet/")
    assert page.evaluate(LANGS, "main [lang=nb]")
