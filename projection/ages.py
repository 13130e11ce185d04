"""Age axis conventions and age-group aggregation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

N_AGES = 106
OPEN_AGE = N_AGES - 1
FEMALE = 0
MALE = 1
SEXES = ("female", "male")

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

AgeGroup = tuple[int, int]
"""Inclusive age bounds; an upper bound of OPEN_AGE (or more) means "and older"."""

REPORT_GROUPS: tuple[AgeGroup, ...] = ((0, 0), (20, 44), (67, 79), (80, 89), (90, OPEN_AGE))


def group_label(group: AgeGroup) -> str:
    """Return a readable label such as '0', '20-44' or '90+'."""
    low, high = group
    if high >= OPEN_AGE:
        return f"{low}+"
    return str(low) if low == high else f"{low}-{high}"


def parse_group(label: str) -> AgeGroup:
    """Parse '0', '20-44', '90+' or SSB's '20-44 år' / '90 år eller eldre' into bounds."""
    text = label.replace("år", "").replace("eller eldre", "+").replace(" ", "")
    if text.endswith("+"):
        return (int(text[:-1]), OPEN_AGE)
    if "-" in text:
        low, high = text.split("-")
        return (int(low), int(high))
    return (int(text), int(text))


def group_matrix(groups: Sequence[AgeGroup], n_ages: int = N_AGES) -> FloatArray:
    """Return a (n_ages, n_groups) 0/1 matrix that sums single ages into groups."""
    matrix = np.zeros((n_ages, len(groups)))
    for j, (low, high) in enumerate(groups):
        matrix[low : min(high, n_ages - 1) + 1, j] = 1.0
    return matrix


def age_mask(low: int, high: int = OPEN_AGE, n_ages: int = N_AGES) -> FloatArray:
    """Return a 0/1 vector over ages selecting low..high inclusive."""
    mask = np.zeros(n_ages)
    mask[low : min(high, n_ages - 1) + 1] = 1.0
    return mask


def sum_ages(values: FloatArray, low: int, high: int = OPEN_AGE) -> FloatArray:
    """Sum the last (age) axis over low..high inclusive."""
    result: FloatArray = values[..., low : high + 1].sum(axis=-1)
    return result


def sum_groups(values: FloatArray, groups: Sequence[AgeGroup]) -> FloatArray:
    """Sum the last (age) axis into groups: (..., 106) -> (..., len(groups))."""
    result: FloatArray = values @ group_matrix(groups, values.shape[-1])
    return result
