"""Fan-out of a workshop's live events to the sockets connected to this server process.

Every process keeps one *room* per workshop that has sockets here. The room, not each socket,
joins the workshop's Channels group, so an event crosses the channel layer (Redis in production)
once per process instead of once per screen, and is cut and JSON-encoded once per audience. The
room then writes it to its local sockets.

The room also spares the server a stampede when everyone's screen must change at once (the
facilitator shows the next activity, locks one, or closes the workshop): phones that have not
answered the activity get one shared rendering of it over their socket; only phones with answers
of their own fetch their personal page, spread over a window that grows with the room
(`fetch_within_ms`). Result updates tell phones how seldom they may re-fetch their own results
part (`refresh_ms`), so a room of thousands asks for at most `WORKSHOP_PHONE_FETCHES_PER_SECOND`
fragments per second and process; in such a crowded room phones are told about new results at
most every `WORKSHOP_CROWDED_PHONE_UPDATE_SECONDS`. The projector and the console always get
every update.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import random
import uuid
import weakref
from dataclasses import dataclass, field
from typing import Any, Protocol

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils import translation

from samfunnslab.workshops import events, fragments, selectors
from samfunnslab.workshops.freshness import MIN_REFRESH_MS, note_phone, spread_ms

logger = logging.getLogger(__name__)

MIN_FETCH_WINDOW_MS = 1000
# Re-joining the channel layer after an outage: 0.5 s, 1 s, 2 s … at most 15 s, each ±50 %, so the
# rooms of many processes do not knock on a restarted Redis at the same moment.
BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 15.0
REJOIN_SECONDS = 30.0


def backoff_seconds(failures: int) -> float:
    """Return how long to wait after the n-th failure in a row (exponential, capped, jittered)."""
    base = min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2 ** max(0, failures - 1))
    return base * (0.5 + random.random())


class Screen(Protocol):
    """What a socket consumer offers the room (see `consumers._WorkshopConsumer`)."""

    audience: selectors.Audience
    participant_id: int | None
    language: str
    easy: bool
    shown_activity_id: int | None

    async def send(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None: ...

    async def send_full_state(self) -> None: ...


def phone_update_seconds() -> float:
    return float(getattr(settings, "WORKSHOP_CROWDED_PHONE_UPDATE_SECONDS", 2.0))


@dataclass(eq=False)
class Room:
    """The sockets of one workshop in this process, and what they were last shown."""

    workshop_id: int
    screens: set[Screen] = field(default_factory=set)
    channel: str = ""
    ready: asyncio.Future[None] | None = None
    listener: asyncio.Task[None] | None = None
    current_activity_id: int | None = None
    accepts_answers: bool | None = None
    self_paced: bool = False
    locked: dict[int, bool] = field(default_factory=dict)
    phone_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    lost: bool = False

    @property
    def phones(self) -> list[Screen]:
        return [s for s in self.screens if s.audience == "participant"]

    @property
    def staff(self) -> list[Screen]:
        return [s for s in self.screens if s.audience != "participant"]

    async def start(self) -> None:
        summary = await database_sync_to_async(selectors.workshop_summary_by_id)(self.workshop_id)
        if summary is not None:
            self.remember(summary)
        layer = get_channel_layer()
        if layer is None:
            return
        # The default prefix: channels_redis reads every process-local channel through one
        # shared receive loop, and a second prefix would wait behind it for ever.
        self.channel = await layer.new_channel()
        await layer.group_add(events.group_name(self.workshop_id), self.channel)
        self.listener = asyncio.ensure_future(self.listen())

    async def stop(self) -> None:
        if self.listener is not None:
            self.listener.cancel()  # and wait: the layer releases its receive lock on the way out
            with contextlib.suppress(asyncio.CancelledError):
                await self.listener
        layer = get_channel_layer()
        if layer is not None and self.channel:
            try:
                await layer.group_discard(events.group_name(self.workshop_id), self.channel)
            except Exception:  # the layer may be gone at shutdown; the group entry expires
                logger.warning("could not leave the group of workshop %s", self.workshop_id)

    async def listen(self) -> None:
        """Pass the group's events on; survive the channel layer going away and coming back.

        When Redis restarts, receiving fails (and the group membership is lost with Redis's
        memory). The listener then waits with exponential backoff and jitter, joins the group
        again and resyncs every screen here, so live updates resume without a server restart.
        A watchdog re-joins periodically as well (it also notices a Redis that came back while
        no receive was failing, and keeps the membership from expiring in long workshops).
        """
        layer = get_channel_layer()
        watchdog = asyncio.ensure_future(self.watch())
        failures = 0
        try:
            while True:
                try:
                    message = await layer.receive(self.channel)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    failures += 1
                    self.lost = True
                    delay = backoff_seconds(failures)
                    logger.warning(
                        "live channel of workshop %s lost (%s); retrying in %.1f s",
                        self.workshop_id,
                        type(exc).__name__,
                        delay,
                    )
                    await asyncio.sleep(delay)
                    await self.rejoin()
                    continue
                failures = 0
                try:
                    await self.deliver(message.get("event") or {})
                except asyncio.CancelledError:
                    raise
                except Exception:  # one bad event must not silence the room: screens resync anyway
                    logger.exception("could not deliver a workshop event")
        finally:
            watchdog.cancel()

    async def watch(self) -> None:
        """Re-join the group every REJOIN_SECONDS (jittered); resync screens after an outage."""
        while True:
            await asyncio.sleep(REJOIN_SECONDS * (0.75 + random.random() / 2))
            await self.rejoin()

    async def rejoin(self) -> bool:
        """Join the workshop's group again; after an outage, bring every screen up to date."""
        layer = get_channel_layer()
        try:
            await layer.group_add(events.group_name(self.workshop_id), self.channel)
        except asyncio.CancelledError:
            raise
        except Exception:
            self.lost = True
            return False
        if self.lost:
            self.lost = False
            logger.warning(
                "live channel of workshop %s is back; resyncing screens", self.workshop_id
            )
            await self.resync()
        return True

    async def resync(self) -> None:
        """Events may have been missed: staff screens get their full state, phones the current
        activity (one shared rendering; phones with answers of their own fetch their page)."""
        for screen in list(self.staff):
            with contextlib.suppress(Exception):
                await screen.send_full_state()
        summary = await database_sync_to_async(selectors.workshop_summary_by_id)(self.workshop_id)
        if summary is None:
            return
        self.remember(summary)
        phones = self.phones
        if phones and not summary["self_paced"]:
            await self.push_fragment(phones, summary["current_activity_id"])
        elif phones:
            event = {
                "type": "workshop",
                "id": uuid.uuid4().hex,
                "workshop": summary,
                "fetch_within_ms": spread_ms(len(phones), MIN_FETCH_WINDOW_MS),
            }
            await send_all(phones, json.dumps(event))

    def remember(self, summary: dict[str, Any]) -> None:
        self.current_activity_id = summary["current_activity_id"]
        self.accepts_answers = summary["accepts_answers"]
        self.self_paced = summary["self_paced"]
        self.locked = {a["id"]: a["locked"] for a in summary["activities"]}

    # ------------------------------------------------------------ delivery

    async def deliver(self, event: dict[str, Any]) -> None:
        if event.get("type") == "activity":
            await self.deliver_activity(event)
        elif event.get("type") == "workshop" and event.get("workshop"):
            await self.deliver_workshop(event)
        else:
            await send_all(self.screens, json.dumps(event))

    async def deliver_activity(self, event: dict[str, Any]) -> None:
        activity = event.get("activity")
        for audience in ("presenter", "facilitator"):
            screens = [s for s in self.staff if s.audience == audience]
            if screens:
                text = json.dumps(selectors.event_for_audience(event, audience))
                await send_all(screens, text)
        phones = self.phones
        if not phones or activity is None:
            return
        was_locked = self.locked.get(activity["id"])
        self.locked[activity["id"]] = activity["locked"]
        if was_locked is not None and was_locked != activity["locked"]:
            showing = [p for p in phones if p.shown_activity_id == activity["id"]]
            await self.push_fragment(showing, activity["id"])
        cut = selectors.event_for_audience(event, "participant")
        cut["activity"] = selectors.phone_update(cut["activity"])
        cut["refresh_ms"] = refresh = spread_ms(len(phones), MIN_REFRESH_MS)
        if refresh <= MIN_REFRESH_MS:
            await send_all(phones, json.dumps(cut))
            return
        # A crowded room: phones fetch at most once per refresh_ms anyway, so they are told
        # about results at most every PHONE_UPDATE_SECONDS (always the newest state).
        first = not self.phone_updates
        self.phone_updates[activity["id"]] = cut
        if first:
            asyncio.get_running_loop().call_later(phone_update_seconds(), self.flush_phones)

    def flush_phones(self) -> None:
        updates, self.phone_updates = self.phone_updates, {}
        for cut in updates.values():
            asyncio.ensure_future(send_all(self.phones, json.dumps(cut)))

    async def deliver_workshop(self, event: dict[str, Any]) -> None:
        summary = event["workshop"]
        changed = (
            summary["current_activity_id"] != self.current_activity_id
            or summary["accepts_answers"] != self.accepts_answers
        )
        self.remember(summary)
        text = json.dumps(event)
        for screen in self.staff:
            try:
                if screen.shown_activity_id != summary["current_activity_id"]:
                    await screen.send_full_state()  # a handful of screens: each its full state
                else:
                    await screen.send(text_data=text)
            except Exception:  # a screen closing right now must not keep the phones waiting
                logger.warning("could not update a staff screen of workshop %s", self.workshop_id)
        phones = self.phones
        if changed and not summary["self_paced"]:
            await self.push_fragment(phones, summary["current_activity_id"])
        else:
            fetch = spread_ms(len(phones), MIN_FETCH_WINDOW_MS) if changed else 0
            await send_all(phones, json.dumps({**event, "fetch_within_ms": fetch}))

    async def push_fragment(self, phones: list[Screen], activity_id: int | None) -> None:
        """Show `activity_id` on these phones: one shared rendering, or a spread-out fetch."""
        if not phones:
            return
        variants = {(p.language, p.easy) for p in phones}
        shared = await database_sync_to_async(shared_fragments)(self.workshop_id, variants)
        if shared is None:
            return
        summary, html, answered = shared
        fetchers = [p for p in phones if not html or p.participant_id in answered]
        base = {"type": "show", "workshop": summary, "activity_id": activity_id}
        fetch_text = json.dumps(
            {**base, "html": None, "fetch_within_ms": spread_ms(len(fetchers), MIN_FETCH_WINDOW_MS)}
        )
        texts = {key: json.dumps({**base, "html": text}) for key, text in html.items()}
        groups: dict[str, list[Screen]] = {}
        for phone in phones:
            phone.shown_activity_id = activity_id
            text = fetch_text if phone in fetchers else texts[(phone.language, phone.easy)]
            groups.setdefault(text, []).append(phone)
        for text, screens in groups.items():
            await send_all(screens, text)


def shared_fragments(
    workshop_id: int, variants: set[tuple[str, bool]]
) -> tuple[dict[str, Any], dict[tuple[str, bool], str], set[int]] | None:
    """Render the shown activity once per (language, easy language) for phones without answers.

    Returns the workshop summary, the renderings (empty when phones must fetch their own: idea
    boards are per group, self-paced workshops show each phone its own activity) and the ids of
    participants who have answered the activity (they fetch their own page).
    """
    from samfunnslab.workshops.models import ActivityKind, Workshop

    workshop = Workshop.objects.select_related("current_activity").filter(pk=workshop_id).first()
    if workshop is None:
        return None
    state = selectors.workshop_state(workshop, audience="participant")
    activity = workshop.current_activity
    if workshop.open_until is not None or (activity and activity.kind == ActivityKind.IDEAS):
        return state["workshop"], {}, set()
    html = {}
    for language, easy in variants:
        with translation.override(language):
            html[(language, easy)] = fragments.render_blank_activity(workshop, state, easy=easy)
    answered = selectors.participants_who_answered(activity.pk) if activity else set()
    return state["workshop"], html, answered


SLOW_SEND_SECONDS = 0.5


async def send_all(screens: list[Screen] | set[Screen], text: str) -> None:
    """Write one message to many sockets; a slow or closed socket does not hold up the others.

    A send to a socket that keeps up returns at once (the server writes to the connection's
    buffer), so the sockets are written one after the other, without a task each. A socket whose
    phone stopped reading would make its send wait: after `SLOW_SEND_SECONDS` that send is given
    up (the phone catches up from the next event, or resyncs) and the rest get their own tasks.
    """
    waiting = list(screens)
    try:
        async with asyncio.timeout(SLOW_SEND_SECONDS):
            while waiting:
                with contextlib.suppress(Exception):  # a socket closing right now
                    await waiting[-1].send(text_data=text)
                waiting.pop()
    except TimeoutError:
        waiting.pop()  # the slow one
        for screen in waiting:
            asyncio.ensure_future(_send_quietly(screen, text))


async def _send_quietly(screen: Screen, text: str) -> None:
    with contextlib.suppress(Exception):
        await screen.send(text_data=text)


# ------------------------------------------------------------------ rooms of this process

_rooms: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, Room]] = (
    weakref.WeakKeyDictionary()
)


FREEZE_EVERY = 250
_joined_since_freeze = 0


def _spare_the_collector() -> None:
    """Keep the objects of sockets that stay connected out of Python's full garbage collections.

    A room of 2,000 sockets holds millions of long-lived objects; every full pass of the cyclic
    collector walks all of them and stopped the process for half a second or more, several
    times a minute (docs/load-benchmark.md). Every `FREEZE_EVERY` new sockets, what exists is
    moved to the collector's permanent generation (`gc.freeze`); reference counting still frees
    what a closed socket leaves behind.
    """
    global _joined_since_freeze
    _joined_since_freeze += 1
    if _joined_since_freeze >= FREEZE_EVERY:
        _joined_since_freeze = 0
        gc.freeze()


def rooms() -> dict[int, Room]:
    """Return this event loop's rooms (one loop per server process; tests get their own)."""
    return _rooms.setdefault(asyncio.get_running_loop(), {})


async def enter(screen: Screen, workshop_id: int) -> None:
    """Add a socket to its workshop's room, opening the room when it is the first here."""
    here = rooms()
    room = here.get(workshop_id)
    if room is None:
        room = here[workshop_id] = Room(workshop_id)
        room.ready = asyncio.ensure_future(room.start())
    room.screens.add(screen)
    if screen.audience == "participant":
        note_phone(workshop_id, +1)
    _spare_the_collector()
    try:
        await asyncio.shield(room.ready)  # type: ignore[arg-type]
    except Exception:
        if here.get(workshop_id) is room:
            del here[workshop_id]  # the next socket tries again with a fresh room
        raise


async def leave(screen: Screen, workshop_id: int) -> None:
    """Remove a socket; the last one out closes the room."""
    here = rooms()
    room = here.get(workshop_id)
    if room is None:
        return
    if screen in room.screens and screen.audience == "participant":
        note_phone(workshop_id, -1)
    room.screens.discard(screen)
    if not room.screens:
        del here[workshop_id]
        await room.stop()


def room_size(workshop_id: int) -> int:
    """Return how many sockets of the workshop this process holds (0 outside a server loop)."""
    try:
        room = rooms().get(workshop_id)
    except RuntimeError:
        return 0
    return len(room.screens) if room else 0
