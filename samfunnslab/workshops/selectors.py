"""Every read in the workshops app, including the full state a screen gets on (re)connect.

State is plain JSON-ready dicts. `activity_state` is the same for every screen; it is cut down per
audience by `for_audience` (participants and the projector see results only when they are shown,
and only the facilitator sees contributions waiting for moderation or hidden ones).
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from datetime import datetime
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet

from samfunnslab.accounts.authorizers import organisations_for
from samfunnslab.core.disclosure import MIN_CELL
from samfunnslab.core.queries import only_match
from samfunnslab.core.shortcache import VersionedCache
from samfunnslab.workshops import freshness, kinds, text
from samfunnslab.workshops.models import (
    CONTRIBUTION_KINDS,
    RESPONSE_KINDS,
    Activity,
    ActivityKind,
    Contribution,
    ContributionReport,
    ContributionStatus,
    Participant,
    Response,
    StatementVote,
    Upvote,
    Workshop,
    WorkshopStatus,
)

Audience = Literal["participant", "presenter", "facilitator"]
ITEMS_LIMIT = 200  # items per list in live state (statements, questions, ideas, contributions)
PHONE_OPEN_ITEMS = 20  # phones see the newest few open contributions, not all of them
AUDIENCES: tuple[Audience, ...] = ("participant", "presenter", "facilitator")


# ------------------------------------------------------------------ finding workshops


CODE_CACHE_SECONDS = 1.0
_by_code: dict[str, tuple[float, int, Workshop]] = {}


def workshop_for_code(code: str) -> Workshop | None:
    """Return the open workshop with this join code (already normalised), or None.

    Every request and socket of a phone starts here. In a crowded room (`freshness.is_crowded`)
    the row is read at most once per `CODE_CACHE_SECONDS` while the workshop's settings are
    unchanged in this process; each caller gets its own copy of it.
    """
    if not code:
        return None
    hit = _by_code.get(code)
    if (
        hit is not None
        and time.monotonic() - hit[0] < CODE_CACHE_SECONDS
        and hit[1] == freshness.workshop_version(hit[2].pk)
        and freshness.is_crowded(hit[2].pk)
    ):
        return copy.copy(hit[2])
    workshop = only_match(  # join codes are unique among open workshops
        Workshop.objects.filter(status=WorkshopStatus.OPEN, join_code=code).select_related(
            "organisation"
        )
    )
    if workshop is None:
        _by_code.pop(code, None)
        return None
    if len(_by_code) >= 1000:
        _by_code.clear()
    # A change committed between the read and here is seen after CODE_CACHE_SECONDS at the latest.
    version = freshness.workshop_version(workshop.pk)
    _by_code[code] = (time.monotonic(), version, copy.copy(workshop))
    return workshop


def ended_workshop_for_code(code: str) -> Workshop | None:
    """Return the workshop that had this code most recently and is closed now, or None.

    Codes are unique among open workshops only, so the newest closed one is the one people in
    the room typed; an open workshop with the code always wins (`workshop_for_code` first).
    """
    if not code:
        return None
    return (
        Workshop.objects.filter(status=WorkshopStatus.CLOSED, join_code=code)
        .select_related("organisation")
        .order_by("-closed_at", "-pk")
        .first()
    )


def workshops_for_user(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Workshop]:
    """Return the workshops of every organisation the user belongs to, newest first."""
    organisation_ids = [o.pk for o in organisations_for(user)]
    return (
        Workshop.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .annotate(participant_count=Count("participants"))
        .order_by("-created_at")  # Meta.ordering does not apply to annotated queries
    )


def participant_for_token(workshop: Workshop, token: str) -> Participant | None:
    """Return the participant of this workshop with the token, or None."""
    try:
        return only_match(Participant.objects.filter(workshop=workshop, token=token))
    except (ValueError, ValidationError):  # a malformed UUID
        return None


def activities_of(workshop: Workshop) -> list[Activity]:
    """Return the workshop's activities in order."""
    return list(workshop.activities.order_by("position", "id"))


# ------------------------------------------------------------------ results


def _response_values(activity: Activity) -> list[dict[str, Any]]:
    return list(Response.objects.filter(activity=activity).values_list("value", flat=True))


def tally(activity: Activity, values: list[dict[str, Any]]) -> dict[str, Any]:
    """Count choice, scale, ranking or points answers the way the kind does (Borda, etc.)."""
    if activity.kind == ActivityKind.SCALE:
        return kinds.scale_results(activity.scale_max, values)
    count = {
        ActivityKind.CHOICE: kinds.choice_results,
        ActivityKind.RANKING: kinds.ranking_results,
        ActivityKind.POINTS: kinds.points_results,
    }[ActivityKind(activity.kind)]
    return count(activity.options, values)


def answers_with_times(activity: Activity) -> list[tuple[dict[str, Any], datetime]]:
    """Return every answer's value and when it was last given, in one query (one snapshot)."""
    return list(Response.objects.filter(activity=activity).values_list("value", "updated_at"))


def votes_with_times(statement_id: int) -> list[tuple[int, datetime]]:
    """Return every vote on a statement and when it was last given, in one query."""
    return list(
        StatementVote.objects.filter(statement_id=statement_id).values_list("vote", "updated_at")
    )


def statements_due(activity_id: int, minimum: int) -> list[int]:
    """Return the statements with at least `minimum` votes given or changed since their release."""
    fresh = Q(released_through__isnull=True) | Q(votes__updated_at__gt=F("released_through"))
    return list(
        Contribution.objects.filter(activity_id=activity_id)
        .annotate(fresh=Count("votes", filter=fresh))
        .filter(fresh__gte=minimum)
        .values_list("pk", flat=True)
    )


def activity_results(activity: Activity) -> dict[str, Any]:
    """Count the answers of an activity the way its kind does (Borda for ranking, etc.)."""
    kind = ActivityKind(activity.kind)
    if kind in RESPONSE_KINDS:
        return tally(activity, _response_values(activity))
    visible = activity.contributions.filter(status=ContributionStatus.VISIBLE)
    if kind == ActivityKind.WORDCLOUD:
        return kinds.wordcloud_results(
            (key, " ".join(text.words(written)))
            for key, written in visible.values_list("normalised", "text")
        )
    if kind == ActivityKind.MAP:
        pins = visible.values("latitude", "longitude", "category", "text").order_by("id")
        return {
            **kinds.map_results(activity.options, pins),
            "municipality": activity.workshop.municipality_code,
        }
    return {
        "total": visible.count(),
        "rows": _theme_rows(visible) if kind == ActivityKind.OPEN else [],
    }


def _theme_rows(visible: QuerySet[Contribution]) -> list[dict[str, Any]]:
    counts = (
        visible.exclude(theme="").values("theme").annotate(n=Count("id")).order_by("-n", "theme")
    )
    return [{"label": row["theme"], "value": row["n"], "percent": 0} for row in counts]


def _item_query(activity: Activity) -> QuerySet[Contribution]:
    """Return the activity's contributions with votes or upvotes counted in the database."""
    qs = activity.contributions.select_related("group")
    if activity.kind == ActivityKind.STATEMENTS:
        qs = qs.annotate(
            agree=Count("votes", filter=Q(votes__vote=1)),
            disagree=Count("votes", filter=Q(votes__vote=-1)),
            passed=Count("votes", filter=Q(votes__vote=0)),
        )
    if activity.kind == ActivityKind.QA:
        qs = qs.annotate(upvote_count=Count("upvotes"))
    return qs


def _items(activity: Activity, status: str, limit: int | None) -> list[dict[str, Any]]:
    """Return up to `limit` contributions with this status as plain dicts, in display order.

    Questions come most-upvoted first (unanswered before answered, newest first among equals, so
    a new question is on the projector's first page, not behind older ones); everything else oldest first,
    keeping the newest `limit`. The limit is applied in the database, so a room with thousands of
    contributions costs no more per event than one with a few hundred.
    """
    qs = _item_query(activity).filter(status=status)
    if activity.kind == ActivityKind.QA:
        ordered = qs.order_by("answered", "-upvote_count", "-id")
        rows = list(ordered if limit is None else ordered[:limit])
    elif limit is None:
        rows = list(qs.order_by("id"))
    else:
        rows = list(qs.order_by("-id")[:limit])[::-1]
    return [_item(activity, c) for c in rows]


def _item(activity: Activity, c: Contribution) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": c.pk,
        "text": c.text,
        "status": c.status,
        "type": c.contribution_type,
        "theme": c.theme,
        "subtheme": c.subtheme,
        "comment": c.comment,
        "answered": c.answered,
        "assisted": c.assisted,
        "group": c.group.name if c.group else "",
        "group_id": c.group_id,
        "by_facilitator": c.participant_id is None,
    }
    if activity.kind == ActivityKind.STATEMENTS:
        item["votes"] = {"agree": c.agree, "disagree": c.disagree, "pass": c.passed}  # type: ignore[attr-defined]
        item["released_votes"] = c.released_votes
    if activity.kind == ActivityKind.QA:
        item["upvotes"] = c.upvote_count  # type: ignore[attr-defined]
    if activity.kind == ActivityKind.MAP:
        item.update(category=c.category, latitude=c.latitude, longitude=c.longitude)
    if activity.kind == ActivityKind.PHOTO:
        item.update(picture=bool(c.picture), width=c.picture_width, height=c.picture_height)
    return item


# ------------------------------------------------------------------ state


STATE_CACHE_SECONDS = 2.0
CROWDED_STATE_SECONDS = 1.0
_state_cache: VersionedCache[dict[str, Any]] = VersionedCache()


def public_activity_state(activity: Activity, audience: Audience) -> dict[str, Any]:
    """Return the activity's state for phones or the projector, read through a short cache.

    In a big room every phone fetches its own page now and then; they all share this state.
    A committed change in this process (`freshness.touch_activity`) makes the next read fresh; a
    change made through another server process shows within `STATE_CACHE_SECONDS`. In a crowded
    room (`freshness.is_crowded`), where answers arrive faster than phones fetch, the state is rebuilt
    at most once per `CROWDED_STATE_SECONDS` instead of after every answer. Phones get only the
    newest few open contributions, and nobody but the facilitator the moderation lists.
    """
    limit = PHONE_OPEN_ITEMS if audience == "participant" and activity.kind == "open" else None
    key = (activity.pk, activity.created_at, audience, limit)
    version = freshness.activity_version(activity.pk)
    crowded = freshness.is_crowded(activity.workshop_id)
    stale_ok = CROWDED_STATE_SECONDS if crowded else 0.0
    hit = _state_cache.get(key, version=version, max_age=STATE_CACHE_SECONDS, stale_ok=stale_ok)
    if hit is not None:
        return dict(hit)
    state = for_audience(
        activity_state(activity, limit=limit or ITEMS_LIMIT, moderation=False), audience
    )
    assert state is not None
    _state_cache.put(key, version=version, value=state)
    return dict(state)


def activity_state(
    activity: Activity, *, limit: int | None = ITEMS_LIMIT, moderation: bool = True
) -> dict[str, Any]:
    """Return everything any screen needs to show the activity (cut down later per audience).

    Item lists are capped at `limit` (a projector shows no more; events stay small); the console
    asks for all with `limit=None`. `items_total` always counts every visible item.
    """
    listed = activity.kind != ActivityKind.WORDCLOUD

    def items(status: str) -> list[dict[str, Any]]:
        return _items(activity, status, limit) if listed else []

    return {
        "id": activity.pk,
        "kind": activity.kind,
        "position": activity.position,
        "prompt": activity.prompt,
        "prompt_easy": activity.prompt_easy,
        "text_lang": activity.text_lang,
        "options": activity.options,
        "themes": activity.themes,
        "places": activity.places,
        "scale_max": activity.scale_max,
        "scale_low_label": activity.scale_low_label,
        "scale_high_label": activity.scale_high_label,
        "max_entries": activity.max_entries,
        "moderated": activity.moderated,
        "allow_participant_items": activity.allow_participant_items,
        "results_visible": activity.results_visible,
        "shuffle_options": activity.shuffle_options,
        "locked": activity.locked,
        "results": activity_results(activity),
        "released_results": activity.released_results,
        "items": items(ContributionStatus.VISIBLE),
        "items_total": (
            activity.contributions.filter(status=ContributionStatus.VISIBLE).count()
            if listed
            else 0
        ),
        "pending": items(ContributionStatus.PENDING) if moderation else [],
        "hidden": items(ContributionStatus.HIDDEN) if moderation else [],
        "hidden_words": _hidden_words(activity) if moderation and not listed else [],
    }


def statement_voters(activity: Activity) -> int:
    """How many people voted on at least one of the activity's statements."""
    votes = StatementVote.objects.filter(statement__activity=activity)
    return votes.values("participant").distinct().count()


def _hidden_words(activity: Activity) -> list[dict[str, Any]]:
    """The words taken off a word cloud, each once (as the cloud would label it)."""
    hidden = activity.contributions.filter(status=ContributionStatus.HIDDEN)
    answers = (
        (key, " ".join(text.words(written)))
        for key, written in hidden.values_list("normalised", "text")
    )
    return kinds.wordcloud_results(answers, limit=ITEMS_LIMIT)["rows"]


def activity_state_by_id(activity_id: int) -> dict[str, Any] | None:
    """Return `activity_state` for an id, or None when the activity is gone."""
    activity = only_match(Activity.objects.filter(pk=activity_id))
    return activity_state(activity) if activity else None


LISTS_CACHE_SECONDS = 1.0
_lists_cache: VersionedCache[
    tuple[tuple[tuple[int, str, str, bool], ...], tuple[tuple[int, str], ...]]
] = VersionedCache()


def _activity_and_group_lists(
    workshop: Workshop,
) -> tuple[tuple[tuple[int, str, str, bool], ...], tuple[tuple[int, str], ...]]:
    """The workshop's activities (id, kind, prompt, locked) and groups (id, name), read through a
    short cache: every page, fetch and socket of a room asks for them. A change made through this
    process (`freshness.touch_workshop`) is seen at once, one made through another within
    `LISTS_CACHE_SECONDS`."""
    key = (workshop.pk, workshop.created_at)
    version = freshness.workshop_version(workshop.pk)
    hit = _lists_cache.get(key, version=version, max_age=LISTS_CACHE_SECONDS)
    if hit is not None:
        return hit
    lists = (
        tuple((a.pk, a.kind, a.prompt, a.locked) for a in activities_of(workshop)),
        tuple((g.pk, g.name) for g in workshop.groups.all()),
    )
    _lists_cache.put(key, version=version, value=lists)
    return lists


def workshop_summary(workshop: Workshop) -> dict[str, Any]:
    """Return the workshop's header: status, join code, current activity and the activity list."""
    activities, groups = _activity_and_group_lists(workshop)
    return {
        "id": workshop.pk,
        "title": workshop.title,
        "session_label": workshop.session_label,
        "status": workshop.status,
        "accepts_answers": workshop.accepts_answers,
        "join_code": workshop.join_code,
        "easy_language": workshop.easy_language,
        "current_activity_id": workshop.current_activity_id,
        "self_paced": workshop.open_until is not None,
        "activities": [
            {"id": pk, "kind": kind, "prompt": prompt, "locked": locked}
            for pk, kind, prompt, locked in activities
        ],
        "groups": [{"id": pk, "name": name} for pk, name in groups],
    }


def workshop_has_map(workshop: Workshop) -> bool:
    """Whether any of the workshop's activities is a map input (its pages then bring Leaflet)."""
    activities, _groups = _activity_and_group_lists(workshop)
    return any(kind == ActivityKind.MAP for _pk, kind, _prompt, _locked in activities)


def workshop_summary_by_id(workshop_id: int) -> dict[str, Any] | None:
    """Return `workshop_summary` for an id, or None when the workshop is gone."""
    workshop = only_match(Workshop.objects.filter(pk=workshop_id))
    return workshop_summary(workshop) if workshop else None


def for_audience(activity: dict[str, Any] | None, audience: Audience) -> dict[str, Any] | None:
    """Cut an activity state down to what this audience may see."""
    if activity is None or audience == "facilitator":
        return activity
    private = ("pending", "hidden", "hidden_words", "released_results")
    cut = {k: v for k, v in activity.items() if k not in private}
    if audience == "participant" and activity["kind"] == ActivityKind.OPEN:
        cut["items"] = activity["items"][-PHONE_OPEN_ITEMS:]
    if not activity["results_visible"]:
        cut["results"] = None
        if activity["kind"] == ActivityKind.STATEMENTS:
            cut["items"] = [_without_votes(i) for i in activity["items"]]
        return cut
    return _released_only(cut, activity.get("released_results"))


def _released_only(cut: dict[str, Any], released: dict[str, Any] | None) -> dict[str, Any]:
    """Show the room released tallies of at least MIN_CELL answers, never the live count.

    With two answers shown, the second person can subtract their own and read the first one's;
    with a tally that grows by one, everyone can read the newest person's answer. So a choice,
    scale, ranking or points result is the last tally released after at least MIN_CELL new or
    changed answers (`services/release.py`), shown once it holds at least MIN_CELL answers, with
    how many have answered so far; a statement's agree/disagree/pass counts likewise, per
    statement. The console keeps every live count: it runs the room.
    """
    results = cut.get("results")
    if cut["kind"] in RESPONSE_KINDS and isinstance(results, dict):
        answered = results.get("total", 0)
        if released is None or released.get("total", 0) < MIN_CELL:
            cut["results"] = {"total": answered, "rows": [], "withheld": True}
        else:
            cut["results"] = {**released, "answered": answered}
    if cut["kind"] == ActivityKind.STATEMENTS:
        cut["items"] = [_released_votes(item) for item in cut["items"]]
    return cut


def _released_votes(item: dict[str, Any]) -> dict[str, Any]:
    """Give a statement the counts released to the room, none while they hold fewer than MIN_CELL."""
    released = item.get("released_votes")
    shown = _without_votes(item)
    if released and sum(released.values()) >= MIN_CELL:
        shown["votes"] = released
    return shown


def _without_votes(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("votes", "released_votes")}


def phone_update(activity: dict[str, Any]) -> dict[str, Any]:
    """Cut a participant's activity state down to what a phone needs to see that it changed.

    Phones render their page on the server, so an update only has to say *whether* to fetch:
    `digest` changes whenever the results, the items or their visibility do. This keeps a room of
    thousands from being sent every word of a word cloud twice a second.
    """
    results = activity.get("results")
    seen = [results, activity.get("items"), activity.get("results_visible")]
    encoded = json.dumps(seen, sort_keys=True, default=str).encode()
    digest = hashlib.blake2b(encoded, digest_size=8).hexdigest()
    return {
        "id": activity["id"],
        "kind": activity["kind"],
        "position": activity["position"],
        "locked": activity["locked"],
        "results_visible": activity["results_visible"],
        "items_total": activity.get("items_total", 0),
        "total": results.get("total") if isinstance(results, dict) else None,
        "digest": digest,
    }


def event_for_audience(event: dict[str, Any], audience: Audience) -> dict[str, Any]:
    """Cut a broadcast event down to what this audience may see."""
    if event.get("type") == "activity":
        return {**event, "activity": for_audience(event.get("activity"), audience)}
    return event


NO_ANSWERS: dict[str, Any] = {
    "response": None,
    "contributions": [],
    "votes": {},
    "upvotes": [],
    "reports": [],
}


def participant_answers(participant: Participant, activity: Activity) -> dict[str, Any]:
    """Return what this participant has already answered in the activity (for their phone).

    Only the tables the activity's kind writes to are read (an answer for choice, scale, ranking
    and points; texts for the rest; votes for statements; upvotes for questions): every page a
    phone loads asks this, so a room of thousands saves two or three queries per page.
    """
    kind = activity.kind
    response = (
        only_match(Response.objects.filter(participant=participant, activity=activity))
        if kind in RESPONSE_KINDS
        else None
    )
    mine = (
        list(activity.contributions.filter(participant=participant))
        if kind in CONTRIBUTION_KINDS
        else []
    )
    votes = (
        dict(
            StatementVote.objects.filter(
                participant=participant, statement__activity=activity
            ).values_list("statement_id", "vote")
        )
        if kind == ActivityKind.STATEMENTS
        else {}
    )
    upvotes = (
        list(
            Upvote.objects.filter(
                participant=participant, contribution__activity=activity
            ).values_list("contribution_id", flat=True)
        )
        if kind == ActivityKind.QA
        else []
    )
    reports = (
        list(
            ContributionReport.objects.filter(
                participant=participant, contribution__activity=activity
            ).values_list("contribution_id", flat=True)
        )
        if kind in (ActivityKind.QA, ActivityKind.IDEAS)
        else []
    )
    return {
        "response": response.value if response else None,
        "contributions": [{"id": c.pk, "text": c.text, "status": c.status} for c in mine],
        "votes": votes,
        "upvotes": upvotes,
        "reports": reports,
    }


def workshop_state(
    workshop: Workshop,
    *,
    audience: Audience,
    participant: Participant | None = None,
    activity: Activity | None = None,
) -> dict[str, Any]:
    """Return the full state a screen gets on (re)connect: workshop, shown activity, own answers."""
    shown = activity or workshop.current_activity
    state: dict[str, Any] = {
        "type": "state",
        "audience": audience,
        "workshop": workshop_summary(workshop),
        "activity": _shown_state(shown, audience) if shown else None,
    }
    if participant is not None:
        state["me"] = {
            "group_id": participant.group_id,
            "answers": participant_answers(participant, shown) if shown else None,
        }
    return state


def participants_who_answered(activity_id: int) -> set[int]:
    """Return the ids of participants with any answer, text, vote or upvote in the activity."""
    ids: set[int] = set()
    ids.update(
        Response.objects.filter(activity_id=activity_id).values_list("participant_id", flat=True)
    )
    ids.update(
        Contribution.objects.filter(activity_id=activity_id, participant__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    ids.update(
        StatementVote.objects.filter(statement__activity_id=activity_id).values_list(
            "participant_id", flat=True
        )
    )
    ids.update(
        Upvote.objects.filter(contribution__activity_id=activity_id).values_list(
            "participant_id", flat=True
        )
    )
    return ids


def _shown_state(activity: Activity, audience: Audience) -> dict[str, Any] | None:
    if audience == "facilitator":
        return activity_state(activity)
    return public_activity_state(activity, audience)


# ------------------------------------------------------------------ console


def workshop_counts(workshop: Workshop) -> dict[str, int]:
    """Count participants, answers and contributions waiting for moderation."""
    contributions = Contribution.objects.filter(
        activity__workshop=workshop, participant__isnull=False
    )
    return {
        "participants": workshop.participants.count(),
        "described": workshop.participants.exclude(
            age_band="", role="", lives_here="", new_in_norway="", parent_small_child=""
        ).count(),
        "responses": Response.objects.filter(activity__workshop=workshop).count(),
        "contributions": contributions.count(),
        "pending": contributions.filter(status=ContributionStatus.PENDING).count(),
    }


def activity_answer_counts(workshop: Workshop) -> dict[int, int]:
    """Return the number of answers (responses plus contributions) per activity id."""
    counts: dict[int, int] = {}
    for row in (
        Response.objects.filter(activity__workshop=workshop)
        .values("activity_id")
        .annotate(n=Count("id"))
    ):
        counts[row["activity_id"]] = row["n"]
    for row in (
        Contribution.objects.filter(activity__workshop=workshop, participant__isnull=False)
        .values("activity_id")
        .annotate(n=Count("id"))
    ):
        counts[row["activity_id"]] = counts.get(row["activity_id"], 0) + row["n"]
    return counts


def activity_has_answers(activity: Activity) -> bool:
    """Return whether anything was said here: answers, participants' or imported texts, votes.

    The facilitator's own starting statements do not count, unless someone has voted on them.
    """
    said = Q(participant__isnull=False) | ~Q(imported_from="")
    return (
        Response.objects.filter(activity=activity).exists()
        or Contribution.objects.filter(said, activity=activity).exists()
        or StatementVote.objects.filter(statement__activity=activity).exists()
        or Upvote.objects.filter(contribution__activity=activity).exists()
    )


def moderation_queue(workshop: Workshop) -> QuerySet[Contribution]:
    """Return contributions waiting for the facilitator's approval, oldest first."""
    return (
        Contribution.objects.filter(activity__workshop=workshop, status=ContributionStatus.PENDING)
        .select_related("activity")
        .order_by("created_at")
    )


def contributions_of(workshop: Workshop, *, include_hidden: bool = False) -> QuerySet[Contribution]:
    """Return every text contribution of the workshop (for exports and community models)."""
    qs = Contribution.objects.filter(activity__workshop=workshop).select_related(
        "activity", "group"
    )
    if not include_hidden:
        qs = qs.filter(status=ContributionStatus.VISIBLE)
    return qs.order_by("activity__position", "id")


def approved_photos(
    workshops: QuerySet[Workshop], *, limit: int = 60, contribution_id: int | None = None
) -> QuerySet[Contribution]:
    """Return the approved photos from phones in these workshops, newest first (for models);
    with `contribution_id`, only that one (however old)."""
    photos = Contribution.objects.filter(
        activity__workshop__in=workshops,
        activity__kind=ActivityKind.PHOTO,
        status=ContributionStatus.VISIBLE,
    ).exclude(picture="")
    if contribution_id is not None:
        photos = photos.filter(pk=contribution_id)
    return photos.select_related("activity__workshop").order_by("-id")[:limit]


def statement_deck(
    activity_id: int, items: list[dict[str, Any]], my_votes: dict[int, int], *, seed: str | None
) -> list[dict[str, Any]]:
    """Return the statements this participant has not voted on, in the order to show them.

    One card at a time, Polis's way: each next card is drawn with probability proportional to
    the routing priority the live opinion map already computed (read from its cache, never
    recomputed here; a statement added since the last map counts as one nobody has seen). The
    draw is seeded per participant and activity, so the order stays the same between page
    loads and differs between phones. Without a seed (the rendering shared by a whole room) the
    cards come highest priority first and each phone's script draws its own order on arrival.
    Each card carries its `priority` for that.
    """
    import math
    import random

    from samfunnslab.opinions import live  # the opinion map builds on the workshops, not back

    priority = live.cached_priority(activity_id)
    unvoted = [
        {**i, "priority": max(priority.get(i["id"], live.NEW_STATEMENT_PRIORITY), 1e-6)}
        for i in items
        if i["id"] not in my_votes and str(i["id"]) not in my_votes
    ]
    if seed is None:
        return sorted(unvoted, key=lambda i: -i["priority"])
    rng = random.Random(f"{seed}:{activity_id}")
    # Efraimidis-Spirakis: sorting by u^(1/w) draws without replacement in proportion to w.
    return sorted(unvoted, key=lambda i: -math.log(1.0 - rng.random()) / i["priority"])
