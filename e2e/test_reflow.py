"""Reflow (WCAG 1.4.10) and text spacing (1.4.12) on the non-workshop page families.

The workshop room's pages (the phone, projector, cockpit and remote) are measured in
e2e/test_phone.py and e2e/test_workshop_room.py, with content on screen.

At 320 CSS px, with and without the WCAG text-spacing override, the document must not scroll
sideways. Only data tables and charts may scroll, and then inside their own focusable container.
"""

from __future__ import annotations

from typing import Any

import pytest

WIDTH = 320

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

PUBLIC_PAGES = [
    "/",
    "/norge-2040/",
    "/om-dataene/",
    "/kommune/1106/",
    "/kommune/1106/2040/",
    "/kommune/1106/okonomi/",
    "/kommune/1106/sammenlign/1103/",
    "/scenario/?kommune=1106",
    "/modeller/1/",
    "/modeller/sammenlign/",
    "/metoder/",
    "/metoder/steg/framtidshjulet/",
    "/metoder/prosesser/innbyggerverksted-fremtidsfrekvens/",
    "/metoder/prosesser/innbyggerverksted-fremtidsfrekvens/veileder/",
    "/personvern/",
    "/tilgjengelighet/",
]
STAFF_PAGES = [
    "/modeller/1/bygg/",
    "/lab/ovelse/1/",
    "/lab/hva-skal-til/",
    "/lab/rammebetingelser/",
    "/portefolje/",
    "/portefolje/tre-horisonter/",
    "/verksted/",
]

# What overflows sideways, unless it sits inside a scrolling container that can take focus.
OVERFLOW_REPORT = """
(width) => {
  const offenders = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let scroller = el.parentElement, contained = false;
    while (scroller && scroller !== document.body) {
      const style = getComputedStyle(scroller);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)
          && scroller.getBoundingClientRect().right <= width + 1) { contained = true; break; }
      scroller = scroller.parentElement;
    }
    if (contained) continue;
    const cls = typeof el.className === 'string' ? el.className : '';
    offenders.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${cls.split(' ').join('.')} "${(el.textContent || '').trim().slice(0, 30)}" → ${Math.round(box.right)}`);
  }
  return offenders.slice(0, 8);
}
"""

# Scrolling containers that hold content wider than themselves must be reachable by keyboard.
UNFOCUSABLE_SCROLLERS = """
() => [...document.querySelectorAll('body *')].filter((el) => {
  const style = getComputedStyle(el);
  if (!['auto', 'scroll'].includes(style.overflowX)) return false;
  if (el.scrollWidth <= el.clientWidth + 1) return false;
  if (el.tabIndex >= 0) return false;
  return !el.querySelector('a[href], button, input, select, textarea, [tabindex]');
}).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className)
"""


def _narrow_page(browser: Any, app_url: str) -> tuple[Any, Any]:
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 700}, base_url=app_url, locale="nb-NO", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _assert_reflows(page: Any, path: str, *, spacing: bool) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    if spacing:
        page.add_style_tag(content=TEXT_SPACING)
    page.wait_for_load_state("networkidle")
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    offenders = page.evaluate(OVERFLOW_REPORT, WIDTH)
    label = "with WCAG text spacing" if spacing else "at normal spacing"
    assert scroll_width <= WIDTH + 1, (
        f"{path} scrolls sideways {label}: {scroll_width} px wide; first offenders: {offenders}"
    )
    assert page.evaluate(UNFOCUSABLE_SCROLLERS) == [], (
        f"{path}: a scrolling region cannot take focus"
    )


@pytest.mark.parametrize("spacing", [False, True], ids=["plain", "text-spacing"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_fits_320_px_without_sideways_scrolling(browser, app_url, path, spacing):
    context, page = _narrow_page(browser, app_url)
    try:
        _assert_reflows(page, path, spacing=spacing)
    finally:
        context.close()


@pytest.mark.parametrize("spacing", [False, True], ids=["plain", "text-spacing"])
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_a_staff_page_fits_320_px_without_sideways_scrolling(
    browser, app_url, login, path, spacing
):
    context, page = _narrow_page(browser, app_url)
    try:
        login(page)
        _assert_reflows(page, path, spacing=spacing)
    finally:
        context.close()


# Table captions inside a scroll box whose text runs past the box's visible edge.
CLIPPED_CAPTIONS = """
() => [...document.querySelectorAll('.table-scroll caption')].filter((caption) => {
  const box = caption.getBoundingClientRect();
  if (box.width <= 1 || box.height <= 1) return false;
  const scroller = caption.closest('.table-scroll').getBoundingClientRect();
  return box.left < scroller.left - 1 || box.right > scroller.right + 1;
}).map((caption) => caption.textContent.trim().slice(0, 50))
"""


@pytest.mark.parametrize(
    "path", ["/kommune/1106/", "/kommune/1106/sammenlign/1103/", "/scenario/kommune/1106/"]
)
def test_a_table_caption_stays_readable_above_a_table_that_scrolls_sideways(browser, app_url, path):
    context, page = _narrow_page(browser, app_url)
    try:
        page.goto(path)
        assert page.evaluate(CLIPPED_CAPTIONS) == [], f"{path}: a caption is cut off at 320 px"
    finally:
        context.close()
