"""Keyboard-only journeys outside the workshop room: focus after every swap and the announced status."""

from __future__ import annotations

from typing import Any

from e2e.conftest import wait_until

ACTIVE = """() => { const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '', value: el.value || '',
          checked: !!el.checked}; }"""


def _tab_to(page: Any, selector: str, *, limit: int = 80, back: bool = False) -> None:
    """Press Tab (Shift+Tab if `back`) until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _wait_for_new_status(page: Any, previous: str) -> str:
    wait_until(
        page,
        "(prev) => { const s = document.getElementById('card-status');"
        " return s && s.textContent.trim() && s.textContent.trim() !== prev; }",
        previous,
        what="a new scenario status",
    )
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
        "the status region is the same node, so screen readers keep listening to it"
    )


BUILDER_STATUS = "() => document.getElementById('builder-status').textContent.trim()"
FOCUSED = """() => { const el = document.activeElement;
  return {id: el.id, text: el.textContent.trim().slice(0, 80), form: el.form ? el.form.id : '',
          type: el.type || '', action: el.form ? el.form.getAttribute('action') : ''}; }"""


# Whether a field is marked invalid and the text of what its aria-describedby points to.
TIED = """(id) => { const el = document.getElementById(id);
  const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
  return {invalid: el.getAttribute('aria-invalid'),
          describedBy: ids.map((x) => document.getElementById(x).innerText).join(' ').trim()}; }"""


def _submit_and_wait_for_status(page: Any, expected: str) -> dict[str, str]:
    """Press Enter on the focused control; wait for the builder's status; return what has focus."""
    page.evaluate("() => { document.getElementById('builder-status').textContent = ''; }")
    page.keyboard.press("Enter")
    wait_until(
        page,
        f"(expected) => ({BUILDER_STATUS})().startsWith(expected)",
        expected,
        what="the builder's status",
    )
    # HTMX settles the new content a moment after the swap; focus is placed then.
    wait_until(
        page, "() => document.activeElement !== document.body", what="focus placed after the swap"
    )
    return dict(page.evaluate(FOCUSED))


def test_the_model_builder_by_keyboard_keeps_focus_in_place_and_announces_each_save(page, login):
    login(page)
    page.goto("/modeller/1/bygg/")
    page.evaluate("() => { window.__status = document.getElementById('builder-status'); }")
    roles_before = page.locator("#builder-main li").count()

    # Add a role: choose in the selects with the arrow keys, send with Enter on the button.
    _tab_to(page, "#role-actor")
    page.keyboard.press("ArrowDown")  # the first actor
    page.keyboard.press("Tab")
    page.keyboard.press("End")  # the last kind of role
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "role-function"
    page.keyboard.press("End")  # the last function
    _tab_to(page, "#role button[type=submit]")
    focused = _submit_and_wait_for_status(page, "Lagt til:")
    assert focused["form"] == "role" and focused["type"] == "submit", (
        f"focus stays on «Legg til rolle» in the new content, not the page body: {focused}"
    )
    assert page.locator("#builder-main li").count() > roles_before, "the new role is listed"
    assert page.evaluate("() => window.__status === document.getElementById('builder-status')"), (
        "the status region is the same node after the swap (a persistent live region)"
    )
    assert page.evaluate("() => !document.getElementById('builder-main').contains(window.__status)")
    assert page.get_attribute("#builder-status", "role") == "status"

    # A refused save (an actor without a name): the refusal is said, shown in the form and tied
    # to the field it is about (aria-invalid, aria-describedby), and focus goes to that field.
    _tab_to(page, "#actor button[type=submit]", back=True)
    focused = _submit_and_wait_for_status(page, "Ikke lagret:")
    assert focused["id"] == "actor-label", f"focus goes to the name the refusal is about: {focused}"
    assert "Navn" in page.evaluate(BUILDER_STATUS)
    assert page.locator("#actor [role=alert]").count() == 1, "the form shows the refusal too"
    refusal = page.inner_text("#actor [role=alert]")
    assert page.evaluate(TIED, "actor-label") == {"invalid": "true", "describedBy": refusal}
    assert page.evaluate(TIED, "actor-sector")["invalid"] is None, (
        "only the field the refusal names"
    )
    # Typed right, the save goes through and the field is no longer marked.
    page.keyboard.type("Naboer i Skåredalen")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # a sector
    _tab_to(page, "#actor button[type=submit]")
    focused = _submit_and_wait_for_status(page, "Lagt til:")
    assert focused["form"] == "actor" and focused["type"] == "submit", focused
    assert page.evaluate(TIED, "actor-label") == {"invalid": None, "describedBy": ""}

    # Save the parameters: focus stays on the save button, the news is said.
    _tab_to(page, "#parametere button[type=submit]", limit=200)
    focused = _submit_and_wait_for_status(page, "Parameterne er lagret")
    assert focused["text"] == "Lagre og regn ut tallene", focused
    assert page.evaluate("() => window.__status === document.getElementById('builder-status')")
    # Remove the new role: its button is gone, so focus goes to the list's heading.
    remove_role = page.evaluate(
        "() => [...document.querySelectorAll('form[action*=\"/bygg/role/\"]')].pop().getAttribute('action')"
    )
    _tab_to(page, f"form[action='{remove_role}'] button", limit=200)
    focused = _submit_and_wait_for_status(page, "Fjernet.")
    assert focused["id"] == "parts-heading" and focused["text"] == "Alt i modellen", focused
    assert page.locator(f"form[action='{remove_role}']").count() == 0
    # Remove the actor again (the demo model is shared by the other tests).
    remove_actor = page.evaluate(
        "() => [...document.querySelectorAll('#builder-main li form')].find((form) =>"
        " form.closest('li').textContent.includes('Naboer i Skåredalen')).getAttribute('action')"
    )
    _tab_to(page, f"form[action='{remove_actor}'] button", limit=200)
    focused = _submit_and_wait_for_status(page, "Fjernet.")
    assert focused["id"] == "parts-heading", focused
    assert page.locator("#builder-main li").count() == roles_before

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement !== document.body"), "Tab goes on from there"
