"""Per-audience statement statistics: smoothed proportions and Polis's z-tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from opinion.types import AGREE, DISAGREE

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

Z90 = 1.2816  # one-sided 90 % confidence


def prop_test(successes: FloatArray | float, trials: FloatArray | float) -> FloatArray:
    """Return the one-proportion z-score against 1/2, with +1 smoothing (Polis `prop-test`)."""
    s = np.asarray(successes, dtype=np.float64) + 1.0
    n = np.asarray(trials, dtype=np.float64) + 1.0
    result: FloatArray = 2.0 * np.sqrt(n) * (s / n - 0.5)
    return result


def two_prop_test(
    s1: FloatArray | float, s2: FloatArray | float, n1: FloatArray | float, n2: FloatArray | float
) -> FloatArray:
    """Return the two-proportion z-score of group 1 against group 2, all counts +1 (Polis)."""
    a, b = np.asarray(s1, dtype=np.float64) + 1.0, np.asarray(s2, dtype=np.float64) + 1.0
    m, n = np.asarray(n1, dtype=np.float64) + 1.0, np.asarray(n2, dtype=np.float64) + 1.0
    pooled = (a + b) / (m + n)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / m + 1.0 / n))
    safe = np.where(spread > 0, spread, 1.0)
    result: FloatArray = np.where(spread > 0, (a / m - b / n) / safe, 0.0)
    return result


@dataclass(frozen=True)
class Counts:
    """Agree, disagree and seen counts per statement for one audience."""

    agree: FloatArray
    disagree: FloatArray
    seen: FloatArray

    @property
    def p_agree(self) -> FloatArray:
        """Return the Laplace-smoothed share who agree, (agree + 1) / (seen + 2)."""
        result: FloatArray = (self.agree + 1.0) / (self.seen + 2.0)
        return result

    @property
    def p_disagree(self) -> FloatArray:
        """Return the Laplace-smoothed share who disagree."""
        result: FloatArray = (self.disagree + 1.0) / (self.seen + 2.0)
        return result

    @property
    def agree_test(self) -> FloatArray:
        """Return the z-score that more than half agree."""
        return prop_test(self.agree, self.seen)

    @property
    def disagree_test(self) -> FloatArray:
        """Return the z-score that more than half disagree."""
        return prop_test(self.disagree, self.seen)

    def __add__(self, other: Counts) -> Counts:
        """Pool two audiences."""
        return Counts(
            self.agree + other.agree, self.disagree + other.disagree, self.seen + other.seen
        )


def count_votes(rating: FloatArray, rows: BoolArray) -> Counts:
    """Count agree, disagree and seen (passes included) per statement among the given rows."""
    chosen = rating[rows]
    return Counts(
        agree=(chosen == AGREE).sum(axis=0).astype(np.float64),
        disagree=(chosen == DISAGREE).sum(axis=0).astype(np.float64),
        seen=(~np.isnan(chosen)).sum(axis=0).astype(np.float64),
    )


def count_by_group(rating: FloatArray, labels: IntArray, n_groups: int) -> list[Counts]:
    """Count votes per statement for each group 0…n_groups−1 at once (label −1 is skipped)."""
    if n_groups == 0:
        return []
    indicator = (labels[None, :] == np.arange(n_groups)[:, None]).astype(np.float64)
    agree = indicator @ (rating == AGREE).astype(np.float64)
    disagree = indicator @ (rating == DISAGREE).astype(np.float64)
    seen = indicator @ (~np.isnan(rating)).astype(np.float64)
    return [Counts(agree[g], disagree[g], seen[g]) for g in range(n_groups)]


def empty_counts(n_statements: int) -> Counts:
    """Return all-zero counts."""
    zeros = np.zeros(n_statements)
    return Counts(zeros, zeros.copy(), zeros.copy())


def group_informed_consensus(group_counts: list[Counts], n_statements: int) -> FloatArray:
    """Return, per statement, the product over groups of the smoothed agree probability.

    Without groups there is nothing to bridge, so every statement scores 0.
    """
    if not group_counts:
        return np.zeros(n_statements)
    result: FloatArray = np.prod(np.stack([c.p_agree for c in group_counts]), axis=0)
    return result


def importance(counts: Counts, extremity: FloatArray) -> FloatArray:
    """Return Polis's importance: (1 − p_pass) · (extremity + 1) · p_agree."""
    passes = counts.seen - (counts.agree + counts.disagree)
    p_pass = (passes + 1.0) / (counts.seen + 2.0)
    result: FloatArray = (1.0 - p_pass) * (extremity + 1.0) * counts.p_agree
    return result


def priority(counts: Counts, extremity: FloatArray) -> FloatArray:
    """Return routing priority: (importance · (1 + 8·2^(−seen/5)))², boosting new statements."""
    boost = 1.0 + 8.0 * np.power(2.0, -counts.seen / 5.0)
    result: FloatArray = (importance(counts, extremity) * boost) ** 2
    return result
