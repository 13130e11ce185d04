"""Build the participants × statements vote matrix from a stream of votes."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from opinion.types import AGREE, DISAGREE, PASS, Key, Vote

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


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
    return VoteMatrix(tuple(rows), tuple(cols), matrix.reshape(len(rows), len(cols)))


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
