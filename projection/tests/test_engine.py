"""The annual projection engine: null conditions, symmetry, non-negativity, levers, alignment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest

from projection import (
    Assumptions,
    Inflow,
    Levers,
    LocalLevers,
    NationalInputs,
    Projection,
    Rates,
    build_scenario,
    project,
)
from projection.ages import N_AGES, OPEN_AGE
from projection.engine import migration_weights, step_survival
from projection.tests import helpers

UNALIGNED = Assumptions(until=2030, align=False)


def run(
    rates: Rates,
    assumptions: Assumptions = UNALIGNED,
    levers: Levers | None = None,
    national: NationalInputs | None = None,
) -> Projection:
    """Build the scenario and project it."""
    return project(build_scenario(rates, assumptions, national), levers)


def test_null_conditions_only_age_the_population() -> None:
    base = helpers.population()
    result = run(helpers.rates(base, survival=1.0, fertility=0.0))
    step = result.values[1]
    assert np.array_equal(step[:, :, 1:OPEN_AGE], base[:, :, : OPEN_AGE - 1])
    assert np.allclose(step[:, :, OPEN_AGE], base[:, :, OPEN_AGE - 1] + base[:, :, OPEN_AGE])
    assert np.all(step[:, :, 0] == 0.0)


def test_null_conditions_keep_the_total_until_the_first_cohort_would_be_born() -> None:
    base = helpers.population()
    result = run(helpers.rates(base, survival=1.0, fertility=0.0))
    assert np.allclose(result.values.sum(axis=(2, 3))[-1], base.sum(axis=(1, 2)))


def test_identical_sexes_with_equal_birth_shares_stay_identical() -> None:
    base = helpers.population()
    base[:, 1] = base[:, 0]
    result = run(helpers.rates(base, male_share=0.5, national_migration=0.01))
    assert np.array_equal(result.values[:, :, 0], result.values[:, :, 1])


def test_strong_out_migration_never_makes_a_cell_negative() -> None:
    domestic = np.full((3, 2, N_AGES), -1.5)
    result = run(helpers.rates(domestic=domestic))
    assert (result.values >= 0).all()


def test_the_same_inputs_give_bit_identical_results() -> None:
    first = run(helpers.rates(national_migration=0.003), levers=Levers(fertility_factor=1.1))
    second = run(helpers.rates(national_migration=0.003), levers=Levers(fertility_factor=1.1))
    assert np.array_equal(first.values, second.values)


def test_newborns_follow_the_birth_ratio_and_the_womens_exposure() -> None:
    base = helpers.population()
    result = run(helpers.rates(base, birth_ratio=1.2, fertility=0.05, male_share=0.5))
    expected = 1.2 * 0.05 * base[:, 0, 15:50].sum(axis=1) * 0.5
    assert np.allclose(result.values[1, :, 0, 0], expected)
    assert np.allclose(result.values[1, :, 1, 0], expected)


def test_a_municipality_without_a_base_figure_is_left_out_as_nan() -> None:
    base = helpers.population()
    base[1, 0, 5] = np.nan
    result = run(helpers.rates(base))
    assert np.isnan(result.values[:, 1]).all()
    assert np.isfinite(result.values[:, [0, 2]]).all()
    assert result.included.tolist() == [True, False, True]


def test_neutral_levers_equal_no_levers() -> None:
    rates = helpers.rates(national_migration=0.002)
    assert np.array_equal(run(rates).values, run(rates, levers=Levers()).values)


def test_higher_fertility_gives_more_newborns_and_nothing_else_in_the_first_year() -> None:
    rates = helpers.rates()
    low, high = run(rates).values[1], run(rates, levers=Levers(fertility_factor=1.2)).values[1]
    assert np.allclose(high[:, :, 0], 1.2 * low[:, :, 0])
    assert np.array_equal(high[:, :, 1:], low[:, :, 1:])


def test_an_inflow_adds_exactly_its_persons_each_year_without_alignment() -> None:
    rates = helpers.rates(survival=1.0, fertility=0.0)
    inflow = Inflow(rates.codes[0], 100.0, age_from=20, age_to=29, first_year=2025, last_year=2025)
    plain, moved = run(rates).values, run(rates, levers=Levers(inflows=(inflow,))).values
    extra = moved[1, 0] - plain[1, 0]
    assert np.isclose(extra.sum(), 100.0)
    assert np.isclose(extra[:, 20:30].sum(), 100.0)
    assert np.array_equal(moved[1, 1:], plain[1, 1:])
    assert np.isclose((moved[2, 0] - plain[2, 0])[:, 21:31].sum(), 100.0)


def test_zero_internal_migration_removes_the_municipal_component() -> None:
    domestic = np.full((3, 2, N_AGES), 0.05)
    zero = run(helpers.rates(domestic=domestic), levers=Levers(internal_migration_factor=0.0))
    assert np.allclose(zero.values, run(helpers.rates()).values)


def test_mm00_has_no_migration_at_all() -> None:
    rates = helpers.rates(national_migration=0.02, domestic=np.full((3, 2, N_AGES), 0.05))
    mm00 = run(rates, Assumptions("MM00", until=2030, align=False))
    assert np.allclose(mm00.values, run(helpers.rates()).values)


def test_a_local_migration_shift_touches_only_that_municipality() -> None:
    rates = helpers.rates()
    local = {rates.codes[2]: LocalLevers(migration_rate_shift=0.01)}
    plain, shifted = run(rates).values, run(rates, levers=Levers(local=local)).values
    assert np.array_equal(plain[:, :2], shifted[:, :2])
    assert shifted[-1, 2].sum() > plain[-1, 2].sum()


def test_alignment_makes_national_age_groups_follow_the_series_growth() -> None:
    rates = helpers.rates(national_migration=0.01)
    national = helpers.flat_series()
    result = run(rates, Assumptions(until=2030, align_below=106), national=national)
    base = rates.base.sum(axis=(0, 1))
    for k, year in enumerate(result.years):
        sums = result.national()[k].sum(axis=0)
        assert np.isclose(sums[20:67].sum(), base[20:67].sum())
        assert np.isclose(sums[90:].sum(), base[90:].sum() * 1.02 ** (year - 2024))


def test_ages_from_align_below_follow_the_engines_own_mortality_not_the_series() -> None:
    rates = helpers.rates(national_migration=0.01)
    aligned_all = run(
        rates, Assumptions(until=2030, align_below=106), national=helpers.flat_series()
    )
    below_90 = run(rates, Assumptions(until=2030, align_below=90), national=helpers.flat_series())
    base = rates.base.sum(axis=(0, 1))
    sums = below_90.national()[-1].sum(axis=0)
    assert np.isclose(sums[20:67].sum(), base[20:67].sum())  # still aligned below 90
    assert not np.isclose(sums[90:].sum(), aligned_all.national()[-1].sum(axis=0)[90:].sum())


def test_migration_weights_hold_then_converge_linearly() -> None:
    weights = migration_weights(Assumptions(converge_after=5, converge_over=10), 20)
    assert np.allclose(weights[:6], 1.0)
    assert np.isclose(weights[10], 0.5)
    assert np.allclose(weights[15:], 0.0)
    assert np.allclose(migration_weights(Assumptions(converge_after=0), 20), 1.0)


def test_young_migration_differentials_converge_to_a_share_of_their_prior() -> None:
    domestic = np.zeros((3, 2, N_AGES))
    domestic[0], domestic[2] = 0.03, -0.03
    prior = np.full((3, 2, N_AGES), 0.01)
    rates = replace(helpers.rates(domestic=domestic), domestic_prior=prior)
    settings = Assumptions(until=2060, align=False, converge_over=10, converge_to_prior=0.5)
    kept = run(rates, replace(settings, converge_after=0))
    converged = run(rates, replace(settings, converge_after=5, converge_below=67))
    grown = converged.totals()[-1] - converged.totals()[-2]
    same = kept.totals()[-1] - kept.totals()[-2]
    assert grown[0] < same[0] and grown[2] > same[2]  # both ends pulled in
    assert np.allclose(kept.values[:7], converged.values[:7])  # unchanged in the first years


def test_levers_act_on_top_of_the_aligned_path() -> None:
    rates = helpers.rates()
    aligned = build_scenario(rates, Assumptions(until=2030), helpers.flat_series())
    baseline, more = project(aligned), project(aligned, Levers(fertility_factor=1.3))
    assert more.national()[1, :, 0].sum() == pytest.approx(1.3 * baseline.national()[1, :, 0].sum())


def test_an_unknown_alternative_letter_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown letter"):
        build_scenario(helpers.rates(), Assumptions("MMXM", align=False))


def test_a_horizon_before_the_base_year_is_refused() -> None:
    with pytest.raises(ValueError, match="after the base year"):
        build_scenario(helpers.rates(), Assumptions(until=2020))


def test_zero_immigration_also_removes_the_migration_part_of_the_alignment() -> None:
    rates = helpers.rates(national_migration=0.02)
    aligned = build_scenario(rates, Assumptions(until=2030), helpers.flat_series())
    no_immigration = project(aligned, Levers(immigration_factor=0.0)).values[1]
    no_migration = run(helpers.rates()).values[1]
    assert np.allclose(no_immigration[:, :, 1:67], no_migration[:, :, 1:67])
    assert not np.allclose(no_immigration[:, :, 67:], no_migration[:, :, 67:])


def test_an_alternative_without_its_own_series_is_aligned_to_the_main_one() -> None:
    rates = helpers.rates(national_migration=0.02)
    params = build_scenario(rates, Assumptions("MMM0", until=2030), helpers.flat_series())
    assert params.series_label == "SSB 2024 MMMM"
    assert params.effects.immigration == 0.0
    main = project(build_scenario(rates, Assumptions(until=2030), helpers.flat_series()))
    assert project(params).national()[-1].sum() < main.national()[-1].sum()


def test_years_after_the_series_horizon_are_projected_without_alignment() -> None:
    rates = helpers.rates(national_migration=0.01)
    short = helpers.flat_series(until=2027)
    params = build_scenario(rates, Assumptions(until=2030), short)
    assert params.alignment is not None
    assert np.all(params.alignment[3:] == 0.0)
    assert np.any(params.alignment[:3] != 0.0)
    assert np.isfinite(project(params).values).all()


def test_an_unknown_municipality_in_a_lever_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="9999"):
        run(helpers.rates(), levers=Levers(inflows=(Inflow("9999", 10.0),)))


@pytest.mark.parametrize(
    "make",
    [
        lambda: Levers(fertility_factor=-0.1),
        lambda: Levers(life_expectancy_shift=30.0),
        lambda: Levers(local={"0301": LocalLevers(internal_migration_factor=-1.0)}),
        lambda: Inflow("0301", 10.0, age_from=40, age_to=30),
    ],
)
def test_impossible_levers_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        make()


def test_age_groups_sum_single_ages() -> None:
    from projection import sum_groups

    values = np.arange(N_AGES, dtype=float)[None]
    assert sum_groups(values, ((0, 0), (1, 2), (104, 105))).tolist() == [[0.0, 3.0, 209.0]]


def test_a_damped_mortality_trend_levels_off() -> None:
    gompertz = np.tile(np.minimum(1e-4 * np.exp(0.09 * np.arange(111)), 1.5), (2, 1))
    rates = replace(
        helpers.rates(), mx_reference=gompertz, mortality_decline=np.full((2, 111), 0.02)
    )
    steady = replace(rates, config=replace(rates.config, mortality_damping=1.0))
    damped = replace(rates, config=replace(rates.config, mortality_damping=0.5))
    old = 90
    gain_steady = step_survival(steady, 30, 1.0, 0.0)[:, 0, old]
    gain_damped = step_survival(damped, 30, 1.0, 0.0)[:, 0, old]
    assert gain_damped[-1] < gain_steady[-1]  # less improvement in the long run
    assert np.isclose(gain_damped[-1], gain_damped[-2], rtol=1e-6)  # it has levelled off
    assert np.all(np.diff(gain_damped) >= -1e-12)  # survival still only improves
