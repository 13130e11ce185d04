"""Keyboard-only journeys outside the workshop room: focus after every swap and the announced status."""

from __future__ import annotations

from typing import Any

ACTIVE = """() => { const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '', value: el.value || '',
          checked: !!el.checked}; }"""


def _tab_to(page: Any, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector` (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _wait_for_new_status(page: Any, previous: str) -> str:
    page.wait_for_function(
        "(prev) => { const s = document.getElementById('card-status');"
        " return s && s.textContent.trim() && s.textContent.trim() !== prev; }", arg=previous)
    return str(page.evaluate("() => document.getElementById('card-status').textContent.trim()"))


def test_scenariofabrikken_by_keyboard_keeps_focus_on_the_choice_and_announces_the_new_card(page):
    page.goto("/scenario/?kommune=1106")
    page.evaluate("() => { window.__statusNode = document.getElementById('card-status'); }")
    card_before = page.inner_text("#scenario-card")

    # A statement: Tab into its radio group, move the answer with the arrow key.
    _tab_to(page, "#choices input[type=radio]")
    first = page.evaluate(ACTIVE)
    page.keyboard.press("ArrowRight")
    status = _wait_for_new_status(page, "")
    assert "Scenariokortet er oppdatert" in status
    focused = page.evaluate(ACTIVE)
    assert focused["tag"] == "input" and focused["name"] == first["name"] and focused["checked"]
    assert focused["value"] != first["value"], "the arrow key moved the answer to the next option"

    # A path choice: Tab on to a checkbox and tick it with the space bar.
    _tab_to(page, "#choices input[type=checkbox]")
    path_choice = page.evaluate(ACTIVE)
    page.keyboard.press("Space")
    second_status = _wait_for_new_status(page, status)
    assert "Scenariokortet er oppdatert" in second_status
    focused = page.evaluate(ACTIVE)
    assert focused["type"] == "checkbox" and focused["name"] == path_choice["name"]
    assert focused["value"] == path_choice["value"] and focused["checked"]

    assert page.inner_text("#scenario-card") != card_before, "the card shows the new choices"
    assert page.evaluate("() => window.__statusNode === document.getElementById('card-status')"), (
        "the status region is the same node, so screen readers keep listening to it")
