"""The hand-off from a community model to the projection and workforce engine (the only such module).

model parameters → `ModelLevers` → engine levers (population) and workforce adjustments → figures for
2030/2040/2050 next to the baseline. The baseline is the municipality's care baseline from
`scenarios.selectors.care_baseline` (the same numbers as Min kommune, the scenario card, the report
and the API); the levers run on the same engine, alternative and care/labour profiles.

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
from typing import Any

import numpy as np
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from projection import Inflow, Levers, project
from projection.ages import sum_ages
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
    printed_gap,
)
from samfunnslab.core import statistics
from samfunnslab.scenarios import engine as scenario_engine

REPORT_YEARS = (2030, 2040, 2050)
ALTERNATIVE = scenario_engine.DEFAULT_ALTERNATIVE
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
    """Whole FTEs missing as every page prints them: rounded need − rounded supply."""
    every_nth_worker: float


@dataclass(frozen=True)
class Figures:
    """An engine run for one municipality: figures per report year and where they come from."""

    municipality_code: str
    label: str | Promise  # said in the language of the page it is shown on (the run is cached)
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


def _care_baseline(code: str) -> Any:
    """Return the municipality's care baseline: the one every page shows (scenarios.selectors)."""
    from samfunnslab.scenarios.selectors import care_baseline

    return care_baseline(code=code)


def profiles(code: str) -> tuple[CareProfile, LabourProfile, LocalFigures | None]:
    """Return the care and labour profiles and the figures the baseline uses for the municipality."""
    national = scenario_engine.national_data()
    care = national.care_profile() or FALLBACK_CARE
    labour = national.labour_profile() or FALLBACK_LABOUR
    return care, labour, _care_baseline(code).local


def population(code: str, levers: Levers) -> tuple[np.ndarray, np.ndarray, str]:
    """Return (years, population (years, 2, 106), label) for one municipality (main alternative)."""
    params = scenario_engine.scenario(ALTERNATIVE)
    run = scenario_engine.baseline(ALTERNATIVE) if levers.is_neutral() else project(params, levers)
    return run.years, run.municipality(code), params.series_label


# --------------------------------------------------------------------------- figures


def baseline_figures(code: str) -> Figures:
    """Return the municipality's care baseline as numbers-panel figures (the shared selector)."""
    care = _care_baseline(code)
    outcome, wf = care.outcome, care.outcome.workforce
    return _figures(
        code,
        format_lazy(gettext_lazy("Framskriving {series}"), series=outcome.series_label),
        outcome.years,
        outcome.population,
        wf.demand_fte,
        wf.supply_fte,
        wf.labour_fte,
        (care.basis, care.source),
    )


def figures_for(code: str, levers: ModelLevers) -> Figures:
    """Return the figures of a model's levers for the municipality."""
    if levers.is_neutral():
        return baseline_figures(code)
    care = _care_baseline(code)
    return _model_figures(code, levers, care.local, (care.basis, care.source))


@statistics.per_snapshot(maxsize=128)
def _model_figures(
    code: str, levers: ModelLevers, local: LocalFigures | None, sources: tuple[str, ...]
) -> Figures:
    """Run the engine with the model's levers and adjust need and labour by the ramp."""
    base_year = scenario_engine.BASE_YEAR
    years, pop, label = population(code, engine_levers(levers, code, base_year))
    base_years, base_pop, _ = population(code, Levers())
    care, labour, _local = profiles(code)
    if local is not None:
        care, labour, _notes = localise(care, labour, local, base_pop[0])
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
        format_lazy(gettext_lazy("Modellens forutsetninger på {series}"), series=label),
        years,
        pop,
        need,
        share * labour_total,
        labour_total,
        sources,
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
    label: str | Promise,
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
                care_fte_gap=printed_gap(float(need[i]), float(supply[i])),
                every_nth_worker=float(labour_total[i] / need[i]) if need[i] > 0 else float("inf"),
            )
        )
    return Figures(code, label, tuple(rows), tuple(sources))


def levers_in(model: Any, code: str) -> ModelLevers:
    """Return a model's levers run on a municipality (its own, or another as the 2040 story does)."""
    levers = levers_for(model.parameters or {}, model.horizon_year)
    if not levers.young_adult_inflow or code == model.municipality_code:
        return levers
    # The inflow is persons a year in the model's own municipality: the same per inhabitant here.
    scale = _base_population(code) / (_base_population(model.municipality_code) or 1.0)
    return replace(levers, young_adult_inflow=levers.young_adult_inflow * scale)


def is_projected(code: str) -> bool:
    """Return whether the engine projects the municipality."""
    return scenario_engine.is_known(code)


def _base_population(code: str) -> float:
    """Return the population in the base year (0 if the engine does not project the area)."""
    if not is_projected(code):
        return 0.0
    return scenario_engine.run(code).total(scenario_engine.BASE_YEAR)


def model_figures(model: Any, code: str | None = None) -> Figures:
    """Return a CommunityModel's figures: its levers on its own municipality, or on `code`."""
    code = code or model.municipality_code
    return figures_for(code, levers_in(model, code))
