"""One workshop from start to end, as a new facilitator and a room of phones meet it.

The facilitator (a laptop at 1280×800) creates a workshop, fixes its title and municipality,
copies it, rehearses with a test phone, clears the rehearsal and opens it. The projector shows the
join splash at 1024×768, 1280×720 and 1920×1080; eight phones at 360×740 join through the address
decoded from a screenshot of the projector's QR code and answer every kind of activity. The
facilitator moderates from the cockpit and from the phone remote without a page reload, puts one
question on the wall, closes and deletes. Every screen is checked for stored codes and with axe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import RAW_CODES, SCREENSHOTS, decode_qr, open_phones
from samfunnslab.core.tests import image_files

LIVE_TIMEOUT = 20_000
LAPTOP = {"width": 1280, "height": 800}
PROJECTORS = [(1024, 768), (1280, 720), (1920, 1080)]
WALL = (1280, 720)  # the projector that stays on through the session
PHONES = 8
TITLE = "Framtidsverksted Haugesund 2040"

# (kind, prompt, options, starting statements, moderated)
ACTIVITIES = [
    ("choice", "Hva er viktigst for nabolaget i 2040?", "Skole\nHelse\nKultur", "", False),
    ("scale", "Hvor trygg føler du deg i sentrum?", "", "", False),
    ("ranking", "Ranger tiltakene", "Buss\nSykkel\nGange", "", False),
    ("points", "Fordel 100 poeng", "Eldre\nBarn", "", False),
    ("wordcloud", "Ett ord om byen i 2040", "", "", False),
    ("open", "Hva trenger nabolaget ditt?", "", "", True),
    ("statements", "Hva mener du om sentrum?", "", "Sentrum trenger flere benker", False),
    ("qa", "Hva lurer du på?", "", "", False),
    ("ideas", "Din beste idé for byen", "", "", False),
    ("map", "Hvor er det godt å gå?", "hyggelig å gå\nutrygt", "", False),
    ("photo", "Ta bilde av gjenstanden gruppa laget", "", "", False),
]
PICTURE = image_files.jpeg_with_gps((640, 480))
WORDS = ["Havet", "Grønne parker", "Trygghet", "Havet", "Fellesskap", "Havet", "Sykkel", "Trygghet"]


@dataclass
class Room:
    """The screens of the session: the facilitator's laptop, the wall, the remote and the phones."""

    laptop: Any
    wall: Any = None
    remote: Any = None
    phones: list[Any] = field(default_factory=list)
    workshop_id: int = 0
    code: str = ""
    contexts: list[Any] = field(default_factory=list)


@pytest.fixture
def room(browser: Any, app_url: str, login: Callable[[Any], None]) -> Iterator[Room]:
    laptop_context = browser.new_context(viewport=LAPTOP, base_url=app_url, locale="nb-NO")
    laptop = laptop_context.new_page()
    laptop.set_default_timeout(LIVE_TIMEOUT)
    login(laptop)
    room = Room(laptop=laptop, contexts=[laptop_context])
    yield room
    for context in room.contexts:
        context.close()


def shot(page: Any, name: str) -> Path:
    """Save what the screen shows now (e2e/screenshots/journey-<name>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"journey-{name}.png"
    page.screenshot(path=str(path))
    return path


def no_raw_code(page: Any, where: str) -> None:
    text = page.locator("body").inner_text()
    found = RAW_CODES.search(text)
    assert not found, f"a stored code «{found.group(0) if found else ''}» on {where}"


def staff_context(room: Room, browser: Any, app_url: str, size: dict[str, int], **more: Any) -> Any:
    """A second browser of the facilitator's (the projector, the phone remote)."""
    context = browser.new_context(viewport=size, base_url=app_url, locale="nb-NO", **more)
    context.add_cookies(room.laptop.context.cookies())
    room.contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(LIVE_TIMEOUT)
    return page


# ---------------------------------------------------------------- before the room fills


def create_and_fix(room: Room) -> None:
    """Create with a slip in the title and the wrong municipality, then put both right."""
    page = room.laptop
    page.goto("/verksted/")
    page.get_by_role("link", name="Lag nytt verksted").click()
    prefilled = page.get_by_label("Kommune", exact=True).input_value()  # the organisation's
    assert re.fullmatch(r"\w[\w .-]* \(\d{4}\)", prefilled), prefilled
    page.get_by_label("Tittel", exact=True).fill("Framtidsverksted Haugsund")
    page.get_by_label("Kommune", exact=True).fill("Tromsø (5501)")  # picked from the list of names
    page.get_by_role("button", name="Lag verkstedet").click()
    room.workshop_id = int(re.search(r"/verksted/(\d+)/", page.url).group(1))
    for kind, prompt, options, statements, moderated in ACTIVITIES:
        page.select_option("#id_kind", kind)
        page.fill("#id_prompt", prompt)
        page.fill("#id_options", options)
        page.fill("#id_statements", statements)
        page.locator("#id_moderated").set_checked(moderated)
        page.get_by_role("button", name="Legg til aktiviteten").click()
        expect(page.locator(".activity-row").last).to_contain_text(prompt)
    expect(page.locator(".activity-row")).to_have_count(len(ACTIVITIES))
    page.get_by_role("link", name=re.compile("^Innstillinger")).click()
    page.get_by_label("Tittel", exact=True).fill(TITLE)
    page.get_by_label("Kommune", exact=True).fill("Haugesund (1106)")
    page.get_by_role("button", name="Lagre endringene").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Haugesund (1106)")


def duplicate(room: Room, check: Callable[[Any], None]) -> None:
    page = room.laptop
    page.get_by_role("link", name=re.compile("^Innstillinger")).click()
    check(page)
    page.get_by_role("button", name="Lag en kopi").click()
    expect(page.locator("h1")).to_have_text(f"Kopi av {TITLE}")
    expect(page.locator(".activity-row")).to_have_count(len(ACTIVITIES))
    assert f"/verksted/{room.workshop_id}/" not in page.url
    page.goto(f"/verksted/{room.workshop_id}/")


def rehearse_and_reset(room: Room, rehearsal_phone: Any, check: Callable[[Any], None]) -> None:
    """Open, answer the first question on a test phone, close, clear it (asked first), reopen."""
    page = room.laptop
    page.get_by_role("button", name="Åpne verkstedet").click()
    room.code = page.locator(".join-panel .big-code").inner_text().strip()
    rehearsal_phone.goto(f"/d/{room.code}/")
    rehearsal_phone.get_by_role("button", name="Bli med").click()
    expect(rehearsal_phone.locator("#prompt")).to_have_text(ACTIVITIES[0][1])
    rehearsal_phone.get_by_text("Helse").click()
    rehearsal_phone.get_by_role("button", name="Send svar").click()
    thanked(rehearsal_phone)
    expect(page.locator("[data-count=participants]")).to_have_text("1", timeout=LIVE_TIMEOUT)
    page.get_by_role("button", name="Avslutt verkstedet").click()
    page.get_by_role("link", name=re.compile("^Innstillinger")).click()
    page.get_by_role("link", name="Nullstill svarene").click()
    expect(page.locator("main")).to_contain_text("har 1 deltakere")  # asked, with export offered
    expect(page.get_by_role("link", name="Eksporter til Excel")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Slett svarene").click()
    expect(page.get_by_text("Svarene fra 1 deltaker er slettet.")).to_be_visible()
    page.goto(f"/verksted/{room.workshop_id}/")
    expect(page.locator("[data-count=participants]")).to_have_text("0")
    page.get_by_role("button", name="Åpne verkstedet igjen").click()
    expect(page.locator(".join-panel .big-code")).to_have_text(room.code)


# ---------------------------------------------------------------- the wall


def splash_at_every_size(
    room: Room, browser: Any, app_url: str, check: Callable[[Any], None]
) -> str:
    """The join splash at three projector sizes; return the address its QR code decodes to."""
    page = room.laptop
    page.get_by_role("button", name="Vis velkomstskjermen").click()
    expect(page.locator("#cockpit-status")).to_have_text("Velkomstskjermen vises.")
    decoded: set[str] = set()
    for width, height in PROJECTORS:
        screen = staff_context(room, browser, app_url, {"width": width, "height": height})
        screen.goto(f"/verksted/{room.workshop_id}/presenter/")
        expect(screen.locator(".splash-title")).to_have_text(TITLE)
        expect(screen.locator(".splash-code")).to_have_text(room.code)
        expect(screen.locator(".site-header, .language-form")).to_have_count(0)
        assert screen.evaluate("document.documentElement.scrollHeight") <= height
        assert screen.evaluate("document.documentElement.scrollWidth") <= width
        codes = decode_qr(shot(screen, f"splash-{width}x{height}"))
        assert len(codes) == 1, f"one readable QR code at {width}×{height}, found {codes}"
        decoded.update(codes)
        no_raw_code(screen, f"the splash at {width}×{height}")
        if (width, height) == WALL:
            check(screen)
            room.wall = screen
        else:
            screen.context.close()
            room.contexts.remove(screen.context)
    assert decoded == {f"{app_url}/d/{room.code}/"}
    return decoded.pop()


# ---------------------------------------------------------------- the room answers


def next_activity(room: Room, index: int) -> str:
    """Step on from the cockpit (no reload); wait until every phone shows the activity."""
    prompt = ACTIVITIES[index][1]
    room.laptop.get_by_role("button", name="Neste aktivitet").click()
    expect(room.laptop.locator("#current-heading")).to_contain_text(prompt)
    for phone in room.phones:
        expect(phone.locator("#prompt")).to_have_text(prompt, timeout=LIVE_TIMEOUT)
    expect(room.wall.locator(".presenter-prompt")).to_have_text(prompt, timeout=LIVE_TIMEOUT)
    return prompt


def thanked(phone: Any) -> None:
    """Said by the page's script, or, when a tap beat the script, by the plain form's redirect."""
    told = phone.locator("#announcer, main .messages").filter(has_text="Takk!")
    expect(told.first).to_be_visible(timeout=LIVE_TIMEOUT)


def answer(kind: str, phone: Any, n: int) -> None:
    """Answer the shown activity of this kind the way a person on a phone does."""
    if kind == "choice":
        phone.get_by_text(["Skole", "Helse", "Kultur"][n % 3], exact=True).click()
        phone.get_by_role("button", name="Send svar").click()
    elif kind == "scale":
        phone.locator("input[name=value]").nth(n % 6).check()
        phone.get_by_role("button", name="Send svar").click()
    elif kind == "ranking":
        for place, select in zip(
            ((n % 3) + 1, ((n + 1) % 3) + 1, ((n + 2) % 3) + 1), range(3), strict=True
        ):
            phone.locator(f"#place-{select}").select_option(str(place))
        phone.get_by_role("button", name="Send svar").click()
    elif kind == "points":
        phone.locator("#points-0").fill(str(10 * n))
        phone.locator("#points-1").fill(str(100 - 10 * n))
        phone.get_by_role("button", name="Send svar").click()
    elif kind == "wordcloud":
        phone.locator("#word").fill(WORDS[n])
        phone.get_by_role("button", name="Send", exact=True).click()
    elif kind == "open":
        phone.locator("#text").fill(f"Nabolaget trenger en møteplass nummer {n + 1}")
        if n % 2:
            phone.get_by_text("Forslag", exact=True).click()
        phone.get_by_role("button", name="Send", exact=True).click()
    elif kind == "statements":
        card = phone.locator("[data-card]:not([hidden])")
        card.get_by_role("button", name="Enig" if n % 3 else "Uenig", exact=True).click()
        expect(phone.locator("[data-deck-done]")).to_be_visible()
        if n == 0:
            phone.get_by_text("Legg til en ny påstand").click()
            phone.locator("#text").fill("Torget må bli grønnere")
            phone.get_by_role("button", name="Send påstanden").click()
    elif kind == "qa":
        phone.locator("#text").fill(f"Når kommer den nye skolen i bydel {n + 1}?")
        phone.get_by_role("button", name="Send spørsmålet").click()
    elif kind == "ideas":
        phone.locator("#text").fill(f"Idé {n + 1}: dele verktøy i nabolaget")
        phone.get_by_role("button", name="Sett idékortet på tavla").click()
        expect(phone.locator(".idea-board")).to_contain_text(f"Idé {n + 1}:")
        return
    elif kind == "map":
        expect(phone.locator(".pin-map[data-pick] .leaflet-overlay-pane path")).to_have_count(1)
        phone.get_by_label("Eller søk etter et sted").fill("Midt i kommunen")
        expect(phone.locator("[data-pin-status]")).to_contain_text("Midt i kommunen")
        phone.get_by_text(["hyggelig å gå", "utrygt"][n % 2], exact=True).click()
        phone.get_by_role("button", name="Sett nåla").click()
        expect(phone.get_by_text("Takk! Nåla er satt.")).to_be_visible()
        return
    elif kind == "photo":
        picture = {"name": "plakat.jpg", "mimeType": "image/jpeg", "buffer": PICTURE}
        phone.locator("#photo-file").set_input_files(picture)
        phone.get_by_label("Hva viser bildet?").fill(f"Plakat {n + 1}: bygdekafeen i 2060")
        phone.get_by_role("button", name="Send bildet").click()
        expect(phone.locator("#announcer")).to_contain_text("Bildet er sendt")
        return
    if kind != "statements":
        thanked(phone)


def every_phone_answers(room: Room, index: int, check: Callable[[Any], None]) -> None:
    kind = ACTIVITIES[index][0]
    for n, phone in enumerate(room.phones):
        answer(kind, phone, n)
    first = room.phones[0]
    no_raw_code(first, f"the phone ({kind})")
    assert first.evaluate("document.documentElement.scrollWidth") <= 360, kind
    check(first)
    shot(first, f"phone-{kind}-360")
    no_raw_code(room.wall, f"the projector ({kind})")
    assert room.wall.evaluate("document.documentElement.scrollHeight") <= WALL[1], kind
    shot(room.wall, f"wall-{kind}")


# ---------------------------------------------------------------- moderation


def queue_item(page: Any, text: str) -> Any:
    return page.locator(".moderation-list > li").filter(has_text=text)


def moderate_open_input(room: Room) -> None:
    """Eight held contributions: approve in the cockpit one, then two at once; the remote
    approves one and hides one; the cockpit approves the rest."""
    page, remote = room.laptop, room.remote
    expect(page.locator("[data-count=pending]")).to_have_text(str(PHONES), timeout=LIVE_TIMEOUT)
    held = page.locator("#queue-heading + form + ul > li")
    expect(held).to_have_count(PHONES)
    expect(held.first).to_contain_text("aktiviteten modereres")
    held.first.get_by_role("button", name=re.compile("^Godkjenn")).click()
    expect(held).to_have_count(PHONES - 1)
    page.get_by_label("Nabolaget trenger en møteplass nummer 2", exact=True).check()
    page.get_by_label("Nabolaget trenger en møteplass nummer 3", exact=True).check()
    page.get_by_role("button", name="Godkjenn valgte").click()
    expect(page.locator("#cockpit-status")).to_have_text("2 bidrag er godkjent.")
    expect(held).to_have_count(PHONES - 3)
    remote_held = remote.locator("#remote-queue-heading + ul > li")
    expect(remote_held).to_have_count(PHONES - 3, timeout=LIVE_TIMEOUT)
    queue_item(remote, "møteplass nummer 4").get_by_role(
        "button", name=re.compile("^Godkjenn")
    ).click()
    queue_item(remote, "møteplass nummer 5").get_by_role(
        "button", name=re.compile("^Skjul")
    ).click()
    expect(remote_held).to_have_count(PHONES - 5)
    expect(held).to_have_count(PHONES - 5, timeout=LIVE_TIMEOUT)
    page.get_by_role("button", name="Godkjenn alle").click()
    expect(page.get_by_text("Ingenting venter.")).to_be_visible()
    expect(remote.get_by_text("Ingenting venter.")).to_be_visible(timeout=LIVE_TIMEOUT)
    wall_items = room.wall.locator(".presenter-items > li")
    expect(wall_items).to_have_count(PHONES - 1, timeout=LIVE_TIMEOUT)
    expect(room.wall.get_by_text("møteplass nummer 5")).to_have_count(0)


def moderate_new_statement(room: Room) -> None:
    """A phone's own statement waits (statements are moderated); the remote lets it through."""
    item = queue_item(room.remote, "Torget må bli grønnere")
    expect(item).to_be_visible(timeout=LIVE_TIMEOUT)
    item.get_by_role("button", name=re.compile("^Godkjenn")).click()
    expect(room.remote.get_by_text("Ingenting venter.")).to_be_visible()
    expect(room.wall.get_by_text("Torget må bli grønnere")).to_be_visible(timeout=LIVE_TIMEOUT)


def approve_the_photos(room: Room) -> None:
    """Photos always wait: the remote approves one (its queue shows the picture), the cockpit
    the rest; only then does the wall show them."""
    wall_pictures = room.wall.locator(".presenter-photos img")
    expect(wall_pictures).to_have_count(0)
    first = queue_item(room.remote, "Plakat 1:")
    expect(first).to_be_visible(timeout=LIVE_TIMEOUT)
    first.get_by_role("button", name=re.compile("^Godkjenn")).click()
    held_in_cockpit = room.laptop.locator("li[id^=held-]").filter(has_text="Plakat 1:")
    expect(held_in_cockpit).to_have_count(0, timeout=LIVE_TIMEOUT)
    room.laptop.get_by_role("button", name="Godkjenn alle").click()
    expect(room.laptop.get_by_text("Ingenting venter.")).to_be_visible()
    expect(wall_pictures.first).to_be_visible(timeout=LIVE_TIMEOUT)


def highlight_one_question(room: Room, check: Callable[[Any], None]) -> None:
    question = "Når kommer den nye skolen i bydel 3?"
    item = room.laptop.locator("#current-heading ~ ul > li").filter(has_text=question)
    item.get_by_role("button", name=re.compile("^Vis på skjermen")).click()
    wall = room.wall
    expect(wall.locator(".highlight-text")).to_have_text(question, timeout=LIVE_TIMEOUT)
    box = wall.locator(".highlight").bounding_box()
    assert box is not None and box["width"] >= 0.6 * WALL[0] and box["height"] >= 0.4 * WALL[1]
    expect(wall.locator(".presenter-items")).to_have_count(0)  # the one question, nothing else
    assert wall.evaluate("document.documentElement.scrollHeight") <= WALL[1]
    check(wall)
    shot(wall, "wall-highlight")
    room.laptop.get_by_role("button", name="Stopp fremheving").click()
    expect(wall.locator(".highlight")).to_have_count(0, timeout=LIVE_TIMEOUT)


# ---------------------------------------------------------------- the end


def close_and_delete(room: Room, check: Callable[[Any], None]) -> None:
    page = room.laptop
    page.get_by_role("button", name="Avslutt verkstedet").click()
    expect(page.locator(".join-panel")).to_contain_text("Verkstedet er avsluttet.")
    for phone in room.phones[1:]:  # told at once, without a reload
        expect(phone.locator("main")).to_contain_text("Verkstedet er stengt", timeout=LIVE_TIMEOUT)
        expect(phone.locator("#announcer")).not_to_contain_text("Takk!")  # no stale thanks
    shot(room.phones[1], "phone-closed-360")
    expect(room.wall.locator(".splash")).to_contain_text(
        "Takk for at dere var med!", timeout=LIVE_TIMEOUT
    )
    shot(room.wall, "wall-closed")
    phone = room.phones[0]
    phone.goto(f"/d/{room.code}/")  # and after a reload
    expect(phone.locator("main")).to_contain_text("Verkstedet er stengt")
    page.get_by_role("link", name=re.compile("^Innstillinger")).click()
    page.get_by_role("link", name="Slett verkstedet").click()
    expect(page.locator("main")).to_contain_text(f"har {PHONES} deltakere")
    export = page.get_by_role("link", name="Eksporter til Excel")
    expect(export).to_be_visible()
    check(page)
    assert page.request.get(export.get_attribute("href")).ok  # export first works
    page.get_by_role("button", name="Slett verkstedet for godt").click()  # not yet confirmed
    assert page.url.endswith(f"/verksted/{room.workshop_id}/slett/")
    page.get_by_label(re.compile("^Skriv tittelen")).fill(TITLE)
    page.get_by_role("button", name="Slett verkstedet for godt").click()
    expect(page.get_by_text(f"Verkstedet «{TITLE}» er slettet.")).to_be_visible()
    assert page.request.get(f"/verksted/{room.workshop_id}/").status == 404


def test_a_facilitator_runs_a_whole_workshop_with_a_room_of_phones(
    room: Room,
    browser: Any,
    app_url: str,
    assert_no_axe_violations: Callable[[Any], None],
) -> None:
    check = assert_no_axe_violations
    contexts, phones = open_phones(browser, app_url, PHONES, width=360, timeout=LIVE_TIMEOUT)
    room.contexts.extend(contexts)
    create_and_fix(room)
    check(room.laptop)
    duplicate(room, check)
    rehearse_and_reset(room, phones[0], check)

    page = room.laptop
    page.evaluate("window.__journey = 'cockpit'")  # gone if the cockpit ever reloads
    check(page)
    join_address = splash_at_every_size(room, browser, app_url, check)
    room.remote = staff_context(
        room, browser, app_url, {"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    room.remote.goto(f"/verksted/{room.workshop_id}/fjernkontroll/")
    room.remote.evaluate("window.__journey = 'remote'")
    check(room.remote)

    for n, phone in enumerate(phones):  # the rehearsal phone too: its old participant is gone
        phone.goto(join_address)
        if n == 0:
            check(phone)
            shot(phone, "phone-welcome-360")
        phone.get_by_role("button", name="Bli med").click()
    room.phones = phones
    expect(room.wall.locator(".splash-count")).to_have_text(
        f"{PHONES} er med", timeout=LIVE_TIMEOUT
    )
    expect(room.remote.locator(".remote-live")).to_contain_text(f"{PHONES} deltakere")
    shot(room.wall, "wall-splash-full")

    for index, (kind, *_rest) in enumerate(ACTIVITIES):
        next_activity(room, index)
        every_phone_answers(room, index, check)
        if kind == "open":
            moderate_open_input(room)
            shot(room.wall, "wall-open-moderated")
        elif kind == "statements":
            moderate_new_statement(room)
        elif kind == "qa":
            highlight_one_question(room, check)
        elif kind == "photo":
            approve_the_photos(room)
            shot(room.wall, "wall-photo-approved")
    for screen, where in ((page, "the cockpit"), (room.remote, "the remote")):
        no_raw_code(screen, where)
    check(room.remote)
    shot(room.remote, "remote-360")
    assert page.evaluate("window.__journey") == "cockpit", "the cockpit reloaded"
    assert room.remote.evaluate("window.__journey") == "remote", "the remote reloaded"
    close_and_delete(room, check)
