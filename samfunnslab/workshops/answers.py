"""One participant submission (answer, text, vote or upvote), routed to the service that stores it.

Shared by the HTTP endpoint (`POST /d/<code>/svar/`) and the participant's WebSocket, so both
paths refuse and reply in exactly the same words. Every reply is built after the service has
committed: the phone is told "received" only for what is stored.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from samfunnslab.core.http import int_or_none
from samfunnslab.core.queries import only_match
from samfunnslab.core.shortcache import VersionedCache
from samfunnslab.workshops import events, kinds, limits, pins, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    Participant,
    Workshop,
)

MAX_FIELDS = 40


def not_understood() -> str:
    return _("Vi forsto ikke svaret. Last inn siden på nytt og prøv igjen.")


def try_again_later() -> str:
    return _("Svaret ditt er ikke lagret ennå. Vi prøver igjen om litt.")


def no_such_activity() -> Refusal:
    return Refusal(_("Vi finner ikke denne aktiviteten. Last inn siden på nytt."), status=404)


def clean_text(raw: str) -> str:
    """Drop NUL bytes and lone surrogates, which no database stores (PostgreSQL refuses NUL,
    SQLite cannot encode a lone surrogate): otherwise the phone would retry the answer for ever.
    """
    if "\x00" in raw:
        raw = raw.replace("\x00", "")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raw = raw.encode("utf-8", "ignore").decode("utf-8")
    return raw


def cleaned(data: Any) -> Any:
    """Return the submission with every text in it cleaned (`clean_text`), keys included."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {cleaned(k): cleaned(v) for k, v in data.items()}
    if isinstance(data, list):
        return [cleaned(v) for v in data]
    return data


def submit_from_socket(
    *, participant_id: int, workshop_id: int, data: dict[str, Any], ip: str
) -> dict[str, Any]:
    """Store one submission that arrived over the participant's socket; return the reply.

    The activity and its workshop come from `_activity_for_answer` (a change made through this
    process is seen at once, so a closed workshop or a locked activity refuses the next answer).
    The participant is the socket's own: a phone with its cookie, never an assisted (paper)
    participant, so it is not read again for every answer (`_socket_participant`).
    Refusals come back as `{"ok": False, "error": …, "status": …}`.
    """
    try:
        if len(data) > MAX_FIELDS:
            raise Refusal(not_understood())
        limits.check_submit(participant_id=participant_id, ip=ip, action=str(data.get("action")))
        activity = _activity_for_answer(int_or_none(data.get("activity")), workshop_id)
        if activity is None:
            raise no_such_activity()
        participant = _socket_participant(participant_id, activity.workshop)
        value = data.get("value")
        reply = dispatch(participant, activity, data, from_form=not isinstance(value, dict))
    except Refusal as refusal:
        return {"ok": False, "error": str(refusal.message), "status": refusal.status}
    return {"ok": True, **reply}


ROW_CACHE_SECONDS = 1.0
_rows: VersionedCache[Activity] = VersionedCache()


def _activity_for_answer(activity_id: int | None, workshop_id: int) -> Activity | None:
    """Return the activity with its workshop, read at most once a second while unchanged.

    A room answering at once asks for the same row hundreds of times a second. Any change of
    the settings made through this process (lock, close, show, edit: `events.touch_workshop`)
    is seen at the next answer; one made through another server process within a second.
    """
    key = (activity_id, workshop_id)
    version = events.workshop_version(workshop_id)
    activity = _rows.get(key, version=version, max_age=ROW_CACHE_SECONDS)
    if activity is None:
        activity = only_match(
            Activity.objects.select_related("workshop").filter(
                pk=activity_id, workshop_id=workshop_id
            )
        )
        if activity is not None:
            _rows.put(key, version=version, value=activity)
    return activity


def _socket_participant(participant_id: int, workshop: Workshop) -> Participant:
    """The socket's participant as the ORM would load it with only these fields read.

    Every other field (the group, the self-description) is loaded from the database when it is
    used, as for any deferred field, so nothing stale or made up is ever read or saved.
    """
    participant = Participant.from_db(
        "default", ["id", "workshop_id", "assisted"], [participant_id, workshop.pk, False]
    )
    participant.workshop = workshop
    return participant


def find_activity(
    participant: Participant, raw_id: Any, *, workshop: Workshop | None = None
) -> Activity:
    """Return the participant's workshop's activity with this id, or refuse in plain words."""
    activity = only_match(
        Activity.objects.filter(workshop_id=participant.workshop_id, pk=int_or_none(raw_id))
    )
    if activity is None:
        raise no_such_activity()
    # The workshop is already loaded: no second query for the checks.
    activity.workshop = workshop if workshop is not None else participant.workshop
    return activity


def dispatch(
    participant: Participant, activity: Activity, data: dict[str, Any], *, from_form: bool
) -> dict[str, Any]:
    data = cleaned(data)
    action = data.get("action", "answer")
    key = str(data.get("key", ""))
    if action == "answer":
        value = kinds.parse_form(activity, data) if from_form else (data.get("value") or {})
        response, created = services.response_submit(
            participant=participant, activity=activity, value=value, idempotency_key=key
        )
        return {
            "key": key,
            "created": created,
            "id": response.pk,
            "value": response.value,
            "message": _("Takk! Svaret ditt er lagret."),
        }
    if action == "contribute":
        if activity.kind == ActivityKind.PHOTO:  # a picture comes by its own form (`photos.py`)
            raise Refusal(_("Send bildet med skjemaet, sammen med det du skrev om det."))
        contribution, created = services.contribution_submit(
            participant=participant,
            activity=activity,
            text=str(data.get("text", "")),
            contribution_type=str(data.get("type", "")),
            theme=str(data.get("theme", "")),
            idempotency_key=key,
        )
        held = contribution.status == "pending"
        return {
            "key": key,
            "created": created,
            "id": contribution.pk,
            "status": contribution.status,
            "message": _("Takk! Vi har fått det. Det vises når en fasilitator har sett på det.")
            if held
            else _("Takk! Vi har fått det."),
        }
    if action == "pin":
        pin, created = pins.pin_drop(
            participant=participant,
            activity=activity,
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            category=str(data.get("category", "")),
            comment=str(data.get("text", "")),
            place=str(data.get("place", "")),
            idempotency_key=key,
        )
        return {"key": key, "created": created, "id": pin.pk, "message": _("Takk! Nåla er satt.")}
    if action in ("vote", "upvote"):
        return _vote(participant, activity, data, action)
    if action == "report":
        return _report(participant, activity, data)
    raise Refusal(_("Vi forsto ikke svaret. Last inn siden på nytt og prøv igjen."))


def _vote(
    participant: Participant, activity: Activity, data: dict[str, Any], action: str
) -> dict[str, Any]:
    item = Contribution.objects.filter(activity=activity, pk=int_or_none(data.get("item"))).first()
    if item is None:
        raise Refusal(_("Vi finner ikke det du stemte på. Last inn siden på nytt."), status=404)
    if action == "vote":
        vote = int_or_none(data.get("vote"))
        services.statement_vote(
            participant=participant, statement=item, vote=vote if vote is not None else 99
        )
        return {"item": item.pk, "vote": vote, "message": _("Stemmen din er lagret.")}
    on = str(data.get("on", "1")).lower() in ("1", "true", "on")
    services.upvote_set(participant=participant, contribution=item, on=on)
    return {
        "item": item.pk,
        "on": on,
        "message": _("Du har gitt spørsmålet en stemme.")
        if on
        else _("Du har tatt bort stemmen din."),
    }


def _report(participant: Participant, activity: Activity, data: dict[str, Any]) -> dict[str, Any]:
    item = Contribution.objects.filter(activity=activity, pk=int_or_none(data.get("item"))).first()
    if item is None:
        raise Refusal(_("Vi finner ikke det du meldte. Last inn siden på nytt."), status=404)
    item.activity = activity
    held = services.contribution_report(participant=participant, contribution=item)
    return {
        "item": item.pk,
        "held": held,
        "message": _("Takk! Den som leder verkstedet, ser på det du meldte."),
    }
