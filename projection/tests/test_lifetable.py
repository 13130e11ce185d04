"""Life tables: survival ratios, life expectancy, solving for a target e0, the e0 lever."""

from __future__ import annotations

import numpy as np

from projection import Assumptions, Levers, build_scenario, project
from projection.lifetable import life_expectancy, mortality_factor_for_e0, survival_ratios
from projection.tests import helpers

MX = np.minimum(0.00005 * np.exp(0.095 * np.arange(111)), 3.0)


def test_survival_ratios_lie_between_zero_and_one_and_fall_with_age() -> None:
    survival = survival_ratios(MX, 0)
    assert ((survival > 0) & (survival <= 1)).all()
    assert survival[90] < survival[50]


def test_a_constant_rate_gives_life_expectancy_near_its_inverse() -> None:
    assert abs(float(life_expectancy(np.full(111, 0.02), 1)) - 50.0) < 0.5


def test_the_solved_factor_hits_the_target_life_expectancy() -> None:
    target = float(life_expectancy(MX, 0)) + 2.0
    factor = mortality_factor_for_e0(MX, 0, target)
    assert factor < 1.0
    assert abs(float(life_expectancy(MX * factor, 0)) - target) < 1e-6


def test_a_longer_life_lever_gives_more_old_people() -> None:
    rates = helpers.rates()
    rates = type(rates)(**{**rates.__dict__, "mx_reference": np.tile(MX, (2, 1)),
                           "mortality_decline": np.full((2, 111), 0.01)})  # fmt: skip
    params = build_scenario(rates, Assumptions(until=2030, align=False))
    longer = project(params, Levers(life_expectancy_shift=3.0)).values[-1]
    assert longer[:, :, 80:].sum() > project(params).values[-1][:, :, 80:].sum()


def test_higher_life_expectancy_letter_gives_more_old_people_than_lower() -> None:
    rates = helpers.rates()
    rates = type(rates)(**{**rates.__dict__, "mx_reference": np.tile(MX, (2, 1)),
                           "mortality_decline": np.full((2, 111), 0.02)})  # fmt: skip
    high = project(build_scenario(rates, Assumptions("MHMM", until=2040, align=False))).values[-1]
    low = project(build_scenario(rates, Assumptions("MLMM", until=2040, align=False))).values[-1]
    assert high[:, :, 80:].sum() > low[:, :, 80:].sum()


def test_zero_rates_at_the_top_ages_do_not_make_the_open_group_immortal() -> None:
    from projection.lifetable import smooth_old_age

    raw = MX.copy()
    raw[105:] = 0.0
    smoothed = smooth_old_age(raw)
    assert (smoothed[95:] > 0.2).all()
    assert np.array_equal(smoothed[:95], raw[:95])
    assert survival_ratios(smoothed, 0)[-1] < 0.8
