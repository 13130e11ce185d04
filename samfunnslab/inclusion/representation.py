"""Who took part compared with who lives here: representation ratios and small-cell suppression.

Pure functions over plain numbers (standard library and numpy only, no Django), so the privacy
rules can be tested on hand-made tables.

Rules (see docs/inclusion.md):
- Which cells are hidden is decided by `samfunnslab.core.disclosure` (the one rule for every
  breakdown of participants): per ended session, counts of 1-4 hidden, the zeros beside them
  too, and complements until the hidden cells hold at least 5; a set of sessions is the sum of
  the sessions' protected tables. A zero is shown when nothing else in that session's dimension
  is hidden: "nobody aged 13-17 took part" names no one.
- A hidden cell is still called under-represented when even the largest count it could have,
  given what is shown, is below half its population share (this reveals nothing new).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from samfunnslab.core import disclosure

MIN_CELL = disclosure.MIN_CELL
UNDER_RATIO = 0.5  # a group with less than half its population share is under-represented
OVER_RATIO = 2.0

# Age bands of the workshops' self-description: (code, first age, last age); None = no upper limit.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-12", 0, 12),
    ("13-17", 13, 17),
    ("18-29", 18, 29),
    ("30-44", 30, 44),
    ("45-66", 45, 66),
    ("67-79", 67, 79),
    ("80+", 80, None),
)


class Status(StrEnum):
    MISSING = "missing"  # nobody from a group that lives here
    HIDDEN = "hidden"  # small, or hidden so that a small cell cannot be worked out
    UNDER = "under"  # clearly under-represented (also said of a hidden cell when certain)
    MATCHING = "matching"
    OVER = "over"
    NO_BENCHMARK = "no_benchmark"  # shown, but there is no population figure to compare with


@dataclass(frozen=True)
class Cell:
    """One category: how many took part, their share, and how that compares with the population."""

    category: str
    count: int | None  # None when hidden
    share: float | None  # among those who answered; None when hidden
    population_share: float | None  # None when there is no comparable figure
    ratio: float | None  # share / population share; None when hidden or not comparable
    status: Status


@dataclass(frozen=True)
class Comparison:
    """One dimension (e.g. age) of the self-description against the population."""

    answered: int | None  # None when fewer than MIN_CELL answered
    cells: tuple[Cell, ...]

    @property
    def suppressed(self) -> bool:
        """Return True when too few answered to show anything."""
        return self.answered is None


def population_by_age_band(
    by_age: npt.NDArray[np.float64],
) -> dict[str, float] | None:
    """Sum a population-by-single-year-of-age vector (index = age) into the age bands.

    Returns None when any age has no comparable figure (NaN), rather than a biased total.
    """
    if by_age.ndim != 1 or np.isnan(by_age).any():
        return None
    bands: dict[str, float] = {}
    for code, first, last in AGE_BANDS:
        stop = by_age.shape[0] if last is None else last + 1
        bands[code] = float(by_age[first:stop].sum())
    return bands


def _status(count: int, ratio: float | None, population_share: float | None) -> Status:
    if population_share is None:
        return Status.NO_BENCHMARK
    if count == 0:
        return Status.MISSING if population_share > 0 else Status.MATCHING
    assert ratio is not None
    if ratio < UNDER_RATIO:
        return Status.UNDER
    if ratio > OVER_RATIO:
        return Status.OVER
    return Status.MATCHING


def compare(
    units: Sequence[Mapping[str, int]],
    population: Mapping[str, float] | None = None,
    *,
    order: Sequence[str] | None = None,
    min_cell: int = MIN_CELL,
) -> Comparison:
    """Compare participants' answers in one dimension with the population, hiding small cells.

    `units` are the counts per category of each fixed group of people (one ended session each;
    categories nobody chose may be left out or given as 0), `population` the residents per
    category. Each unit is protected on its own and the protected tables are added up
    (`core.disclosure`), so any choice of units shows nothing that the units do not show alone.
    """
    categories = list(order) if order is not None else sorted({c for u in units for c in u})
    protected = [
        disclosure.protect({c: int(unit.get(c, 0)) for c in categories}, min_cell=min_cell)
        for unit in units
    ]
    table = disclosure.combine(protected)
    pop_shares = _shares(population, categories)
    answered = table.total
    if not answered:
        return Comparison(answered=None, cells=tuple(_all_hidden(categories, pop_shares)))
    cells = []
    for category in categories:
        pop_share = pop_shares.get(category)
        count = table.counts.get(category)
        if count is None:
            most = disclosure.most_in_hidden(protected, category)
            cells.append(_hidden_cell(category, most / answered, pop_share))
            continue
        share = count / answered
        ratio = share / pop_share if pop_share else None
        cells.append(
            Cell(category, count, share, pop_share, ratio, _status(count, ratio, pop_share))
        )
    return Comparison(answered=answered, cells=tuple(cells))


def _shares(population: Mapping[str, float] | None, categories: Sequence[str]) -> dict[str, float]:
    if not population:
        return {}
    total = sum(population.get(c, 0.0) for c in categories)
    return {c: population.get(c, 0.0) / total for c in categories} if total > 0 else {}


def _all_hidden(categories: Sequence[str], pop_shares: Mapping[str, float]) -> list[Cell]:
    return [Cell(c, None, None, pop_shares.get(c), None, Status.HIDDEN) for c in categories]


def _hidden_cell(category: str, largest_share: float, pop_share: float | None) -> Cell:
    certainly_under = (
        pop_share is not None and pop_share > 0 and largest_share / pop_share < UNDER_RATIO
    )
    return Cell(
        category, None, None, pop_share, None, Status.UNDER if certainly_under else Status.HIDDEN
    )
