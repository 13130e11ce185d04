"""WebSockets against the real ASGI app: full state on connect, then deltas after commits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from samfunnslab.workshops import authorizers, events, services
from samfunnslab.workshops.models import ActivityKind, Participant, Workshop

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
    assert event["activity"]["results"]["rows"][1]["value"] == 1
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
    assert event["activity"]["results"] is None
    await communicator.disconnect()


async def test_showing_another_activity_sends_its_full_state(
    organisation: Any, facilitator: Any
) -> None:
    workshop, participant = await sync_to_async(_setup)(organisation, facilitator)
    communicator = phone(workshop, participant)
    await communicator.connect()
    await communicator.receive_json_from()
    await sync_to_async(services.workshop_step)(workshop=workshop, direction=1)
    state = await communicator.receive_json_from(timeout=5)
    assert state["type"] == "state"
    assert state["activity"]["kind"] == "statements"
    assert [item["text"] for item in state["activity"]["items"]] == ["Første"]
    await communicator.disconnect()


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
