"""The fast per-scenario projection: annual steps, all municipalities at once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from projection.ages import N_AGES, OPEN_AGE, BoolArray, FloatArray, IntArray, group_matrix
from projection.estimate import Rates
from projection.lifetable import life_expectancy, mortality_factor_for_e0, survival_ratios
from projection.national import NationalInputs, NationalProjection
from projection.scenario import Assumptions, LetterEffects, Levers, letter_effects


@dataclass(frozen=True)
class ScenarioParams:
    """Everything one alternative needs, prepared once; `project` applies levers on top."""

    rates: Rates
    assumptions: Assumptions
    years: IntArray  # base year .. until
    survival: FloatArray  # (steps, 2, 106)
    effects: LetterEffects
    alignment: FloatArray | None  # (steps, 106) multiplicative factors from the neutral run
    series_label: str


@dataclass(frozen=True)
class Projection:
    """Projected population on 1 January: values (years, municipalities, 2, 106)."""

    years: IntArray
    codes: tuple[str, ...]
    values: FloatArray
    included: BoolArray
    label: str

    def municipality(self, code: str) -> FloatArray:
        """Return the (years, 2, 106) block of one municipality."""
        block: FloatArray = self.values[:, self.codes.index(code)]
        return block

    def national(self) -> FloatArray:
        """Return the (years, 2, 106) sum over included municipalities."""
        total: FloatArray = self.values[:, self.included].sum(axis=1)
        return total


def step_survival(rates: Rates, steps: int, decline_factor: float, e0_shift: float) -> FloatArray:
    """Return national survival (steps, 2, 106) for each projected year."""
    if rates.mx_reference is None or rates.mortality_decline is None:
        return np.tile(rates.survival, (steps, 1, 1))
    offsets = np.arange(rates.base_year, rates.base_year + steps) - rates.mx_reference_year
    decline = np.exp(-decline_factor * rates.mortality_decline[None] * offsets[:, None, None])
    mx = rates.mx_reference[None] * decline
    out = np.empty((steps, 2, N_AGES))
    for sex in (0, 1):
        if e0_shift:
            target = float(life_expectancy(mx[0, sex], sex)) + e0_shift
            mx[:, sex] *= mortality_factor_for_e0(mx[0, sex], sex, target)
        out[:, sex] = survival_ratios(mx[:, sex], sex)
    return out


def _local_vectors(rates: Rates, levers: Levers) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return per-municipality (fertility factor, internal migration factor, rate shift)."""
    m = len(rates.codes)
    fert, internal, shift = np.ones(m), np.ones(m), np.zeros(m)
    for code, local in levers.local.items():
        row = rates.codes.index(code)
        fert[row], internal[row], shift[row] = (
            local.fertility_factor,
            local.internal_migration_factor,
            local.migration_rate_shift,
        )
    return fert, internal, shift


def _inflow_additions(rates: Rates, levers: Levers, year: int) -> list[tuple[int, FloatArray]]:
    """Return (row, (2, 106) persons) added on 1 January `year` by active inflows."""
    added = []
    for inflow in levers.inflows:
        if inflow.active(year):
            ages = np.zeros(N_AGES)
            ages[inflow.age_from : inflow.age_to + 1] = 1.0
            per_cell = inflow.persons_per_year / (2.0 * ages.sum())
            added.append((rates.codes.index(inflow.code), np.stack([ages, ages]) * per_cell))
    return added


@dataclass(frozen=True)
class _Plan:
    """Arrays the loop needs for one run."""

    survival: FloatArray  # (steps, 2, 106)
    national: FloatArray  # (2, 106) national migration x immigration factor
    domestic: FloatArray  # (m, 2, 106) domestic migration x internal factors
    shift: FloatArray  # (m,)
    damping: float
    birth_coef: FloatArray  # (m,)
    schedule: FloatArray  # (106,)
    male_share: float


def _plan(params: ScenarioParams, levers: Levers, survival: FloatArray) -> _Plan:
    """Combine rates, letter effects and levers into loop arrays."""
    rates, effects = params.rates, params.effects
    fert, internal, shift = _local_vectors(rates, levers)
    internal = internal * effects.internal_migration * levers.internal_migration_factor
    return _Plan(
        survival=survival,
        national=rates.national_migration * (effects.immigration * levers.immigration_factor),
        domestic=rates.domestic_migration * internal[:, None, None],
        shift=shift,
        damping=params.assumptions.migration_damping,
        birth_coef=rates.birth_ratio * fert * (effects.fertility * levers.fertility_factor),
        schedule=rates.fertility_schedule,
        male_share=rates.male_share,
    )


def _advance(pop: FloatArray, plan: _Plan, step: int, out: FloatArray) -> None:
    """Write the population one year on into `out` (before inflows and alignment)."""
    damp = plan.damping**step
    growth = plan.national[None] + plan.domestic * damp + plan.shift[:, None, None]
    growth += 1.0
    growth *= plan.survival[step][None]
    np.maximum(growth, 0.0, out=growth)
    np.multiply(pop[:, :, :-1], growth[:, :, 1:], out=out[:, :, 1:])
    out[:, :, OPEN_AGE] += pop[:, :, OPEN_AGE] * growth[:, :, OPEN_AGE]
    births = (pop[:, 0, :] @ plan.schedule) * plan.birth_coef
    out[:, 0, 0] = births * (1.0 - plan.male_share)
    out[:, 1, 0] = births * plan.male_share


def _run(
    params: ScenarioParams, plan: _Plan, levers: Levers, alignment: FloatArray | None
) -> FloatArray:
    """Run all steps; returns values (steps + 1, m, 2, 106) with excluded rows at zero."""
    rates = params.rates
    steps = len(params.years) - 1
    values = np.empty((steps + 1,) + rates.base.shape)
    values[0] = np.where(rates.included[:, None, None], np.nan_to_num(rates.base), 0.0)
    for step in range(steps):
        _advance(values[step], plan, step, values[step + 1])
        for row, persons in _inflow_additions(rates, levers, int(params.years[step + 1])):
            values[step + 1, row] += persons
        if alignment is not None:
            values[step + 1] *= alignment[step][None, None, :]
    return values


def _alignment_factors(
    params: ScenarioParams, plan: _Plan, series: NationalProjection
) -> FloatArray:
    """Run the neutral scenario, raking each year's age groups to the series' growth."""
    rates = params.rates
    matrix = group_matrix(series.groups)
    growth = series.growth_from(rates.base_year)
    steps = len(params.years) - 1
    base = np.where(rates.included[:, None, None], np.nan_to_num(rates.base), 0.0)
    targets = base.sum(axis=(0, 1)) @ matrix
    factors = np.ones((steps, N_AGES))
    pop, nxt = base, np.empty_like(base)
    for step in range(steps):
        _advance(pop, plan, step, nxt)
        if step < len(growth):
            sums = nxt.sum(axis=(0, 1)) @ matrix
            ratio = np.divide(targets * growth[step], sums, out=np.ones_like(sums), where=sums > 0)
            factors[step] = 1.0 + matrix @ (ratio - 1.0)
            nxt *= factors[step][None, None, :]
        pop, nxt = nxt, pop
    return factors


def _reference_series(
    rates: Rates, assumptions: Assumptions, national: NationalInputs | None
) -> NationalProjection | None:
    """Return the national series to align to: the alternative itself, else MMMM, else none."""
    if not assumptions.align or national is None:
        return None
    exact = national.series(assumptions.alternative.upper(), rates.base_year)
    return exact or national.series("MMMM", rates.base_year)


def build_scenario(
    rates: Rates, assumptions: Assumptions | None = None, national: NationalInputs | None = None
) -> ScenarioParams:
    """Prepare one alternative (survival per year and alignment factors); cache the result."""
    assumptions = assumptions or Assumptions()
    if assumptions.until <= rates.base_year:
        raise ValueError(
            f"until ({assumptions.until}) must be after the base year {rates.base_year}"
        )
    series = _reference_series(rates, assumptions, national)
    effects = letter_effects(assumptions.alternative)
    if series is not None:
        effects = effects.relative_to(letter_effects(series.alternative))
    years = np.arange(rates.base_year, assumptions.until + 1, dtype=np.int64)
    survival = step_survival(rates, len(years) - 1, effects.mortality_decline, 0.0)
    label = f"SSB {series.edition} {series.alternative}" if series else "uten avstemming"
    params = ScenarioParams(rates, assumptions, years, survival, effects, None, label)
    if series is None:
        return params
    factors = _alignment_factors(params, _plan(params, Levers(), survival), series)
    return ScenarioParams(rates, assumptions, years, survival, effects, factors, label)


def project(params: ScenarioParams, levers: Levers | None = None) -> Projection:
    """Project all municipalities from the base year to `until` under the levers."""
    levers = levers or Levers()
    survival = params.survival
    if levers.life_expectancy_shift:
        steps = len(params.years) - 1
        survival = step_survival(
            params.rates, steps, params.effects.mortality_decline, levers.life_expectancy_shift
        )
    values = _run(params, _plan(params, levers, survival), levers, params.alignment)
    values[:, ~params.rates.included] = np.nan
    alternative = params.assumptions.alternative.upper()
    return Projection(
        params.years,
        params.rates.codes,
        values,
        params.rates.included.copy(),
        f"{alternative} ({params.series_label})",
    )
