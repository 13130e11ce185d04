"""«Kommunen i 2040» and the economy view in a real browser: axe-core at 1280 and 360 px, the
pyramid player, the council mode by keyboard on projector sizes, and reduced motion."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from e2e.conftest import wait_until

PAGES = {
    "story-1106": "/kommune/1106/2040/",
    "story-1151-fodt": "/kommune/1151/2040/?fodt=1985#du",
    "story-mote-1106": "/kommune/1106/2040/?modus=mote",
    "okonomi-1106": "/kommune/1106/okonomi/",
    "okonomi-1151": "/kommune/1151/okonomi/",
}


def _context(browser: Any, app_url: str, width: int, height: int, **extra: Any) -> Any:
    return browser.new_context(viewport={"width": width, "height": height}, base_url=app_url,
                               locale="nb-NO", **extra)  # fmt: skip


@pytest.fixture
def narrow_page(browser: Any, app_url: str) -> Iterator[Any]:
    context = _context(browser, app_url, 360, 740, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _visible_frames(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-frame]", "fs => fs.filter(f => !f.hidden).map(f => f.dataset.frame)"
    )


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_the_page_has_no_wcag_violations_on_desktop(
    page, assert_no_axe_violations, screenshot, name, path
):
    page.goto(path)
    assert_no_axe_violations(page)
    screenshot(page, name)


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_the_page_has_no_wcag_violations_at_360_px(
    narrow_page, assert_no_axe_violations, screenshot, name, path
):
    narrow_page.goto(path)
    assert_no_axe_violations(narrow_page)
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    screenshot(narrow_page, name)


def test_from_the_front_page_a_user_searches_and_watches_the_2040_story(page):
    page.goto("/")
    page.fill("#q", "Utsira")
    page.get_by_role("button", name="Se kommunen i 2040").click()
    page.wait_for_url(re.compile(r"/kommune/1151/2040/$"))
    assert page.locator("h1").inner_text() == "Utsira i 2040"


def test_the_year_links_step_the_pyramid_by_keyboard_and_announce_the_year(page):
    page.goto("/kommune/1106/2040/")
    assert _visible_frames(page) == ["2040"]
    link = page.locator("[data-year='2026']")
    link.focus()
    page.keyboard.press("Enter")
    assert _visible_frames(page) == ["2026"]
    assert link.get_attribute("aria-current") == "true"
    assert "2026:" in page.locator("[data-announce]").inner_text()
    assert page.url.endswith("/kommune/1106/2040/")  # no reload: the script handled it


def test_play_runs_the_pyramid_to_2050_and_pause_stops_it(page):
    page.goto("/kommune/1106/2040/")
    play = page.locator("[data-play]")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    wait_until(
        page,
        "() => !document.querySelector('[data-frame=\"2030\"]').hidden",
        what="the 2030 frame shown",
    )
    play.click()
    assert play.get_attribute("aria-pressed") == "false"
    stopped = _visible_frames(page)
    page.wait_for_timeout(1500)
    assert _visible_frames(page) == stopped
    play.click()
    wait_until(
        page,
        "() => !document.querySelector('[data-frame=\"2050\"]').hidden",
        what="the 2050 frame shown",
    )
    wait_until(
        page,
        "() => document.querySelector('[data-play]').getAttribute('aria-pressed') === 'false'",
        what="play stopped at the last frame",
    )


def test_with_reduced_motion_nothing_plays_by_itself(browser, app_url):
    context = _context(browser, app_url, 1280, 900, reduced_motion="reduce")
    page = context.new_page()
    page.goto("/kommune/1106/2040/")
    assert not page.locator("[data-play]").is_visible()
    page.wait_for_timeout(1500)
    assert _visible_frames(page) == ["2040"]
    page.locator("[data-year='2050']").click()
    assert _visible_frames(page) == ["2050"]
    context.close()


def test_without_javascript_every_step_and_the_year_links_work(browser, app_url):
    context = browser.new_context(base_url=app_url, java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    page.goto("/kommune/1106/2040/")
    assert page.locator(".story-step").count() == 8
    page.locator("[data-year='2030']").click()
    page.wait_for_url(re.compile(r"aar=2030"))
    assert _visible_frames(page) == ["2030"]
    page.fill("#id_fodt", "1990")
    page.press("#id_fodt", "Enter")
    page.wait_for_url(re.compile(r"fodt=1990"))
    assert "Født i 1990 er du 50 år i 2040." in page.locator("#du").inner_text()
    context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_council_mode_shows_one_step_per_screen_and_steps_by_arrow_keys(
    browser, app_url, assert_no_axe_violations, screenshot, width, height
):
    context = _context(browser, app_url, width, height)
    page = context.new_page()
    page.goto("/kommune/1106/2040/?modus=mote")
    assert page.locator(".site-header").count() == 0
    steps = page.locator(".story-step")
    total = steps.count()
    for n in range(1, total + 1):
        current = page.locator(".story-step.is-current")
        assert current.count() == 1
        assert page.locator(".story-step:visible").count() == 1
        assert page.locator("[data-counter]").inner_text() == f"Steg {n} av {total}"
        box = current.bounding_box()
        nav = page.locator("[data-story-nav]").bounding_box()
        assert box["y"] + box["height"] <= nav["y"] + 1, f"step {n} runs under the buttons"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_no_axe_violations(page)
        screenshot(page, f"story-mote-{n}-{height}")
        if n < total:
            page.keyboard.press("ArrowRight")
            focused = page.evaluate("document.activeElement.closest('.story-step').id")
            assert focused == steps.nth(n).get_attribute("id")
    page.keyboard.press("ArrowLeft")
    assert page.locator("[data-counter]").inner_text() == f"Steg {total - 1} av {total}"
    page.keyboard.press("Home")
    assert page.locator("[data-counter]").inner_text() == f"Steg 1 av {total}"
    page.get_by_role("button", name="Neste →").click()
    assert page.locator("[data-counter]").inner_text() == f"Steg 2 av {total}"
    context.close()


def test_the_story_opens_an_example_model_at_its_day_in_the_life(page):
    page.goto("/kommune/1106/2040/")
    link = page.locator("#modeller a", has_text="En dag i livet").first
    link.click()
    page.wait_for_url(re.compile(r"/modeller/\d+/\?kommune=1106#en-dag-i-livet$"))
    assert page.locator("#en-dag-i-livet").is_visible()


PRINTED = """
() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].some(
    (el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0);
  const link = document.querySelector('a.ds-button[href*="/scenario/"]');
  const style = getComputedStyle(link);
  return {
    controls: shown('.player-controls') || shown('.you-form') || shown('#du')
      || shown('a[href*="modus=mote"]'),
    linkFill: style.backgroundColor,
    linkColour: style.color,
  };
}
"""


def test_a_printed_story_has_no_controls_and_a_readable_scenariofabrikken_link(page):
    page.goto("/kommune/1106/2040/")
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert not printed["controls"], "buttons and forms for the screen are printed"
    assert printed["linkFill"] in ("rgba(0, 0, 0, 0)", "transparent"), (
        f"the Scenariofabrikken link prints {printed['linkColour']} on {printed['linkFill']}"
    )
