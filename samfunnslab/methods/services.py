"""Writes for the method library and for processes (compose, reorder, version, evaluate, run)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.core.cleaning import clean_text
from samfunnslab.core.errors import Refusal
from samfunnslab.methods import content
from samfunnslab.methods.models import (
    MethodStep,
    Process,
    ProcessEvaluation,
    ProcessItem,
    ProcessRun,
    PulseActivity,
    PulsePhase,
)

MAX_ITEM_MINUTES = 480
MAX_TARGET_MINUTES = 720
MAX_MEETINGS = 12
MAX_NAME = 200
MAX_TEXT = 5000


@transaction.atomic
def library_sync() -> tuple[int, int]:
    """Load the step and process-template files into the database (safe to run again)."""
    steps = content.load_steps()
    for fields in steps:
        MethodStep.objects.update_or_create(number=fields["number"], defaults=fields)
    templates = content.load_processes()
    by_number = {step.number: step for step in MethodStep.objects.all()}
    for spec in templates:
        _template_sync(spec, by_number)
    return len(steps), len(templates)


def _template_sync(spec: content.ProcessSpec, by_number: dict[int, MethodStep]) -> None:
    """Create or refresh one process template and its items."""
    process, _created = Process.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "summary": spec.summary,
            "name_nn": spec.name_nn,
            "summary_nn": spec.summary_nn,
            "is_template": True,
            "organisation": None,
            "target_minutes": spec.target_minutes,
            "start_time": spec.start_time,
            "easy_language": spec.easy_language,
        },
    )
    process.items.all().delete()
    for position, item in enumerate(spec.items):
        if item.step_number is not None and item.step_number not in by_number:
            raise content.ContentError(f"{spec.slug}: ukjent steg {item.step_number}")
        ProcessItem.objects.create(
            process=process,
            step=by_number.get(item.step_number) if item.step_number is not None else None,
            title=item.title,
            note=item.note,
            title_nn=item.title_nn,
            note_nn=item.note_nn,
            position=position,
            meeting=item.meeting,
            minutes=item.minutes,
            use_easy_variant=item.easy,
        )


def _clean_minutes(minutes: Any, *, maximum: int = MAX_ITEM_MINUTES) -> int:
    """Return whole minutes between 1 and `maximum`, or raise a plain message."""
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise Refusal(_("Minutter må være et helt tall.")) from None
    if not 1 <= value <= maximum:
        raise Refusal(_("Minutter må være mellom 1 og %(max)s.") % {"max": maximum})
    return value


def _clean_meeting(meeting: Any) -> int:
    """Return a meeting number between 1 and MAX_MEETINGS."""
    try:
        value = int(meeting)
    except (TypeError, ValueError):
        raise Refusal(_("Møtenummeret må være et helt tall.")) from None
    if not 1 <= value <= MAX_MEETINGS:
        raise Refusal(_("Møtenummeret må være mellom 1 og %(max)s.") % {"max": MAX_MEETINGS})
    return value


def _unique_slug(name: str) -> str:
    """Return a process slug built from the name that no other process uses."""
    base = slugify(name)[:60] or "prosess"
    slug, n = base, 2
    while Process.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _renumber(process: Process) -> None:
    """Give the process's items consecutive positions in agenda order."""
    for position, item in enumerate(process.items.order_by("meeting", "position", "id")):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def _mark_edited(process: Process) -> None:
    """Start a new version when the current one has been used in a workshop or evaluated."""
    if process.is_template:
        raise Refusal(_("Maler kan ikke endres. Lag en kopi først."))
    if process.last_used_version == process.version:
        process.version += 1
    process.save()


def _mark_used(process: Process) -> None:
    """Record that the current version has been used."""
    if process.last_used_version != process.version:
        process.last_used_version = process.version
        process.save(update_fields=["last_used_version", "updated_at"])


@transaction.atomic
def process_create(
    *,
    organisation: Organisation,
    user: AbstractBaseUser | None,
    name: str,
    target_minutes: Any = 180,
    start_time: datetime.time | None = None,
    easy_language: bool = False,
) -> Process:
    """Create an empty process owned by the organisation."""
    name = clean_text(name, label=_("Navn"), max_length=MAX_NAME, required=True)
    return Process.objects.create(
        slug=_unique_slug(name),
        name=name,
        organisation=organisation,
        created_by=user,
        target_minutes=_clean_minutes(target_minutes, maximum=MAX_TARGET_MINUTES),
        start_time=start_time or datetime.time(18, 0),
        easy_language=easy_language,
    )


@transaction.atomic
def process_copy(
    *, source: Process, organisation: Organisation, user: AbstractBaseUser | None, name: str = ""
) -> Process:
    """Copy a process (usually a template) with all its items into the organisation."""
    name = clean_text(name or source.name, label=_("Navn"), max_length=MAX_NAME, required=True)
    process = Process.objects.create(
        slug=_unique_slug(f"{name} {organisation.slug}"),
        name=name,
        summary=source.summary,
        organisation=organisation,
        created_by=user,
        target_minutes=source.target_minutes,
        start_time=source.start_time,
        easy_language=source.easy_language,
        copied_from=source,
    )
    ProcessItem.objects.bulk_create(
        [
            ProcessItem(
                process=process,
                step=item.step,
                title=item.title,
                note=item.note,
                position=item.position,
                meeting=item.meeting,
                minutes=item.minutes,
                use_easy_variant=item.use_easy_variant,
            )
            for item in source.items.all()
        ]
    )
    return process


@transaction.atomic
def process_update(
    *,
    process: Process,
    name: str,
    summary: str = "",
    target_minutes: Any,
    start_time: datetime.time,
    easy_language: bool,
) -> Process:
    """Change the process's name, purpose, target duration, start time and audience."""
    process.name = clean_text(name, label=_("Navn"), max_length=MAX_NAME, required=True)
    process.summary = clean_text(summary, label=_("Sammendrag"), max_length=MAX_TEXT)
    process.target_minutes = _clean_minutes(target_minutes, maximum=MAX_TARGET_MINUTES)
    process.start_time = start_time
    process.easy_language = easy_language
    _mark_edited(process)
    return process


@transaction.atomic
def process_item_add(
    *,
    process: Process,
    step: MethodStep | None = None,
    title: str = "",
    minutes: Any = None,
    meeting: Any = None,
) -> ProcessItem:
    """Add a library step (or an own item such as a break) at the end of a meeting."""
    if step is None or title:
        title = clean_text(title, label=_("Tittel"), max_length=MAX_NAME, required=True)
    if minutes in (None, ""):
        if step is None:
            raise Refusal(_("Skriv inn hvor mange minutter punktet tar."))
        minutes = step.minutes
    minutes = _clean_minutes(minutes)
    last = process.items.order_by("meeting", "position").last()
    meeting = (
        _clean_meeting(meeting) if meeting not in (None, "") else (last.meeting if last else 1)
    )
    _mark_edited(process)
    item = ProcessItem.objects.create(
        process=process,
        step=step,
        title=title,
        minutes=minutes,
        meeting=meeting,
        position=(last.position + 1) if last else 0,
        use_easy_variant=process.easy_language,
    )
    _renumber(process)
    return item


@transaction.atomic
def process_item_remove(*, item: ProcessItem) -> None:
    """Remove an item from its process."""
    process = item.process
    _mark_edited(process)
    item.delete()
    _renumber(process)


@transaction.atomic
def process_item_move(*, item: ProcessItem, direction: str) -> None:
    """Move an item one place up or down; at a meeting's edge it moves into the next meeting."""
    if direction not in ("up", "down"):
        raise Refusal(_("Ukjent retning."))
    process = item.process
    items = list(process.items.order_by("meeting", "position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    neighbour_index = index - 1 if direction == "up" else index + 1
    if not 0 <= neighbour_index < len(items):
        return
    _mark_edited(process)
    neighbour = items[neighbour_index]
    if neighbour.meeting != item.meeting:
        item.meeting = neighbour.meeting
        item.position = neighbour.position + (1 if direction == "up" else -1)
        item.save(update_fields=["meeting", "position"])
    else:
        item.position, neighbour.position = neighbour.position, item.position
        item.save(update_fields=["position"])
        neighbour.save(update_fields=["position"])
    _renumber(process)


@transaction.atomic
def process_item_update(
    *, item: ProcessItem, minutes: Any, meeting: Any = None, note: str | None = None
) -> ProcessItem:
    """Change an item's minutes (and optionally its meeting and note)."""
    item.minutes = _clean_minutes(minutes)
    if meeting not in (None, ""):
        item.meeting = _clean_meeting(meeting)
    if note is not None:
        item.note = clean_text(note, label=_("Merknad"), max_length=MAX_TEXT)
    _mark_edited(item.process)
    item.save()
    _renumber(item.process)
    return item


def agenda_snapshot(process: Process) -> list[dict[str, Any]]:
    """Return the process's agenda as plain data to keep with an evaluation."""
    return [
        {
            "meeting": item.meeting,
            "title": item.display_title,
            "minutes": item.minutes,
            "step": item.step.number if item.step else None,
        }
        for item in process.items.select_related("step").order_by("meeting", "position")
    ]


@transaction.atomic
def process_evaluation_add(
    *,
    process: Process,
    user: AbstractBaseUser | None,
    worked: str,
    change: str,
    held_on: datetime.date | None = None,
    participants: Any = None,
) -> ProcessEvaluation:
    """Record what worked and what to change, kept with the process version that was used."""
    if process.is_template:
        raise Refusal(_("Lag en kopi av malen før du evaluerer den."))
    worked = clean_text(worked, label=_("Hva fungerte"), max_length=MAX_TEXT, required=True)
    change = clean_text(change, label=_("Hva bør endres"), max_length=MAX_TEXT, required=True)
    count = None
    if participants not in (None, ""):
        try:
            count = int(participants)
        except (TypeError, ValueError):
            raise Refusal(_("Antall deltakere må være et helt tall.")) from None
        if not 0 <= count <= 100_000:
            raise Refusal(_("Antall deltakere må være mellom 0 og 100 000."))
    evaluation = ProcessEvaluation.objects.create(
        process=process,
        version=process.version,
        worked=worked,
        change=change,
        held_on=held_on,
        participants=count,
        agenda_snapshot=agenda_snapshot(process),
        created_by=user,
    )
    _mark_used(process)
    return evaluation


@transaction.atomic
def process_run_start(
    *, item: ProcessItem, user: AbstractBaseUser, municipality_code: str = "", language: str = "nb"
) -> ProcessRun:
    """Start a live workshop pre-filled with the item's activities and record it on the process.

    `municipality_code` is the municipality the facilitator chose (default: the organisation's);
    `language` is the facilitator's: "nn" starts the activities (and the pulse) in nynorsk; the
    run keeps it for the pulse added or repeated later (docs/methods.md).
    """
    from samfunnslab.methods.handoff import PULSE_STEP_SLUG, workshop_for_item

    process = item.process
    if process.is_template:
        raise Refusal(_("Lag en kopi av malen før du starter et verksted."))
    workshop_id, workshop_url = workshop_for_item(
        item=item, user=user, municipality_code=municipality_code, language=language
    )
    run = ProcessRun.objects.create(
        process=process,
        item=item,
        version=process.version,
        workshop_id=workshop_id,
        workshop_url=workshop_url,
        language=language,
        created_by=user,
    )
    if item.step is not None and item.step.slug == PULSE_STEP_SLUG:
        pulse_add(run=run)
    _mark_used(process)
    return run


NEW_WORKSHOP = 0  # `workshop_id` that asks for a new workshop


def step_activity(item: ProcessItem, index: int, language: str = "nb") -> dict[str, Any]:
    """Return the phone activity `index` of the item's library step, or refuse.

    Its texts are in nynorsk when `language` is "nn" and the step is written in nynorsk, else in
    bokmål; `text_lang` says which.
    """
    if item.step is None or not 0 <= index < len(item.step.activities):
        raise Refusal(_("Dette delsteget har ingen aktivitet på mobilen."), status=404)
    written = item.step.in_language(language)
    return {**written.activities[index], "text_lang": written.text_lang}


@transaction.atomic
def step_activity_start(
    *,
    item: ProcessItem,
    index: int,
    user: AbstractBaseUser,
    workshop_id: int = NEW_WORKSHOP,
    municipality_code: str = "",
    language: str = "nb",
) -> str:
    """Start a sub-step's phone activity in one click: open it (or add it) in one of the
    facilitator's workshops from this process, or in a new workshop for the step (for
    `municipality_code`, by default the process's municipality). Return the console URL.

    A new activity is written in the facilitator's `language` (nynorsk when the step has it);
    one already started in bokmål or nynorsk is found again, never added twice.
    """
    from samfunnslab.methods import selectors
    from samfunnslab.methods.handoff import activity_open, runnable_workshops

    activity = step_activity(item, index, language)
    if workshop_id == NEW_WORKSHOP:
        run = process_run_start(
            item=item, user=user, municipality_code=municipality_code, language=language
        )
        workshop_id = run.workshop_id or NEW_WORKSHOP
    else:
        allowed = {
            pk
            for pk, _title in runnable_workshops(
                workshop_ids=selectors.process_workshop_ids(item.process), user=user
            )
        }
        if workshop_id not in allowed:
            raise Refusal(_("Velg et av verkstedene fra denne prosessen."))
    return activity_open(
        workshop_id=workshop_id,
        activity=activity,
        text_lang=activity["text_lang"],
        same_prompts={step_activity(item, index, code)["prompt"] for code in ("nb", "nn")},
    )


def _pulse_phases(workshop_id: int) -> set[str]:
    return set(
        PulseActivity.objects.filter(workshop_id=workshop_id).values_list("phase", flat=True)
    )


def _pulse_ask(run: ProcessRun, phase: str) -> list[int]:
    """Add one phase's pulse items to the run's workshop, in the run's language; record them."""
    from samfunnslab.methods import pulse
    from samfunnslab.methods.handoff import pulse_activities_create

    ids = pulse_activities_create(workshop_id=run.workshop_id, phase=phase, language=run.language)
    PulseActivity.objects.bulk_create(
        PulseActivity(workshop_id=run.workshop_id, activity_id=pk, phase=phase, key=item.key)
        for pk, item in zip(ids, pulse.ITEMS, strict=True)
    )
    return ids


@transaction.atomic
def pulse_add(*, run: ProcessRun) -> list[PulseActivity]:
    """Add the expectation-gap pulse to a run's workshop: «Før vi starter» first, «Etter» last.

    One click for the facilitator; the same phone answers both, so the shift can be paired.
    Asked in the language the run was started in (`ProcessRun.language`).
    """
    if run.workshop_id is None:
        raise Refusal(_("Verkstedet finnes ikke lenger."))
    if _pulse_phases(run.workshop_id):
        raise Refusal(_("Verkstedet har allerede forventningspulsen."))
    for phase in (PulsePhase.BEFORE, PulsePhase.AFTER):
        _pulse_ask(run, phase)
    _mark_used(run.process)
    return list(PulseActivity.objects.filter(workshop_id=run.workshop_id))


REPEAT_WINDOW_DAYS = 21


@transaction.atomic
def pulse_repeat_start(*, run: ProcessRun, days: int = REPEAT_WINDOW_DAYS) -> list[PulseActivity]:
    """Ask the pulse once more (about three months later) through the workshop's own link.

    The repeat items are added at the end and the workshop opens as a self-paced window for
    `days` days, starting at the first repeat item; phones that kept their cookie are paired.
    Asked in the run's language, like the first pulse.
    """
    from samfunnslab.methods.handoff import pulse_repeat_window

    if run.workshop_id is None:
        raise Refusal(_("Verkstedet finnes ikke lenger."))
    phases = _pulse_phases(run.workshop_id)
    if PulsePhase.BEFORE not in phases:
        raise Refusal(_("Legg til forventningspulsen før du gjentar den."))
    if PulsePhase.REPEAT in phases:
        raise Refusal(_("Gjentakelsen er allerede lagt til."))
    ids = _pulse_ask(run, PulsePhase.REPEAT)
    pulse_repeat_window(workshop_id=run.workshop_id, first_activity_id=ids[0], days=days)
    return list(PulseActivity.objects.filter(workshop_id=run.workshop_id, phase="repeat"))
