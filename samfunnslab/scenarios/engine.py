"""The one place this app calls the projection engine.

Rates are estimated once per process, each alternative is prepared once and its plain projection
kept; a what-if (`run` with non-neutral parameters) costs one `project` call (~10–40 ms).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from projection import (
    ALTERNATIVES,
    Assumptions,
    History,
    Indicator,
    Inflow,
    Levers,
    LocalFigures,
    LocalLevers,
    Projection,
    ScenarioParams,
    WorkforceResult,
    build_scenario,
    estimate_rates,
    indicators,
    project,
    workforce,
)
from projection.estimate import Rates
from samfunnslab.core import statistics
from samfunnslab.core.statistics import NationalData
from samfunnslab.scenarios.choices import Parameters

BASE_YEAR = 2026
UNTIL = 2050
DEFAULT_ALTERNATIVE = "MMMM"
BAND = ("LLML", "HHMH")
SHOWN_ALTERNATIVES = ("MMMM", "LLML", "HHMH", "MMML", "MMMH", "LHML", "HLMH", "MMM0", "MM00")
KEY_YEARS = (2030, 2040, 2050)
CARD_YEAR = 2040
LABOUR_RAMP_YEARS = CARD_YEAR - BASE_YEAR
# The source note of a scenario's care share (bokmål; scenarios/selectors.py translates it).
AS_IN_BASELINE = "som i referansebanen: tilbud = behov i {year}"
ENGINE_VERSION = "projection 1.0 (Hamilton–Perry, avstemt mot SSB; arbeidskraft etter §3.5)"

FloatArray = npt.NDArray[np.float64]
_lock = threading.Lock()


class _Series:
    """Population by year, sex and age with lookups by year (shared by the outcome types)."""

    years: npt.NDArray[np.int64]
    population: FloatArray  # (years, 2, 106)

    def index(self, year: int) -> int:
        """Return the position of a year in the series."""
        return int(np.flatnonzero(self.years == year)[0])

    def total(self, year: int) -> float:
        """Return the total population on 1 January of a year."""
        return float(self.population[self.index(year)].sum())

    def aged(self, year: int, low: int, high: int = 105) -> float:
        """Return the number of persons aged low–high in a year."""
        return float(self.population[self.index(year), :, low : high + 1].sum())


@dataclass(frozen=True)
class Outcome(_Series):
    """One municipality under one alternative and one set of parameters."""

    code: str
    alternative: str
    years: npt.NDArray[np.int64]
    population: FloatArray  # (years, 2, 106)
    indicators: dict[str, Indicator]
    workforce: WorkforceResult
    series_label: str
    parameters: Parameters
    local_used: bool

    def indicator(self, key: str, year: int) -> float:
        """Return an indicator's value in a year."""
        return float(self.indicators[key].values[self.index(year)])


def national_data() -> NationalData:
    """Return the national inputs as known on 1 January of the base year."""
    return statistics.national(until_year=BASE_YEAR)


@statistics.per_snapshot(maxsize=1)
def rates() -> Rates:
    """Estimate the rates from registered population up to the base year (once per process)."""
    info = {m.code: m for m in statistics.snapshot().municipalities}
    cube = statistics.population(until_year=BASE_YEAR)
    history = History(
        cube.years,
        cube.codes,
        cube.values,
        counties=tuple(info[c].county_code if c in info else "" for c in cube.codes),
        centrality=tuple(info[c].centrality_class if c in info else 0 for c in cube.codes),
    )
    return estimate_rates(history, national_data().inputs)


@statistics.per_snapshot(maxsize=len(ALTERNATIVES))
def scenario(alternative: str) -> ScenarioParams:
    """Prepare an alternative (once per process and alternative)."""
    with _lock:
        return build_scenario(
            rates(), Assumptions(alternative, until=UNTIL), national_data().inputs
        )


@statistics.per_snapshot(maxsize=len(ALTERNATIVES))
def baseline(alternative: str) -> Projection:
    """Return the plain projection of an alternative (kept per process)."""
    return project(scenario(alternative))


def is_known(code: str) -> bool:
    """Return whether the engine projects this municipality."""
    return code in baseline(DEFAULT_ALTERNATIVE).codes and bool(
        baseline(DEFAULT_ALTERNATIVE).included[baseline(DEFAULT_ALTERNATIVE).codes.index(code)]
    )


def levers_for(code: str, parameters: Parameters, base_total: float) -> Levers:
    """Translate choice parameters into engine levers for one municipality."""
    inflows: tuple[Inflow, ...] = ()
    if parameters.young_adult_inflow_per_1000:
        persons = parameters.young_adult_inflow_per_1000 * base_total / 1000.0
        inflows = (Inflow(code, persons, age_from=20, age_to=34),)
    local = {}
    if parameters.migration_rate_shift:
        local[code] = LocalLevers(migration_rate_shift=parameters.migration_rate_shift)
    return Levers(
        fertility_factor=parameters.fertility_factor,
        life_expectancy_shift=parameters.life_expectancy_shift,
        inflows=inflows,
        local=local,
    )


def _population(code: str, alternative: str, parameters: Parameters) -> tuple[FloatArray, str]:
    """Return the (years, 2, 106) population and the series label."""
    base = baseline(alternative)
    levers = levers_for(code, parameters, float(base.municipality(code)[0].sum()))
    result = base if levers.is_neutral() else project(scenario(alternative), levers)
    return result.municipality(code), scenario(alternative).series_label


def _ramp(years: npt.NDArray[np.int64]) -> FloatArray:
    """Return 0 in the base year rising linearly to 1 in the card year, then 1."""
    ramp: FloatArray = np.clip((years - BASE_YEAR) / LABOUR_RAMP_YEARS, 0.0, 1.0)
    return ramp


def workforce_for(
    population: FloatArray,
    years: npt.NDArray[np.int64],
    parameters: Parameters,
    local: LocalFigures | None,
    care_share: float | None = None,
) -> WorkforceResult:
    """Compute the workforce with the parameters' standard, use and labour changes."""
    data = national_data()
    care, labour = data.care_profile(), data.labour_profile()
    assert care is not None and labour is not None, "the snapshot lacks care or labour data"
    if care_share is not None and (local is None or local.care_share is None):
        labour = replace(labour, care_share=care_share)
    change = (1 + parameters.standard_change) * (1 + parameters.care_use_change) - 1
    result = workforce(population, years, care, labour, standard_change=change, local=local)
    if care_share is not None and "care_share" not in result.sources:
        result.sources["care_share"] = AS_IN_BASELINE.format(year=BASE_YEAR)
    if not parameters.labour_change:
        return result
    labour_fte = result.labour_fte * (1 + parameters.labour_change * _ramp(years))
    supply = result.care_share * labour_fte
    required = result.demand_fte / labour_fte
    return replace(
        result,
        labour_fte=labour_fte,
        supply_fte=supply,
        gap_fte=result.demand_fte - supply,
        required_share=required,
        every_nth=1.0 / required,
    )


def run(
    code: str,
    alternative: str = DEFAULT_ALTERNATIVE,
    parameters: Parameters | None = None,
    local: LocalFigures | None = None,
) -> Outcome:
    """Project one municipality; workforce supply is calibrated on the plain alternative."""
    parameters = parameters or Parameters()
    population, label = _population(code, alternative, parameters)
    years = baseline(alternative).years
    plain = workforce_for(baseline(alternative).municipality(code), years, Parameters(), local)
    wf = workforce_for(population, years, parameters, local, care_share=plain.care_share)
    return Outcome(
        code=code,
        alternative=alternative,
        years=years,
        population=population,
        indicators=indicators(population),
        workforce=wf,
        series_label=label,
        parameters=parameters,
        local_used=local is not None,
    )


def index_of(year: int) -> int:
    """Return the position of a year in every projected series."""
    return int(np.flatnonzero(baseline(DEFAULT_ALTERNATIVE).years == year)[0])


def band_totals(code: str) -> dict[str, FloatArray]:
    """Return total population per year under the band alternatives and the default."""
    return {
        alt: baseline(alt).municipality(code).sum(axis=(1, 2))
        for alt in (DEFAULT_ALTERNATIVE, *BAND)
    }


def registered_totals(code: str) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Return registered years and totals (NaN = no comparable figure) up to the base year."""
    cube = statistics.snapshot().population
    index = cube.codes.index(code)
    keep = cube.years <= BASE_YEAR
    return cube.years[keep], cube.values[keep, index].sum(axis=(1, 2))


@dataclass(frozen=True)
class AreaProjection(_Series):
    """The plain projection of a group of municipalities (a county, a BA region), summed."""

    name: str
    alternative: str
    years: npt.NDArray[np.int64]
    population: FloatArray  # (years, 2, 106)
    band: dict[str, FloatArray]  # total per year under the default and the band alternatives
    series_label: str
    members: int


def area_projection(name: str, codes: Sequence[str]) -> AreaProjection | None:
    """Sum the plain projections of the municipalities the engine projects (None if none).

    Each member is projected exactly as on its own Min kommune page, so the area's figures are
    the sum of its municipalities' figures.
    """
    known = [c for c in codes if is_known(c)]
    if not known:
        return None

    def summed(alternative: str) -> FloatArray:
        run = baseline(alternative)
        total: FloatArray = np.sum([run.municipality(c) for c in known], axis=0)
        return total

    population = summed(DEFAULT_ALTERNATIVE)
    band = {DEFAULT_ALTERNATIVE: population.sum(axis=(1, 2))}
    band |= {alt: summed(alt).sum(axis=(1, 2)) for alt in BAND}
    return AreaProjection(
        name=name,
        alternative=DEFAULT_ALTERNATIVE,
        years=baseline(DEFAULT_ALTERNATIVE).years,
        population=population,
        band=band,
        series_label=scenario(DEFAULT_ALTERNATIVE).series_label,
        members=len(known),
    )


def warm_up() -> None:
    """Prepare rates, the default alternative and the band (for benchmarks and first requests)."""
    for alt in (DEFAULT_ALTERNATIVE, *BAND):
        baseline(alt)
