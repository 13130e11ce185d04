"""A live workshop in real browsers: a facilitator, a projector and three phones.

The story: the facilitator creates and opens a workshop; phones join with the code and answer; the
projector updates live; the facilitator hides and reveals results, moderates a statement, and the
server is killed mid-activity while a phone sends a word. Nothing is lost.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import open_phones, wait_until

LIVE_TIMEOUT = 20_000  # a live update normally takes well under a second
RECOVERY_TIMEOUT = 45_000  # after a restart: reconnect backoff plus the outbox retry


@pytest.fixture
def phones(browser: Any, app_url: str) -> Iterator[list[Any]]:
    contexts, pages = open_phones(browser, app_url, 3, timeout=LIVE_TIMEOUT)
    yield pages
    for context in contexts:
        context.close()


def create_workshop(page: Any, title: str) -> tuple[int, str]:
    """Create a workshop with three activities, open it, and return its id and join code."""
    page.goto("/verksted/nytt/")
    page.fill("#id_title", title)
    page.fill("#id_municipality_code", "1106")
    page.get_by_role("button", name="Lag verkstedet").click()
    workshop_id = int(re.search(r"/verksted/(\d+)/", page.url).group(1))
    for kind, prompt, options in (
        ("choice", "Hva er viktigst i 2040?", "Skole\nHelse\nKultur"),
        ("wordcloud", "Ett ord om nabolaget", ""),
        ("statements", "Hva mener du?", ""),
    ):
        page.select_option("#id_kind", kind)
        page.fill("#id_prompt", prompt)
        page.fill("#id_options", options)
        page.get_by_role("button", name="Legg til aktiviteten").click()
    page.get_by_role("button", name="Åpne verkstedet").click()
    code = page.locator(".big-code").inner_text().strip()
    assert re.fullmatch(r"[ACDEFHJKMNPRTUVWXY3479]{6}", code)
    return workshop_id, code


def join(phone: Any, code: str) -> None:
    phone.goto("/delta/")
    phone.fill("input[name=code]", code.lower())
    phone.get_by_role("button", name="Bli med").click()  # the one tap: straight to the question
    # A person reads the question before tapping; on a loaded test machine a click can beat the
    # page's deferred script, and the form then goes the no-script way (a full page with the
    # message), which these tests do not check.
    wait_until(
        phone,
        "() => window.samfunnslabLive !== undefined",
        timeout=20_000,
        what="the live script loaded",
    )


def for_item(page: Any, action: str, text: str) -> Any:
    """The button that does `action` to one item, e.g. «Vis nå» for one activity."""
    return page.get_by_role(
        "button", name=re.compile(rf"^{re.escape(action)}\W+{re.escape(text)}$")
    )


def announced(phone: Any) -> Any:
    return phone.locator("#announcer")


def staff_state(page: Any, workshop_id: int) -> dict[str, Any]:
    """The console's full state, fetched with the facilitator's cookies."""
    return page.request.get(f"/verksted/{workshop_id}/tilstand.json").json()


def wait_for_words(page: Any, workshop_id: int, timeout: float = 20.0) -> dict[str, int]:
    """Return the word-cloud counts once the phone's answer has reached the server."""
    deadline = time.monotonic() + timeout
    while True:
        rows = staff_state(page, workshop_id)["activity"]["results"]["rows"]
        words = {row["label"]: row["value"] for row in rows}
        if words or time.monotonic() > deadline:
            return words
        page.wait_for_timeout(250)


def test_a_live_workshop_survives_a_server_restart_without_losing_answers(
    page: Any,
    phones: list[Any],
    app_server: Any,
    login: Callable[[Any], None],
    screenshot: Callable[[Any, str], Any],
) -> None:
    login(page)
    workshop_id, code = create_workshop(page, "E2E-verksted")
    presenter = page.context.new_page()
    presenter.set_default_timeout(LIVE_TIMEOUT)
    presenter.goto(f"/verksted/{workshop_id}/presenter/")
    expect(presenter.locator(".join-line-code")).to_have_text(code, timeout=LIVE_TIMEOUT)

    # Three phones join by code and answer the poll; the projector counts live.
    for phone, option in zip(phones, ("Skole", "Helse", "Skole"), strict=True):
        join(phone, code)
        expect(phone.locator("#prompt")).to_have_text(
            "Hva er viktigst i 2040?", timeout=LIVE_TIMEOUT
        )
        phone.get_by_role("radio", name=option, exact=True).check()
        phone.get_by_role("button", name="Send svar").click()
        expect(announced(phone)).to_have_text("Takk! Svaret ditt er lagret.", timeout=LIVE_TIMEOUT)
    # Three answers are too few to show the tally to the room (docs/workshops.md).
    withheld = presenter.locator(".results-withheld")
    expect(withheld).to_contain_text("Så langt har 3 svart", timeout=LIVE_TIMEOUT)
    screenshot(presenter, "workshop-presenter-choice")
    screenshot(phones[0], "workshop-phone-choice")

    # Changing one's answer keeps one vote per participant.
    phones[2].get_by_role("radio", name="Kultur", exact=True).check()
    phones[2].get_by_role("button", name=re.compile("^(Send svar|Endre svaret)$")).click()
    expect(announced(phones[2])).to_have_text("Takk! Svaret ditt er lagret.", timeout=LIVE_TIMEOUT)
    expect(withheld).to_contain_text("Så langt har 3 svart", timeout=LIVE_TIMEOUT)
    rows = staff_state(page, workshop_id)["activity"]["results"]["rows"]  # the console's counts
    assert {r["label"]: r["value"] for r in rows} == {"Skole": 1, "Helse": 1, "Kultur": 1}

    # Hide and reveal the results on the projector.
    page.goto(f"/verksted/{workshop_id}/")
    for_item(page, "Skjul resultater", "Hva er viktigst i 2040?").click()
    expect(presenter.get_by_text("Resultatene er skjult")).to_be_visible(timeout=LIVE_TIMEOUT)
    for_item(page, "Vis resultater", "Hva er viktigst i 2040?").click()
    expect(withheld).to_contain_text("Så langt har 3 svart", timeout=LIVE_TIMEOUT)

    # Step to the word cloud: the phones follow by themselves.
    for_item(page, "Vis nå", "Ett ord om nabolaget").click()
    for phone in phones:
        expect(phone.locator("#prompt")).to_have_text("Ett ord om nabolaget", timeout=LIVE_TIMEOUT)
    phones[0].fill("#word", "Fellesskap")
    phones[0].get_by_role("button", name="Send", exact=True).click()
    expect(announced(phones[0])).to_contain_text("Takk!", timeout=LIVE_TIMEOUT)
    expect(presenter.locator(".wordcloud")).to_contain_text("fellesskap", timeout=LIVE_TIMEOUT)

    # The server dies mid-activity; a phone sends a word while it is down.
    app_server.kill()
    phones[1].fill("#word", "Trygghet")
    phones[1].get_by_role("button", name="Send", exact=True).click()
    expect(phones[1].locator("#connection")).to_contain_text(
        "Ikke sendt ennå", timeout=LIVE_TIMEOUT
    )
    app_server.start()
    expect(announced(phones[1])).to_contain_text("Takk!", timeout=RECOVERY_TIMEOUT)
    expect(presenter.locator(".wordcloud")).to_contain_text("trygghet", timeout=RECOVERY_TIMEOUT)
    expect(presenter.locator(".wordcloud")).to_contain_text("fellesskap", timeout=LIVE_TIMEOUT)
    state = staff_state(page, workshop_id)
    words = {row["label"]: row["value"] for row in state["activity"]["results"]["rows"]}
    assert words == {"fellesskap": 1, "trygghet": 1}

    # The poll answers from before the restart are all still there.
    page.goto(f"/verksted/{workshop_id}/")
    for_item(page, "Vis nå", "Hva er viktigst i 2040?").click()
    expect(withheld).to_contain_text("Så langt har 3 svart", timeout=RECOVERY_TIMEOUT)

    # Statements: a participant's own statement waits for moderation, then others vote on it.
    for_item(page, "Vis nå", "Hva mener du?").click()
    expect(phones[0].locator("#prompt")).to_have_text("Hva mener du?", timeout=RECOVERY_TIMEOUT)
    phones[0].get_by_text("Legg til en ny påstand").click()
    phones[0].fill("#text", "Bussen bør gå hver halvtime.")
    phones[0].get_by_role("button", name="Send påstanden").click()
    expect(announced(phones[0])).to_contain_text(
        "når en fasilitator har sett på det", timeout=LIVE_TIMEOUT
    )
    approve = for_item(page, "Godkjenn", "Bussen bør gå hver halvtime.")
    expect(approve).to_be_visible(timeout=LIVE_TIMEOUT)
    approve.click()
    expect(phones[1].get_by_text("Bussen bør gå hver halvtime.")).to_be_visible(
        timeout=LIVE_TIMEOUT
    )
    card = phones[1].locator("[data-card]", has_text="Bussen bør gå hver halvtime.")
    card.get_by_role("button", name="Enig", exact=True).click()
    expect(announced(phones[1])).to_have_text("Stemmen din er lagret.", timeout=LIVE_TIMEOUT)
    expect(phones[1].locator(".voted")).to_contain_text("Du er enig", timeout=LIVE_TIMEOUT)
    # One vote is too few to show on the projector; the console counts it.
    expect(presenter.locator(".presenter-items")).to_contain_text("Bussen bør gå hver halvtime.")
    expect(presenter.locator(".presenter-items")).not_to_contain_text("Enig 1")


def test_participant_presenter_and_console_pages_have_no_wcag_violations(
    page: Any,
    phone_page: Any,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
    screenshot: Callable[[Any, str], Any],
) -> None:
    phone_page.goto("/delta/")
    assert_no_axe_violations(phone_page)
    phone_page.fill("input[name=code]", "HAUKER")
    phone_page.get_by_role("button", name="Bli med").click()
    assert_no_axe_violations(phone_page)
    phone_page.fill("#word", "Havet")
    phone_page.get_by_role("button", name="Send", exact=True).click()
    expect(phone_page.locator("#announcer")).to_contain_text("Takk!")
    assert_no_axe_violations(phone_page)
    screenshot(phone_page, "workshop-phone-wordcloud")

    login(page)
    page.goto("/verksted/")
    page.get_by_role("link", name="Demoverksted: Haugesund 2040").click()
    assert_no_axe_violations(page)
    screenshot(page, "workshop-console")
    workshop_url = page.url
    page.goto(workshop_url + "presenter/")
    expect(page.locator(".wordcloud")).to_contain_text("hav")
    assert_no_axe_violations(page)
    screenshot(page, "workshop-presenter")
    page.goto(workshop_url + "fjernkontroll/")
    assert_no_axe_violations(page)


def test_every_demo_activity_works_on_a_320_px_phone(
    browser: Any,
    app_url: str,
    page: Any,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
) -> None:
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, base_url=app_url, locale="nb-NO"
    )
    phone = context.new_page()
    phone.goto("/d/HAUKER/")
    phone.get_by_role("button", name="Bli med").click()
    login(page)
    page.goto("/verksted/")
    page.get_by_role("link", name="Demoverksted: Haugesund 2040").click()
    remote = page.url + "fjernkontroll/"
    page.goto(remote)
    for _ in range(9):
        phone.reload()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320
        assert_no_axe_violations(phone)
        page.get_by_role("button", name="Neste").click()
    context.close()


def test_a_facilitator_exports_a_workshop_and_imports_the_table_into_another(
    page: Any, login: Callable[[Any], None], tmp_path: Any, assert_no_axe_violations: Any
) -> None:
    login(page)
    page.goto("/verksted/")
    page.get_by_role("link", name="Demoverksted: Haugesund 2040").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Eksporter til CSV").click()
    table = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(table)
    assert table.suffix == ".csv"
    lines = table.read_text(encoding="utf-8-sig").strip().splitlines()
    assert lines[0].startswith("spørsmål/tekst,type,svar/kommentar")

    page.goto("/verksted/nytt/")
    page.fill("#id_title", "E2E-import")
    page.fill("#id_municipality_code", "1106")
    page.get_by_role("button", name="Lag verkstedet").click()
    page.get_by_role("link", name="Les inn svar fra fil").click()
    page.set_input_files("#id_file", str(table))
    page.get_by_role("button", name="Vis kolonnene").click()
    # The preview shows which column becomes what before anything is stored.
    expect(page.get_by_role("heading", name="Slik leses kolonnene")).to_be_visible()
    expect(page.get_by_label("Kolonnen «spørsmål/tekst» blir")).to_have_value("text")
    expect(page.get_by_label("Kolonnen «aktivitetstype» blir")).to_have_value("kind")
    assert_no_axe_violations(page)
    page.screenshot(path=str(tmp_path / "import-preview.png"), full_page=True)
    page.get_by_role("button", name="Les inn med disse kolonnene").click()
    message = page.get_by_text(re.compile(r"rader importert"))
    expect(message).to_be_visible()
    created = int(re.search(r"(\d+) rader importert", message.inner_text()).group(1))
    assert created > 0

    # The same file again adds nothing: every row is already there.
    page.get_by_role("link", name="Les inn svar fra fil").click()
    page.set_input_files("#id_file", str(table))
    page.get_by_role("button", name="Vis kolonnene").click()
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "import-preview-360.png"), full_page=True)
    page.get_by_role("button", name="Les inn med disse kolonnene").click()
    expect(page.get_by_text(f"0 rader importert, {created} fantes fra før.")).to_be_visible()


def test_a_phone_whose_network_blocks_websockets_still_answers_and_follows_by_polling(
    page: Any, browser: Any, app_url: str, login: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, code = create_workshop(page, "E2E-uten-websocket")
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, base_url=app_url, locale="nb-NO"
    )
    blocked: list[str] = []

    def refuse(socket: Any) -> None:
        blocked.append(socket.url)
        socket.close()

    context.route_web_socket(re.compile(r"/ws/"), refuse)
    phone = context.new_page()
    phone.set_default_timeout(LIVE_TIMEOUT)
    join(phone, code)
    expect(phone.locator("#prompt")).to_have_text("Hva er viktigst i 2040?")
    phone.get_by_role("radio", name="Helse", exact=True).check()
    phone.get_by_role("button", name="Send svar").click()
    expect(announced(phone)).to_have_text("Takk! Svaret ditt er lagret.")

    # The facilitator moves on; the phone, without a socket, follows by polling.
    page.goto(f"/verksted/{workshop_id}/")
    for_item(page, "Vis nå", "Ett ord om nabolaget").click()
    expect(phone.locator("#prompt")).to_have_text("Ett ord om nabolaget", timeout=LIVE_TIMEOUT)
    phone.fill("#word", "Stillhet")
    phone.get_by_role("button", name="Send", exact=True).click()
    expect(announced(phone)).to_contain_text("Takk!")
    assert blocked, "the phone never tried a WebSocket, so nothing was blocked"
    assert wait_for_words(page, workshop_id) == {"stillhet": 1}
    context.close()


def test_a_facilitator_edits_moves_and_deletes_activities_from_the_console(
    page: Any, login: Callable[[Any], None], assert_no_axe_violations: Callable[[Any], None]
) -> None:
    login(page)
    workshop_id, _code = create_workshop(page, "E2E-endre-aktiviteter")

    page.get_by_role("link", name=re.compile(r"^Endre\W+Hva er viktigst i 2040\?$")).click()
    expect(page.locator("#id_options")).to_have_value("Skole\nHelse\nKultur")
    assert_no_axe_violations(page)
    page.fill("#id_prompt", "Hva er viktigst for Haugesund i 2040?")
    page.fill("#id_options", "Skolen\nHelsa\nKulturen")
    page.get_by_role("button", name="Lagre endringene").click()
    expect(page.get_by_text("Endringene er lagret.")).to_be_visible()

    for_item(page, "Flytt opp", "Hva mener du?").click()
    expect(page.get_by_text("Aktiviteten er flyttet.")).to_be_visible()
    prompts = [a["prompt"] for a in staff_state(page, workshop_id)["workshop"]["activities"]]
    assert prompts == [
        "Hva er viktigst for Haugesund i 2040?",
        "Hva mener du?",
        "Ett ord om nabolaget",
    ]

    page.get_by_role("link", name=re.compile(r"^Slett\W+Ett ord om nabolaget$")).click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Slett aktiviteten").click()
    expect(page.get_by_text("Aktiviteten er slettet.")).to_be_visible()
    assert len(staff_state(page, workshop_id)["workshop"]["activities"]) == 2
