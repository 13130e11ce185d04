"""WebSocket consumers: send the full state on connect, then pass on the workshop's events.

Thin on purpose: they find out who is connecting, join the workshop's one group, and cut every
event down to what that viewer may see. Answers never travel over the socket; phones POST them
over HTTP so that each one is committed before it is acknowledged.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from samfunnslab.workshops import authorizers, events, selectors
from samfunnslab.workshops.models import Participant, Workshop
from samfunnslab.workshops.services import normalise_join_code

CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


_ENCODED: OrderedDict[tuple[str, str], str] = OrderedDict()
_ENCODED_KEEP = 64


def encoded_for(event: dict[str, Any], audience: selectors.Audience) -> str:
    """Cut and JSON-encode an event once per audience and process, not once per screen."""
    key = (str(event.get("id", "")), audience)
    text = _ENCODED.get(key) if key[0] else None
    if text is None:
        text = json.dumps(selectors.event_for_audience(event, audience))
        if key[0]:
            _ENCODED[key] = text
            while len(_ENCODED) > _ENCODED_KEEP:
                _ENCODED.popitem(last=False)
    return text


class _WorkshopConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    audience: selectors.Audience = "participant"
    workshop_id: int | None = None
    shown_activity_id: int | None = None

    async def _accept_into(self, workshop_id: int) -> None:
        self.workshop_id = workshop_id
        await self.channel_layer.group_add(events.group_name(workshop_id), self.channel_name)
        await self.accept()
        await self.send_json(await database_sync_to_async(self.full_state)())

    async def disconnect(self, code: int) -> None:
        if self.workshop_id is not None:
            await self.channel_layer.group_discard(
                events.group_name(self.workshop_id), self.channel_name
            )

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "resync":
            await self.send_json(await database_sync_to_async(self.full_state)())

    async def workshop_event(self, message: dict[str, Any]) -> None:
        event = message["event"]
        summary = event.get("workshop") if event.get("type") == "workshop" else None
        if summary and summary["current_activity_id"] != self.shown_activity_id:
            # Another activity is shown now: send its full state rather than a bare header.
            await self.send_json(await database_sync_to_async(self.full_state)())
            return
        await self.send(text_data=encoded_for(event, self.audience))

    async def send_json(self, content: dict[str, Any], close: bool = False) -> None:
        if content.get("type") == "state":
            self.shown_activity_id = content["workshop"]["current_activity_id"]
        await super().send_json(content, close=close)

    def full_state(self) -> dict[str, Any]:
        raise NotImplementedError


class ParticipantConsumer(_WorkshopConsumer):
    """`ws/d/<code>/`: a phone; the participant cookie of that workshop is required."""

    audience = "participant"

    async def connect(self) -> None:
        code = normalise_join_code(self.scope["url_route"]["kwargs"]["code"])
        found = await database_sync_to_async(self._find)(code)
        if found is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.participant_id = found
        workshop_id = await database_sync_to_async(self._workshop_id)()
        await self._accept_into(workshop_id)

    def _find(self, code: str) -> int | None:
        workshop = selectors.workshop_for_code(code)
        if workshop is None:
            return None
        participant = authorizers.participant_for_scope(self.scope, workshop)
        return participant.pk if participant else None

    def _workshop_id(self) -> int:
        return Participant.objects.values_list("workshop_id", flat=True).get(pk=self.participant_id)

    def full_state(self) -> dict[str, Any]:
        participant = Participant.objects.select_related("workshop__current_activity").get(
            pk=self.participant_id
        )
        return selectors.workshop_state(
            participant.workshop, audience="participant", participant=participant
        )


class StaffConsumer(_WorkshopConsumer):
    """`ws/verksted/<id>/?visning=presenter|fasilitator`: the projector or the facilitator console."""

    async def connect(self) -> None:
        workshop_id = int(self.scope["url_route"]["kwargs"]["workshop_id"])
        query = self.scope.get("query_string", b"").decode()
        self.audience = "presenter" if "visning=presenter" in query else "facilitator"
        allowed = await database_sync_to_async(self._allowed)(workshop_id)
        if not allowed:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self._accept_into(workshop_id)

    def _allowed(self, workshop_id: int) -> bool:
        workshop = Workshop.objects.select_related("organisation").filter(pk=workshop_id).first()
        user = self.scope.get("user")
        return (
            workshop is not None
            and user is not None
            and authorizers.can_watch_workshop(user, workshop)
        )

    def full_state(self) -> dict[str, Any]:
        workshop = Workshop.objects.select_related("current_activity").get(pk=self.workshop_id)
        return selectors.workshop_state(workshop, audience=self.audience)
