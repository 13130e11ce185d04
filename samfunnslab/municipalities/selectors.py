"""Read-side selectors: pure functions over the population cube that return small dataclasses.

Blank cells (NaN) mean "no comparable figure" and come out as None, never as zero. The indicator
formulas live in `projection.indicators`; this module only picks years and areas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from projection.ages import OPEN_AGE, sum_ages
from projection.indicators import indicators
from projection.national import NationalProjection
from statbank.classifications import MunicipalityInfo
from statbank.cube import PopulationCube

FloatArray = npt.NDArray[np.float64]

PYRAMID_BANDS: tuple[tuple[int, int], ...] = (
    *((low, low + 4) for low in range(0, 90, 5)),
    (90, OPEN_AGE),
)
ELDERLY_GROUPS: tuple[tuple[str, int], ...] = (("67+", 67), ("80+", 80), ("90+", 90))
INDICATOR_KEYS = (
    "aldersbaereevne",
    "aldersbaereevne_80",
    "forsorgerbrok_eldre",
    "omsorgskoeffisient",
    "medianalder",
)
GROWTH_YEARS = 10


@dataclass(frozen=True)
class YearTotal:
    """Registered population on 1 January of a year; None means no comparable figure."""

    year: int
    total: int | None


@dataclass(frozen=True)
class AgeBand:
    """Persons of each sex in an age band in one year."""

    label: str
    low: int
    high: int
    female: int | None
    male: int | None


@dataclass(frozen=True)
class ElderlyCount:
    """Persons aged `label` (e.g. 80+) and their share of the whole population."""

    label: str
    count: int | None
    share: float | None


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator for an area: now and `GROWTH_YEARS` years earlier, with its formula."""

    key: str
    name: str
    formula: str
    earlier: float | None
    latest: float | None


@dataclass(frozen=True)
class AreaProfile:
    """Everything the municipality, county and BA-region pages show about one area."""

    years: tuple[int, ...]
    population: tuple[YearTotal, ...]
    latest_year: int
    earlier_year: int
    pyramid: tuple[AgeBand, ...]
    elderly: tuple[ElderlyCount, ...]
    indicators: tuple[IndicatorValue, ...]
    growth: float | None

    @property
    def latest_total(self) -> int | None:
        """Return the population in the latest year."""
        return self.population[-1].total

    @property
    def blank_years(self) -> tuple[int, ...]:
        """Return the years without a comparable figure."""
        return tuple(p.year for p in self.population if p.total is None)


@dataclass(frozen=True)
class CentralityChange:
    """How many municipalities in one centrality class grew or shrank between two years."""

    centrality_class: int
    municipalities: int
    grew: int
    shrank: int
    unchanged: int
    unknown: int

    @property
    def share_grew(self) -> float:
        """Return the share that grew among those with comparable figures."""
        known = self.municipalities - self.unknown
        return self.grew / known if known else float("nan")

    @property
    def share_shrank(self) -> float:
        """Return the share that shrank among those with comparable figures."""
        known = self.municipalities - self.unknown
        return self.shrank / known if known else float("nan")


@dataclass(frozen=True)
class MunicipalityChange:
    """A municipality's population change between two years (None if not comparable)."""

    code: str
    name: str
    start: int | None
    end: int | None
    change: float | None


def _count(value: float) -> int | None:
    """Return a whole number of persons, or None for a blank cell."""
    return None if np.isnan(value) else round(float(value))


def _number(value: float) -> float | None:
    """Return a float, or None for NaN."""
    return None if np.isnan(value) else float(value)


def year_totals(years: Sequence[int], block: FloatArray) -> tuple[YearTotal, ...]:
    """Return the total per year of a (years, 2, 106) block; blank years give None."""
    totals = block.sum(axis=(1, 2))
    return tuple(YearTotal(int(y), _count(t)) for y, t in zip(years, totals, strict=True))


def age_bands(
    year_block: FloatArray, bands: Sequence[tuple[int, int]] = PYRAMID_BANDS
) -> tuple[AgeBand, ...]:
    """Sum a (2, 106) year into age bands per sex (for the population pyramid)."""
    result = []
    for low, high in bands:
        label = f"{low}+" if high >= OPEN_AGE else f"{low}–{high}"
        female, male = sum_ages(year_block, low, high)
        result.append(AgeBand(label, low, high, _count(female), _count(male)))
    return tuple(result)


def elderly_counts(year_block: FloatArray) -> tuple[ElderlyCount, ...]:
    """Return persons 67+, 80+ and 90+ in a (2, 106) year, with their shares of the total."""
    by_age = year_block.sum(axis=0)
    total = by_age.sum()
    result = []
    for label, low in ELDERLY_GROUPS:
        count = sum_ages(by_age, low)
        share = count / total if total > 0 else float("nan")
        result.append(ElderlyCount(label, _count(count), _number(share)))
    return tuple(result)


def indicator_values(earlier: FloatArray, latest: FloatArray) -> tuple[IndicatorValue, ...]:
    """Return the standard indicators for two (2, 106) years, formulas from projection."""
    series = indicators(np.stack([earlier, latest]))
    return tuple(
        IndicatorValue(
            key=key,
            name=series[key].name,
            formula=series[key].formula,
            earlier=_number(series[key].values[0]),
            latest=_number(series[key].values[1]),
        )
        for key in INDICATOR_KEYS
    )


def growth_between(earlier: FloatArray, latest: FloatArray) -> float | None:
    """Return P(latest) / P(earlier) − 1 using the `vekst` indicator of projection."""
    series = indicators(np.stack([earlier, latest]))
    return _number(series["vekst"].values[1])


def area_profile(years: Sequence[int], block: FloatArray) -> AreaProfile:
    """Build the profile of one area from its (years, 2, 106) block; the last year is 'now'."""
    back = min(GROWTH_YEARS, len(years) - 1)
    earlier, latest = block[-1 - back], block[-1]
    return AreaProfile(
        years=tuple(int(y) for y in years),
        population=year_totals(years, block),
        latest_year=int(years[-1]),
        earlier_year=int(years[-1 - back]),
        pyramid=age_bands(latest),
        elderly=elderly_counts(latest),
        indicators=indicator_values(earlier, latest),
        growth=growth_between(earlier, latest),
    )


def municipality_profile(cube: PopulationCube, code: str) -> AreaProfile:
    """Return the profile of one municipality (KeyError for an unknown code)."""
    return area_profile([int(y) for y in cube.years], cube.municipality(code))


def members_block(cube: PopulationCube, codes: Sequence[str]) -> FloatArray:
    """Sum municipalities into one (years, 2, 106) block; a year is blank unless all are known."""
    positions = [cube.code_index(code) for code in codes]
    summed: FloatArray = cube.values[:, positions].sum(axis=1)
    return summed


def municipality_changes(
    cube: PopulationCube,
    municipalities: Sequence[MunicipalityInfo],
    start_year: int,
    end_year: int,
) -> tuple[MunicipalityChange, ...]:
    """Return every municipality's change from start_year to end_year (None where not comparable)."""
    start = cube.values[cube.year_index(start_year)].sum(axis=(1, 2))
    end = cube.values[cube.year_index(end_year)].sum(axis=(1, 2))
    result = []
    for info in municipalities:
        i = cube.code_index(info.code)
        change = end[i] / start[i] - 1.0 if start[i] > 0 else float("nan")
        result.append(
            MunicipalityChange(
                info.code, info.name, _count(start[i]), _count(end[i]), _number(change)
            )
        )
    return tuple(result)


def changes_by_centrality(
    changes: Sequence[MunicipalityChange], municipalities: Sequence[MunicipalityInfo]
) -> tuple[CentralityChange, ...]:
    """Count municipalities that grew, shrank or stayed equal, per centrality class 1–6."""
    klass = {m.code: m.centrality_class for m in municipalities}
    counts: dict[int, list[int]] = {k: [0, 0, 0, 0, 0] for k in sorted(set(klass.values()))}
    for change in changes:
        row = counts[klass[change.code]]
        row[0] += 1
        if change.change is None:
            row[4] += 1
        elif change.change > 0:
            row[1] += 1
        elif change.change < 0:
            row[2] += 1
        else:
            row[3] += 1
    return tuple(CentralityChange(k, *row) for k, row in counts.items())


def projected_sum(projection: NationalProjection, low: int, high: int = OPEN_AGE) -> FloatArray:
    """Sum a national projection's age groups that make up exactly ages low..high, per year."""
    inside = [
        i for i, (a, b) in enumerate(projection.groups) if a >= low and min(b, OPEN_AGE) <= high
    ]
    covered = sum(
        min(projection.groups[i][1], OPEN_AGE) - projection.groups[i][0] + 1 for i in inside
    )
    if covered != min(high, OPEN_AGE) - low + 1:
        raise ValueError(f"the age groups of {projection.edition} do not add up to {low}–{high}")
    summed: FloatArray = projection.values[:, inside].sum(axis=1)
    return summed


def grouped(year_block: FloatArray, groups: Sequence[tuple[int, int]]) -> FloatArray:
    """Sum a (2, 106) year over sexes into the given age groups (to set beside a projection)."""
    by_age = year_block.sum(axis=0)
    return np.array([sum_ages(by_age, low, high) for low, high in groups])
