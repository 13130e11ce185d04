"""The participant's phone in real browsers: by keyboard, by quick thumbs, at 320 CSS px.

A facilitator creates a workshop with every kind of activity; phones join with the code and
answer. Keyboard journeys use the keyboard only and check where focus is after every swap, what
the live regions say, and how errors are tied to their fields.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import CUT_OFF_TEXT, csrf_token

LIVE_TIMEOUT = 20_000
STATEMENTS = [f"Påstand nummer {n} om nabolaget" for n in range(1, 9)]
AGREE = {s for n, s in enumerate(STATEMENTS) if n % 2 == 0}

ACTIVITIES = (
    ("choice", "Hva er viktigst i 2040?", "Skole\nHelse\nKultur", ""),
    ("ranking", "Ranger tiltakene", "Buss\nSykkel\nGange", ""),
    ("statements", "Hva mener du?", "", "\n".join(STATEMENTS)),
    ("wordcloud", "Ett ord om byen", "", ""),
    ("open", "Hva trenger nabolaget?", "", ""),
    ("qa", "Hva lurer du på?", "", ""),
    ("scale", "Hvor trygg er du?", "", ""),
    ("points", "Fordel poengene", "Eldre\nBarn", ""),
    ("ideas", "Din beste idé", "", ""),
)

# Where each activity kind is answered by keyboard on a phone: the kinds of ACTIVITIES in the
# journey below, and the two kinds with their own tests. A new kind needs a keyboard journey here.
KEYBOARD_JOURNEYS = {
    **{
        kind: "e2e.test_phone:test_join_and_answer_every_kind_by_keyboard"
        for kind, *_ in ACTIVITIES
    },
    "map": "e2e.test_map:test_pins_dropped_by_touch_and_by_keyboard_appear_on_the_projector",
    "photo": "e2e.test_photos:test_a_phone_photo_is_refused_plainly_then_approved_and_projected",
}

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def create_workshop(page: Any, title: str) -> tuple[int, str]:
    page.goto("/verksted/nytt/")
    page.fill("#id_title", title)
    page.fill("#id_municipality_code", "1106")
    page.get_by_role("button", name="Lag verkstedet").click()
    workshop_id = int(re.search(r"/verksted/(\d+)/", page.url).group(1))
    for kind, prompt, options, statements in ACTIVITIES:
        page.select_option("#id_kind", kind)
        page.fill("#id_prompt", prompt)
        page.fill("#id_options", options)
        page.fill("#id_statements", statements)
        page.get_by_role("button", name="Legg til aktiviteten").click()
    page.get_by_role("button", name="Åpne verkstedet").click()
    code = page.locator(".big-code").first.inner_text().strip()
    return workshop_id, code


def step(page: Any, workshop_id: int) -> None:
    """The facilitator shows the next activity (as the remote's «Neste» does)."""
    response = page.request.post(
        f"/verksted/{workshop_id}/vis/",
        form={"direction": "1", "csrfmiddlewaretoken": csrf_token(page)},
        headers={"Referer": page.url},
    )
    assert response.ok


def active(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => { const el = document.activeElement; return {
             tag: el.tagName, id: el.id, text: (el.textContent || '').trim(),
             invalid: el.getAttribute('aria-invalid') || '',
             describedby: el.getAttribute('aria-describedby') || '', value: el.value || '' }; }"""
    )


def text_of_ids(page: Any, ids: str) -> str:
    return page.evaluate(
        "(ids) => ids.split(/\\s+/).map(i => document.getElementById(i)?.textContent || '')"
        ".join(' ')",
        ids,
    )


def wait_for_prompt(phone: Any, prompt: str) -> None:
    expect(phone.locator("#prompt")).to_have_text(prompt, timeout=LIVE_TIMEOUT)


def new_phone(browser: Any, app_url: str, width: int = 360) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": 740}, base_url=app_url, locale="nb-NO"
    )
    phone = context.new_page()
    phone.set_default_timeout(LIVE_TIMEOUT)
    return phone


@pytest.fixture
def facilitator(page: Any, login: Callable[[Any], None]) -> Any:
    login(page)
    return page


@pytest.fixture
def phones(browser: Any, app_url: str) -> Iterator[list[Any]]:
    made = [new_phone(browser, app_url) for _ in range(8)]
    yield made
    for phone in made:
        phone.context.close()


def test_every_activity_kind_has_a_keyboard_journey() -> None:
    from samfunnslab.workshops.models import ActivityKind

    assert set(KEYBOARD_JOURNEYS) == set(ActivityKind.values)
    for target in set(KEYBOARD_JOURNEYS.values()):
        module, name = target.split(":")
        assert callable(getattr(importlib.import_module(module), name, None)), target


def test_join_and_answer_every_kind_by_keyboard(
    facilitator: Any,
    browser: Any,
    app_url: str,
    assert_no_axe_violations: Callable[[Any], None],
    screenshot: Callable[[Any, str], Any],
) -> None:
    workshop_id, code = create_workshop(facilitator, "Tastaturverksted")
    phone = new_phone(browser, app_url)

    # A wrong code: focus goes back to the field, which is invalid and points to the error.
    phone.goto("/delta/")
    phone.locator("input[name=code]").focus()
    phone.keyboard.type("ZZZZZZ")
    phone.keyboard.press("Enter")
    expect(phone.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    focused = active(phone)
    assert focused["id"] == "id_code" and focused["invalid"] == "true"
    assert "Vi finner ikke" in text_of_ids(phone, focused["describedby"])
    assert_no_axe_violations(phone)

    # The right code and Enter: straight to the first question (one step).
    phone.keyboard.press("Control+a")
    phone.keyboard.type(code.lower())
    phone.keyboard.press("Enter")
    wait_for_prompt(phone, "Hva er viktigst i 2040?")
    assert phone.locator("h1").count() == 1
    expect(phone.get_by_text("Du ser hva alle svarte når du har svart selv.")).to_be_visible()

    # Choice: arrows pick, Enter sends; the button now says «Endre svaret», results appear.
    phone.locator("input[name=choice]").first.focus()
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("Enter")
    expect(phone.locator("#announcer")).to_contain_text("Takk! Svaret ditt er lagret.")
    expect(phone.get_by_role("button", name="Endre svaret")).to_be_visible()
    expect(phone.get_by_role("heading", name="Slik svarte alle")).to_be_visible()
    pause = phone.get_by_role("button", name="Stopp oppdateringen")
    pause.focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("button", name="Oppdater igjen")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_no_axe_violations(phone)
    screenshot(phone, "phone-choice-answered")

    # The facilitator moves on while focus is in the activity: focus goes to the new heading,
    # the old «Takk!» is gone, and the new task is announced.
    phone.get_by_role("button", name="Endre svaret").focus()
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Ranger tiltakene")
    expect(phone.locator("#announcer")).to_have_text("Ny oppgave: Ranger tiltakene")
    assert active(phone)["id"] == "prompt"

    # Ranking: nothing pre-filled; a clash is named and tied to the two rows.
    selects = phone.locator(".rank-row select")
    assert [selects.nth(i).input_value() for i in range(3)] == ["", "", ""]
    selects.nth(0).select_option("1")
    selects.nth(1).select_option("1")
    selects.nth(2).select_option("2")
    phone.get_by_role("button", name="Send svar").focus()
    phone.keyboard.press("Enter")
    focused = active(phone)
    assert focused["invalid"] == "true"
    message = text_of_ids(phone, focused["describedby"])
    assert "har begge plass 1" in message
    labels = [
        phone.locator(f"label[for='{selects.nth(i).get_attribute('id')}']").inner_text()
        for i in range(2)
    ]
    assert all(f"«{label}»" in message for label in labels)
    assert selects.nth(2).get_attribute("aria-invalid") is None
    selects.nth(1).select_option("3")
    phone.get_by_role("button", name="Send svar").focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#announcer")).to_contain_text("Takk!")
    expect(phone.locator("#alerts")).to_have_text("")
    assert phone.locator("[aria-invalid]").count() == 0
    screenshot(phone, "phone-ranking")

    # Statements: one card; Enter on «Enig» brings the next card, focus on its statement.
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Hva mener du?")
    first = phone.locator("[data-card]:not([hidden]) h2").inner_text()
    assert phone.locator("[data-card]:not([hidden])").count() == 1
    assert "Enig:" not in phone.locator("#activity-region").inner_text()  # tallies hidden
    phone.locator("[data-card]:not([hidden]) button", has_text="Enig").first.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("[data-card]:not([hidden]) h2")).not_to_have_text(first)
    focused = active(phone)
    assert focused["tag"] == "H2" and focused["text"] in STATEMENTS and focused["text"] != first
    expect(phone.locator(".voted")).to_contain_text("Du er enig")
    assert_no_axe_violations(phone)
    screenshot(phone, "phone-statement-card")

    # Word cloud: «Du kan sende 3 svar til» counts down; a refused word is kept and explained.
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Ett ord om byen")
    expect(phone.locator("#word-help")).to_have_text("Du kan sende 3 svar til.")
    phone.locator("#word").focus()
    phone.keyboard.type("Havet")
    phone.keyboard.press("Enter")
    expect(phone.locator("#word-help")).to_have_text("Du kan sende 2 svar til.")
    assert active(phone)["id"] == "word", "focus stays in the field for the next word"
    expect(phone.locator("#word")).to_have_value("")
    phone.keyboard.type("og det")
    phone.keyboard.press("Enter")
    expect(phone.locator("#word")).to_have_attribute("aria-invalid", "true")
    focused = active(phone)
    assert focused["id"] == "word" and focused["value"] == "og det"  # what was typed is kept
    assert "småord" in text_of_ids(phone, focused["describedby"])
    expect(phone.locator("#announcer")).to_have_text("")  # no «Takk!» beside the error

    # Open input: a live character counter instead of silent truncation.
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Hva trenger nabolaget?")
    phone.locator("#text").focus()
    phone.keyboard.insert_text("x" * 510)
    expect(phone.locator("#text-count")).to_have_text("For lang: 510 av 500 tegn. Ta bort 10 tegn.")
    assert phone.locator("#text").input_value() == "x" * 510
    phone.keyboard.press("Control+a")
    phone.keyboard.type("Flere benker langs gangveien")
    expect(phone.locator("#text-count")).to_have_text("28 av 500 tegn")
    phone.get_by_role("button", name="Send", exact=True).focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#announcer")).to_contain_text("Takk!")
    focused = active(phone)
    assert (focused["tag"], focused["text"]) == ("BUTTON", "Send"), focused

    # Q&A: each upvote button is named after its question.
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Hva lurer du på?")
    phone.locator("#text").focus()
    phone.keyboard.type("Når kommer ny skole?")
    phone.get_by_role("button", name="Send spørsmålet").focus()
    phone.keyboard.press("Enter")
    upvote = phone.get_by_role(
        "button", name=re.compile(r"^Jeg vil også vite ?: «Når kommer ny skole\?» \(0 stemmer\)$")
    )
    expect(upvote).to_be_visible()
    upvote.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#announcer")).to_contain_text("Du har gitt spørsmålet en stemme")
    focused = active(phone)
    assert focused["tag"] == "BUTTON" and "«Når kommer ny skole?»" in focused["text"], focused
    assert_no_axe_violations(phone)

    # Scale, points and ideas by keyboard. After each answer focus stays where the person pressed.
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Hvor trygg er du?")
    phone.locator("input[name=value]").first.focus()
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("button", name="Endre svaret")).to_be_visible()
    focused = active(phone)
    assert (focused["tag"], focused["value"]) == ("INPUT", "2"), "focus stays on the chosen value"
    # A new activity while focus is outside it: focus stays, the live region tells.
    phone.locator(".participant-footer a").last.focus()
    outside = active(phone)
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Fordel poengene")
    expect(phone.locator("#announcer")).to_have_text("Ny oppgave: Fordel poengene")
    assert active(phone) == outside
    phone.locator("#points-0").focus()
    phone.keyboard.press("Control+a")
    phone.keyboard.type("70")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Control+a")
    phone.keyboard.type("60")
    phone.keyboard.press("Enter")
    expect(phone.locator("#points-0")).to_have_attribute("aria-invalid", "true")
    focused = active(phone)
    assert focused["invalid"] == "true" and "summen 130" in text_of_ids(
        phone, focused["describedby"]
    )
    expect(phone.locator("#announcer")).to_have_text("")
    phone.locator("#points-1").focus()
    phone.keyboard.press("Control+a")
    phone.keyboard.type("30")
    phone.keyboard.press("Enter")
    expect(phone.locator("#announcer")).to_contain_text("Takk!")
    assert phone.locator("[data-form-error]").count() == 0
    assert active(phone)["id"] == "points-1"
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Din beste idé")
    phone.locator("#text").focus()
    phone.keyboard.type("Felles verksted")
    phone.get_by_role("button", name="Sett idékortet på tavla").focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".idea-board")).to_contain_text("Felles verksted")
    focused = active(phone)
    assert (focused["tag"], focused["text"]) == ("BUTTON", "Sett idékortet på tavla"), focused

    # A map added while the phone is open: the page came without Leaflet (the workshop had no
    # map then), and the map's files come with the map.
    assert phone.locator("script[src*=leaflet]").count() == 0
    facilitator.select_option("#id_kind", "map")
    facilitator.fill("#id_prompt", "Hvor møtes dere?")
    facilitator.fill("#id_options", "møteplass")
    facilitator.get_by_role("button", name="Legg til aktiviteten").click()
    step(facilitator, workshop_id)
    wait_for_prompt(phone, "Hvor møtes dere?")
    expect(phone.locator(".pin-map[data-pick] .leaflet-overlay-pane path")).to_have_count(1)

    phone.context.close()


def test_eight_phones_tap_through_statements_quickly_without_a_single_mis_vote(
    facilitator: Any, phones: list[Any], screenshot: Callable[[Any, str], Any]
) -> None:
    workshop_id, code = create_workshop(facilitator, "Påstandsverksted")
    step(facilitator, workshop_id)
    step(facilitator, workshop_id)
    for phone in phones:
        phone.goto(f"/d/{code}/")
        phone.get_by_role("button", name="Bli med").click()
        wait_for_prompt(phone, "Hva mener du?")
    for _round in range(len(STATEMENTS)):
        for phone in phones:
            card = phone.locator("[data-card]:not([hidden])")
            text = card.locator("h2").inner_text()
            card.get_by_role(
                "button", name="Enig" if text in AGREE else "Uenig", exact=True
            ).click()
    screenshot(phones[0], "phone-statements-done")
    for phone in phones:
        expect(phone.get_by_text("Du har tatt stilling til alle påstandene")).to_be_visible()
    for phone in phones:
        phone.reload()
        voted = phone.locator(".voted li")
        expect(voted).to_have_count(len(STATEMENTS))
        for i in range(len(STATEMENTS)):
            item = voted.nth(i)
            text = item.locator(".statement-text").inner_text()
            expected = "Du er enig" if text in AGREE else "Du er uenig"
            expect(item).to_contain_text(expected)
    first_orders = {
        phone.locator(".voted li .statement-text").first.inner_text() for phone in phones
    }
    assert first_orders  # each phone's cards came in its own drawn order


@pytest.mark.parametrize("spacing", [False, True], ids=["plain", "text-spacing"])
def test_participant_pages_do_not_scroll_sideways_at_320_px(
    facilitator: Any,
    browser: Any,
    app_url: str,
    spacing: bool,
    assert_no_axe_violations: Callable[[Any], None],
) -> None:
    workshop_id, code = create_workshop(facilitator, f"Smal skjerm {spacing}")
    phone = new_phone(browser, app_url, width=320)

    def fits(where: str) -> None:
        if spacing:
            phone.add_style_tag(content=TEXT_SPACING)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{where} is {width} px wide"

    phone.goto("/delta/")
    fits("the join page")
    phone.goto(f"/d/{code}/")
    for language in ("nn", "en", "nb"):  # the header's language buttons, in each interface
        phone.context.add_cookies([{"name": "django_language", "value": language, "url": app_url}])
        phone.reload()
        fits(f"the welcome page in {language}")
        assert phone.evaluate(CUT_OFF_TEXT) == [], f"text cut off in {language}"
    phone.get_by_role("button", name="Bli med").click()
    for kind, prompt, _options, _statements in ACTIVITIES:
        wait_for_prompt(phone, prompt)
        fits(prompt)
        if kind == "ideas":  # the board of idea cards is a grid: it must fold to one column
            for idea in (
                "Felles verksted for alle generasjoner",
                "Nabolagsdugnadskoordineringstjenesten",
            ):
                phone.fill("#text", idea)
                phone.get_by_role("button", name="Sett idékortet på tavla").click()
                expect(phone.locator(".idea-board")).to_contain_text(idea)
            fits("the idea board")
        if not spacing:
            assert_no_axe_violations(phone)
        step(facilitator, workshop_id)
        phone.reload()
    phone.goto(f"/d/{code}/om-meg/")
    fits("the self-description")
    phone.context.close()


def test_with_reduced_motion_results_wait_until_the_person_asks(
    facilitator: Any, browser: Any, app_url: str
) -> None:
    _workshop_id, code = create_workshop(facilitator, "Rolig skjerm")
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        base_url=app_url,
        locale="nb-NO",
        reduced_motion="reduce",
    )
    phone = context.new_page()
    phone.goto(f"/d/{code}/")
    phone.get_by_role("button", name="Bli med").click()
    wait_for_prompt(phone, "Hva er viktigst i 2040?")
    phone.get_by_text("Helse").click()
    phone.get_by_role("button", name="Send svar").click()
    expect(phone.get_by_role("heading", name="Slik svarte alle")).to_be_visible()
    resume = phone.get_by_role("button", name="Oppdater igjen")
    expect(resume).to_have_attribute("aria-pressed", "true")
    expect(phone.get_by_text("Resultatene oppdateres ikke nå.")).to_be_visible()
    resume.click()
    expect(phone.get_by_role("button", name="Stopp oppdateringen")).to_have_attribute(
        "aria-pressed", "false"
    )
    context.close()
