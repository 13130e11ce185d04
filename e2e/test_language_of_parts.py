"""Language of parts (WCAG 3.1.2): text in another language than the page's carries `lang`."""

from __future__ import annotations

import re
import sqlite3

import pytest

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
    page.click(".language-form button[value=en]")
    page.wait_for_load_state()
    page.goto("/personvern/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.evaluate(LANGS, "main [lang=nb]"), (
        "the statement written only in bokmål carries lang=nb"
    )
    page.goto("/tilgjengelighet/")
    assert page.evaluate(LANGS, "main [lang=nb]")


# ---------------------------------------------------------------- every page family, three interfaces

# Words that only bokmål uses, for each interface a text node can be checked against: in the English
# interface any Norwegian function word; in nynorsk the bokmål forms nynorsk spells otherwise.
NORWEGIAN_IN = {
    "en": [
        "og",
        "ikke",
        "ikkje",
        "på",
        "er",
        "som",
        "det",
        "med",
        "av",
        "fra",
        "frå",
        "til",
        "å",
        "hvordan",
        "korleis",
        "kommunen",
        "eller",
        "vi",
        "du",
        "dere",
        "skal",
    ],
    "nn": [
        "ikke",
        "jeg",
        "hva",
        "hvem",
        "hvordan",
        "hvorfor",
        "hvis",
        "noen",
        "fra",
        "hvor",
        "ble",
        "være",
        "mye",
        "hverandre",
        "dere",
        "deres",
        "kommer",
        "hjelpe",
        "mellom oss",
    ],
}

# Text nodes in the page's own language (nearest lang= is the page's) that contain such a word.
MISMARKED = """
([words, pageLang]) => {
  const re = new RegExp('(^|[^\\\\p{L}])(' + words.join('|') + ')(?=[^\\\\p{L}]|$)', 'iu');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    // The parts of an image (svg role=img) are not read; its <title> and <desc> are.
    if (!el || el.closest('script, style, noscript, [hidden], template')) continue;
    if (el.closest('svg[role=img]') && !el.closest('title, desc')) continue;
    const marked = el.closest('[lang]');
    if (marked && marked.getAttribute('lang') !== pageLang) continue;
    // Proper names («Nore og Uvdal») and addresses are not text in a language.
    const text = node.textContent.replace(/\\s+/g, ' ').trim()
      .replace(/\\p{Lu}[\\p{L}-]+ og \\p{Lu}[\\p{L}-]+/gu, '').replace(/https?:\\S+/g, '');
    if (text && re.test(text)) {
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '';
      out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}: ${text.slice(0, 70)}`);
    }
  }
  return out;
}
"""
# Attributes screen readers read too.
MISMARKED_ATTRIBUTES = """
([words, pageLang]) => {
  const re = new RegExp('(^|[^\\\\p{L}])(' + words.join('|') + ')(?=[^\\\\p{L}]|$)', 'iu');
  const out = [];
  for (const el of document.querySelectorAll('[aria-label], [alt], [title], [placeholder]')) {
    const marked = el.closest('[lang]');
    if (marked && marked.getAttribute('lang') !== pageLang) continue;
    for (const name of ['aria-label', 'alt', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      const text = (value || '').replace(/\\p{Lu}[\\p{L}-]+ og \\p{Lu}[\\p{L}-]+/gu, '');
      if (text && re.test(text)) out.push(`${el.tagName.toLowerCase()}[${name}]: ${value.slice(0, 70)}`);
    }
  }
  return out;
}
"""

PUBLIC_FAMILIES = [
    "/",
    "/om-dataene/",
    "/norge-2040/",
    "/kommune/1106/",
    "/kommune/1106/sammenlign/1103/",
    "/scenario/?kommune=1106",
    "/modeller/",
    "/modeller/1/",
    "/modeller/sammenlign/",
    "/metoder/",
    "/metoder/steg/framtidshjulet/",
    "/metoder/prosesser/",
    "/personvern/",
    "/tilgjengelighet/",
    "/delta/",
    "/d/HAUKER/",
]
STAFF_FAMILIES = [
    "/modeller/1/bygg/",
    "/lab/",
    "/lab/ovelse/1/",
    "/lab/rammebetingelser/",
    "/lab/rammebetingelser/1/",
    "/lab/hva-skal-til/",
    "/portefolje/",
    "/portefolje/initiativ/",
    "/portefolje/tre-horisonter/",
    "/verksted/",
]


def _in_interface(browser, app_url, language):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=app_url, locale="nb-NO"
    )
    host = app_url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _mismarked(page, language, own_texts=()):
    """Bokmål-only words in the page's language, leaving out what people wrote themselves.

    Models and workshops that other browser tests create are the organisation's own texts, whose
    language nobody knows (docs/accessibility-audit.md, 3.1.2): they are not marked, so not checked.
    """
    words = NORWEGIAN_IN[language]
    found = page.evaluate(MISMARKED, [words, language]) + page.evaluate(
        MISMARKED_ATTRIBUTES, [words, language]
    )
    return [text for text in found if not any(own in text for own in own_texts)]


def _own_texts(app_server):
    """Names of the community models and titles of the workshops that the tests made."""
    with sqlite3.connect(app_server.workdir / "e2e.sqlite3") as db:
        models = db.execute("SELECT name FROM community_models_communitymodel WHERE NOT is_example")
        workshops = db.execute(
            "SELECT title FROM workshops_workshop WHERE title NOT LIKE 'Demoverksted%'"
        )
        return [row[0] for row in [*models, *workshops] if row[0]]


def _workshop_pages(page):
    """The facilitator's workshop pages: the list, the console, the projector and the remote."""
    page.goto("/verksted/")
    page.get_by_role("link", name="Demoverksted: Haugesund 2040").click()
    page.wait_for_url(re.compile(r"/verksted/\d+/$"))  # under load the click returns first
    console = page.url
    return [console, console + "presenter/", console + "fjernkontroll/"]


# Parts of a page that arrive after it has loaded (HTMX): the check waits for them.
LOADED_LATER = {"/kommune/1106/": "#future-body .assumptions"}


def _visit(page, path):
    page.goto(path)
    if path in LOADED_LATER:
        page.wait_for_selector(LOADED_LATER[path], state="attached")


@pytest.mark.parametrize("language", ["en", "nn"])
def test_in_another_interface_the_bokmal_content_of_every_page_family_carries_lang_nb(
    browser, app_url, app_server, login, language, assert_no_axe_violations
):
    context, page = _in_interface(browser, app_url, language)
    try:
        found = {}
        # Public pages show own texts too (an example model lists the variants made of it).
        own_texts = _own_texts(app_server)
        for path in PUBLIC_FAMILIES:
            _visit(page, path)
            assert page.get_attribute("html", "lang") == language
            found[path] = _mismarked(page, language, own_texts)
        login(page)
        for path in STAFF_FAMILIES + _workshop_pages(page):
            page.goto(path)
            found[path] = _mismarked(page, language, own_texts)
            if language == "en":  # the pages are built alike in both; axe once is enough
                assert_no_axe_violations(page)
        unmarked = {path: bad for path, bad in found.items() if bad}
        assert not unmarked, (
            'bokmål text without lang="nb" in the '
            + language
            + " interface:\n"
            + "\n".join(f"{path}: {bad[:12]}" for path, bad in unmarked.items())
        )
    finally:
        context.close()
