"""Rate estimation: recovery of known rates, exclusion of unknown cells, shrinkage."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from projection.ages import N_AGES, FloatArray
from projection.estimate import (
    EstimationConfig,
    History,
    Rates,
    cohort_start,
    estimate_rates,
    smooth_ages,
    window_fertility,
    window_survival,
)
from projection.national import NationalFertility, NationalInputs, NationalMortality
from projection.scenario import Assumptions
from projection.tests import helpers

YEARS = np.arange(2015, 2022)
RAW = EstimationConfig(
    migration_prior_weight=0.0,
    elderly_prior_weight=0.0,
    birth_prior_weight=0.0,
    smoothing_half_width=0,
)


def national() -> NationalInputs:
    """Return constant national mortality (Gompertz-like) and fertility."""
    mx = 0.0001 * np.exp(0.07 * np.arange(111))
    mortality = NationalMortality(YEARS, np.tile(np.minimum(mx, 2.0), (len(YEARS), 2, 1)))
    ages = np.arange(12, 56)
    asfr = np.where((ages >= 20) & (ages <= 40), 0.08, 0.01)
    return NationalInputs(
        mortality=mortality,
        fertility=NationalFertility(YEARS, ages, np.tile(asfr, (len(YEARS), 1))),
    )


def simulate(migration: FloatArray, birth_ratio: FloatArray, inputs: NationalInputs) -> FloatArray:
    """Generate stocks for YEARS from known survival x (1 + migration) and birth ratios."""
    survival = window_survival(inputs.mortality, [2015])[0]
    schedule = window_fertility(inputs.fertility, [2015])[0]
    values = np.empty((len(YEARS),) + migration.shape)
    values[0] = helpers.population(migration.shape[0])
    for t in range(1, len(YEARS)):
        values[t] = cohort_start(values[t - 1]) * survival[None] * (1.0 + migration)
        births = birth_ratio * (values[t - 1][:, 0, :] @ schedule)
        values[t][:, :, 0] = births[:, None] * 0.5
    return values


def known_migration(m: int) -> FloatArray:
    """Return distinct migration profiles per municipality."""
    ages = np.arange(N_AGES)
    return np.stack(
        [np.tile(0.01 * (i - 1) + 0.002 * np.sin(ages / 7.0), (2, 1)) for i in range(m)]
    )


def test_known_migration_and_birth_ratios_are_recovered_without_shrinkage() -> None:
    migration, ratio = known_migration(3), np.array([0.9, 1.0, 1.3])
    inputs = national()
    history = History(YEARS, ("0001", "0002", "0003"), simulate(migration, ratio, inputs))
    rates = estimate_rates(history, inputs, RAW)
    total = rates.national_migration[None] + rates.domestic_migration
    assert np.allclose(total[:, :, 1:], migration[:, :, 1:], atol=1e-12)
    assert np.allclose(rates.birth_ratio, ratio)
    assert rates.base_year == 2021


def test_the_national_rate_is_the_exposure_weighted_mean_of_municipal_rates() -> None:
    inputs = national()
    history = History(
        YEARS, ("0001", "0002", "0003"), simulate(known_migration(3), np.ones(3), inputs)
    )
    rates = estimate_rates(history, inputs, RAW)
    assert np.all(rates.domestic_migration.max(axis=0) >= -1e-12)
    assert np.all(rates.domestic_migration.min(axis=0) <= 1e-12)


def test_a_municipality_with_blank_history_gets_the_prior_and_blank_base_is_excluded() -> None:
    inputs = national()
    values = simulate(known_migration(3), np.ones(3), inputs)
    values[:3, 1] = np.nan
    values[-1, 2, 0, 7] = np.nan
    history = History(YEARS, ("0001", "0002", "0003"), values, ("01", "01", "01"), (1, 1, 1))
    rates = estimate_rates(history, inputs, EstimationConfig(migration_prior_weight=10.0))
    assert rates.excluded == ("0003",)
    assert np.allclose(
        rates.domestic_migration[1], rates.domestic_migration[1].mean(axis=None), atol=1.0
    )
    assert np.isfinite(rates.domestic_migration).all()


def test_shrinkage_pulls_a_small_municipality_much_more_than_a_large_one() -> None:
    inputs = national()
    migration = np.zeros((2, 2, N_AGES))
    migration[0] = 0.05
    migration[1] = -0.05
    values = simulate(migration, np.ones(2), inputs)
    values[:, 0] *= 0.001  # the growing municipality is tiny
    history = History(YEARS, ("0001", "0002"), values, ("01", "01"), (1, 1))
    raw = estimate_rates(history, inputs, RAW)
    shrunk = estimate_rates(history, inputs, EstimationConfig(smoothing_half_width=0))
    assert abs(_rate_at_30(shrunk, 0) - _rate_at_30(raw, 0)).min() > 0.03
    assert abs(_rate_at_30(shrunk, 1) - _rate_at_30(raw, 1)).max() < 0.005


def _rate_at_30(rates: Rates, row: int) -> FloatArray:
    """Return the total migration rate at age 30 by sex for one municipality."""
    total: FloatArray = (rates.national_migration + rates.domestic_migration[row])[:, 30]
    return total


def test_smoothing_keeps_age_zero_and_a_constant_profile() -> None:
    values = np.ones((2, N_AGES)) * 3.0
    values[:, 0] = 99.0
    assert np.allclose(smooth_ages(values, 3), values)


def test_without_national_data_the_child_woman_ratio_and_raw_ratios_are_used() -> None:
    values = np.tile(helpers.population(2)[None], (4, 1, 1, 1))
    rates = estimate_rates(History(np.arange(2020, 2024), ("0001", "0002"), values), None, RAW)
    assert np.allclose(rates.survival, 1.0)
    assert rates.mx_reference is None
    assert np.allclose(rates.fertility_schedule[15:50].sum(), 1.0)


def simulate_changing(early: FloatArray, late: FloatArray, inputs: NationalInputs) -> FloatArray:
    """Generate stocks whose first transition has migration `early` and the others `late`."""
    survival = window_survival(inputs.mortality, [2015])[0]
    values = np.empty((len(YEARS),) + late.shape)
    values[0] = helpers.population(late.shape[0])
    for t in range(1, len(YEARS)):
        migration = early if t == 1 else late
        values[t] = cohort_start(values[t - 1]) * survival[None] * (1.0 + migration)
        values[t][:, :, 0] = values[t - 1][:, :, 0]
    return values


ELDERLY = EstimationConfig(
    window=2,
    elderly_window=6,
    elderly_from=67,
    migration_prior_weight=0.0,
    elderly_prior_weight=0.0,
    birth_prior_weight=0.0,
    smoothing_half_width=0,
)


def test_the_elderly_rate_comes_from_the_longer_window_and_younger_rates_from_the_short_one() -> (
    None
):
    inputs = national()
    early, late = np.full((2, 2, N_AGES), 0.10), np.zeros((2, 2, N_AGES))
    history = History(YEARS, ("0001", "0002"), simulate_changing(early, late, inputs))
    rates = estimate_rates(history, inputs, ELDERLY)
    total = rates.national_migration[None] + rates.domestic_migration
    assert np.allclose(total[:, :, 1:67], 0.0, atol=1e-12)  # the two last transitions only
    assert np.all(total[:, :, 68:] > 0.005)  # the early inflow is within the six transitions
    short = estimate_rates(history, inputs, replace(ELDERLY, elderly_window=2))
    short_total = short.national_migration[None] + short.domestic_migration
    assert np.allclose(short_total[:, :, 1:], 0.0, atol=1e-12)


def test_a_municipality_without_the_longer_history_keeps_its_short_window_elderly_rate() -> None:
    inputs = national()
    early, late = np.full((2, 2, N_AGES), 0.10), np.zeros((2, 2, N_AGES))
    values = simulate_changing(early, late, inputs)
    values[0, 1] = np.nan  # the second municipality has no figure in the first year
    history = History(YEARS, ("0001", "0002"), values)
    rates = estimate_rates(history, inputs, ELDERLY)
    total = rates.national_migration[None] + rates.domestic_migration
    assert np.all(total[0, :, 68:] > 0.005)
    assert np.allclose(total[1, :, 1:], 0.0, atol=1e-12)


def test_the_local_old_age_component_starts_where_convergence_stops() -> None:
    # Ages between the two would be treated as young by one rule and as old by the other.
    assert EstimationConfig().elderly_from == Assumptions().converge_below == 60
