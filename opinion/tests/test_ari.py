from __future__ import annotations

import pytest

from opinion.ari import adjusted_rand_index


def test_identical_groupings_score_one() -> None:
    assert adjusted_rand_index([0, 0, 1, 1, 2], [0, 0, 1, 1, 2]) == pytest.approx(1.0)


def test_renamed_groups_still_score_one() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], ["b", "b", "a", "a"]) == pytest.approx(1.0)


def test_a_split_group_scores_the_known_value() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.5714285714)


def test_one_group_against_all_singletons_scores_zero() -> None:
    assert adjusted_rand_index([0, 0, 0, 0], [0, 1, 2, 3]) == pytest.approx(0.0)


def test_unequal_lengths_are_rejected() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        adjusted_rand_index([0, 1], [0])
