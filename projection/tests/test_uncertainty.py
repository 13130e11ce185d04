from __future__ import annotations

import numpy as np
import pytest

from projection.uncertainty import (
    BacktestErrors,
    empirical_intervals,
    find_interval,
    size_class,
)


def test_size_classes_include_their_lower_bound() -> None:
    assert size_class(1_999) == "0–1 999"
    assert size_class(2_000) == "2 000–4 999"
    assert size_class(250_000) == "100 000+"
    with pytest.raises(ValueError):
        size_class(-1)


def test_the_interval_is_the_error_eight_in_ten_stayed_within() -> None:
    errors = np.arange(1.0, 11.0)  # ten small municipalities, 1 % … 10 % off
    test = BacktestErrors(10, np.full(10, 1_000.0), {"Total": errors})
    [interval] = empirical_intervals([test])
    assert (interval.size_class, interval.group, interval.horizon) == ("0–1 999", "Total", 10)
    assert interval.within_percent == 8.0  # 8 of the 10 were within ±8 %
    assert interval.municipalities == 10


def test_back_tests_of_one_horizon_are_pooled_and_sizes_kept_apart() -> None:
    small = BacktestErrors(
        10,
        np.array([500.0] * 5 + [50_000.0] * 5),
        {"Total": np.array([10.0, 20, 30, 40, 50, 1, 2, 3, 4, 5])},
    )
    again = BacktestErrors(10, np.array([500.0] * 5), {"Total": np.array([60.0, 70, 80, 90, 100])})
    later = BacktestErrors(15, np.array([500.0] * 5), {"Total": np.array([1.0, 1, 1, 1, 1])})
    intervals = empirical_intervals([small, again, later])
    pooled = find_interval(intervals, population=800, group="Total", horizon=10)
    assert pooled is not None and pooled.municipalities == 10 and pooled.within_percent == 80.0
    large = find_interval(intervals, population=60_000, group="Total", horizon=10)
    assert large is not None and large.within_percent == 4.0
    assert find_interval(intervals, population=800, group="Total", horizon=15) is not None


def test_missing_errors_are_skipped_and_thin_cells_not_published() -> None:
    test = BacktestErrors(8, np.full(6, 3_000.0), {"90+": np.array([np.nan, 1, 2, 3, 4, np.nan])})
    assert empirical_intervals([test]) == []  # only 4 errors: too few
    assert find_interval([], population=3_000, group="90+", horizon=8) is None
