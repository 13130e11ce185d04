"""Page contexts of the facilitator's screens: the projector (join splash, activity, join line),
the cockpit (console) and the phone remote.

The projector is read by a room from metres away, so the context decides what fits: newest first
for open input and ideas (the browser pages through what does not fit, `projector.js`), a text
size class from the amount of text, one highlighted item filling the screen, a word cloud with
the biggest words in the middle.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.core.qr import qr_svg
from samfunnslab.workshops import authorizers, selectors
from samfunnslab.workshops import text as textrules
from samfunnslab.workshops.forms import ActivityForm, municipality_names
from samfunnslab.workshops.models import (
    ActivityKind,
    ContributionStatus,
    ContributionType,
    Workshop,
    WorkshopStatus,
)

NEWEST_FIRST = {ActivityKind.OPEN, ActivityKind.IDEAS, ActivityKind.PHOTO}


def join_url(request: HttpRequest, workshop: Workshop) -> str:
    """Return the absolute short URL participants type or scan."""
    return request.build_absolute_uri(reverse("workshops:participant", args=[workshop.join_code]))


def cloud_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order word-cloud rows so the most given words sit in the middle and smaller ones around."""
    ranked = sorted(rows, key=lambda r: (-r["value"], r["label"]))
    left: list[dict[str, Any]] = []
    right: list[dict[str, Any]] = []
    for i, row in enumerate(ranked):
        (right if i % 2 == 0 else left).append(row)
    return left[::-1] + right


def text_size(texts: list[str]) -> str:
    """Return a text size class for the projector from how much text there is to show."""
    total = sum(len(t) for t in texts)
    if len(texts) <= 3 and total <= 240:
        return "text-xl"
    if len(texts) <= 8 and total <= 700:
        return "text-lg"
    return "text-md"


def _highlight(workshop: Workshop, activity: dict[str, Any] | None) -> dict[str, Any] | None:
    if activity is None or workshop.highlighted_id is None:
        return None
    for item in activity.get("items") or []:
        if item["id"] == workshop.highlighted_id:
            return dict(item)
    c = workshop.highlighted
    if c is None or c.activity_id != activity["id"] or c.status != ContributionStatus.VISIBLE:
        return None
    return {"id": c.pk, "text": c.text, "type": c.contribution_type, "theme": c.theme}


def projector_context(request: HttpRequest, workshop: Workshop) -> dict[str, Any]:
    """Everything the projector shows: the join splash, or the activity with the join line."""
    state = selectors.workshop_state(workshop, audience="presenter")
    activity = state["activity"]
    is_open = workshop.status == WorkshopStatus.OPEN and bool(workshop.join_code)
    url = join_url(request, workshop) if is_open else ""
    easy = workshop.easy_language and activity and activity["prompt_easy"]
    prompt = (activity["prompt_easy"] if easy else activity["prompt"]) if activity else ""
    items: list[dict[str, Any]] = list(activity["items"]) if activity else []
    if activity and activity["kind"] in NEWEST_FIRST:
        items.reverse()
    results = activity.get("results") if activity else None
    if activity and activity["kind"] == ActivityKind.WORDCLOUD and results:
        activity = {**activity, "results": {**results, "rows": cloud_order(results["rows"])}}
    return {
        "workshop": workshop,
        "state": state,
        "activity": activity,
        "prompt": prompt,
        "prompt_size": "prompt-long" if len(prompt) > 110 else "",
        "items": items,
        "text_size": text_size([i["text"] for i in items[:12]]),
        "highlight": _highlight(workshop, activity),
        "splash": not activity or not is_open,
        "is_open": is_open,
        "join_url": url,
        "join_host_path": request.get_host() + reverse("workshops:join"),
        "qr": qr_svg(url, title=_("QR-kode til verkstedet")) if url else "",
        "participants": workshop.participants.count(),
        "timer_ends_at": workshop.timer_ends_at,
        "messages": (),  # the console's notices stay for the console, not the wall
    }


def _screen_context(request: HttpRequest, workshop: Workshop, audience: str) -> dict[str, Any]:
    """What a small screen (the phone remote) shows: the activity, its prompt and the join line."""
    state = selectors.workshop_state(workshop, audience=audience)  # type: ignore[arg-type]
    activity = state["activity"]
    easy = workshop.easy_language and activity and activity["prompt_easy"]
    return {
        "workshop": workshop,
        "state": state,
        "activity": activity,
        "prompt": (activity["prompt_easy"] if easy else activity["prompt"]) if activity else "",
        "join_url": join_url(request, workshop) if workshop.join_code else "",
        "join_host_path": request.get_host() + reverse("workshops:join"),
    }


def held_because(contribution: Any) -> list[str]:
    """Say why a contribution waits for approval: reported by phones, the activity is moderated
    (photos always are), or a word in it."""
    reasons = []
    if contribution.reported:
        reasons.append(_("meldt av deltakere"))
    if contribution.activity.kind == ActivityKind.PHOTO:
        reasons.append(_("bilder godkjennes alltid før de vises"))
    elif contribution.activity.moderated:
        reasons.append(_("aktiviteten modereres"))
    if textrules.is_profane(contribution.text):
        reasons.append(_("mulig banneord"))
    return reasons or [_("venter på godkjenning")]


def cockpit_queue(workshop: Workshop) -> list[dict[str, Any]]:
    """The moderation queue with the reason each item is held and what one click may set."""
    return [
        {
            "id": c.pk,
            "text": c.text,
            "type": c.contribution_type,
            "theme": c.theme,
            "prompt": c.activity.prompt,
            "text_lang": c.activity.text_lang,
            "kind": c.activity.kind,
            "themes": c.activity.themes,
            "reasons": held_because(c),
            "picture": bool(c.picture),
            "width": c.picture_width,
            "height": c.picture_height,
        }
        for c in selectors.moderation_queue(workshop)
    ]


TYPE_CHOICES = [(value, label) for value, label in ContributionType.choices]


def cockpit_context(request: HttpRequest, workshop: Workshop) -> dict[str, Any]:
    """Everything the facilitator's cockpit shows, its live part included."""
    current = workshop.current_activity
    counts = selectors.activity_answer_counts(workshop)
    activities = [
        {"activity": a, "answers": counts.get(a.pk, 0)} for a in selectors.activities_of(workshop)
    ]
    is_open = workshop.status == WorkshopStatus.OPEN and bool(workshop.join_code)
    return {
        "workshop": workshop,
        "activities": activities,
        "counts": selectors.workshop_counts(workshop),
        "queue": cockpit_queue(workshop),
        "current": selectors.activity_state(current, limit=None) if current else None,
        "highlight_id": workshop.highlighted_id,
        "municipality_name": dict(municipality_names()).get(workshop.municipality_code, ""),
        "type_choices": TYPE_CHOICES,
        "can_run": authorizers.can_run_workshop(request.user, workshop),
        "join_url": join_url(request, workshop) if is_open else "",
        "activity_form": ActivityForm(),
        "groups": workshop.groups.all(),
        "paper_steps": list(range(1, (current.scale_max if current else 0) + 1)),
        "paper_places": list(range(1, len(current.options if current else []) + 1)),
    }


def remote_context(request: HttpRequest, workshop: Workshop) -> dict[str, Any]:
    """The phone remote: what is shown, the counts and the moderation queue."""
    context = _screen_context(request, workshop, "facilitator")
    context["counts"] = selectors.workshop_counts(workshop)
    context["queue"] = cockpit_queue(workshop)
    return context
