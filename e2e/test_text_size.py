"""Text at 200 % (WCAG 1.4.4) and the size of radio buttons and checkboxes (WCAG 2.5.8).

At 320 and 360 CSS px with the root font size doubled, as a phone's «larger text» setting does, no
drop-down option or button text may be cut: a participant ranks with the whole «Velg plass» in
view and reads every language's name. Radio buttons and checkboxes are at least 24 x 24 CSS px,
with their label beside them, on the phone and in the staff forms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from e2e.conftest import CUT_OFF_TEXT, DOUBLE_TEXT
from e2e.test_phone import create_workshop, new_phone, step, wait_for_prompt

# Every visible radio button and checkbox: its size, and whether its label sits beside it (to its
# right, on the same line) rather than above or below.
TOGGLES = """() => [...document.querySelectorAll("input[type=radio], input[type=checkbox]")]
  .filter((input) => input.offsetParent)
  .map((input) => {
    const box = input.getBoundingClientRect();
    const label = input.labels && input.labels[0];
    // The label's words (not the box itself, when the label wraps it), as one rectangle.
    const rects = [];
    const walker = label ? document.createTreeWalker(label, NodeFilter.SHOW_TEXT) : null;
    while (walker && walker.nextNode()) {
      if (!walker.currentNode.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(walker.currentNode);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
    }
    const text = rects.length ? {
      left: Math.min(...rects.map((r) => r.left)),
      top: Math.min(...rects.map((r) => r.top)),
      bottom: Math.max(...rects.map((r) => r.bottom)),
    } : null;
    return {
      name: `${input.type} ${input.id || input.name}`,
      width: box.width, height: box.height,
      beside: !!text && text.left >= box.right - 1 && text.top < box.bottom && text.bottom > box.top,
    };
  })"""


@pytest.fixture
def facilitator(page: Any, login: Callable[[Any], None]) -> Any:
    login(page)
    return page


@pytest.fixture
def workshop(facilitator: Any) -> Iterator[tuple[int, str]]:
    yield create_workshop(facilitator, "Stor tekst")


@pytest.mark.parametrize("width", [320, 360])
def test_at_200_percent_text_no_ranking_place_or_language_name_is_cut(
    facilitator: Any,
    workshop: tuple[int, str],
    browser: Any,
    app_url: str,
    width: int,
    screenshot: Callable[[Any, str], Any],
) -> None:
    workshop_id, code = workshop
    phone = new_phone(browser, app_url, width=width)
    for language in ("nn", "en", "nb"):  # the last one stays for the rest
        phone.context.add_cookies([{"name": "django_language", "value": language, "url": app_url}])
        phone.goto(f"/d/{code}/")
        phone.add_style_tag(content=DOUBLE_TEXT)
        assert phone.evaluate(CUT_OFF_TEXT) == [], f"the welcome page in {language}"
        assert phone.evaluate("document.documentElement.scrollWidth") <= width
    phone.get_by_role("button", name="Bli med").click()
    wait_for_prompt(phone, "Hva er viktigst i 2040?")
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Ranger tiltakene")
    phone.reload()
    phone.add_style_tag(content=DOUBLE_TEXT)
    assert phone.locator(".rank-row select").count() == 3
    assert phone.evaluate(CUT_OFF_TEXT) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(phone, "phone-ranking-200-percent-text")
    phone.context.close()


def test_radio_buttons_and_checkboxes_are_24_px_with_the_label_beside_them(
    facilitator: Any, workshop: tuple[int, str], browser: Any, app_url: str
) -> None:
    _workshop_id, code = workshop
    phone = new_phone(browser, app_url, width=360)
    phone.goto(f"/d/{code}/")
    phone.get_by_role("button", name="Bli med").click()
    wait_for_prompt(phone, "Hva er viktigst i 2040?")
    for width in (1280, 360):
        facilitator.set_viewport_size({"width": width, "height": 800})
        for path in ("/lab/", "/lab/ovelse/1/", "/lab/hva-skal-til/", "/modeller/sammenlign/"):
            facilitator.goto(path)
            toggles = facilitator.evaluate(TOGGLES)
            assert toggles, f"no radio buttons or checkboxes on {path}"
            wrong = [t for t in toggles if t["width"] < 24 or t["height"] < 24 or not t["beside"]]
            assert wrong == [], f"{path} at {width} px: {wrong[:3]}"
    toggles = phone.evaluate(TOGGLES)
    assert len(toggles) == 3
    assert all(t["width"] >= 24 and t["height"] >= 24 and t["beside"] for t in toggles), toggles
    phone.context.close()
