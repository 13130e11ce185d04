"""Reads for the method library and processes: search and filters, agendas with clock times."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from samfunnslab.accounts.authorizers import UserLike, organisations_for
from samfunnslab.methods.agenda import MeetingSum, Slot, TimedSlot, meeting_sums, schedule
from samfunnslab.methods.models import MethodStep, Process, ProcessItem


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


def process_items(process: Process) -> list[ProcessItem]:
    """Return the process's items in agenda order with their steps."""
    return list(process.items.select_related("step").order_by("meeting", "position", "id"))


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


def process_agenda(process: Process, start: datetime.time | None = None) -> Agenda:
    """Return the agenda with clock times from the start time, sums per meeting and overruns."""
    items = process_items(process)
    slots = [Slot(item.meeting, item.display_title, item.minutes) for item in items]
    timed = schedule(slots, start or process.start_time)
    return Agenda(
        rows=[AgendaRow(item, slot) for item, slot in zip(items, timed, strict=True)],
        meetings=meeting_sums(slots, process.target_minutes),
        total_minutes=sum(slot.minutes for slot in slots),
    )
