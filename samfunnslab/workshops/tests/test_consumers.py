"""WebSockets against the real ASGI app: full state on connect, then deltas after commits."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import OperationalError
from django.test import Client

from config.asgi import application
from samfunnslab.workshops import answers, authorizers, events, freshness, hub, services
from samfunnslab.workshops.models import (
    ActivityKind,
    Contribution,
    Participant,
    Response,
    Workshop,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _setup(organisation: Any, facilitator: Any) -> tuple[Workshop, Participant]:
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Live", municipality_code="1106"
    )
    services.activity_add(
        workshop=workshop, kind=ActivityKind.CHOICE, prompt="Hva?", options=["Ja", "Nei"]
    )
    services.activity_add(
        workshop=workshop, kind=ActivityKind.STATEMENTS, prompt="Påstander", statements=["Første"]
    )
    services.workshop_open(workshop=workshop)
    return workshop, services.participant_join(workshop=workshop)


def _headers(cookie: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"origin", b"http://testserver"),
        (b"host", b"testserver"),
        (b"cookie", cookie.encode()),
    ]


def phone(workshop: Workshop, participant: Participant) -> WebsocketCommunicator:
    cookie = f"{authorizers.cookie_name(workshop)}={authorizers.sign_participant(participant)}"
    return WebsocketCommunicator(
        application, f"/ws/d/{workshop.join_code}/", headers=_headers(cookie)
    )


def staff(workshop: Workshop, user: Any, view: str = "") -> WebsocketCommunicator:
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    query = "?visning=presenter" if view == "presenter" else ""
    return WebsocketCommunicator(
        application, f"/ws/verksted/{workshop.pk}/{query}", headers=_headers(cookie)
    )


async def test_a_phone_gets_the_full_state_on_connect(organisation: Any, facilitator: Any) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    connected, _ = await communicator.connect()
    assert connected
    state = await communicator.receive_json_from()
    assert state["type"] == "state"
    assert state["activity"]["prompt"] == "Hva?"
    assert state["me"]["answers"]["response"] is None
    assert state["refresh_ms"] == freshness.MIN_REFRESH_MS  # a small room: the page's own pace
    await communicator.disconnect()


async def test_a_phone_gets_a_delta_when_another_participant_answers(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    other = await sync_to_async(services.participant_join)(workshop=workshop)
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    await sync_to_async(services.response_submit)(
        participant=other, activity=activity, value={"choice": 1}, idempotency_key="k"
    )
    event = await communicator.receive_json_from(timeout=5)
    assert event["type"] == "activity"
    assert event["activity"]["total"] == 1  # phones get a digest and fetch their own page
    assert "results" not in event["activity"] and len(event["activity"]["digest"]) == 16
    await communicator.disconnect()


async def test_a_phone_without_the_participant_cookie_is_refused(
    organisation: Any, facilitator: Any
) -> None:
    workshop, _ = await sync_to_async(_setup)(organisation, facilitator)
    communicator = WebsocketCommunicator(
        application, f"/ws/d/{workshop.join_code}/", headers=_headers("deltaker_1=forged")
    )
    connected, _ = await communicator.connect()
    assert not connected


async def test_hidden_results_are_not_sent_to_phones(organisation: Any, facilitator: Any) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    await sync_to_async(services.activity_set_results_visible)(activity=activity, visible=False)
    event = await communicator.receive_json_from(timeout=5)
    assert event["activity"]["results_visible"] is False
    assert event["activity"]["total"] is None
    await communicator.disconnect()


async def test_showing_another_activity_sends_phones_one_shared_rendering_of_it(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    await sync_to_async(services.workshop_step)(workshop=workshop, direction=1)
    shown = await communicator.receive_json_from(timeout=5)
    assert shown["type"] == "show"
    assert shown["workshop"]["current_activity_id"] == shown["activity_id"]
    assert "Påstander" in shown["html"] and "Første" in shown["html"]
    assert "Oppgave 2 av 2" in shown["html"]
    await communicator.disconnect()


async def test_a_nynorsk_phone_gets_the_next_activity_in_nynorsk(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    cookie = f"{authorizers.cookie_name(workshop)}={authorizers.sign_participant(participant)}"
    communicator = WebsocketCommunicator(
        application,
        f"/ws/d/{workshop.join_code}/",
        headers=_headers(f"{cookie}; django_language=nn"),
    )
    await communicator.connect()
    await communicator.receive_json_from()
    await sync_to_async(services.workshop_step)(workshop=workshop, direction=1)
    shown = await communicator.receive_json_from(timeout=5)
    assert "Oppgåve 2 av 2" in shown["html"]
    await communicator.disconnect()


async def test_a_phone_that_already_answered_the_next_activity_is_asked_to_fetch_its_own(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    statements = await sync_to_async(lambda: workshop.activities.get(kind="statements"))()
    first = await sync_to_async(lambda: statements.contributions.get())()
    await sync_to_async(services.statement_vote)(participant=participant, statement=first, vote=1)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    await sync_to_async(services.workshop_step)(workshop=workshop, direction=1)
    shown = await communicator.receive_json_from(timeout=5)
    assert shown["type"] == "show" and shown["html"] is None
    assert shown["fetch_within_ms"] >= 1000
    await communicator.disconnect()


async def test_locking_the_shown_activity_pushes_its_locked_page_to_phones(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    await sync_to_async(services.activity_set_locked)(activity=activity, locked=True)
    shown = await communicator.receive_json_from(timeout=5)
    assert shown["type"] == "show" and "låst" in shown["html"]
    update = await communicator.receive_json_from(timeout=5)
    assert update["type"] == "activity" and update["activity"]["locked"] is True
    await communicator.disconnect()


@pytest.mark.skipif(
    bool(os.environ.get("REDIS_URL")),
    reason="Known issue: with the Redis layer, after the earlier tests of this file the second "
    "update arrives at once (passes alone); runs on the in-memory layer. See docs/workshops.md.",
)
async def test_result_updates_tell_phones_how_seldom_to_refresh(
    organisation: Any, facilitator: Any, settings: Any
) -> None:
    settings.WORKSHOP_PHONE_FETCHES_PER_SECOND = 0.5  # two phones → one refresh per 4 s each
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    other = await sync_to_async(services.participant_join)(workshop=workshop)
    phones = [phone(workshop, participant), phone(workshop, other)]
    for communicator in phones:
        await communicator.connect()
        await communicator.receive_json_from()
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    await sync_to_async(services.response_submit)(
        participant=other, activity=activity, value={"choice": 1}, idempotency_key="k"
    )
    event = await phones[0].receive_json_from(timeout=5)
    assert event["refresh_ms"] == freshness.MIN_REFRESH_MS
    settings.WORKSHOP_PHONE_FETCHES_PER_SECOND = 0.1  # now crowded: updates come less often
    settings.WORKSHOP_CROWDED_PHONE_UPDATE_SECONDS = 1.5
    await sync_to_async(services.response_submit)(
        participant=participant, activity=activity, value={"choice": 0}, idempotency_key="j"
    )
    assert await phones[0].receive_nothing(timeout=1)
    event = await phones[0].receive_json_from(timeout=5)
    assert event["refresh_ms"] == 20_000
    assert event["activity"]["total"] == 2
    for communicator in phones:
        await communicator.disconnect()


async def test_the_sockets_of_a_workshop_share_one_channel_per_process(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    phones = [phone(workshop, participant) for _ in range(3)]
    for communicator in phones:
        await communicator.connect()
        await communicator.receive_json_from()
    assert hub.room_size(workshop.pk) == 3
    layer = get_channel_layer()
    if hasattr(layer, "groups"):  # the in-memory layer shows its groups
        assert len(layer.groups[events.group_name(workshop.pk)]) == 1
    await layer.group_send(
        events.group_name(workshop.pk), {"type": "workshop.event", "event": {"type": "note"}}
    )
    for communicator in phones:
        assert await communicator.receive_json_from(timeout=5) == {"type": "note"}
    for communicator in phones:
        await communicator.disconnect()
    assert hub.room_size(workshop.pk) == 0


async def test_an_answer_over_the_socket_is_acknowledged_once_it_is_stored(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    answer = {"key": "k1", "activity": activity.pk, "action": "answer", "value": {"choice": 1}}
    await communicator.send_json_to({"type": "answer", "data": answer})
    ack = await _next_of_type(communicator, "ack")
    assert ack["ok"] is True and ack["key"] == "k1" and ack["created"] is True
    stored = await sync_to_async(lambda: list(Response.objects.values_list("value", flat=True)))()
    assert stored == [{"choice": 1}]
    await communicator.send_json_to({"type": "answer", "data": answer})  # the reply was lost
    again = await _next_of_type(communicator, "ack")
    assert again["ok"] is True and again["created"] is False
    assert await sync_to_async(Response.objects.count)() == 1
    await communicator.disconnect()


async def test_a_form_style_answer_over_the_socket_is_parsed_like_the_form(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    form = {"key": "f1", "activity": str(activity.pk), "action": "answer", "choice": "0"}
    await communicator.send_json_to({"type": "answer", "data": form})
    ack = await _next_of_type(communicator, "ack")
    assert ack["ok"] is True
    assert await sync_to_async(lambda: Response.objects.get().value)() == {"choice": 0}
    await communicator.disconnect()


async def test_a_refused_answer_over_the_socket_says_why_in_plain_words(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    await sync_to_async(services.activity_set_locked)(activity=activity, locked=True)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    answer = {"key": "x", "activity": activity.pk, "action": "answer", "value": {"choice": 0}}
    await communicator.send_json_to({"type": "answer", "data": answer})
    ack = await _next_of_type(communicator, "ack")
    assert ack == {
        "type": "ack",
        "key": "x",
        "ok": False,
        "status": 409,
        "error": ack["error"],
    }
    assert "låst" in ack["error"]
    await communicator.send_json_to({"type": "answer", "data": {"key": "y", "activity": 999999}})
    missing = await _next_of_type(communicator, "ack")
    assert missing["ok"] is False and missing["status"] == 404
    await communicator.send_json_to({"type": "answer", "data": "nonsense"})
    garbled = await _next_of_type(communicator, "ack")
    assert garbled["ok"] is False and garbled["status"] == 400
    assert await sync_to_async(Response.objects.count)() == 0
    await communicator.disconnect()


async def test_an_open_contribution_over_the_socket_keeps_its_own_type(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    activity = await sync_to_async(services.activity_add)(
        workshop=workshop, kind=ActivityKind.OPEN, prompt="Hva bør vi prøve?"
    )
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    fields = {"key": "o1", "activity": activity.pk, "action": "contribute", "type": "question"}
    await communicator.send_json_to({"type": "answer", "data": {**fields, "text": "Hvorfor?"}})
    ack = await _next_of_type(communicator, "ack")
    assert ack["ok"] is True
    stored = await sync_to_async(lambda: Contribution.objects.get(idempotency_key="o1"))()
    assert stored.contribution_type == "question"
    await communicator.disconnect()


async def test_a_lock_is_seen_by_the_very_next_answer_over_the_socket(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    first = {"key": "a1", "activity": activity.pk, "action": "answer", "value": {"choice": 0}}
    await communicator.send_json_to({"type": "answer", "data": first})
    assert (await _next_of_type(communicator, "ack"))["ok"] is True
    await sync_to_async(services.activity_set_locked)(activity=activity, locked=True)
    second = {**first, "key": "a2", "value": {"choice": 1}}
    await communicator.send_json_to({"type": "answer", "data": second})
    refused = await _next_of_type(communicator, "ack")
    assert refused["ok"] is False and refused["status"] == 409
    assert await sync_to_async(lambda: Response.objects.get().value)() == {"choice": 0}
    await communicator.disconnect()


async def test_an_idea_card_over_the_socket_goes_to_the_participants_table(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    ideas = await sync_to_async(services.activity_add)(
        workshop=workshop, kind=ActivityKind.IDEAS, prompt="Idéer"
    )
    table = await sync_to_async(services.group_add)(workshop=workshop, name="Bord 3")
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    await sync_to_async(services.participant_choose_group)(participant=participant, group=table)
    card = {"key": "i1", "activity": ideas.pk, "action": "contribute", "text": "Felles kjøkken"}
    await communicator.send_json_to({"type": "answer", "data": card})
    assert (await _next_of_type(communicator, "ack"))["ok"] is True
    stored = await sync_to_async(lambda: Contribution.objects.get(idempotency_key="i1"))()
    assert stored.group_id == table.pk and stored.participant_id == participant.pk
    await communicator.disconnect()


async def test_a_database_failure_is_acknowledged_as_try_again(
    organisation: Any, facilitator: Any, monkeypatch: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()

    def broken(**kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(answers, "submit_from_socket", broken)
    await communicator.send_json_to({"type": "answer", "data": {"key": "z", "activity": 1}})
    ack = await _next_of_type(communicator, "ack")
    assert ack["ok"] is False and ack["status"] == 503 and ack["key"] == "z"
    await communicator.disconnect()


async def _next_of_type(communicator: WebsocketCommunicator, kind: str) -> dict[str, Any]:
    """Return the next message of this type, skipping live events that arrive in between."""
    for _ in range(20):
        message = await communicator.receive_json_from(timeout=5)
        if message.get("type") == kind:
            return message  # type: ignore[no-any-return]
    raise AssertionError(f"no {kind} message")


async def test_only_the_facilitator_console_sees_the_moderation_queue(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    await sync_to_async(services.workshop_step)(workshop=workshop, direction=1)
    console = await sync_to_async(staff)(workshop, facilitator)
    projector = await sync_to_async(staff)(workshop, facilitator, "presenter")
    for communicator in (console, projector):
        assert (await communicator.connect())[0]
        await communicator.receive_json_from()
    statements = await sync_to_async(lambda: workshop.activities.get(kind="statements"))()
    await sync_to_async(services.contribution_submit)(
        participant=participant, activity=statements, text="Ny påstand", idempotency_key="s"
    )
    console_event = await console.receive_json_from(timeout=5)
    projector_event = await projector.receive_json_from(timeout=5)
    assert [i["text"] for i in console_event["activity"]["pending"]] == ["Ny påstand"]
    assert "pending" not in projector_event["activity"]
    await console.disconnect()
    await projector.disconnect()


async def test_outsiders_cannot_open_the_staff_socket(
    organisation: Any, facilitator: Any, outsider: Any
) -> None:
    workshop, _ = await sync_to_async(_setup)(organisation, facilitator)
    communicator = await sync_to_async(staff)(workshop, outsider)
    connected, _ = await communicator.connect()
    assert not connected


async def test_ping_gets_pong_and_resync_gets_the_full_state(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.send_json_to({"type": "resync"})
    assert (await communicator.receive_json_from())["type"] == "state"
    await communicator.disconnect()


async def test_a_burst_of_answers_becomes_one_event_with_the_newest_state(
    organisation: Any, facilitator: Any, settings: Any
) -> None:
    settings.WORKSHOP_EVENT_COALESCE_SECONDS = 3  # wide enough for five quick answers
    workshop, _ = await sync_to_async(_setup)(organisation, facilitator)
    activity = await sync_to_async(lambda: workshop.activities.get(kind="choice"))()
    layer = get_channel_layer()
    listener = await layer.new_channel()
    await layer.group_add(events.group_name(workshop.pk), listener)
    for i in range(5):
        participant = await sync_to_async(services.participant_join)(workshop=workshop)
        await sync_to_async(services.response_submit)(
            participant=participant, activity=activity, value={"choice": 0}, idempotency_key=f"b{i}"
        )
    merged = await asyncio.wait_for(layer.receive(listener), timeout=15)
    assert merged["event"]["activity"]["results"]["total"] == 5
    await layer.send(listener, {"type": "marker"})
    assert (await layer.receive(listener))["type"] == "marker"  # nothing else was queued
