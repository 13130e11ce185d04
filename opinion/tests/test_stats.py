from __future__ import annotations

import numpy as np
import pytest

from opinion.stats import (
    Counts,
    count_by_group,
    count_votes,
    importance,
    priority,
    prop_test,
    two_prop_test,
)


def test_it_reproduces_the_polis_one_proportion_test() -> None:
    assert float(prop_test(30, 50)) == pytest.approx(1.54031, abs=1e-5)


def test_it_reproduces_the_polis_two_proportion_test() -> None:
    value = float(two_prop_test(15, 56, 24, 71))
    assert value == pytest.approx(-1.514, abs=1e-3)
    assert value == pytest.approx(-1.518, abs=0.01)  # upstream's own expectation


def test_two_proportion_test_against_a_huge_sample_matches_the_one_proportion_test() -> None:
    assert float(two_prop_test(30, 1e6, 50, 2e6)) == pytest.approx(1.54028, abs=1e-5)


def test_two_proportion_test_is_zero_when_everyone_succeeds() -> None:
    assert float(two_prop_test(10, 20, 10, 20)) == 0.0


def test_it_works_on_arrays() -> None:
    values = prop_test(np.array([30.0, 0.0]), np.array([50.0, 0.0]))
    assert values.tolist() == pytest.approx([1.54031, 1.0], abs=1e-5)


def _counts(agree: float, disagree: float, seen: float) -> Counts:
    return Counts(np.array([agree]), np.array([disagree]), np.array([seen]))


@pytest.mark.parametrize(
    ("extremity", "expected"),
    [(0, 5.0625), (1, 20.25), (3, 81.0), (7, 324.0), (15, 1296.0)],
)
def test_priority_of_an_unseen_statement_grows_with_extremity(
    extremity: float, expected: float
) -> None:
    counts = _counts(0, 0, 0)
    assert float(importance(counts, np.array([extremity]))[0]) == pytest.approx((extremity + 1) / 4)
    assert float(priority(counts, np.array([extremity]))[0]) == pytest.approx(expected)


def test_importance_tends_to_one_when_everyone_agrees() -> None:
    assert float(importance(_counts(1e6, 0, 1e6), np.zeros(1))[0]) == pytest.approx(1, abs=1e-5)


def test_importance_tends_to_zero_when_everyone_disagrees() -> None:
    assert float(importance(_counts(0, 1e6, 1e6), np.zeros(1))[0]) == pytest.approx(0, abs=1e-5)


def test_importance_is_a_quarter_when_half_agree_and_half_pass() -> None:
    assert float(importance(_counts(5e5, 0, 1e6), np.zeros(1))[0]) == pytest.approx(0.25, abs=1e-5)


def test_importance_is_a_half_when_half_agree_and_half_disagree() -> None:
    assert float(importance(_counts(5e5, 5e5, 1e6), np.zeros(1))[0]) == pytest.approx(0.5, abs=1e-5)


def test_priority_boost_fades_as_a_statement_is_seen() -> None:
    fresh = priority(_counts(1, 0, 2), np.zeros(1))[0]
    old = priority(_counts(50, 0, 100), np.zeros(1))[0]
    assert fresh > old


def test_counting_by_group_matches_counting_each_group_alone() -> None:
    rating = np.array([[1.0, np.nan, 0.0], [-1.0, 1.0, 1.0], [1.0, 1.0, np.nan], [0.0, -1.0, -1.0]])
    labels = np.array([0, 1, 0, -1])
    together = count_by_group(rating, labels, 2)
    for group, counts in enumerate(together):
        alone = count_votes(rating, labels == group)
        assert counts.agree.tolist() == alone.agree.tolist()
        assert counts.disagree.tolist() == alone.disagree.tolist()
        assert counts.seen.tolist() == alone.seen.tolist()
    assert together[0].seen.tolist() == [2.0, 1.0, 1.0]
