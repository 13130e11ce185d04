"""Demography-driven expenditure need and the labour side of a municipality (pure numpy).

The TBU/ASSS «demografikostnader» method (Det tekniske beregningsutvalg for kommunal og
fylkeskommunal økonomi) prices each age group's population change at a fixed cost per inhabitant:

    need(t) = Σ_g P_g(t) · c_g          (c_g = cost per inhabitant in age group g, base-year kroner)
    demographic cost(t) = need(t) − need(t0)

With the same population the labour side is

    employed(t) = Σ_g P_g(t) · e_g      (e_g = employment rate in age group g)

and the care side prices the care baseline's FTE need at spending per FTE:

    care spending(t) = FTE need(t) · (gross operating expenditure / FTE)  (both from one year)

`population` is (years, 2, 106) or (years, 106) throughout; groups are inclusive age bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from projection.ages import AgeGroup, FloatArray, group_matrix

# The age groups of TBU's demographic cost calculation for the municipalities.
TBU_GROUPS: tuple[AgeGroup, ...] = (
    (0, 0), (1, 5), (6, 15), (16, 19), (20, 66), (67, 79), (80, 89), (90, 105),
)  # fmt: skip


@dataclass(frozen=True)
class CostRates:
    """Cost per inhabitant by age group (kroner), with the year and the source; None = not loaded."""

    groups: tuple[AgeGroup, ...]
    rates: tuple[float | None, ...]
    year: int | None
    source: str

    @property
    def loaded(self) -> bool:
        """Return whether every group has a rate."""
        return bool(self.rates) and all(r is not None for r in self.rates)


def _by_age(population: FloatArray) -> FloatArray:
    return population.sum(axis=-2) if population.ndim == 3 else population


def group_counts(population: FloatArray, groups: Sequence[AgeGroup]) -> FloatArray:
    """Return persons per age group and year: (years, len(groups))."""
    result: FloatArray = _by_age(population) @ group_matrix(groups)
    return result


def expenditure_need(population: FloatArray, rates: CostRates) -> FloatArray:
    """Return Σ_g P_g(t) · c_g per year; raises ValueError if a rate is missing."""
    if not rates.loaded:
        raise ValueError("cost rates are not loaded")
    result: FloatArray = group_counts(population, rates.groups) @ np.asarray(rates.rates, float)
    return result


def change_from_base(series: FloatArray) -> FloatArray:
    """Return series(t) − series(t0)."""
    result: FloatArray = series - series[0]
    return result


def employed(
    population: FloatArray, groups: Sequence[AgeGroup], rates: Sequence[float]
) -> FloatArray:
    """Return Σ_g P_g(t) · e_g per year."""
    result: FloatArray = group_counts(population, groups) @ np.asarray(rates, float)
    return result


def spending_per_fte(expenditure: float, fte: float) -> float:
    """Return spending per FTE (kroner), 0 where there are no FTEs."""
    return expenditure / fte if fte > 0 else 0.0


def care_spending(fte_need: FloatArray, per_fte: float) -> FloatArray:
    """Return care spending per year: FTE need × spending per FTE."""
    result: FloatArray = np.asarray(fte_need, float) * per_fte
    return result
