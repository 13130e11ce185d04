"""Selectors for «Kommunen i 2040»: the numbers of a municipality's future, read from the one engine.

Every number comes from `scenarios.engine` (the projection Min kommune and Scenariofabrikken use,
main alternative MMMM), the one care baseline (`scenarios.selectors.care_baseline`) or the
snapshot's care statistics; the story page (`story.py`) only turns them into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from projection.ages import sum_ages
from samfunnslab.core import statistics
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.selectors import CareBaseline, care_baseline

STORY_YEAR = engine.CARD_YEAR
PYRAMID_YEARS = (2026, 2030, 2035, 2040, 2045, 2050)
CLASS_SIZE = 25
SCHOOL_AGES = (6, 15)
OLDEST_BIRTH_YEAR = STORY_YEAR - 105
MIN_PEERS = 3


@dataclass(frozen=True)
class YouThen:
    """A person born in `birth_year`: their age in the story year and how many share it."""

    birth_year: int
    age: int
    same_age_now: float
    same_age_then: float


@dataclass(frozen=True)
class Peer:
    """A municipality in the ranking and its key figure in the story year."""

    code: str
    name: str
    value: float


@dataclass(frozen=True)
class Ranking:
    """Where a municipality stands among similar ones (rank 1 = most persons 20–66 per 67+)."""

    scope: str  # "county" (same county and centrality class) or "class" (same class, all Norway)
    centrality_class: int
    county_name: str
    rank: int
    peers: tuple[Peer, ...]


@dataclass(frozen=True)
class Future:
    """The numbers of one municipality's story, base year → story year."""

    code: str
    base_year: int
    year: int
    total_now: float
    total_then: float
    over_80_now: float
    over_80_then: float
    school_now: float
    school_then: float
    support_now: float
    support_then: float
    residents_in_institution: float | None
    residents_year: int | None
    care: CareBaseline

    @property
    def over_80_change(self) -> float:
        return self.over_80_then - self.over_80_now

    @property
    def school_change(self) -> float:
        return self.school_then - self.school_now


def _outcome(code: str) -> engine.Outcome:
    return engine.run(code)


def _institution_residents(code: str) -> tuple[float | None, int | None]:
    """Return long-term residents in institutions (nursing homes) and the year, if published."""
    care = engine.national_data().care
    if not care:
        return None, None
    year = max(care, key=int)
    value = care[year].get(code, {}).get("longterm_institution_residents_total")
    return (float(value), int(year)) if value else (None, None)


def future(code: str) -> Future:
    """Return the story numbers of a municipality (KeyError if the engine does not project it)."""
    if not engine.is_known(code):
        raise KeyError(code)
    outcome = _outcome(code)
    base, year = engine.BASE_YEAR, STORY_YEAR
    residents, residents_year = _institution_residents(code)
    return Future(
        code=code,
        base_year=base,
        year=year,
        total_now=outcome.total(base),
        total_then=outcome.total(year),
        over_80_now=outcome.aged(base, 80),
        over_80_then=outcome.aged(year, 80),
        school_now=outcome.aged(base, *SCHOOL_AGES),
        school_then=outcome.aged(year, *SCHOOL_AGES),
        support_now=outcome.indicator("aldersbaereevne", base),
        support_then=outcome.indicator("aldersbaereevne", year),
        residents_in_institution=residents,
        residents_year=residents_year,
        care=care_baseline(code=code),
    )


def you_then(code: str, birth_year: int, year: int = STORY_YEAR) -> YouThen:
    """Return a person's age in `year` and how many of that age live in the municipality now/then.

    Ages run 0–105 (105 = 105 and older); a birth year outside OLDEST_BIRTH_YEAR..year is refused
    by the form before this is called.
    """
    outcome = _outcome(code)
    age = min(max(year - birth_year, 0), 105)
    high = 105 if age == 105 else age
    return YouThen(
        birth_year=birth_year,
        age=age,
        same_age_now=outcome.aged(engine.BASE_YEAR, age, high),
        same_age_then=outcome.aged(year, age, high),
    )


@statistics.per_snapshot(maxsize=1)
def support_ratios(year: int = STORY_YEAR) -> dict[str, float]:
    """Return persons 20–66 per person 67+ in `year` for every projected municipality."""
    projection = engine.baseline(engine.DEFAULT_ALTERNATIVE)
    i = engine.index_of(year)
    ratios = {}
    for code in projection.codes:
        if not engine.is_known(code):
            continue
        by_age = projection.municipality(code)[i].sum(axis=0)
        old = float(sum_ages(by_age, 67))
        if old > 0:
            ratios[code] = float(sum_ages(by_age, 20, 66)) / old
    return ratios


def ranking(code: str, year: int = STORY_YEAR) -> Ranking:
    """Rank a municipality among those in the same county and centrality class on 20–66 per 67+.

    With fewer than MIN_PEERS such municipalities, the peers are the whole centrality class.
    """
    infos = {m.code: m for m in statistics.snapshot().municipalities}
    me = infos[code]
    ratios = support_ratios(year)
    same_class = [m for m in infos.values() if m.centrality_class == me.centrality_class]
    local = [m for m in same_class if m.county_code == me.county_code]
    scope, group = ("county", local) if len(local) >= MIN_PEERS else ("class", same_class)
    peers = sorted(
        (Peer(m.code, m.name, ratios[m.code]) for m in group if m.code in ratios),
        key=lambda p: (-p.value, p.name),
    )
    rank = next(i for i, p in enumerate(peers, start=1) if p.code == code)
    return Ranking(scope, me.centrality_class, me.county_name, rank, tuple(peers))


def pyramid_frames(code: str, years: tuple[int, ...] = PYRAMID_YEARS) -> np.ndarray:
    """Return the projected (len(years), 2, 106) population in the given years."""
    outcome = _outcome(code)
    return np.stack([outcome.population[outcome.index(y)] for y in years])


@dataclass(frozen=True)
class ModelTurn:
    """An example community model's assumptions run on this municipality, in the story year."""

    pk: int
    name: str
    pitch: str
    has_day_in_the_life: bool
    gap: float
    every_nth: float


def model_turns(code: str, year: int = STORY_YEAR) -> list[ModelTurn]:
    """Return the shared example models' levers applied to this municipality (same engine)."""
    from samfunnslab.community_models import engine as model_engine
    from samfunnslab.community_models.models import CommunityModel

    turns = []
    for model in CommunityModel.objects.filter(is_example=True, shared=True).order_by("id")[:3]:
        figures = model_engine.model_figures(model, code).at(year)
        turns.append(
            ModelTurn(
                pk=model.pk,
                name=model.name,
                pitch=model.pitch,
                has_day_in_the_life=bool(model.day_in_the_life.strip()),
                gap=figures.care_fte_gap,
                every_nth=figures.every_nth_worker,
            )
        )
    return turns
