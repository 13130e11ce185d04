"""Reads for the method library and processes: search and filters, agendas with clock times."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from samfunnslab.accounts.authorizers import UserLike, organisations_for
from samfunnslab.core.lang import other_lang
from samfunnslab.methods import pulse
from samfunnslab.methods.agenda import MeetingSum, Slot, TimedSlot, meeting_sums, schedule
from samfunnslab.methods.models import MethodStep, Process, ProcessItem, PulseActivity, PulsePhase


@dataclass(frozen=True)
class StepFilter:
    query: str = ""
    phase: str = ""
    minutes: int | None = None
    participants: int | None = None
    audience: str = ""


def step_search(criteria: StepFilter) -> list[MethodStep]:
    """Return steps matching the words (name or purpose) that fit the time, group and audience."""
    steps: QuerySet[MethodStep] = MethodStep.objects.all()
    for word in criteria.query.split()[:10]:
        steps = steps.filter(
            Q(name__icontains=word)
            | Q(name_nn__icontains=word)
            | Q(name_en__icontains=word)
            | Q(purpose__icontains=word)
            | Q(when_to_use__icontains=word)
        )
    if criteria.phase:
        steps = steps.filter(phase=criteria.phase)
    if criteria.minutes is not None:
        steps = steps.filter(minutes_min__lte=criteria.minutes)
    if criteria.participants is not None:
        steps = steps.filter(participants_min__lte=criteria.participants).filter(
            Q(participants_max__isnull=True) | Q(participants_max__gte=criteria.participants)
        )
    found = list(steps)
    if criteria.audience:
        found = [step for step in found if criteria.audience in step.audiences]
    return found


def step_by_slug(slug: str) -> MethodStep | None:
    """Return the step with this slug, or None."""
    return MethodStep.objects.filter(slug=slug).first()


def process_templates() -> QuerySet[Process]:
    """Return the shipped process templates."""
    return Process.objects.filter(is_template=True).order_by("name")


def processes_for(user: UserLike) -> QuerySet[Process]:
    """Return the processes owned by the user's organisations, plus worked examples."""
    organisations = organisations_for(user)
    return (
        Process.objects.filter(is_template=False)
        .filter(Q(organisation__in=organisations) | Q(is_example=True))
        .select_related("organisation")
        .order_by("name")
    )


def process_items(process: Process, language: str = "nb") -> list[ProcessItem]:
    """Return the process's items in agenda order with their steps, in nynorsk when asked for."""
    items = process.items.select_related("step").order_by("meeting", "position", "id")
    return [item.in_language(language) for item in items]


@dataclass(frozen=True)
class AgendaRow:
    item: ProcessItem
    slot: TimedSlot


@dataclass(frozen=True)
class Agenda:
    rows: list[AgendaRow]
    meetings: list[MeetingSum]
    total_minutes: int

    @property
    def overruns(self) -> list[MeetingSum]:
        """Return the meetings that run over the chosen duration."""
        return [meeting for meeting in self.meetings if meeting.overrun]


def process_agenda(
    process: Process, start: datetime.time | None = None, language: str = "nb"
) -> Agenda:
    """Return the agenda with clock times from the start time, sums per meeting and overruns."""
    items = process_items(process, language)
    slots = [Slot(item.meeting, item.display_title, item.minutes) for item in items]
    timed = schedule(slots, start or process.start_time)
    return Agenda(
        rows=[AgendaRow(item, slot) for item, slot in zip(items, timed, strict=True)],
        meetings=meeting_sums(slots, process.target_minutes),
        total_minutes=sum(slot.minutes for slot in slots),
    )


@dataclass(frozen=True)
class PulseRow:
    item: pulse.PulseItem  # with its texts in the language the report is read in (nb or nn)
    shifts: list[pulse.ScaleShift | pulse.PointsShift]
    lang: str = ""  # `lang` for the item's texts when the interface speaks another language


@dataclass(frozen=True)
class VersionPulse:
    """The expectation-gap pulse over all workshops of one process version."""

    version: int
    workshops: int
    scale_rows: list[PulseRow]
    points_rows: list[PulseRow]
    writers: dict[str, int | None]  # phase → people who wrote what they can contribute (≥ 5)
    phases: set[str]

    @property
    def writer_rows(self) -> list[tuple[str, int | None]]:
        """Return (phase name, count or None under five) in the pulse's phase order."""
        return [
            (str(PulsePhase(phase).label), self.writers[phase])
            for phase in pulse.PHASES
            if phase in self.writers
        ]


def pulse_workshops(process: Process) -> set[int]:
    """Return the ids of the process's workshops that carry the pulse."""
    ids = set(process.runs.exclude(workshop_id=None).values_list("workshop_id", flat=True))
    return set(
        PulseActivity.objects.filter(workshop_id__in=ids).values_list("workshop_id", flat=True)
    )


def pulse_report(process: Process, language: str = "nb") -> list[VersionPulse]:
    """Return the pulse's shift per process version (newest first), pooled over its workshops.

    Nothing is broken down by workshop: only whole versions are shown, each figure describes at
    least five people, and one quantity is shown for one group only (`pulse.DisclosureGuard`).
    The items are named in nynorsk when `language` is "nn", else in bokmål (answers given in
    either language are the same item, paired by key).
    """
    from samfunnslab.methods.handoff import pulse_answers

    versions: dict[int, set[int]] = {}
    for version, workshop_id in process.runs.exclude(workshop_id=None).values_list(
        "version", "workshop_id"
    ):
        versions.setdefault(version, set()).add(workshop_id)
    rows = list(
        PulseActivity.objects.filter(workshop_id__in={w for ids in versions.values() for w in ids})
    )
    if not rows:
        return []
    responses, writers = pulse_answers([row.activity_id for row in rows])
    report = []
    for version in sorted(versions, reverse=True):
        mine = [row for row in rows if row.workshop_id in versions[version]]
        if not mine:
            continue
        report.append(_version_pulse(version, mine, responses, writers, language))
    return report


def _version_pulse(
    version: int,
    rows: list[PulseActivity],
    responses: dict[int, list[tuple[int, Any]]],
    writers: dict[int, set[int]],
    language: str,
) -> VersionPulse:
    guard = pulse.DisclosureGuard()
    text_lang = pulse.phone_language(language)
    lang = other_lang(text_lang, language)
    phases = {row.phase for row in rows}
    comparisons = [c for c in pulse.COMPARISONS if set(c) <= phases]
    scale_rows, points_rows = [], []
    for item in pulse.ITEMS:
        answers = [
            (row.phase, person, value)
            for row in rows
            if row.key == item.key
            for person, value in responses.get(row.activity_id, [])
        ]
        if item.kind == "scale":
            shifts: list[pulse.ScaleShift | pulse.PointsShift] = [
                pulse.scale_shift(item.key, answers, c, guard) for c in comparisons
            ]
            scale_rows.append(PulseRow(item.in_language(text_lang), shifts, lang))
        elif item.kind == "points":
            shown = item.in_language(text_lang)
            shifts = [
                pulse.points_shift(item.key, shown.options, answers, c, guard) for c in comparisons
            ]
            points_rows.append(PulseRow(shown, shifts, lang))
    written: dict[str, set[int]] = {phase: set() for phase in phases}
    for row in rows:
        if row.key == "contribute":
            written[row.phase] |= writers.get(row.activity_id, set())
    return VersionPulse(
        version=version,
        workshops=len({row.workshop_id for row in rows}),
        scale_rows=scale_rows,
        points_rows=points_rows,
        writers={phase: pulse.count_or_none(len(people)) for phase, people in written.items()},
        phases=phases,
    )


def process_workshop_ids(process: Process) -> list[int]:
    """Return the ids of the workshops started from the process."""
    return [
        pk
        for pk in process.runs.exclude(workshop_id=None).values_list("workshop_id", flat=True)
        if pk is not None
    ]


def workshops_to_start_in(process: Process, user: UserLike) -> list[tuple[int, str]]:
    """Return (id, title) of the process's workshops this user may run and that are not closed."""
    from samfunnslab.methods.handoff import runnable_workshops

    return runnable_workshops(workshop_ids=process_workshop_ids(process), user=user)  # type: ignore[arg-type]
