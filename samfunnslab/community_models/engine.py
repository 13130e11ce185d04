"""The hand-off from a community model to the projection and workforce engine (the only such module).

model parameters → `ModelLevers` → engine levers (population) and workforce adjustments → figures for
2030/2040/2050 next to the baseline (the same engine with neutral levers).

How each parameter acts (the effect builds up evenly from the base year to the horizon year and then
stays; `ramp(t)` is 0 in the base year and 1 from the horizon year on):
- family and volunteer share f, welfare technology w: care FTE need × (1 − f·ramp) × (1 − w·ramp);
- employment change e (percentage points) and full-time change h: labour FTE moves from the
  baseline profile towards (rates + e, FTE per employed × (1 + h)) by ramp;
- young adult inflow n: the engine's `Inflow` of n persons aged 20–34 a year, from the year after
  the base year (this changes the population, so 80+ and aldersbæreevne move too);
- the care share of the labour force is the baseline's (calibrated so supply = need in the base
  year), so the gap shows what the model changes against today's way of working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from projection import Assumptions, History, Inflow, Levers, build_scenario, estimate_rates, project
from projection.ages import sum_ages
from projection.engine import ScenarioParams
from projection.indicators import indicators
from projection.workforce import (
    CARE_GROUPS,
    LABOUR_GROUPS,
    CareProfile,
    LabourProfile,
    LocalFigures,
    care_demand,
    labour_fte,
    localise,
    workforce,
)

REPORT_YEARS = (2030, 2040, 2050)
UNTIL = 2050
ALTERNATIVE = "MMMM"
INFLOW_AGES = (20, 34)

# Used only when the snapshot has no national care and employment figures (documented in the UI).
FALLBACK_CARE = CareProfile(
    CARE_GROUPS, (0.024, 0.075, 0.40), 0.55, 2024, "grove nasjonale anslag (reserve)"
)
FALLBACK_LABOUR = LabourProfile(
    LABOUR_GROUPS, (0.70, 0.82, 0.85, 0.70), 1.0, None, "grove nasjonale anslag (reserve)"
)


@dataclass(frozen=True)
class ModelLevers:
    """A model's parameters as fractions and persons, plus its horizon year."""

    family_volunteer_share: float = 0.0
    welfare_technology_effect: float = 0.0
    employment_rate_change: float = 0.0
    full_time_change: float = 0.0
    young_adult_inflow: float = 0.0
    horizon_year: int = 2040

    def is_neutral(self) -> bool:
        """Return whether the levers change nothing."""
        return replace(self, horizon_year=2040) == ModelLevers()


@dataclass(frozen=True)
class YearFigures:
    """The numbers panel for one year."""

    year: int
    population: float
    aged_80_plus: float
    old_age_support_ratio: float
    care_fte_need: float
    care_fte_supply: float
    care_fte_gap: float
    every_nth_worker: float


@dataclass(frozen=True)
class Figures:
    """An engine run for one municipality: figures per report year and where they come from."""

    municipality_code: str
    label: str
    years: tuple[YearFigures, ...]
    sources: tuple[str, ...]

    def at(self, year: int) -> YearFigures:
        """Return the figures for a year."""
        for figures in self.years:
            if figures.year == year:
                return figures
        raise KeyError(year)


def levers_for(parameters: Mapping[str, Any], horizon_year: int) -> ModelLevers:
    """Translate stored parameters (percent, points, persons) into model levers (fractions)."""
    get = parameters.get
    return ModelLevers(
        family_volunteer_share=float(get("family_volunteer_share", 0)) / 100,
        welfare_technology_effect=float(get("welfare_technology_effect", 0)) / 100,
        employment_rate_change=float(get("employment_rate_change", 0)) / 100,
        full_time_change=float(get("full_time_change", 0)) / 100,
        young_adult_inflow=float(get("young_adult_inflow", 0)),
        horizon_year=int(horizon_year),
    )


def engine_levers(levers: ModelLevers, code: str, base_year: int) -> Levers:
    """Return the population levers for the engine (only in-migration touches the population)."""
    if not levers.young_adult_inflow:
        return Levers()
    inflow = Inflow(code, levers.young_adult_inflow, *INFLOW_AGES, first_year=base_year + 1)
    return Levers(inflows=(inflow,))


def ramp(years: np.ndarray, base_year: int, horizon_year: int) -> np.ndarray:
    """Return 0 in the base year rising evenly to 1 in the horizon year, 1 after."""
    span = max(horizon_year - base_year, 1)
    return np.clip((years - base_year) / span, 0.0, 1.0)


# --------------------------------------------------------------------------- engine access


@lru_cache(maxsize=1)
def _scenario() -> ScenarioParams:
    """Estimate rates from the snapshot and prepare the main alternative (once per process).

    Follows the public API in docs/projection.md: history up to the base year with counties and
    centrality for the priors, national inputs as known on 1 January of the base year.
    """
    from statbank.snapshot import load_population, load_snapshot

    cube = load_population()
    base_year = int(cube.years[-1])
    info = {m.code: m for m in load_snapshot().municipalities}
    history = History(
        cube.years,
        cube.codes,
        cube.values,
        counties=tuple(info[c].county_code for c in cube.codes),
        centrality=tuple(info[c].centrality_class for c in cube.codes),
    )
    national = _national(base_year)
    inputs = national.inputs if national is not None else None
    rates = estimate_rates(history, inputs)
    return build_scenario(rates, Assumptions(ALTERNATIVE, until=UNTIL), inputs)


@lru_cache(maxsize=4)
def _national(base_year: int | None = None) -> Any:
    """Return the snapshot's national data as known in the base year, or None if not built."""
    from statbank.national import load_national
    from statbank.snapshot import SNAPSHOT_DIR

    try:
        return load_national(SNAPSHOT_DIR, until_year=base_year)
    except FileNotFoundError:
        return None


def profiles(code: str) -> tuple[CareProfile, LabourProfile, LocalFigures]:
    """Return the care and labour profiles and the municipality's own figures."""
    national = _national(int(_scenario().years[0]))
    care = (national.care_profile() if national else None) or FALLBACK_CARE
    labour = (national.labour_profile() if national else None) or FALLBACK_LABOUR
    local = LocalFigures(users=national.local_users(code) if national else None)
    return care, labour, local


def population(code: str, levers: Levers) -> tuple[np.ndarray, np.ndarray, str]:
    """Return (years, population (years, 2, 106), label) for one municipality."""
    params = _scenario()
    run = project(params, levers)
    return run.years, run.municipality(code), run.label


# --------------------------------------------------------------------------- figures


@lru_cache(maxsize=64)
def baseline_figures(code: str) -> Figures:
    """Return the engine's own baseline for the municipality (neutral levers, `workforce`)."""
    years, pop, label = population(code, Levers())
    care, labour, local = profiles(code)
    result = workforce(pop, years, care, labour, local=local)
    return _figures(
        code,
        f"Framskriving {label}",
        years,
        pop,
        result.demand_fte,
        result.supply_fte,
        result.labour_fte,
        _sources(care, labour, result.sources),
    )


def figures_for(code: str, levers: ModelLevers) -> Figures:
    """Return the figures of a model's levers for the municipality."""
    if levers.is_neutral():
        return baseline_figures(code)
    return _model_figures(code, levers)


@lru_cache(maxsize=128)
def _model_figures(code: str, levers: ModelLevers) -> Figures:
    """Run the engine with the model's levers and adjust need and labour by the ramp."""
    base_year = int(_scenario().years[0])
    years, pop, label = population(code, engine_levers(levers, code, base_year))
    base_years, base_pop, _ = population(code, Levers())
    care, labour, local = profiles(code)
    care, labour, sources = localise(care, labour, local, base_pop[0])
    share = _care_share(base_pop, care, labour, base_years)
    r = ramp(years, base_year, levers.horizon_year)
    need = care_demand(pop, years, care)
    need = (
        need * (1 - levers.family_volunteer_share * r) * (1 - levers.welfare_technology_effect * r)
    )
    better = replace(
        labour,
        employment_rates=tuple(
            min(x + levers.employment_rate_change, 1.0) for x in labour.employment_rates
        ),
        fte_per_employed=labour.fte_per_employed * (1 + levers.full_time_change),
    )
    labour_now = labour_fte(pop, labour)
    labour_total = labour_now + r * (labour_fte(pop, better) - labour_now)
    return _figures(
        code,
        f"Modellens forutsetninger på {label}",
        years,
        pop,
        need,
        share * labour_total,
        labour_total,
        _sources(care, labour, sources),
    )


def _care_share(
    base_pop: np.ndarray, care: CareProfile, labour: LabourProfile, years: np.ndarray
) -> float:
    """Return the baseline share of labour in care (given, or calibrated so supply = need in t0)."""
    if labour.care_share is not None:
        return labour.care_share
    need0 = float(care_demand(base_pop[:1], years[:1], care)[0])
    labour0 = float(labour_fte(base_pop[:1], labour)[0])
    return need0 / labour0 if labour0 > 0 else 0.0


def _figures(
    code: str,
    label: str,
    years: np.ndarray,
    pop: np.ndarray,
    need: np.ndarray,
    supply: np.ndarray,
    labour_total: np.ndarray,
    sources: Sequence[str],
) -> Figures:
    """Pick the report years out of yearly series."""
    support = indicators(pop)["aldersbaereevne"].values
    by_age = pop.sum(axis=-2)
    rows = []
    for year in (int(years[0]), *REPORT_YEARS):
        i = int(np.flatnonzero(years == year)[0])
        rows.append(
            YearFigures(
                year=year,
                population=float(by_age[i].sum()),
                aged_80_plus=float(sum_ages(by_age[i], 80, 105)),
                old_age_support_ratio=float(support[i]),
                care_fte_need=float(need[i]),
                care_fte_supply=float(supply[i]),
                care_fte_gap=float(need[i] - supply[i]),
                every_nth_worker=float(labour_total[i] / need[i]) if need[i] > 0 else float("inf"),
            )
        )
    return Figures(code, label, tuple(rows), tuple(sources))


def _sources(care: CareProfile, labour: LabourProfile, extra: Mapping[str, str]) -> tuple[str, ...]:
    """Return the distinct source notes of a run."""
    notes = [care.source, labour.source, *extra.values()]
    return tuple(dict.fromkeys(n for n in notes if n))


def model_figures(model: Any) -> Figures:
    """Return the figures for a CommunityModel (its municipality, parameters and horizon)."""
    return figures_for(model.municipality_code, levers_for(model.parameters, model.horizon_year))
