"""Activity writes: add, edit, show or hide results, lock, move and delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.workshops import events
from samfunnslab.workshops import text as textrules
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    OPTION_KINDS,
    Activity,
    ActivityKind,
    Contribution,
    Workshop,
    WorkshopStatus,
)
from samfunnslab.workshops.services.common import (
    DEFAULT_MODERATED,
    DEFAULT_SHUFFLED,
    TEXT_LIMITS,
    mark_shown,
)

TEXT_LANGS = ("nb", "nn")  # what a facilitator's or a method step's texts can be written in


def _clean_lines(items: Sequence[str], *, limit: int = 200) -> list[str]:
    return [item.strip()[:limit] for item in items if item and item.strip()]


def _activity_fields(
    *,
    kind: ActivityKind,
    prompt: str,
    prompt_easy: str,
    options: Sequence[str],
    themes: Sequence[str],
    scale_max: int,
    scale_low_label: str,
    scale_high_label: str,
    max_entries: int,
) -> dict[str, Any]:
    """Clean what the facilitator wrote about an activity, or refuse it with a plain reason."""
    cleaned_options = _clean_lines(options)
    if kind in OPTION_KINDS and len(cleaned_options) < 2:
        raise Refusal(_("Skriv minst to svaralternativer, ett per linje."))
    if kind == ActivityKind.MAP and not cleaned_options:
        raise Refusal(_("Skriv minst én kategori for kartnålene, én per linje."))
    if not prompt.strip():
        raise Refusal(_("Skriv spørsmålet deltakerne skal svare på."))
    if not 2 <= scale_max <= 10:
        raise Refusal(_("Skalaen må gå fra 1 til et tall mellom 2 og 10."))
    return {
        "prompt": prompt.strip()[:300],
        "prompt_easy": prompt_easy.strip()[:300],
        "options": cleaned_options,
        "themes": _clean_lines(themes, limit=100),
        "scale_max": scale_max,
        "scale_low_label": scale_low_label.strip()[:60],
        "scale_high_label": scale_high_label.strip()[:60],
        "max_entries": max(1, max_entries),
    }


@transaction.atomic
def activity_add(
    *,
    workshop: Workshop,
    kind: str,
    prompt: str,
    prompt_easy: str = "",
    options: Sequence[str] = (),
    themes: Sequence[str] = (),
    scale_max: int = 5,
    scale_low_label: str = "",
    scale_high_label: str = "",
    max_entries: int = 3,
    moderated: bool | None = None,
    allow_participant_items: bool = True,
    results_visible: bool = True,
    statements: Sequence[str] = (),
    shuffle_options: bool | None = None,
    text_lang: str = "nb",
) -> Activity:
    """Add an activity at the end of the workshop (statements: the facilitator's starting set).

    `text_lang` is the language the texts are written in: "nb", or "nn" for a method step's
    nynorsk texts.
    """
    kind = ActivityKind(kind)
    if text_lang not in TEXT_LANGS:
        raise ValueError(f"unknown text language {text_lang!r}")
    fields = _activity_fields(
        kind=kind,
        prompt=prompt,
        prompt_easy=prompt_easy,
        options=options,
        themes=themes,
        scale_max=scale_max,
        scale_low_label=scale_low_label,
        scale_high_label=scale_high_label,
        max_entries=max_entries,
    )
    activity = Activity.objects.create(
        workshop=workshop,
        position=workshop.activities.count(),
        kind=kind,
        moderated=kind in DEFAULT_MODERATED if moderated is None else moderated,
        allow_participant_items=allow_participant_items,
        results_visible=results_visible,
        shuffle_options=kind in DEFAULT_SHUFFLED if shuffle_options is None else shuffle_options,
        text_lang=text_lang,
        **fields,
    )
    for statement in _clean_lines(statements, limit=TEXT_LIMITS[ActivityKind.STATEMENTS]):
        Contribution.objects.create(
            activity=activity, text=statement, normalised=textrules.normalise(statement)
        )
    if workshop.status == WorkshopStatus.OPEN and workshop.current_activity_id is None:
        workshop.current_activity = activity
        workshop.save(update_fields=["current_activity"])
        mark_shown(workshop)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return activity


@transaction.atomic
def activity_set_results_visible(*, activity: Activity, visible: bool) -> Activity:
    """Show or hide the results on the projector and the phones (hide to avoid herding)."""
    activity.results_visible = visible
    activity.save(update_fields=["results_visible"])
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return activity


@transaction.atomic
def activity_set_locked(*, activity: Activity, locked: bool) -> Activity:
    """Lock (no more answers or changes) or unlock an activity."""
    activity.locked = locked
    activity.save(update_fields=["locked"])
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return activity


# What `activity_update` may change (everything but the kind); the edit form shows these.
ACTIVITY_EDITABLE_FIELDS = (
    "prompt",
    "prompt_easy",
    "options",
    "themes",
    "scale_max",
    "scale_low_label",
    "scale_high_label",
    "max_entries",
    "moderated",
    "allow_participant_items",
    "shuffle_options",
)


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    prompt: str,
    prompt_easy: str,
    options: Sequence[str],
    themes: Sequence[str],
    scale_max: int,
    scale_low_label: str,
    scale_high_label: str,
    max_entries: int,
    moderated: bool,
    allow_participant_items: bool,
    shuffle_options: bool | None = None,
) -> Activity:
    """Change what an activity asks (not its kind); answered options and scales keep their size."""
    fields = _activity_fields(
        kind=ActivityKind(activity.kind),
        prompt=prompt,
        prompt_easy=prompt_easy,
        options=options,
        themes=themes,
        scale_max=scale_max,
        scale_low_label=scale_low_label,
        scale_high_label=scale_high_label,
        max_entries=max_entries,
    )
    problem = _change_that_moves_answers(activity, fields)
    if problem and _answered_while_locked(activity):
        raise Refusal(problem, status=409)
    fields.update(moderated=moderated, allow_participant_items=allow_participant_items)
    if shuffle_options is not None:
        fields["shuffle_options"] = shuffle_options
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save(update_fields=list(fields))
    events.broadcast(
        workshop_id=activity.workshop_id, build=events.workshop_changed(activity.workshop_id)
    )
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return activity


def _change_that_moves_answers(activity: Activity, fields: Mapping[str, Any]) -> str:
    """Say why the change would make stored answers point at other options or steps, or ""."""
    old, new = activity.options, fields["options"]
    if activity.kind in OPTION_KINDS and len(new) != len(old):
        return _(
            "Noen har alt svart, og svarene viser til plassen til hvert svaralternativ. "
            "Du kan rette ordlyden, men ikke legge til eller fjerne svaralternativer. "
            "Lag heller en ny aktivitet."
        )
    if activity.kind in OPTION_KINDS and new != old and sorted(new) == sorted(old):
        return _(
            "Noen har alt svart, og svarene viser til plassen til hvert svaralternativ. "
            "Rekkefølgen kan derfor ikke endres."
        )
    if activity.kind == ActivityKind.SCALE and fields["scale_max"] != activity.scale_max:
        return _(
            "Noen har alt svart på skalaen. Du kan rette tekstene, men ikke endre hvor "
            "høyt skalaen går. Lag heller en ny aktivitet."
        )
    return ""


def _answered_while_locked(activity: Activity) -> bool:
    """Lock the activity and its texts, then tell whether anyone has answered it.

    The row locks (PostgreSQL) make an answer or vote that arrives meanwhile wait for this
    transaction, so "nobody has answered" stays true until the change is committed.
    """
    from samfunnslab.workshops.selectors import activity_has_answers

    list(Activity.objects.select_for_update().filter(pk=activity.pk).values_list("pk"))
    list(Contribution.objects.select_for_update().filter(activity=activity).values_list("pk"))
    return activity_has_answers(activity)


def _locked_workshop(workshop_id: int) -> Workshop:
    """Return the workshop, holding off other moves and deletions until commit (PostgreSQL)."""
    return Workshop.objects.select_for_update(no_key=True).get(pk=workshop_id)


def _renumber(order: Sequence[Activity]) -> bool:
    """Give the activities positions 0, 1, 2, … in this order; return whether any changed."""
    changed = []
    for position, item in enumerate(order):
        if item.position != position:
            item.position = position
            changed.append(item)
    Activity.objects.bulk_update(changed, ["position"])
    return bool(changed)


def _index_in(order: Sequence[Activity], activity: Activity) -> int:
    ids = [item.pk for item in order]
    if activity.pk not in ids:
        raise Refusal(_("Aktiviteten finnes ikke lenger."), status=404)
    return ids.index(activity.pk)


@transaction.atomic
def activity_move(*, activity: Activity, direction: int) -> Activity:
    """Move an activity one place up (−1) or down (1); the first and last stay where they are."""
    if direction not in (-1, 1):
        raise Refusal(_("En aktivitet kan bare flyttes ett steg opp eller ned."))
    workshop = _locked_workshop(activity.workshop_id)
    order = list(workshop.activities.order_by("position", "id"))
    index = _index_in(order, activity)
    target = min(max(index + direction, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    if _renumber(order):
        events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    activity.position = target
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity) -> None:
    """Delete an activity nobody has answered; if it was shown, show the next one instead."""
    workshop = _locked_workshop(activity.workshop_id)
    order = list(workshop.activities.order_by("position", "id"))
    index = _index_in(order, activity)
    if _answered_while_locked(activity):
        raise Refusal(
            _(
                "Noen har alt svart på denne aktiviteten, og svar blir aldri slettet. "
                "Lås aktiviteten i stedet, så tar den ikke imot flere svar."
            ),
            status=409,
        )
    rest = order[:index] + order[index + 1 :]
    if workshop.current_activity_id == activity.pk:
        workshop.current_activity = rest[min(index, len(rest) - 1)] if rest else None
        workshop.save(update_fields=["current_activity"])
        mark_shown(workshop)
    activity.delete()
    _renumber(rest)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
