"""WebSocket consumers: send the full state on connect, then the workshop's events; take answers.

Thin on purpose: they find out who is connecting (language and easy-language choice included)
and enter the workshop's room in this process (`hub`), which passes on the events cut down to
what each viewer may see. A phone may send its answers over the socket: each is stored by the
same code as `POST /d/<code>/svar/` (`answers.submit_from_socket`) and acknowledged with an `ack`
message only after it is committed; the phone keeps it and retries with the same key until then.
"""

from __future__ import annotations

import logging
from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from samfunnslab.core.dbthread import seldom_checked_sync_to_async
from samfunnslab.inclusion.easy import COOKIE as EASY_COOKIE
from samfunnslab.workshops import answers, authorizers, freshness, hub, selectors
from samfunnslab.workshops.models import Participant, Workshop
from samfunnslab.workshops.services import MAX_KEY_LENGTH, normalise_join_code

logger = logging.getLogger(__name__)

CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404


class _WorkshopConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    # No channel of its own on the layer: the room (`hub`) receives the workshop's events once per
    # process and writes to the sockets. A per-socket channel would only cost a Redis channel per
    # phone, and Channels closes the socket when receiving on it fails (a Redis restart would drop
    # every phone); an alias that names no layer gives the consumer none.
    channel_layer_alias = "samfunnslab-no-layer-per-socket"
    audience: selectors.Audience = "participant"
    workshop_id: int | None = None
    participant_id: int | None = None
    shown_activity_id: int | None = None
    language: str = ""
    easy: bool = False

    async def _accept_into(self, workshop_id: int) -> None:
        self.workshop_id = workshop_id
        await self.accept()
        await hub.enter(self, workshop_id)
        await self.send_full_state()

    async def dispatch(self, message: dict[str, Any]) -> None:
        """Channels' dispatch without its trip to the database thread before every message.

        That trip only closes stale connections, which `database_sync_to_async` does anyway
        around every piece of database work here; in a room answering at once it doubled the
        queue on the one database thread.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def disconnect(self, code: int) -> None:
        if self.workshop_id is not None:
            await hub.leave(self, self.workshop_id)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":
            await self.send_json({"type": "pong"})
        elif kind == "resync":
            await self.send_full_state()
        elif kind == "answer":
            await self.answer(content)

    async def answer(self, content: dict[str, Any]) -> None:
        """Screens of the staff do not answer; only the participant's socket takes answers."""

    async def send_full_state(self) -> None:
        await self.send_json(await database_sync_to_async(self.full_state)())

    async def send_json(self, content: dict[str, Any], close: bool = False) -> None:
        if content.get("type") == "state":
            self.shown_activity_id = content["workshop"]["current_activity_id"]
        await super().send_json(content, close=close)

    def full_state(self) -> dict[str, Any]:
        raise NotImplementedError


class ParticipantConsumer(_WorkshopConsumer):
    """`ws/d/<code>/`: a phone; the participant cookie of that workshop is required."""

    audience = "participant"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_flight: set[str] = set()
        self.joined: Participant | None = None  # read on connect, used once for the first state

    async def connect(self) -> None:
        code = normalise_join_code(self.scope["url_route"]["kwargs"]["code"])
        found = await database_sync_to_async(self._find)(code)
        if found is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.participant_id, workshop_id, self.easy = found
        cookies = self.scope.get("cookies", {})
        chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        self.language = chosen if chosen in supported else settings.LANGUAGE_CODE
        await self._accept_into(workshop_id)

    def _find(self, code: str) -> tuple[int, int, bool] | None:
        workshop = selectors.workshop_for_code(code)
        if workshop is None:
            return None
        participant = authorizers.participant_for_scope(self.scope, workshop)
        if participant is None:
            return None
        participant.workshop = workshop
        self.joined = participant
        chosen = self.scope.get("cookies", {}).get(EASY_COOKIE)
        easy = chosen == "1" if chosen in ("0", "1") else workshop.easy_language
        return participant.pk, workshop.pk, easy

    async def answer(self, content: dict[str, Any]) -> None:
        """Store an answer sent over the socket; acknowledge it only once it is committed.

        `{"type": "answer", "data": {…the fields of POST /d/<code>/svar/…}}`. A resend of an
        answer still being stored is dropped: the first one's ack answers both.
        """
        data = content.get("data")
        key = str(data.get("key", "") if isinstance(data, dict) else "")[:MAX_KEY_LENGTH]
        if key in self.in_flight:
            return
        self.in_flight.add(key)
        try:
            reply = await self._store(data)
        finally:
            self.in_flight.discard(key)
        await self.send_json({"type": "ack", "key": key, **reply})

    async def _store(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            return {"ok": False, "status": 400, "error": answers.not_understood()}
        client = self.scope.get("client") or ("", 0)
        try:
            # The connection is checked at most once a second here, not before every answer
            # (one round trip fewer per answer on PostgreSQL: docs/load-benchmark.md).
            return await seldom_checked_sync_to_async(answers.submit_from_socket)(  # type: ignore[no-any-return]
                participant_id=self.participant_id,
                workshop_id=self.workshop_id,
                data=data,
                ip=client[0] or "",
            )
        except Exception:  # e.g. a database that is briefly unavailable: the phone retries
            logger.exception("could not store an answer sent over a socket")
            return {"ok": False, "status": 503, "error": answers.try_again_later()}

    def full_state(self) -> dict[str, Any]:
        """The state on connect (from the rows just read to let the phone in) or on a resync."""
        participant, self.joined = self.joined, None
        if participant is None:
            participant = Participant.objects.select_related("workshop__current_activity").get(
                pk=self.participant_id
            )
        state = selectors.workshop_state(
            participant.workshop, audience="participant", participant=participant
        )
        state["refresh_ms"] = freshness.refresh_ms(participant.workshop_id)  # how seldom to fetch
        return state


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
