from __future__ import annotations

import math

import numpy as np
import pytest

from opinion import Vote, VoteError, build_matrix
from opinion.matrix import moderated_mask, zero_moderated


def test_rows_and_columns_follow_first_seen_order() -> None:
    matrix = build_matrix([Vote("b", 2, 1), Vote("a", 1, -1), Vote("b", 1, 0)])
    assert matrix.participants == ("b", "a")
    assert matrix.statements == (2, 1)


def test_a_later_vote_replaces_an_earlier_one() -> None:
    matrix = build_matrix([Vote("p", "s", 1), Vote("p", "s", -1)])
    assert matrix.values.tolist() == [[-1.0]]


def test_unseen_statements_are_missing_not_passes() -> None:
    matrix = build_matrix([Vote("p", "s", 0), Vote("q", "t", 1)])
    assert matrix.values[0, 0] == 0.0
    assert math.isnan(matrix.values[0, 1])
    assert matrix.votes_per_participant().tolist() == [1, 1]


def test_a_bad_vote_value_is_named_in_the_error() -> None:
    with pytest.raises(VoteError, match=r"vote number 2 .*'q'.* value 2"):
        build_matrix([Vote("p", "s", 1), Vote("q", "s", 2)])


def test_no_votes_make_an_empty_matrix() -> None:
    matrix = build_matrix([])
    assert matrix.values.shape == (0, 0)


def test_moderated_columns_become_passes_for_everyone() -> None:
    matrix = build_matrix([Vote("p", "keep", 1), Vote("q", "drop", -1)])
    rating = zero_moderated(matrix.values, moderated_mask(matrix, {"drop"}))
    assert rating[:, 1].tolist() == [0.0, 0.0]
    assert np.isnan(rating[1, 0])


@pytest.mark.parametrize("value", [0.5, "yes", None, 2])
def test_any_value_other_than_one_minus_one_or_zero_is_rejected(value: object) -> None:
    with pytest.raises(VoteError, match=rf"has value {value!r}; expected 1, -1 or 0"):
        build_matrix([Vote("p", "s", 1), Vote("p", "t", value)])  # type: ignore[arg-type]
