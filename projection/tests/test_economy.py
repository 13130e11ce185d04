"""The demographic cost method and the labour side, on small hand-made populations."""

from __future__ import annotations

import numpy as np
import pytest

from projection import economy


def _population(by_age: dict[int, float], years: int = 2) -> np.ndarray:
    """A (years, 2, 106) population with the given persons per age, half of each sex, growing 10 %."""
    pop = np.zeros((years, 2, 106))
    for age, persons in by_age.items():
        for t in range(years):
            pop[t, :, age] = persons * (1.1**t) / 2
    return pop


def _rates(values: tuple[float | None, ...]) -> economy.CostRates:
    return economy.CostRates(economy.TBU_GROUPS, values, 2025, "test")


def test_group_counts_sum_single_ages_into_tbu_groups() -> None:
    counts = economy.group_counts(
        _population({0: 10, 3: 4, 5: 6, 85: 7, 100: 1}), economy.TBU_GROUPS
    )
    assert counts[0].tolist() == [10, 10, 0, 0, 0, 0, 7, 1]


def test_expenditure_need_prices_each_group_at_its_rate() -> None:
    pop = _population({0: 10, 85: 2})
    rates = _rates((100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1000.0, 0.0))
    need = economy.expenditure_need(pop, rates)
    assert need[0] == pytest.approx(10 * 100 + 2 * 1000)
    assert need[1] == pytest.approx(1.1 * (10 * 100 + 2 * 1000))


def test_the_demographic_cost_is_the_change_from_the_base_year() -> None:
    assert economy.change_from_base(np.array([5.0, 7.0, 4.0])).tolist() == [0.0, 2.0, -1.0]


def test_missing_rates_are_refused_not_counted_as_zero() -> None:
    rates = _rates((100.0, None, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
    assert not rates.loaded
    with pytest.raises(ValueError):
        economy.expenditure_need(_population({0: 1}), rates)


def test_employed_is_population_times_employment_rate_per_group() -> None:
    pop = _population({22: 100, 30: 200, 70: 50})
    groups = ((20, 24), (25, 39), (67, 74))
    assert economy.employed(pop, groups, (0.5, 0.8, 0.2))[0] == pytest.approx(50 + 160 + 10)


def test_care_spending_is_fte_need_times_spending_per_fte() -> None:
    per_fte = economy.spending_per_fte(171.9e9, 157_076)
    assert per_fte == pytest.approx(1_094_374.7, rel=1e-6)
    assert economy.care_spending(np.array([10.0, 12.0]), per_fte).tolist() == pytest.approx(
        [10 * per_fte, 12 * per_fte]
    )
    assert economy.spending_per_fte(1.0, 0.0) == 0.0
