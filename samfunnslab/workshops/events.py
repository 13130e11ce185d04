"""Live events: one Channels group per workshop, sent only after the database has committed.

Services call `broadcast()` with a function that builds the payload; the function runs after the
commit, so the payload always describes committed state. Consumers decide per viewer what to pass
on (see `selectors.event_for_audience`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

EventBuilder = Callable[[], dict[str, Any]]


def group_name(workshop_id: int) -> str:
    """Return the Channels group every screen of this workshop listens to."""
    return f"workshop-{workshop_id}"


def broadcast(*, workshop_id: int, build: EventBuilder) -> None:
    """After the current transaction commits, build the event and send it to the workshop's group."""
    transaction.on_commit(lambda: _send(workshop_id, build()), robust=True)


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
