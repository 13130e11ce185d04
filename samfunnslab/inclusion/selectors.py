"""Every read of the inclusion view: which workshops make a process, who described themselves,
and the municipality's population by age band from the embedded SSB snapshot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from samfunnslab.core import statistics
from samfunnslab.inclusion import representation
from samfunnslab.inclusion.representation import AGE_BANDS, Comparison
from samfunnslab.workshops.models import (
    ActivityKind,
    AgeBand,
    ContributionStatus,
    Participant,
    ParticipantRole,
    Workshop,
    YesNo,
)

POPULATION_TABLE = "07459"
AGE_ORDER = tuple(code for code, _first, _last in AGE_BANDS)
YES_NO_ORDER = (YesNo.YES.value, YesNo.NO.value)
ROLE_ORDER = tuple(ParticipantRole.values)
# Which self-description field answers which question, in the order the page shows them.
DIMENSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("age_band", AGE_ORDER),
    ("new_in_norway", YES_NO_ORDER),
    ("parent_small_child", YES_NO_ORDER),
    ("lives_here", YES_NO_ORDER),
    ("role", ROLE_ORDER),
)
assert set(AGE_ORDER) == set(AgeBand.values), "age bands must match the workshops' self-description"


@dataclass(frozen=True)
class AgePopulation:
    """Residents per age band on 1 January of `year`, from SSB table 07459."""

    year: int
    bands: dict[str, float]
    total: float


@dataclass(frozen=True)
class Session:
    """One session's participants as counts per self-description answer (a unit of protection)."""

    participants: int
    described: int
    assisted: int
    counts: dict[str, Counter[str]]


@dataclass(frozen=True)
class Participation:
    """Who took part in a set of workshops: totals, and the ended sessions one by one.

    Breakdowns come only from sessions that no longer take answers (`ended`): a running session's
    table would change one person at a time, and two looks at it would tell that person's answers.
    """

    participants: int
    described: int
    running: int  # sessions still taking answers (their breakdowns are not shown yet)
    ended: tuple[Session, ...]

    def units(self, name: str) -> list[Counter[str]]:
        """Return one dimension's counts per ended session."""
        return [session.counts[name] for session in self.ended]


def process_workshops(workshop: Workshop) -> QuerySet[Workshop]:
    """Return every workshop of the same organisation and municipality: the sessions of a process."""
    return Workshop.objects.filter(
        organisation_id=workshop.organisation_id, municipality_code=workshop.municipality_code
    ).order_by("created_at", "id")


def chosen_sessions(sessions: Sequence[Workshop], raw_ids: Iterable[str]) -> list[Workshop]:
    """Return the sessions picked in the filter (all of them when none or only unknown ids)."""
    wanted = {int(raw) for raw in raw_ids if raw.isdigit()}
    picked = [w for w in sessions if w.pk in wanted]
    return picked or list(sessions)


def _session(workshop: Workshop) -> Session:
    fields = [name for name, _order in DIMENSIONS]
    counts: dict[str, Counter[str]] = {name: Counter() for name in fields}
    described = assisted = total = 0
    for row in Participant.objects.filter(workshop=workshop).values(*fields, "assisted"):
        total += 1
        assisted += bool(row["assisted"])
        answered = [name for name in fields if row[name]]
        described += bool(answered)
        for name in answered:
            counts[name][row[name]] += 1
    return Session(total, described, assisted, counts)


def participation(workshops: Sequence[Workshop]) -> Participation:
    """Count participants and their optional self-description, session by session."""
    sessions = [(w, _session(w)) for w in workshops]
    return Participation(
        participants=sum(s.participants for _w, s in sessions),
        described=sum(s.described for _w, s in sessions),
        running=sum(1 for w, _s in sessions if w.accepts_answers),
        ended=tuple(s for w, s in sessions if not w.accepts_answers),
    )


def age_population(municipality_code: str) -> AgePopulation | None:
    """Return the latest year's residents per age band, or None when SSB has no comparable figure."""
    cube = statistics.snapshot().population
    try:
        block = cube.municipality(municipality_code)[-1]  # (2 sexes, 106 ages), latest year
    except KeyError:
        return None
    bands = representation.population_by_age_band(np.asarray(block.sum(axis=0)))
    if bands is None:
        return None
    return AgePopulation(year=int(cube.years[-1]), bands=bands, total=sum(bands.values()))


def municipality_name(code: str) -> str:
    """Return the municipality's name, or the code when it is unknown."""
    try:
        return statistics.snapshot().info(code).name
    except KeyError:
        return code


def compare_all(people: Participation, population: AgePopulation | None) -> dict[str, Comparison]:
    """Compare every self-description dimension; only age has a population figure to compare with."""
    return {
        name: representation.compare(
            people.units(name),
            population.bands if (name == "age_band" and population) else None,
            order=order,
        )
        for name, order in DIMENSIONS
    }


def statement_activities(workshop: Workshop) -> list[dict[str, object]]:
    """Return the workshop's statement activities with their visible statements (for paper input)."""
    activities = workshop.activities.filter(kind=ActivityKind.STATEMENTS).order_by("position", "id")
    return [
        {
            "activity": activity,
            "statements": list(
                activity.contributions.filter(status=ContributionStatus.VISIBLE).order_by("id")
            ),
        }
        for activity in activities
    ]
