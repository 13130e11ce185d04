"""Empirical prediction intervals: how far past projections were off, by size, age group and horizon.

From back-tests (projections made with data up to a base year, compared with the registered
population later) we keep, for each municipality size class, age group and horizon, the absolute
percentage error that `coverage` (e.g. 80 %) of the municipalities stayed within. That is an
honest, model-free statement of uncertainty: "in past tests, projections like this one were
within ±x % ten years out in 8 of 10 municipalities of this size".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from projection.ages import FloatArray

SIZE_CLASSES: tuple[tuple[str, float, float], ...] = (
    ("0–1 999", 0.0, 2_000.0),
    ("2 000–4 999", 2_000.0, 5_000.0),
    ("5 000–19 999", 5_000.0, 20_000.0),
    ("20 000–99 999", 20_000.0, 100_000.0),
    ("100 000+", 100_000.0, float("inf")),
)
"""Size classes by population in the base year (lower bound included)."""

COVERAGE = 0.8
MIN_MUNICIPALITIES = 5
"""A cell with fewer errors than this is not published (too few to say anything)."""


def size_class(population: float) -> str:
    """Return the name of the size class a municipality of this population belongs to."""
    for name, low, high in SIZE_CLASSES:
        if low <= population < high:
            return name
    raise ValueError(f"population must be zero or more, got {population}")


@dataclass(frozen=True)
class BacktestErrors:
    """Absolute percentage errors of one back-test: per age group, one value per municipality."""

    horizon: int
    base_population: FloatArray  # (m,) population in the base year
    errors: Mapping[str, FloatArray]  # group → (m,) absolute percentage error, NaN = not observed


@dataclass(frozen=True)
class Interval:
    """The error `coverage` of past projections stayed within, for one cell."""

    size_class: str
    group: str
    horizon: int
    within_percent: float
    coverage: float
    municipalities: int  # errors behind the figure (a municipality counts once per back-test)


def empirical_intervals(
    backtests: Iterable[BacktestErrors], coverage: float = COVERAGE
) -> list[Interval]:
    """Pool back-tests of the same horizon and return the `coverage` quantile of their errors.

    The quantile is the smallest error that at least `coverage` of the municipalities stayed
    within (no interpolation), so "8 of 10" is literally true of the past errors.
    """
    if not 0.0 < coverage < 1.0:
        raise ValueError(f"coverage must be between 0 and 1, got {coverage}")
    pooled: dict[tuple[str, str, int], list[float]] = {}
    for test in backtests:
        classes = [size_class(float(p)) for p in test.base_population]
        for group, errors in test.errors.items():
            for klass, error in zip(classes, errors.tolist(), strict=True):
                if np.isfinite(error):
                    pooled.setdefault((klass, group, test.horizon), []).append(float(error))
    result = []
    for (klass, group, horizon), values in sorted(pooled.items()):
        if len(values) < MIN_MUNICIPALITIES:
            continue
        ordered = np.sort(np.asarray(values))
        index = int(np.ceil(coverage * len(ordered))) - 1
        result.append(
            Interval(klass, group, horizon, float(ordered[index]), coverage, len(ordered))
        )
    return result


def find_interval(
    intervals: Iterable[Interval], *, population: float, group: str, horizon: int
) -> Interval | None:
    """Return the interval for a municipality of this size, or None if there is none."""
    klass = size_class(population)
    for interval in intervals:
        if (interval.size_class, interval.group, interval.horizon) == (klass, group, horizon):
            return interval
    return None
