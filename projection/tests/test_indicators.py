"""Indicator formulas on hand-made toy populations."""

from __future__ import annotations

import numpy as np

from projection.ages import N_AGES
from projection.indicators import indicators, median_age


def toy() -> np.ndarray:
    """Return one year with 300 persons aged 20-66 and 100 aged 67+ (50 of them 80+, 10 of them 90+)."""
    pop = np.zeros((1, 2, N_AGES))
    pop[0, 0, 30] = 150.0
    pop[0, 1, 60] = 150.0
    pop[0, 0, 70] = 50.0
    pop[0, 1, 85] = 40.0
    pop[0, 0, 95] = 10.0
    return pop


def test_aldersbaereevne_is_300_over_100() -> None:
    assert indicators(toy())["aldersbaereevne"].values[0] == 3.0


def test_aldersbaereevne_80_is_300_over_50() -> None:
    assert indicators(toy())["aldersbaereevne_80"].values[0] == 6.0


def test_omsorgskoeffisient_is_150_over_50() -> None:
    assert indicators(toy())["omsorgskoeffisient"].values[0] == 3.0


def test_forsorgerbrok_is_65_plus_over_20_to_64() -> None:
    assert indicators(toy())["forsorgerbrok_eldre"].values[0] == 100.0 / 300.0


def test_shares_of_old_people() -> None:
    result = indicators(toy())
    assert (result["andel_67"].values[0], result["andel_80"].values[0], result["andel_90"].values[0]) == (
        0.25, 0.125, 0.025)  # fmt: skip


def test_every_indicator_carries_its_formula() -> None:
    assert indicators(toy())["aldersbaereevne"].formula == "P(20–66) / P(67+)"
    assert all(item.formula for item in indicators(toy()).values())


def test_growth_is_relative_to_the_first_year() -> None:
    two_years = np.concatenate([toy(), 1.1 * toy()])
    assert np.allclose(indicators(two_years)["vekst"].values, [0.0, 0.1])


def test_median_age_interpolates_within_the_single_year() -> None:
    pop = np.zeros(N_AGES)
    pop[10] = 50.0
    pop[20] = 100.0
    assert median_age(pop) == 20.25
    pop[20] = 50.0
    assert median_age(pop) == 11.0


def test_a_zero_denominator_gives_nan_not_an_error() -> None:
    pop = np.zeros((1, 2, N_AGES))
    pop[0, 0, 30] = 10.0
    assert np.isnan(indicators(pop)["aldersbaereevne"].values[0])
