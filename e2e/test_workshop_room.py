"""The workshop in a real room: the projector at three sizes, the cockpit and the phone remote.

A room full of people joins from the projector's QR code, so the QR code is decoded from a
screenshot with zbar (`zbarimg`, installed by scripts/install-browser.sh). The projector must show
the newest of many contributions, never a raw code, and must be pausable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import RAW_CODES, csrf_token, decode_qr, open_phones, wait_until

LIVE_TIMEOUT = 20_000
PROJECTORS = [(1024, 768), (1280, 720), (1920, 1080)]


def new_workshop(page: Any, title: str, activities: list[tuple[str, ...]]) -> tuple[int, str]:
    """Create a workshop with these (kind, prompt, options[, statements]) activities, open it;
    return id, code."""
    page.goto("/verksted/nytt/")
    page.fill("#id_title", title)
    page.fill("#id_municipality_code", "1106")
    page.get_by_role("button", name="Lag verkstedet").click()
    workshop_id = int(re.search(r"/verksted/(\d+)/", page.url).group(1))
    for kind, prompt, options, *statements in activities:
        page.select_option("#id_kind", kind)
        page.fill("#id_prompt", prompt)
        page.fill("#id_options", options)
        page.fill("#id_statements", "\n".join(statements))
        page.get_by_role("button", name="Legg til aktiviteten").click()
    page.get_by_role("button", name="Åpne verkstedet").click()
    code = page.locator(".join-panel .big-code").inner_text().strip()
    return workshop_id, code


def paper_answer(page: Any, workshop_id: int, activity_id: int, text: str, key: str) -> None:
    """Enter a contribution from paper through the console's form handler (as a facilitator)."""
    response = page.request.post(
        f"/verksted/{workshop_id}/papirsvar/",
        form={"activity": str(activity_id), "text": text, "key": key},
        headers={"X-CSRFToken": csrf_token(page), "Referer": page.url},
        max_redirects=0,
    )
    assert response.status in (200, 302), response.status


def show(page: Any, workshop_id: int, activity_id: int) -> None:
    """Put this activity on every screen (as the cockpit's «Vis» does)."""
    page.request.post(
        f"/verksted/{workshop_id}/vis/",
        form={"activity": str(activity_id)},
        headers={"X-CSRFToken": csrf_token(page)},
    )


def state(page: Any, workshop_id: int) -> dict[str, Any]:
    return page.request.get(f"/verksted/{workshop_id}/tilstand.json").json()


def from_the_back(png: Path) -> list[str]:
    """Decode the QR code as a phone at the back of the room sees the screen: at a quarter size."""
    from PIL import Image

    with Image.open(png) as picture:
        small = picture.resize((picture.width // 4, picture.height // 4), Image.Resampling.LANCZOS)
    quarter = png.with_name(f"{png.stem}-quarter.png")
    small.save(quarter)
    return decode_qr(quarter)


def projector(browser: Any, app_url: str, size: tuple[int, int], **options: Any) -> Any:
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, base_url=app_url, locale="nb-NO", **options
    )
    return context


def test_the_projector_qr_code_decodes_to_the_join_address_at_every_projector_size(
    page: Any,
    browser: Any,
    app_url: str,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
    tmp_path: Path,
) -> None:
    login(page)
    workshop_id, code = new_workshop(page, "E2E-skjerm-QR", [("wordcloud", "Ett ord om byen", "")])
    join_address = f"{app_url}/d/{code}/"
    cookies = page.context.cookies()
    for width, height in PROJECTORS:
        context = projector(browser, app_url, (width, height))
        context.add_cookies(cookies)
        screen = context.new_page()
        # the join splash before the first activity
        page.request.post(
            f"/verksted/{workshop_id}/skjerm/",
            form={"action": "splash"},
            headers={"X-CSRFToken": csrf_token(page)},
        )
        screen.goto(f"/verksted/{workshop_id}/presenter/")
        expect(screen.locator(".splash-code")).to_have_text(code)
        expect(screen.locator(".site-header, .language-form")).to_have_count(0)
        shot = tmp_path / f"splash-{width}.png"
        screen.screenshot(path=str(shot))
        assert decode_qr(shot) == [join_address], f"splash QR at {width}×{height}"
        assert from_the_back(shot) == [join_address], f"splash QR from the back at {width}"
        assert screen.evaluate("document.documentElement.scrollWidth") <= width
        assert screen.evaluate("document.documentElement.scrollHeight") <= height
        # an activity on screen: the join line keeps a QR code that still decodes
        activity_id = state(page, workshop_id)["workshop"]["activities"][0]["id"]
        show(page, workshop_id, activity_id)
        expect(screen.locator(".presenter-prompt")).to_have_text(
            "Ett ord om byen", timeout=LIVE_TIMEOUT
        )
        expect(screen.locator(".join-line-code")).to_have_text(code)
        shot = tmp_path / f"activity-{width}.png"
        screen.screenshot(path=str(shot))
        assert decode_qr(shot) == [join_address], f"join-line QR at {width}×{height}"
        assert from_the_back(shot) == [join_address], f"join-line QR from the back at {width}"
        assert screen.evaluate("document.documentElement.scrollHeight") <= height
        if width == 1280:
            assert_no_axe_violations(screen)
            screen.screenshot(path=str(Path("e2e/screenshots") / "projector-activity-1280.png"))
        context.close()


def test_the_newest_of_forty_contributions_is_on_the_1280_projector_and_no_raw_code_shows(
    page: Any, browser: Any, app_url: str, login: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, _code = new_workshop(
        page, "E2E-skjerm-40", [("open", "Hva trenger nabolaget ditt i 2040?", "")]
    )
    activity_id = state(page, workshop_id)["workshop"]["activities"][0]["id"]
    for n in range(1, 40):
        paper_answer(page, workshop_id, activity_id, f"Innspill nummer {n} om en bedre by", f"k{n}")
    context = projector(browser, app_url, (1280, 720))
    context.add_cookies(page.context.cookies())
    screen = context.new_page()
    screen.goto(f"/verksted/{workshop_id}/presenter/")
    expect(screen.get_by_text("Innspill nummer 39 om en bedre by")).to_be_visible()
    paper_answer(page, workshop_id, activity_id, "Det nyeste innspillet: forslag om en park", "k40")
    newest = screen.get_by_text("Det nyeste innspillet: forslag om en park")
    expect(newest).to_be_visible(timeout=LIVE_TIMEOUT)
    # Position and page label read in one look: the projector pages on by itself, and on a busy
    # machine two separate reads can straddle a page turn.
    on_first_page = wait_until(
        screen,
        """(text) => {
        const item = [...document.querySelectorAll('main *')].find(
            (el) => el.children.length === 0 && el.textContent.includes(text));
        const label = document.querySelector('[data-page-label]');
        if (!item || !label || !item.offsetParent) return null;
        const box = item.getBoundingClientRect();
        return {bottom: box.bottom, label: label.textContent};
    }""",
        "Det nyeste innspillet: forslag om en park",
        timeout=LIVE_TIMEOUT,
        what="the newest on screen",
    )
    assert on_first_page["bottom"] <= 720
    assert "Side 1 av" in on_first_page["label"]
    screen.screenshot(path="e2e/screenshots/projector-40-1280.png")
    assert screen.evaluate("document.documentElement.scrollHeight") <= 720
    assert not RAW_CODES.search(screen.locator("body").inner_text())
    for path in (f"/verksted/{workshop_id}/", f"/verksted/{workshop_id}/fjernkontroll/"):
        page.goto(path)
        assert not RAW_CODES.search(page.locator("main").inner_text()), path
    context.close()


PAGE_MS = 8_000  # projector.js PAGE_SECONDS
NO_TRANSITIONS = """() => [...document.querySelectorAll('.projector *')].every((el) =>
  getComputedStyle(el).transitionDuration.split(',').every((d) => parseFloat(d) === 0))"""


def test_with_reduced_motion_the_projector_turns_pages_only_when_the_facilitator_asks(
    page: Any, browser: Any, app_url: str, login: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, _code = new_workshop(
        page, "E2E-skjerm-rolig", [("open", "Hva trenger nabolaget ditt i 2040?", "")]
    )
    activity_id = state(page, workshop_id)["workshop"]["activities"][0]["id"]
    for n in range(1, 31):
        paper_answer(page, workshop_id, activity_id, f"Innspill nummer {n}: flere benker", f"r{n}")
    screens = {}
    for motion in ("no-preference", "reduce"):
        context = projector(browser, app_url, (1280, 720), reduced_motion=motion)
        context.add_cookies(page.context.cookies())
        screen = context.new_page()
        screen.clock.install(time=datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
        screen.clock.pause_at(datetime(2026, 12, 7, 12, 0, 1, tzinfo=UTC))  # time moves when told
        screen.goto(f"/verksted/{workshop_id}/presenter/")
        expect(screen.locator("[data-page-label]")).to_contain_text("Side 1 av")
        screens[motion] = screen
    for screen in screens.values():
        screen.clock.run_for(PAGE_MS + 500)
    expect(screens["no-preference"].locator("[data-page-label]")).to_contain_text("Side 2 av")
    calm = screens["reduce"]
    label = calm.locator("[data-page-label]")
    expect(label).to_contain_text("Side 1 av")  # the page stays until the facilitator turns it
    assert calm.get_by_text("Innspill nummer 30: flere benker").is_visible()  # newest first
    assert calm.evaluate(NO_TRANSITIONS), "transitions are off with reduced motion"
    calm.get_by_role("button", name="Neste side").click()
    expect(label).to_contain_text("Side 2 av")
    assert not calm.get_by_text("Innspill nummer 30: flere benker").is_visible()
    calm.clock.run_for(3 * PAGE_MS)
    expect(label).to_contain_text("Side 2 av")
    calm.keyboard.press("PageUp")  # a presentation clicker
    expect(label).to_contain_text("Side 1 av")
    for screen in screens.values():
        screen.context.close()


def test_a_paused_projector_holds_its_results_until_resumed(
    page: Any, browser: Any, app_url: str, login: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, _code = new_workshop(page, "E2E-skjerm-pause", [("qa", "Spør oss om planen", "")])
    activity_id = state(page, workshop_id)["workshop"]["activities"][0]["id"]
    context = projector(browser, app_url, (1280, 720))
    context.add_cookies(page.context.cookies())
    screen = context.new_page()
    screen.goto(f"/verksted/{workshop_id}/presenter/")
    pause = screen.get_by_role("button", name="Pause oppdatering")
    pause.click()
    expect(screen.get_by_role("button", name="Fortsett oppdatering")).to_have_attribute(
        "aria-pressed", "true"
    )
    paper_answer(page, workshop_id, activity_id, "Når bygges den nye skolen?", "q1")
    screen.wait_for_timeout(6000)  # several live events and a count refresh have come and gone
    expect(screen.get_by_text("Når bygges den nye skolen?")).to_have_count(0)
    screen.get_by_role("button", name="Fortsett oppdatering").click()
    expect(screen.get_by_text("Når bygges den nye skolen?")).to_be_visible(timeout=LIVE_TIMEOUT)
    context.close()


TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


@pytest.mark.parametrize("spacing", [False, True], ids=["plain", "text-spacing"])
def test_projector_cockpit_and_remote_reflow_at_320_px_with_idea_cards_on_screen(
    browser: Any, app_url: str, page: Any, login: Callable[[Any], None], spacing: bool
) -> None:
    login(page)
    page.goto("/verksted/")
    page.get_by_role("link", name="Demoverksted: Haugesund 2040").click()
    workshop_url = page.url
    # The idea cards activity on screen, with cards from a phone (the boards are grids); what was
    # on screen is put back at the end, for the tests that follow.
    before = page.inner_text("#current-heading").split(":", 1)[-1].strip()
    show = page.locator("form[action$='/vis/']").filter(
        has=page.locator("button", has_text="Skriv en idé til et nytt")
    )
    if show.count():
        show.locator("button").click()
        page.wait_for_selector("#current-heading:has-text('Skriv en idé til et nytt')")
    phone_context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=app_url)
    phone = phone_context.new_page()
    phone.goto("/d/HAUKER/")
    phone.get_by_role("button", name="Bli med").click()
    phone.wait_for_selector("#prompt:has-text('Skriv en idé til et nytt')")
    phone.fill("#text", "Generasjonsverkstedet i Skåredalen")
    phone.get_by_role("button", name="Sett idékortet på tavla").click()
    expect(phone.locator(".idea-board")).to_contain_text("Generasjonsverkstedet")
    if spacing:
        phone.add_style_tag(content=TEXT_SPACING)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320, "the phone's idea board"
    phone_context.close()

    context = projector(browser, app_url, (320, 640))
    context.add_cookies(page.context.cookies())
    narrow = context.new_page()
    for path in ("presenter/", "", "fjernkontroll/"):
        narrow.goto(workshop_url + path)
        narrow.wait_for_load_state("networkidle")
        if path == "presenter/":
            expect(narrow.locator("main")).to_contain_text("Generasjonsverkstedet")
        if spacing:
            narrow.add_style_tag(content=TEXT_SPACING)
        width = narrow.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path or 'the cockpit'} is {width} px wide"
    context.close()
    back = page.locator("form[action$='/vis/']").filter(
        has=page.locator("button", has_text=before[:30])
    )
    if before and back.count():
        back.first.locator("button").click()
        page.wait_for_selector(f"#current-heading:has-text({before[:30]!r})")


def active_id(page: Any) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def press(page: Any, selector: str) -> None:
    """Focus a control and press Enter, as a keyboard user does."""
    page.locator(selector).focus()
    page.keyboard.press("Enter")


def test_the_cockpit_acts_without_reloading_and_keeps_keyboard_focus(
    page: Any,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
) -> None:
    login(page)
    workshop_id, _code = new_workshop(
        page,
        "E2E-cockpit",
        [
            ("choice", "Hva er viktigst?", "Skole\nHelse"),
            ("statements", "Hva mener du om sentrum?", ""),
            ("qa", "Spør oss", ""),
        ],
    )
    first, statements, qa = (a["id"] for a in state(page, workshop_id)["workshop"]["activities"])
    page.goto(f"/verksted/{workshop_id}/")
    page.evaluate("window.__sameDocument = true")

    press(page, f"#lock-{first}")
    expect(page.locator(f"#lock-{first}")).to_contain_text("Lås opp")
    assert active_id(page) == f"lock-{first}"
    expect(page.locator("#cockpit-status")).to_have_text("Aktiviteten er låst.")

    press(page, f"#show-{statements}")
    expect(page.locator("#current-heading")).to_contain_text("Hva mener du om sentrum?")
    assert active_id(page) == f"aktivitet-{statements}"
    expect(page.locator("#cockpit-status")).to_contain_text("Vises nå: Hva mener du om sentrum?")

    press(page, f"#move-up-{qa}")
    expect(page.locator(".activity-row").nth(1)).to_contain_text("Spør oss")
    assert active_id(page) == f"move-up-{qa}"

    # answers arrive while focus rests on a control: the live part changes, the focus stays
    page.locator(f"#lock-{first}").focus()
    paper_answer(page, workshop_id, statements, "Sentrum trenger flere benker", "s1")
    paper_answer(page, workshop_id, statements, "Bilene bør ut av sentrum", "s2")
    paper_answer(page, workshop_id, statements, "Torget må bli grønnere", "s3")
    expect(page.locator("[data-count=pending]")).to_have_text("3", timeout=LIVE_TIMEOUT)
    assert active_id(page) == f"lock-{first}"

    # the queue says why each item waits; approve one, then two at once
    held = page.locator("#queue-heading + form + ul > li")
    expect(held).to_have_count(3)
    expect(held.first).to_contain_text("aktiviteten modereres")
    approve = held.first.get_by_role("button", name=re.compile("^Godkjenn"))
    second_id = held.nth(1).get_by_role("button", name=re.compile("^Godkjenn")).get_attribute("id")
    approve.focus()
    page.keyboard.press("Enter")
    expect(held).to_have_count(2)
    assert active_id(page) == second_id  # on to the next item, not the page body
    page.get_by_label("Bilene bør ut av sentrum").check()
    page.get_by_label("Torget må bli grønnere").check()
    press(page, "#bulk-approve")
    expect(page.get_by_text("Ingenting venter.")).to_be_visible()
    expect(page.locator("#cockpit-status")).to_have_text("2 bidrag er godkjent.")
    assert active_id(page) == "queue-heading"

    # highlight one on the projector, from the current activity's list
    press(page, "#current-heading ~ ul button[id^=highlight-] >> nth=0")
    expect(page.locator(".is-highlighted")).to_have_count(1)

    # switch activity by keyboard, then answers arrive for it: focus stays on the new heading and
    # the status still says what is shown
    press(page, f"#show-{qa}")
    expect(page.locator("#current-heading")).to_contain_text("Spør oss")
    assert active_id(page) == f"aktivitet-{qa}"
    expect(page.locator("#cockpit-status")).to_contain_text("Vises nå: Spør oss")
    paper_answer(page, workshop_id, qa, "Når åpner biblioteket?", "q1")
    paper_answer(page, workshop_id, qa, "Hvem bestemmer om torget?", "q2")
    expect(page.locator("#current-heading ~ ul")).to_contain_text(
        "Hvem bestemmer om torget?", timeout=LIVE_TIMEOUT
    )
    assert active_id(page) == f"aktivitet-{qa}"
    expect(page.locator("#cockpit-status")).to_contain_text("Vises nå: Spør oss")
    assert page.evaluate("window.__sameDocument === true"), "the cockpit reloaded"
    assert_no_axe_violations(page)
    page.screenshot(path="e2e/screenshots/cockpit-1280.png", full_page=True)


def test_the_phone_remote_steps_and_moderates_live(
    browser: Any,
    app_url: str,
    page: Any,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
) -> None:
    login(page)
    workshop_id, _code = new_workshop(
        page, "E2E-fjernkontroll", [("statements", "Påstander om byen", ""), ("qa", "Spør", "")]
    )
    statements = state(page, workshop_id)["workshop"]["activities"][0]["id"]
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        base_url=app_url,
        locale="nb-NO",
        is_mobile=True,
        has_touch=True,
    )
    context.add_cookies(page.context.cookies())
    remote = context.new_page()
    remote.goto(f"/verksted/{workshop_id}/fjernkontroll/")
    remote.evaluate("window.__sameDocument = true")
    paper_answer(page, workshop_id, statements, "Byen trenger et bibliotek", "r1")
    item = remote.get_by_text("Byen trenger et bibliotek", exact=True)
    expect(item).to_be_visible(timeout=LIVE_TIMEOUT)
    expect(remote.locator(".remote-live")).to_contain_text("1 deltaker")
    remote.get_by_role("button", name=re.compile("^Godkjenn")).click()
    expect(remote.get_by_text("Ingenting venter.")).to_be_visible()
    remote.get_by_role("button", name="Neste", exact=True).click()
    expect(remote.locator("#remote-now")).to_have_text("Vises nå: Spør")
    assert remote.evaluate("window.__sameDocument === true"), "the remote reloaded"
    assert remote.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(remote)
    remote.screenshot(path="e2e/screenshots/remote-360.png", full_page=True)
    context.close()


def test_copying_an_activity_puts_it_right_after_and_keeps_focus_on_the_button(
    page: Any, login: Callable[[Any], None]
) -> None:
    # Editing, copying, resetting and deleting a whole workshop: e2e/test_room_journey.py.
    login(page)
    workshop_id, _code = new_workshop(
        page, "E2E-kopi", [("qa", "Spør om skolen", ""), ("open", "Hva mer?", "")]
    )
    activity_id = state(page, workshop_id)["workshop"]["activities"][0]["id"]
    page.goto(f"/verksted/{workshop_id}/")
    press(page, f"#copy-{activity_id}")
    expect(page.locator(".activity-row")).to_have_count(3)
    expect(page.locator(".activity-row").nth(1)).to_contain_text("Spør om skolen")
    assert active_id(page) == f"copy-{activity_id}"


def test_three_phones_reporting_a_question_put_it_in_the_cockpit_queue_without_a_reload(
    page: Any,
    browser: Any,
    app_url: str,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
    screenshot: Callable[[Any, str], Any],
) -> None:
    login(page)
    workshop_id, code = new_workshop(page, "E2E-meld", [("qa", "Spør oss", "")])
    page.goto(f"/verksted/{workshop_id}/")
    page.evaluate("window.__sameDocument = true")
    contexts, phones = open_phones(browser, app_url, 4, width=360, timeout=LIVE_TIMEOUT)
    try:
        for phone in phones:
            phone.goto(f"/d/{code}/")
            phone.get_by_role("button", name="Bli med").click()
            wait_until(
                phone, "() => window.samfunnslabLive !== undefined", what="the live script loaded"
            )
        asker, *reporters = phones
        asker.fill("#text", "Hvorfor er bussen alltid sen?")
        asker.get_by_role("button", name="Send spørsmålet").click()
        expect(asker.locator("#announcer")).to_contain_text("Takk!")
        for reporter in reporters:
            report = reporter.get_by_role("button", name=re.compile(r"^Meld\W+Hvorfor er bussen"))
            expect(report).to_be_visible(timeout=LIVE_TIMEOUT)
            if reporter is reporters[0]:
                screenshot(reporter, "workshop-phone-report-360")
                assert_no_axe_violations(reporter)
            report.click()
            expect(reporter.locator("#announcer")).to_contain_text("ser på det du meldte")
        held = page.locator("#queue-heading + form + ul > li")
        expect(held).to_have_count(1, timeout=LIVE_TIMEOUT)
        expect(held.first).to_contain_text("meldt av deltakere")
        assert page.evaluate("window.__sameDocument") is True  # no page reload
        asker.reload()
        expect(asker.get_by_text("Hvorfor er bussen alltid sen?")).to_have_count(1)  # only «mine»
    finally:
        for context in contexts:
            context.close()


def test_a_double_tap_and_a_second_tap_while_offline_store_the_answer_once(
    page: Any, browser: Any, app_url: str, login: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, code = new_workshop(page, "E2E-dobbelttrykk", [("open", "Hva trenger byen?", "")])
    activity_id = state(page, workshop_id)["workshop"]["activities"][0]["id"]
    show(page, workshop_id, activity_id)
    contexts, (phone,) = open_phones(browser, app_url, 1, width=320, timeout=LIVE_TIMEOUT)
    try:
        phone.goto(f"/d/{code}/")
        phone.get_by_role("button", name="Bli med").click()
        wait_until(phone, "() => window.samfunnslabLive !== undefined", what="the live script")
        send = phone.get_by_role("button", name="Send", exact=True)
        phone.fill("#text", "Flere benker i parken")
        send.evaluate("(button) => { button.click(); button.click(); }")  # a double tap
        expect(phone.locator("#announcer")).to_contain_text("Takk!")
        phone.context.set_offline(True)
        phone.fill("#text", "Bussen må gå oftere")
        send.click()
        send.click()  # nothing seems to happen on a bad network, so people tap again
        phone.context.set_offline(False)
        expect(phone.locator("#text")).to_have_value("", timeout=30_000)  # cleared on the ack
        phone.wait_for_timeout(2000)  # a second copy, had there been one, would be in by now
        texts = sorted(item["text"] for item in state(page, workshop_id)["activity"]["items"])
        assert texts == ["Bussen må gå oftere", "Flere benker i parken"]
    finally:
        for context in contexts:
            context.close()


SMALLEST_TEXT = """(selector) => {
  const sizes = [];
  const walk = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const element = walk.currentNode.parentElement;
    if (!walk.currentNode.textContent.trim() || element.closest('.visually-hidden')) continue;
    if (!element.getClientRects().length) continue;
    sizes.push([parseFloat(getComputedStyle(element).fontSize), walk.currentNode.textContent.trim()]);
  }
  return sizes.sort((a, b) => a[0] - b[0])[0];
}"""


def test_counts_and_vote_legends_on_the_1280_projector_are_readable_from_the_back_of_the_room(
    page: Any, browser: Any, app_url: str, login: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, code = new_workshop(
        page,
        "E2E-skjerm-lesbar",
        [
            ("wordcloud", "Ett ord om byen", ""),
            ("statements", "Hva mener du om sentrum?", "", "Sentrum trenger flere benker"),
        ],
    )
    cloud, statements = (a["id"] for a in state(page, workshop_id)["workshop"]["activities"])
    for n, word in enumerate(["havet", "havet", "havet", "havet", "sykkel"]):
        paper_answer(page, workshop_id, cloud, word, f"w{n}")
    context = projector(browser, app_url, (1280, 720))
    context.add_cookies(page.context.cookies())
    screen = context.new_page()
    phone_context, (phone, *voters) = open_phones(browser, app_url, 6, width=320)
    try:
        show(page, workshop_id, statements)
        for voter in voters:  # five votes: a statement's counts are shown from five on
            voter.goto(f"/d/{code}/")
            voter.get_by_role("button", name="Bli med").click()
            card = voter.locator("[data-card]", has_text="Sentrum trenger flere benker")
            card.get_by_role("button", name="Enig", exact=True).click()
            expect(voter.locator(".voted")).to_contain_text("Du er enig", timeout=LIVE_TIMEOUT)
        for activity_id, shown in ((cloud, "sykkel"), (statements, "Enig 5")):
            show(page, workshop_id, activity_id)
            screen.goto(f"/verksted/{workshop_id}/presenter/")
            expect(screen.locator(".projector-main")).to_contain_text(shown)
            size, text = screen.evaluate(SMALLEST_TEXT, ".projector-main")
            assert size >= 24, f"«{text}» is {size} px on the projector"
        phone.goto(f"/d/{code}/")
        phone.get_by_role("button", name="Bli med").click()
        expect(phone.locator("#prompt")).to_have_text("Hva mener du om sentrum?")
        show(page, workshop_id, cloud)
        phone.locator("#word").fill("sykkel")
        phone.get_by_role("button", name="Send", exact=True).click()
        expect(phone.locator(".wordcloud")).to_contain_text("sykkel (2)", timeout=LIVE_TIMEOUT)
        size, text = phone.evaluate(SMALLEST_TEXT, ".wordcloud")
        assert size >= 12, f"«{text}» is {size} px on a phone"
    finally:
        context.close()
        for each in phone_context:
            each.close()


def test_a_phone_with_text_at_twice_the_size_never_scrolls_sideways(
    page: Any, browser: Any, app_url: str, login: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, code = new_workshop(page, "E2E-stor-tekst", [("choice", "Hva?", "Skole\nHelse")])
    show(page, workshop_id, state(page, workshop_id)["workshop"]["activities"][0]["id"])
    contexts, (phone,) = open_phones(browser, app_url, 1, width=360)
    try:
        phone.goto(f"/d/{code}/")
        phone.get_by_role("button", name="Bli med").click()
        expect(phone.locator("#prompt")).to_have_text("Hva?")
        phone.add_style_tag(content="html { font-size: 200% !important; }")  # the phone's text size
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        contexts[0].close()
