"""Adjusted Rand index: how well two groupings of the same people agree."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt


def _pairs(counts: npt.NDArray[np.float64]) -> float:
    """Return the number of unordered pairs within each count, summed."""
    return float((counts * (counts - 1) / 2).sum())


def adjusted_rand_index(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Return the adjusted Rand index of two labelings (1 = identical, ~0 = chance)."""
    if len(first) != len(second):
        raise ValueError(f"labelings differ in length: {len(first)} and {len(second)}")
    n = len(first)
    if n < 2:
        return 1.0
    _, a = np.unique(np.array([str(x) for x in first]), return_inverse=True)
    _, b = np.unique(np.array([str(x) for x in second]), return_inverse=True)
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1.0)
    index = _pairs(table)
    rows = _pairs(table.sum(axis=1))
    cols = _pairs(table.sum(axis=0))
    expected = rows * cols / (n * (n - 1) / 2)
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)
