"""Live events: one Channels group per workshop, sent only after the database has committed.

Services call `broadcast()` with a function that builds the payload; the function runs after the
commit, so the payload always describes committed state. Consumers decide per viewer what to pass
on (see `selectors.event_for_audience`).

Answers arrive in bursts (hundreds per second when a room answers a poll). With `coalesce=True`
the events of one activity are merged: at most one is built and sent per
`WORKSHOP_EVENT_COALESCE_SECONDS` (default 0.5 s) per server process, always with the newest state.
Without that, every answer would be sent to every screen (answers × screens messages).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import uuid
from collections.abc import Callable
from contextvars import Context
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

from samfunnslab.workshops.freshness import touch_activity, touch_workshop
from samfunnslab.workshops.freshness import workshop_version as workshop_version  # answers.py

logger = logging.getLogger(__name__)

EventBuilder = Callable[[], dict[str, Any]]

_pending_lock = threading.Lock()
_pending: set[str] = set()


def group_name(workshop_id: int) -> str:
    """Return the Channels group every screen of this workshop listens to."""
    return f"workshop-{workshop_id}"


def broadcast(*, workshop_id: int, build: EventBuilder, coalesce: str = "") -> None:
    """After the current transaction commits, build the event and send it to the workshop's group.

    `coalesce` names a stream of events (e.g. "activity-12") that may be merged within a short
    window; the merged event is built once, when the window ends, from the newest state.
    """
    activity_id = getattr(build, "activity_id", None)
    if activity_id is not None:  # now and after the commit: a read in between is not kept
        touch_activity(activity_id)
        transaction.on_commit(lambda: touch_activity(activity_id), robust=True)
    if not coalesce:  # a facilitator's change (lock, show, close, edit), not a new answer
        touch_workshop(workshop_id)
        transaction.on_commit(lambda: touch_workshop(workshop_id), robust=True)
    if coalesce and _coalesce_seconds() > 0:
        transaction.on_commit(lambda: _send_soon(coalesce, workshop_id, build), robust=True)
    else:
        transaction.on_commit(lambda: _send(workshop_id, build()), robust=True)


def _coalesce_seconds() -> float:
    return float(getattr(settings, "WORKSHOP_EVENT_COALESCE_SECONDS", 0.5))


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """Return the server's event loop when called from a request thread, else None.

    Django runs sync views in threads started by asgiref, which remember the loop that started
    them. Merged events are timed on that loop, so the in-memory channel layer (which is bound to
    it) works as well as Redis.
    """
    local = SyncToAsync.threadlocal
    if getattr(local, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(local, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


def _send_soon(key: str, workshop_id: int, build: EventBuilder) -> None:
    loop = _server_loop()
    if loop is None:  # a management command or a plain test: no server loop, so send at once
        _send(workshop_id, build())
        return
    with _pending_lock:
        if key in _pending:
            return  # the event already scheduled will be built from the newest state
        _pending.add(key)
    # A fresh context: the flush must not inherit the request thread's asgiref executor state.
    loop.call_soon_threadsafe(_start_timer, loop, key, workshop_id, build, context=Context())


def _start_timer(
    loop: asyncio.AbstractEventLoop, key: str, workshop_id: int, build: EventBuilder
) -> None:
    loop.call_later(_coalesce_seconds(), _start_flush, loop, key, workshop_id, build)


def _start_flush(
    loop: asyncio.AbstractEventLoop, key: str, workshop_id: int, build: EventBuilder
) -> None:
    loop.create_task(flush(key, workshop_id, build))


async def flush(key: str, workshop_id: int, build: EventBuilder) -> None:
    """Build the merged event from the newest committed state and send it to the group."""
    with _pending_lock:
        _pending.discard(key)
    try:
        event = await database_sync_to_async(build)()
        layer = get_channel_layer()
        if layer is not None:
            await layer.group_send(
                group_name(workshop_id), {"type": "workshop.event", "event": event}
            )
    except Exception:  # a lost event only delays screens: they resync on reconnect and poll
        logger.exception("could not broadcast a merged workshop event")


def _send(workshop_id: int, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            group_name(workshop_id), {"type": "workshop.event", "event": event}
        )
    except Exception:  # a lost event only delays screens: they resync on reconnect and poll
        logger.exception("could not broadcast a workshop event")


def activity_changed(
    activity_id: int, *, prepare: Callable[[int], None] | None = None
) -> EventBuilder:
    """Build an `activity` event: the activity's public state with results and items.

    `prepare(activity_id)` runs first, after the commit (answers release the room's tallies).
    """

    def build() -> dict[str, Any]:
        from samfunnslab.workshops.selectors import activity_state_by_id

        if prepare is not None:
            prepare(activity_id)
        return {
            "type": "activity",
            "id": uuid.uuid4().hex,
            "activity": activity_state_by_id(activity_id),
        }

    build.activity_id = activity_id  # type: ignore[attr-defined]
    return build


def workshop_changed(workshop_id: int) -> EventBuilder:
    """Build a `workshop` event: status, current activity and the list of activities."""

    def build() -> dict[str, Any]:
        from samfunnslab.workshops.selectors import workshop_summary_by_id

        return {
            "type": "workshop",
            "id": uuid.uuid4().hex,
            "workshop": workshop_summary_by_id(workshop_id),
        }

    return build
