"""Photos from phones in real browsers: a phone at 360 px sends a real JPEG of the group's
artefact, bad files are refused at the file field with the description kept, the cockpit shows
the photo in its queue and approves it without a reload, only then the projector shows it, and
the facilitator puts it on a community model that says where it came from."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from e2e.conftest import open_phones, wait_until
from e2e.test_community_models import _fork, _open_example
from e2e.test_workshop_room import new_workshop
from samfunnslab.core.tests import image_files

LIVE_TIMEOUT = 20_000
DESCRIPTION = "Plakat fra 2060: bygdekafeen er også legekontor"


def create_photo_workshop(page: Any) -> tuple[int, str]:
    return new_workshop(
        page, "Utstilling fra framtiden", [("photo", "Ta bilde av gjenstanden gruppa laget", "")]
    )


def _file(name: str, data: bytes, mime: str) -> dict[str, Any]:
    return {"name": name, "mimeType": mime, "buffer": data}


def _send_by_keyboard(phone: Any) -> None:
    """Focus «Send bildet» and press Enter, as a keyboard user does."""
    phone.get_by_role("button", name="Send bildet").focus()
    phone.keyboard.press("Enter")


def _refused_at_file_field(phone: Any, reason: str) -> None:
    """The reason stands in the form, tied to the file field, which has focus; the description is kept."""
    error = phone.locator("#photo-form [data-form-error]")
    expect(error).to_contain_text(reason)
    file_field = phone.locator("#photo-file")
    expect(file_field).to_have_attribute("aria-invalid", "true")
    expect(file_field).to_be_focused()
    assert error.get_attribute("id") in (file_field.get_attribute("aria-describedby") or "")
    expect(phone.get_by_label("Hva viser bildet?")).to_have_value(DESCRIPTION)


def test_a_phone_photo_is_refused_plainly_then_approved_and_projected(
    page: Any,
    browser: Any,
    app_url: str,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
    screenshot: Callable[[Any, str], Path],
    tmp_path: Path,
) -> None:
    login(page)
    workshop_id, code = create_photo_workshop(page)
    presenter = page.context.new_page()
    presenter.set_viewport_size({"width": 1280, "height": 720})
    presenter.goto(f"/verksted/{workshop_id}/presenter/")
    contexts, (phone,) = open_phones(browser, app_url, 1, width=360, timeout=LIVE_TIMEOUT)
    phone.goto("/delta/")
    phone.fill("input[name=code]", code.lower())
    phone.get_by_role("button", name="Bli med").click()
    expect(phone.get_by_text("Ikke ta bilde av personer uten at de har sagt ja")).to_be_visible()
    # No capture attribute: the phone offers its camera and the pictures already on it.
    assert phone.locator("#photo-file").get_attribute("capture") is None
    assert_no_axe_violations(phone)
    screenshot(phone, "photo-phone")

    # A decompression bomb: small enough to send, refused by the server at the file field.
    phone.get_by_label("Hva viser bildet?").fill(DESCRIPTION)
    phone.locator("#photo-file").set_input_files(
        _file("plakat.png", image_files.png_bomb(), "image/png")
    )
    _send_by_keyboard(phone)
    _refused_at_file_field(phone, "for mange piksler")
    assert_no_axe_violations(phone)
    screenshot(phone, "photo-phone-refused")
    # 20 MB: refused by the phone before anything is sent.
    big = tmp_path / "stor.jpg"  # a path: the browser reads it itself, nothing crosses the wire
    big.write_bytes(image_files.big_file(20 * 1024 * 1024))
    phone.locator("#photo-file").set_input_files(big)
    _send_by_keyboard(phone)
    _refused_at_file_field(phone, "Bildet er for stort (20,0 MB)")

    # A real small JPEG (with a GPS position the server throws away) goes through.
    phone.locator("#photo-file").set_input_files(
        _file("plakat.jpg", image_files.jpeg_with_gps((1200, 900)), "image/jpeg")
    )
    _send_by_keyboard(phone)
    expect(phone.locator("#announcer")).to_contain_text("Bildet er sendt")
    # Focus stays on «Send bildet» (it is never disabled while sending, which would drop it).
    expect(phone.get_by_role("button", name="Send bildet")).to_be_focused()
    expect(phone.locator("#photo-form [data-form-error]")).to_have_count(0)
    expect(phone.get_by_label("Hva viser bildet?")).to_have_value("")
    expect(phone.locator("[data-mine]")).to_contain_text("venter på godkjenning")

    # The cockpit's queue gets it live, with the picture and the reason; approve without reload.
    held = page.locator(".moderation-list li[id^=held-]")
    expect(held).to_have_count(1, timeout=LIVE_TIMEOUT)
    expect(held.locator("img")).to_have_attribute("alt", DESCRIPTION)
    expect(held).to_contain_text("bilder godkjennes alltid før de vises")
    wait_until(
        page,
        "() => document.querySelector('.held-picture')?.naturalWidth > 0",
        what="the queued picture loaded",
    )
    expect(presenter.locator(".presenter-photos img")).to_have_count(0)
    assert_no_axe_violations(page)
    screenshot(page, "photo-cockpit")
    page.evaluate("() => { window.__notReloaded = true; }")
    held.get_by_role("button", name=re.compile("^Godkjenn")).click()
    expect(page.get_by_text("Ingenting venter.")).to_be_visible(timeout=LIVE_TIMEOUT)
    assert page.evaluate("() => window.__notReloaded === true")

    # The projector shows it only now: the picture, its description as alt and caption.
    picture = presenter.locator(".presenter-photos img")
    expect(picture).to_have_count(1, timeout=LIVE_TIMEOUT)
    expect(picture).to_have_attribute("alt", DESCRIPTION)
    wait_until(
        presenter,
        "() => document.querySelector('.presenter-photos img')?.naturalWidth > 0",
        what="the projected picture loaded",
    )
    screenshot(presenter, "photo-projector")
    for context in contexts:
        context.close()

    # The facilitator puts the approved photo on a community model, which shows where it came from.
    _open_example(page, "Nabolagsmodellen")
    _fork(page, "Nabolag med gjenstander")
    page.get_by_role("link", name="Bilder av gjenstander og skisser").click()
    offered = page.locator("section[aria-labelledby=workshop-photos-heading]")
    expect(offered.get_by_role("img", name=DESCRIPTION)).to_be_visible()
    assert_no_axe_violations(page)
    offered.get_by_role("button", name=re.compile("^Legg til i modellen")).click()
    expect(page.get_by_text("Bildet er lagt til i modellen, med hvor det kom fra.")).to_be_visible()
    expect(page.locator(".picture-gallery figcaption")).to_contain_text(
        "Fra verksted: Utstilling fra framtiden – Ta bilde av gjenstanden gruppa laget"
    )
    expect(page.locator("section[aria-labelledby=workshop-photos-heading]")).to_have_count(0)
    assert_no_axe_violations(page)
    screenshot(page, "photo-model")
