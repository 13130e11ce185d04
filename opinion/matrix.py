"""Build the participants × statements vote matrix from a stream of votes."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from opinion.types import AGREE, DISAGREE, PASS, Key, Vote

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


class VoteError(ValueError):
    """A vote that cannot be placed in the matrix."""


@dataclass(frozen=True)
class VoteMatrix:
    """Latest vote per participant and statement; NaN where a statement was not seen.

    Rows and columns are in first-seen order. Values: +1 agree, -1 disagree, 0 pass.
    """

    participants: tuple[Key, ...]
    statements: tuple[Key, ...]
    values: FloatArray
    # Flat cell indices (row * columns + column) in the order the cells were first voted on;
    # empty when the order is unknown. Polis's "in conversation" rule depends on it.
    vote_order: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def seen(self) -> BoolArray:
        """Return a mask of the cells that hold a vote."""
        return ~np.isnan(self.values)

    def votes_per_participant(self) -> npt.NDArray[np.int64]:
        """Return how many statements each participant voted on (passes count)."""
        return self.seen.sum(axis=1).astype(np.int64)


def build_matrix(votes: Iterable[Vote]) -> VoteMatrix:
    """Place votes in a matrix, keeping each participant's latest vote per statement."""
    rows: dict[Key, int] = {}
    cols: dict[Key, int] = {}
    row_of: list[int] = []
    col_of: list[int] = []
    value_of: list[object] = []
    for vote in votes:
        row_of.append(rows.setdefault(vote.participant, len(rows)))
        col_of.append(cols.setdefault(vote.statement, len(cols)))
        value_of.append(vote.value)
    values = _as_floats(value_of)
    _check_values(values, value_of, row_of, col_of, rows, cols)
    cells = np.array(row_of, dtype=np.int64) * len(cols) + np.array(col_of, dtype=np.int64)
    # Keep the last vote per cell: the first occurrence in the reversed order.
    unique, first_reversed = np.unique(cells[::-1], return_index=True)
    matrix = np.full(len(rows) * len(cols), np.nan)
    matrix[unique] = values[::-1][first_reversed]
    _, first = np.unique(cells, return_index=True)
    order = cells[np.sort(first)]
    return VoteMatrix(tuple(rows), tuple(cols), matrix.reshape(len(rows), len(cols)), order)


def _as_floats(values: list[object]) -> FloatArray:
    """Convert vote values to floats; anything that is not a number becomes NaN (then rejected)."""
    try:
        return np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        return np.array([_number_or_nan(v) for v in values], dtype=np.float64)


def _number_or_nan(value: object) -> float:
    """Return the value as a float if it is a number, else NaN."""
    return float(value) if isinstance(value, int | float) else np.nan


def _check_values(
    values: FloatArray,
    originals: list[object],
    row_of: list[int],
    col_of: list[int],
    rows: dict[Key, int],
    cols: dict[Key, int],
) -> None:
    """Raise a VoteError naming the first vote whose value is not 1, -1 or 0."""
    bad = np.flatnonzero(~np.isin(values, (AGREE, DISAGREE, PASS)))
    if bad.size == 0:
        return
    position = int(bad[0])
    participant = list(rows)[row_of[position]]
    statement = list(cols)[col_of[position]]
    original = originals[position]
    raise VoteError(
        f"vote number {position + 1} (participant {participant!r}, statement "
        f"{statement!r}) has value {original!r}; expected 1, -1 or 0"
    )


def moderated_mask(matrix: VoteMatrix, moderated_out: Collection[Key]) -> BoolArray:
    """Return a column mask of statements that were moderated out."""
    out = set(moderated_out)
    return np.array([s in out for s in matrix.statements], dtype=np.bool_)


def zero_moderated(values: FloatArray, mask: BoolArray) -> FloatArray:
    """Set every cell of moderated-out columns to pass, including unseen cells (as Polis does)."""
    rating = values.copy()
    rating[:, mask] = 0.0
    return rating


GREEDY_PARTICIPANTS = 15


def in_conversation(matrix: VoteMatrix, min_votes: int) -> BoolArray:
    """Mark the participants Polis would cluster ("in-conv"), replaying the votes in order.

    A participant joins once they have voted on min(min_votes, statements voted on so far)
    statements, and never leaves. While fewer than 15 have joined, the participants with most
    votes so far are added until there are 15. Without a known vote order, the rule is applied
    to the final counts only.
    """
    n_rows, n_cols = matrix.values.shape
    counts = matrix.votes_per_participant()
    if matrix.vote_order.size == 0 or n_rows == 0:
        threshold = max(1, min(min_votes, n_cols))
        final: BoolArray = counts >= threshold
        return final
    rows = matrix.vote_order // n_cols
    cols = matrix.vote_order % n_cols
    new_column = np.zeros(len(cols), dtype=np.bool_)
    new_column[np.unique(cols, return_index=True)[1]] = True
    statements_so_far = np.cumsum(new_column)
    by_row = np.argsort(rows, kind="stable")
    starts = np.searchsorted(rows[by_row], rows[by_row])
    rank = np.empty(len(rows), dtype=np.int64)
    rank[by_row] = np.arange(len(rows)) - starts
    qualifies = rank + 1 >= np.minimum(min_votes, statements_so_far)
    joined: BoolArray = np.zeros(n_rows, dtype=np.bool_)
    joined[rows[qualifies]] = True
    _greedy_start(rows, qualifies, joined)
    return joined


def _greedy_start(rows: IntArray, qualifies: BoolArray, joined: BoolArray) -> None:
    """Add Polis's early top voters: while fewer than 15 are in, the most active join."""
    members: set[int] = set()
    so_far: dict[int, int] = {}
    for row, ok in zip(rows.tolist(), qualifies.tolist(), strict=True):
        so_far[row] = so_far.get(row, 0) + 1
        if ok:
            members.add(row)
        if len(members) >= GREEDY_PARTICIPANTS:
            return
        ranked = sorted((r for r in so_far if r not in members), key=lambda r: -so_far[r])
        for extra in ranked[: GREEDY_PARTICIPANTS - len(members)]:
            members.add(extra)
            joined[extra] = True
