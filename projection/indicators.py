"""Demographic indicators, each with its formula label (foresight-anchors §1.3)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from projection.ages import FloatArray, sum_ages


@dataclass(frozen=True)
class Indicator:
    """One indicator series with its Norwegian name and formula."""

    key: str
    name: str
    formula: str
    values: FloatArray


def _ratio(numer: FloatArray, denom: FloatArray) -> FloatArray:
    """Divide, giving NaN where the denominator is zero."""
    result: FloatArray = np.divide(numer, denom, out=np.full_like(numer, np.nan), where=denom > 0)
    return result


def by_age(population: FloatArray, sex_axis: bool = True) -> FloatArray:
    """Collapse a (..., 2, 106) array over sex; with sex_axis=False, (..., 106) passes through."""
    summed: FloatArray = population.sum(axis=-2) if sex_axis else population
    return summed


def median_age(pop: FloatArray) -> FloatArray:
    """Return the median age of a (..., 106) population; single age a is the interval [a, a+1)."""
    cumulative = np.cumsum(pop, axis=-1)
    half = cumulative[..., -1:] / 2.0
    index = np.minimum((cumulative < half).sum(axis=-1, keepdims=True), pop.shape[-1] - 1)
    before = np.take_along_axis(cumulative, index, axis=-1) - np.take_along_axis(
        pop, index, axis=-1
    )
    within = np.take_along_axis(pop, index, axis=-1)
    result: FloatArray = (index + _ratio(half - before, within))[..., 0]
    return result


def _spec() -> tuple[tuple[str, str, str, tuple[int, int], tuple[int, int]], ...]:
    """Return (key, name, formula, numerator ages, denominator ages) for the ratio indicators."""
    return (
        ("aldersbaereevne", "Aldersbæreevne", "P(20–66) / P(67+)", (20, 66), (67, 105)),
        ("aldersbaereevne_80", "Aldersbæreevne 80+", "P(20–66) / P(80+)", (20, 66), (80, 105)),
        (
            "forsorgerbrok_eldre",
            "Forsørgerbrøk for eldre",
            "P(65+) / P(20–64)",
            (65, 105),
            (20, 64),
        ),
        ("omsorgskoeffisient", "Omsorgskoeffisient", "P(50–66) / P(85+)", (50, 66), (85, 105)),
        ("andel_67", "Andel 67+", "P(67+) / P(alle)", (67, 105), (0, 105)),
        ("andel_80", "Andel 80+", "P(80+) / P(alle)", (80, 105), (0, 105)),
        ("andel_90", "Andel 90+", "P(90+) / P(alle)", (90, 105), (0, 105)),
    )


def indicators(population: FloatArray, *, sex_axis: bool = True) -> dict[str, Indicator]:
    """Return all indicators for a (years, ..., 2, 106) population (growth relative to year 0)."""
    pop = by_age(population, sex_axis)
    result = {}
    for key, name, formula, (a, b), (c, d) in _spec():
        values = _ratio(sum_ages(pop, a, b), sum_ages(pop, c, d))
        result[key] = Indicator(key, name, formula, values)
    total = pop.sum(axis=-1)
    result["folketall"] = Indicator("folketall", "Folketall", "P(alle)", total)
    result["medianalder"] = Indicator(
        "medianalder", "Medianalder", "alder a der halve folketallet er yngre", median_age(pop)
    )
    result["vekst"] = Indicator(
        "vekst",
        "Vekst siden basisåret",
        "P(t) / P(basisår) − 1",
        _ratio(total, np.broadcast_to(total[:1], total.shape).copy()) - 1.0,
    )
    return result
