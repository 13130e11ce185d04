"""The fast per-scenario projection: annual steps, all municipalities at once."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from projection.ages import N_AGES, OPEN_AGE, BoolArray, FloatArray, IntArray, group_matrix
from projection.estimate import Rates, cohort_start
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
    alignment: FloatArray | None
    """(steps, 106) alignment rates from the reference run; index 0 is a relative change of births."""
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
        if code not in self.codes:
            raise KeyError(f"unknown municipality code {code!r}")
        block: FloatArray = self.values[:, self.codes.index(code)]
        return block

    def totals(self) -> FloatArray:
        """Return total population (years, municipalities); NaN for excluded municipalities."""
        total: FloatArray = self.values.sum(axis=(2, 3))
        return total

    def national(self) -> FloatArray:
        """Return the (years, 2, 106) sum over included municipalities."""
        total: FloatArray = self.values[:, self.included].sum(axis=1)
        return total


def step_survival(rates: Rates, steps: int, decline_factor: float, e0_shift: float) -> FloatArray:
    """Return national survival (steps, 2, 106) for each projected year."""
    if rates.mx_reference is None or rates.mortality_decline is None:
        return np.tile(rates.survival, (steps, 1, 1))
    years = np.arange(rates.base_year, rates.base_year + steps) - rates.mx_reference_year
    offsets: FloatArray = years.astype(np.float64)
    damping = rates.config.mortality_damping
    if damping < 1.0:  # a damped trend: the yearly decline shrinks by this factor every year
        offsets = (1.0 - damping**offsets) / (1.0 - damping)
    decline = np.exp(-decline_factor * rates.mortality_decline[None] * offsets[:, None, None])
    mx = rates.mx_reference[None] * decline
    out = np.empty((steps, 2, N_AGES))
    for sex in (0, 1):
        if e0_shift:
            target = float(life_expectancy(mx[0, sex], sex)) + e0_shift
            mx[:, sex] *= mortality_factor_for_e0(mx[0, sex], sex, target)
        out[:, sex] = survival_ratios(mx[:, sex], sex)
    return out


def _row(rates: Rates, code: str) -> int:
    """Return the row of a municipality code, or raise a KeyError naming it."""
    try:
        return rates.codes.index(code)
    except ValueError:
        raise KeyError(f"unknown municipality code {code!r}") from None


def _local_vectors(rates: Rates, levers: Levers) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return per-municipality (fertility factor, internal migration factor, rate shift)."""
    m = len(rates.codes)
    fert, internal, shift = np.ones(m), np.ones(m), np.zeros(m)
    for code, local in levers.local.items():
        row = _row(rates, code)
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
            added.append((_row(rates, inflow.code), np.stack([ages, ages]) * per_cell))
    return added


ALIGN_MORTALITY_FROM = 67
"""From this age the alignment correction is read as mortality; below it as (im)migration."""


@dataclass(frozen=True)
class _Plan:
    """Arrays the loop needs for one run."""

    survival: FloatArray  # (steps, 2, 106)
    static: FloatArray  # (m, 2, 106) 1 + national + shift (+ domestic when undamped)
    adjust: FloatArray  # (steps, 106) alignment rate added to the national rate
    birth_adjust: FloatArray  # (steps,) relative alignment of births
    domestic: FloatArray | None  # (m, 2, 106) time-varying part of domestic migration, or None
    weight: FloatArray  # (steps,) share of `domestic` in force in each step
    static_full: FloatArray  # static + domestic: used while the weight is still 1
    birth_coef: FloatArray  # (m,)
    schedule: FloatArray  # (106,)
    male_share: float


def _split_alignment(
    alignment: FloatArray | None, steps: int, immigration: float
) -> tuple[FloatArray, FloatArray]:
    """Return (rate adjustment (steps, 106), birth adjustment (steps,)) from alignment deltas."""
    if alignment is None:
        return np.zeros((steps, N_AGES)), np.zeros(steps)
    adjust = alignment.copy()
    adjust[:, 0] = 0.0
    adjust[:, 1:ALIGN_MORTALITY_FROM] *= immigration
    return adjust, alignment[:, 0].copy()


def _plan(params: ScenarioParams, levers: Levers, survival: FloatArray) -> _Plan:
    """Combine rates, letter effects, alignment and levers into loop arrays."""
    rates, effects = params.rates, params.effects
    fert, internal, shift = _local_vectors(rates, levers)
    internal = internal * effects.internal_migration * levers.internal_migration_factor
    immigration = effects.immigration * levers.immigration_factor
    adjust, birth_adjust = _split_alignment(params.alignment, len(params.years) - 1, immigration)
    domestic = rates.domestic_migration * internal[:, None, None]
    static = 1.0 + rates.national_migration[None] * immigration + shift[:, None, None]
    assumptions = params.assumptions
    weight = migration_weights(assumptions, len(params.years) - 1)
    if assumptions.converge_after > 0:
        young = np.arange(N_AGES) < assumptions.converge_below
        static = static + domestic * ~young  # older ages keep their local component
        domestic = domestic * young
        if rates.domestic_prior is not None:  # the target is constant: fold it in
            share = internal * assumptions.converge_to_prior
            target = rates.domestic_prior * share[:, None, None] * young
            static = static + target
            domestic = domestic - target
    constant = bool(np.all(weight == 1.0))
    return _Plan(
        survival=survival,
        static=static + domestic if constant else static,
        static_full=static + domestic,
        adjust=adjust,
        birth_adjust=birth_adjust,
        domestic=None if constant else domestic,
        weight=weight,
        birth_coef=rates.birth_ratio * fert * (effects.fertility * levers.fertility_factor),
        schedule=rates.fertility_schedule,
        male_share=rates.male_share,
    )


def migration_weights(assumptions: Assumptions, steps: int) -> FloatArray:
    """Return, per step, the share of the municipal migration differential still in force.

    Damping multiplies it by `migration_damping` every year. Convergence keeps it whole for
    `converge_after` years, then moves it linearly to its prior over `converge_over` years.
    """
    step = np.arange(steps, dtype=np.float64)
    weight: FloatArray = assumptions.migration_damping**step
    if assumptions.converge_after > 0:
        over = max(assumptions.converge_over, 1)
        weight = weight * np.clip(1.0 - (step - assumptions.converge_after) / over, 0.0, 1.0)
    return weight


def _advance(
    pop: FloatArray, plan: _Plan, step: int, out: FloatArray, growth: FloatArray | None = None
) -> None:
    """Write the population one year on into `out` (before inflows); `growth` is scratch space."""
    weight = plan.weight[step]
    if plan.domestic is None or weight == 0.0:
        growth = np.add(plan.static, plan.adjust[step], out=growth)
    elif weight == 1.0:
        growth = np.add(plan.static_full, plan.adjust[step], out=growth)
    else:
        growth = np.multiply(plan.domestic, weight, out=growth)
        growth += plan.static
        growth += plan.adjust[step]
    growth *= plan.survival[step][None]
    np.maximum(growth, 0.0, out=growth)
    np.multiply(pop[:, :, :-1], growth[:, :, 1:], out=out[:, :, 1:])
    out[:, :, OPEN_AGE] += pop[:, :, OPEN_AGE] * growth[:, :, OPEN_AGE]
    births = np.einsum("ma,a->m", pop[:, 0, :], plan.schedule)  # no BLAS threads for a tiny product
    births *= plan.birth_coef * (1.0 + plan.birth_adjust[step])
    out[:, 0, 0] = births * (1.0 - plan.male_share)
    out[:, 1, 0] = births * plan.male_share


def _run(params: ScenarioParams, plan: _Plan, levers: Levers) -> FloatArray:
    """Run all steps; returns values (steps + 1, m, 2, 106) with excluded rows at zero."""
    rates = params.rates
    steps = len(params.years) - 1
    values = np.empty((steps + 1,) + rates.base.shape)
    values[0] = np.where(rates.included[:, None, None], np.nan_to_num(rates.base), 0.0)
    scratch = np.empty(rates.base.shape)
    for step in range(steps):
        _advance(values[step], plan, step, values[step + 1], scratch)
        for row, persons in _inflow_additions(rates, levers, int(params.years[step + 1])):
            values[step + 1, row] += persons
    return values


def _exposure(pop: FloatArray, nxt: FloatArray, survival: FloatArray) -> FloatArray:
    """Return per-age national exposure to a rate change: survivors (a >= 1) and births (a = 0)."""
    exposure: FloatArray = (cohort_start(pop) * survival[None]).sum(axis=(0, 1))
    exposure[0] = nxt[:, :, 0].sum()
    return exposure


def _alignment_deltas(
    params: ScenarioParams, plan: _Plan, series: NationalProjection
) -> FloatArray:
    """Run the reference scenario; return per-year, per-age rates that hit the series' groups.

    Each age group g gets one additive rate d_g = (target_g - projected_g) / exposure_g (for age 0
    a relative change of births), so the projected group sums equal the series' growth exactly.
    """
    rates = params.rates
    matrix = group_matrix(series.groups)
    growth = series.growth_from(rates.base_year)
    steps = len(params.years) - 1
    base = np.where(rates.included[:, None, None], np.nan_to_num(rates.base), 0.0)
    targets = base.sum(axis=(0, 1)) @ matrix
    deltas = np.zeros((steps, N_AGES))
    aligned = (np.arange(N_AGES) < params.assumptions.align_below).astype(np.float64)
    pop, nxt = base, np.empty_like(base)
    for step in range(min(steps, len(growth))):
        _advance(pop, plan, step, nxt)
        exposure = _exposure(pop, nxt, plan.survival[step])
        sums, exposed = nxt.sum(axis=(0, 1)) @ matrix, exposure @ matrix
        delta = np.divide(
            targets * growth[step] - sums, exposed, out=np.zeros_like(sums), where=exposed > 0
        )
        deltas[step] = (matrix @ delta) * aligned
        nxt[:, :, 1:] += (
            deltas[step, 1:] * cohort_start(pop)[:, :, 1:] * plan.survival[step][None, :, 1:]
        )
        nxt[:, :, 0] *= 1.0 + deltas[step, 0]
        pop, nxt = nxt, pop
    return deltas


NEUTRAL = LetterEffects(1.0, 1.0, 1.0, 1.0)


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
    """Prepare one alternative (survival per year and alignment factors); cache the result.

    Alignment factors come from the reference series' own run (the alternative itself when SSB
    publishes it, else MMMM); letters that differ from the reference then act on top of them.
    """
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
    reference = replace(params, effects=NEUTRAL)
    if effects.mortality_decline != 1.0:
        reference = replace(reference, survival=step_survival(rates, len(years) - 1, 1.0, 0.0))
    deltas = _alignment_deltas(reference, _plan(reference, Levers(), reference.survival), series)
    return replace(params, alignment=deltas)


def project(params: ScenarioParams, levers: Levers | None = None) -> Projection:
    """Project all municipalities from the base year to `until` under the levers."""
    levers = levers or Levers()
    survival = params.survival
    if levers.life_expectancy_shift:
        steps = len(params.years) - 1
        survival = step_survival(
            params.rates, steps, params.effects.mortality_decline, levers.life_expectancy_shift
        )
    values = _run(params, _plan(params, levers, survival), levers)
    values[:, ~params.rates.included] = np.nan
    alternative = params.assumptions.alternative.upper()
    return Projection(
        params.years,
        params.rates.codes,
        values,
        params.rates.included.copy(),
        f"{alternative} ({params.series_label})",
    )
