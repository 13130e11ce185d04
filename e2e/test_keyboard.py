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


def test_a_role_is_added_in_the_model_builder_by_keyboard_and_focus_lands_on_the_saved_message(page, login):
    login(page)
    page.goto("/modeller/1/bygg/")
    roles_before = page.locator("#builder-main li").count()

    _tab_to(page, "#role-actor")
    page.keyboard.press("ArrowDown")  # the first actor
    page.keyboard.press("Tab")
    page.keyboard.press("End")  # the last kind of role
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "role-function"
    page.keyboard.press("End")  # the last function
    _tab_to(page, "#role button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_function(
        "() => (document.querySelector('#builder-main .status-line') || {}).textContent?.includes('Lagt til')")
    # HTMX settles the new content a moment after the swap; focus is moved then.
    page.wait_for_function("() => document.activeElement !== document.body")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className, text: document.activeElement.textContent.trim().slice(0, 80),"
        " role: document.activeElement.getAttribute('role')})")
    assert focused["cls"] == "status-line" and focused["role"] == "status", (
        f"focus lands on the saved message, not the page body: {focused}")
    assert focused["text"].startswith("Lagt til:")
    assert page.locator("#builder-main li").count() > roles_before, "the new role is listed"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement !== document.body"), "Tab continues from the message"
