"""The expectation-gap pulse in a real browser: one click adds it, phones answer before and after,
and the shift appears in the process evaluation (WCAG 2.1 AA)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import open_phones

pytestmark = pytest.mark.browser

LIVE_TIMEOUT = 15_000
FF = "/metoder/prosesser/innbyggerverksted-fremtidsfrekvens/"
FIRST = "Jeg tror kommunen kan gi de samme tjenestene i 2040 som i dag."


@pytest.fixture
def five_phones(browser: Any, app_url: str) -> Iterator[list[Any]]:
    contexts, pages = open_phones(browser, app_url, 5, width=360, timeout=LIVE_TIMEOUT)
    yield pages
    for context in contexts:
        context.close()


def activity_on(phone: Any) -> str:
    """The id of the activity the phone's answer form is for."""
    return phone.locator("form[data-outbox] input[name=activity]").first.get_attribute("value")


def answer_scale(phone: Any, value: str, *, not_activity: str = "") -> str:
    """Answer the first pulse item; with `not_activity`, wait until the phone shows a new one."""
    expect(phone.locator("#prompt")).to_have_text(FIRST, timeout=LIVE_TIMEOUT)
    if not_activity:
        expect(phone.locator("form[data-outbox] input[name=activity]").first).not_to_have_value(
            not_activity, timeout=LIVE_TIMEOUT
        )
    activity = activity_on(phone)
    phone.get_by_role("radio", name=re.compile(rf"^{value}\b")).check()
    phone.get_by_role("button", name=re.compile("^(Send svar|Endre svaret)$")).click()
    # Said in the live region, or (when the tap beat the page's script) by the no-script path's
    # message after the form was posted: either way the person is told it was stored.
    told = phone.locator("#announcer, main .messages").filter(
        has_text="Takk! Svaret ditt er lagret."
    )
    expect(told.first).to_be_visible(timeout=LIVE_TIMEOUT)
    return activity


def test_phones_answer_the_pulse_before_and_after_and_the_shift_shows_in_the_evaluation(
    page, five_phones, login, assert_no_axe_violations, screenshot
):
    login(page)
    page.goto(FF)
    page.fill("#kopi-navn", "Fremtidskveld med puls")
    page.get_by_role("button", name="Lag en kopi jeg kan endre").click()
    process_url = page.url.split("#")[0]
    page.get_by_role("button", name="Start verksted: Snu antakelsene").click()
    workshop_url = page.url.split("#")[0]

    page.goto(process_url)
    page.get_by_role("button", name=re.compile("^Legg til forventningspulsen")).click()
    expect(page.locator("main")).to_contain_text("Forventningspulsen er lagt til")
    expect(page.locator("#forventningspuls-seksjon")).to_contain_text("Har pulsen")
    assert_no_axe_violations(page)

    page.goto(workshop_url)
    page.get_by_role("button", name="Åpne verkstedet").click()
    code = page.locator(".big-code").inner_text().strip()
    for phone, value in zip(five_phones, "22312", strict=True):
        phone.goto("/delta/")
        phone.fill("input[name=code]", code.lower())
        phone.get_by_role("button", name="Bli med").click()
        before = answer_scale(phone, value)
    screenshot(five_phones[0], "methods-pulse-phone-before")

    # The facilitator jumps to the same item at the end: «Etter».
    page.get_by_role("button", name=re.compile(rf"^Vis nå\W+{re.escape(FIRST)}$")).last.click()
    for phone, value in zip(five_phones, "44534", strict=True):
        assert answer_scale(phone, value, not_activity=before) != before

    page.goto(process_url + "#forventningspuls-seksjon")
    section = page.locator("#forventningspuls-seksjon")
    first = section.locator("table", has_text=FIRST).first
    expect(first).to_contain_text("samme person før og etter, n = 5")
    expect(first).to_contain_text("+2,0")
    assert "For få svar til å vise" in section.inner_text()  # the items nobody answered
    assert_no_axe_violations(page)
    screenshot(page, "methods-pulse-evaluation")
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    screenshot(page, "methods-pulse-evaluation-phone")
