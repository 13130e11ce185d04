"""Health and care workforce: demand from use profiles, supply from employment (if-then sums).

demand(t) = sum_g P_g(t) * use_g * FTE per user * (1 + standard change)^(t - t0)
labour(t) = sum_g P_g(t) * employment_g * FTE per employed          (ages 20-66)
supply(t) = care share * labour(t); by default the share is calibrated so supply(t0) = demand(t0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from projection.ages import AgeGroup, FloatArray, IntArray, group_matrix, sum_ages

CARE_GROUPS: tuple[AgeGroup, ...] = ((0, 66), (67, 79), (80, 105))
LABOUR_GROUPS: tuple[AgeGroup, ...] = ((20, 24), (25, 39), (40, 54), (55, 66))


@dataclass(frozen=True)
class CareProfile:
    """Users per inhabitant by age group and FTE per user in the base year."""

    groups: tuple[AgeGroup, ...]
    use_rates: tuple[float, ...]
    fte_per_user: float
    base_year: int
    source: str


@dataclass(frozen=True)
class LabourProfile:
    """Employment rate by age group, FTE per employed and (optionally) the share in care."""

    groups: tuple[AgeGroup, ...]
    employment_rates: tuple[float, ...]
    fte_per_employed: float = 1.0
    care_share: float | None = None
    source: str = ""


# The notes on where each figure comes from, in bokmål (the API gives them as they are); the app
# shows them in the interface's language by these texts (samfunnslab/scenarios/selectors.py).
OWN_USERS = "kommunens egne tall (brukere)"
OWN_FTE = "kommunens egne tall (årsverk)"
OWN_LABOUR = "kommunens egne tall (sysselsetting)"
CALIBRATED = "kalibrert: tilbud = behov i {year}"


@dataclass(frozen=True)
class LocalFigures:
    """A municipality's own figures; None keeps the national default (and says so)."""

    users: tuple[float, ...] | None = None
    """Users in the base year per care group (same groups as the care profile)."""
    care_fte: float | None = None
    employment_rates: tuple[float, ...] | None = None
    fte_per_employed: float | None = None
    care_share: float | None = None


@dataclass(frozen=True)
class WorkforceResult:
    """Yearly demand, supply and derived shares for one area."""

    years: IntArray
    demand_fte: FloatArray
    labour_fte: FloatArray
    supply_fte: FloatArray
    gap_fte: FloatArray
    required_share: FloatArray
    every_nth: FloatArray
    fte_per_1000_aged_20_66: FloatArray
    care_share: float
    sources: dict[str, str] = field(default_factory=dict)

    def at(self, year: int) -> dict[str, float]:
        """Return the figures for one year as a dict."""
        i = int(np.flatnonzero(self.years == year)[0])
        names = (
            "demand_fte",
            "labour_fte",
            "supply_fte",
            "gap_fte",
            "required_share",
            "every_nth",
            "fte_per_1000_aged_20_66",
        )
        return {name: float(getattr(self, name)[i]) for name in names}


def printed_gap(demand_fte: float, supply_fte: float) -> float:
    """Return the gap as a page prints it beside need and supply: each rounded like `round` first.

    Need 9.66 and supply 6.39 print as 10 and 6, so the gap prints as 4, not round(3.27) = 3:
    the three figures on a page add up. NaN stays NaN.
    """
    if not (math.isfinite(demand_fte) and math.isfinite(supply_fte)):
        return float("nan")
    return float(round(demand_fte) - round(supply_fte))


def _by_age(population: FloatArray) -> FloatArray:
    """Sum a (years, 2, 106) or (years, 106) population over sex if present."""
    return population.sum(axis=-2) if population.ndim == 3 else population


def care_demand(
    population: FloatArray, years: IntArray, care: CareProfile, standard_change: float = 0.0
) -> FloatArray:
    """Return care FTE demand per year: sum of pop x use x FTE/user x (1+change)^(t-t0)."""
    users = _by_age(population) @ group_matrix(care.groups) @ np.asarray(care.use_rates)
    trend = (1.0 + standard_change) ** (years - care.base_year)
    demand: FloatArray = users * care.fte_per_user * trend
    return demand


def labour_fte(population: FloatArray, labour: LabourProfile) -> FloatArray:
    """Return FTE of the employed per year: sum of pop x employment rate x FTE per employed."""
    employed = (
        _by_age(population) @ group_matrix(labour.groups) @ np.asarray(labour.employment_rates)
    )
    result: FloatArray = employed * labour.fte_per_employed
    return result


def localise(
    care: CareProfile, labour: LabourProfile, local: LocalFigures, base_population: FloatArray
) -> tuple[CareProfile, LabourProfile, dict[str, str]]:
    """Replace national defaults by local figures where given; report which source is used."""
    sources = {"care": care.source, "labour": labour.source}
    base_groups = _by_age(base_population[None])[0] @ group_matrix(care.groups)
    if local.users is not None:
        rates = np.divide(
            np.asarray(local.users),
            base_groups,
            out=np.zeros(len(care.groups)),
            where=base_groups > 0,
        )
        care = replace(care, use_rates=tuple(float(r) for r in rates))
        sources["care"] = OWN_USERS
    if local.care_fte is not None:
        users = float(base_groups @ np.asarray(care.use_rates))
        care = replace(care, fte_per_user=local.care_fte / users if users > 0 else 0.0)
        sources["care_fte"] = OWN_FTE
    labour = replace(
        labour,
        employment_rates=local.employment_rates or labour.employment_rates,
        fte_per_employed=local.fte_per_employed or labour.fte_per_employed,
        care_share=local.care_share if local.care_share is not None else labour.care_share,
    )
    if local.employment_rates or local.fte_per_employed or local.care_share is not None:
        sources["labour"] = OWN_LABOUR
    return care, labour, sources


def _ratios(
    demand: FloatArray, labour: FloatArray, aged_20_66: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return (required share, every n-th, FTE per 1000 aged 20-66); NaN/inf where undefined."""
    required = np.divide(demand, labour, out=np.full_like(demand, np.nan), where=labour > 0)
    every_nth = np.divide(1.0, required, out=np.full_like(required, np.inf), where=required > 0)
    per_1000 = np.divide(
        demand * 1000.0, aged_20_66, out=np.full_like(demand, np.nan), where=aged_20_66 > 0
    )
    return required, every_nth, per_1000


def workforce(
    population: FloatArray,
    years: Sequence[int] | IntArray,
    care: CareProfile,
    labour: LabourProfile,
    *,
    standard_change: float = 0.0,
    local: LocalFigures | None = None,
) -> WorkforceResult:
    """Compute demand, supply, gap, required share and FTE per 1000 aged 20-66 for one area.

    `population` is (years, 2, 106) or (years, 106); the first year is the base year t0.
    """
    years_arr = np.asarray(years, dtype=np.int64)
    sources = {"care": care.source, "labour": labour.source}
    if local is not None:
        care, labour, sources = localise(care, labour, local, population[0])
    demand = care_demand(population, years_arr, care, standard_change)
    labour_total = labour_fte(population, labour)
    share = labour.care_share
    if share is None:
        share = float(demand[0] / labour_total[0]) if labour_total[0] > 0 else 0.0
        sources["care_share"] = CALIBRATED.format(year=int(years_arr[0]))
    supply = share * labour_total
    ratios = _ratios(demand, labour_total, sum_ages(_by_age(population), 20, 66))
    return WorkforceResult(
        years_arr, demand, labour_total, supply, demand - supply, *ratios, share, sources
    )
