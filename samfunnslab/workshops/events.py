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

import logging
import threading
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import close_old_connections, connection, transaction

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
    if coalesce and _coalesce_seconds() > 0:
        transaction.on_commit(lambda: _send_soon(coalesce, workshop_id, build), robust=True)
    else:
        transaction.on_commit(lambda: _send(workshop_id, build()), robust=True)


def _coalesce_seconds() -> float:
    return float(getattr(settings, "WORKSHOP_EVENT_COALESCE_SECONDS", 0.5))


def _send_soon(key: str, workshop_id: int, build: EventBuilder) -> None:
    with _pending_lock:
        if key in _pending:
            return  # the event already scheduled will be built from the newest state
        _pending.add(key)

    def run() -> None:
        with _pending_lock:
            _pending.discard(key)
        _send(workshop_id, build())

    timer = threading.Timer(_coalesce_seconds(), _in_own_thread, args=(run,))
    timer.daemon = True
    timer.start()


def _in_own_thread(run: Callable[[], None]) -> None:
    """Run in the timer's thread and close the database connection that thread opened."""
    try:
        run()
    finally:
        close_old_connections()
        connection.close()


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


def activity_changed(activity_id: int) -> EventBuilder:
    """Build an `activity` event: the activity's public state with results and items."""

    def build() -> dict[str, Any]:
        from samfunnslab.workshops.selectors import activity_state_by_id

        return {"type": "activity", "activity": activity_state_by_id(activity_id)}

    return build


def workshop_changed(workshop_id: int) -> EventBuilder:
    """Build a `workshop` event: status, current activity and the list of activities."""

    def build() -> dict[str, Any]:
        from samfunnslab.workshops.selectors import workshop_summary_by_id

        return {"type": "workshop", "workshop": workshop_summary_by_id(workshop_id)}

    return build
