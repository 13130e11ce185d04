"""Build the participants × statements vote matrix from a stream of votes."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from opinion.types import AGREE, DISAGREE, PASS, Key, Vote

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

VALID_VALUES = frozenset({AGREE, DISAGREE, PASS})


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
    cells: dict[tuple[int, int], int] = {}
    for position, vote in enumerate(votes):
        if vote.value not in VALID_VALUES:
            raise VoteError(
                f"vote number {position + 1} (participant {vote.participant!r}, statement "
                f"{vote.statement!r}) has value {vote.value!r}; expected 1, -1 or 0"
            )
        row = rows.setdefault(vote.participant, len(rows))
        col = cols.setdefault(vote.statement, len(cols))
        cells[(row, col)] = vote.value
    values = np.full((len(rows), len(cols)), np.nan)
    if cells:
        index = np.array(list(cells.keys()), dtype=np.int64)
        values[index[:, 0], index[:, 1]] = np.fromiter(cells.values(), dtype=np.float64)
    return VoteMatrix(tuple(rows), tuple(cols), values)


def moderated_mask(matrix: VoteMatrix, moderated_out: Collection[Key]) -> BoolArray:
    """Return a column mask of statements that were moderated out."""
    out = set(moderated_out)
    return np.array([s in out for s in matrix.statements], dtype=np.bool_)


def zero_moderated(values: FloatArray, mask: BoolArray) -> FloatArray:
    """Set every cell of moderated-out columns to pass, including unseen cells (as Polis does)."""
    rating = values.copy()
    rating[:, mask] = 0.0
    return rating
