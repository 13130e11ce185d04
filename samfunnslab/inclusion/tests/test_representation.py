from __future__ import annotations

import random

import numpy as np
import pytest

from samfunnslab.inclusion.representation import (
    Status,
    compare,
    population_by_age_band,
)


def test_ratio_is_share_among_participants_over_share_in_population() -> None:
    result = compare([{"a": 10, "b": 10}], {"a": 25.0, "b": 75.0})
    a, b = result.cells
    assert result.answered == 20
    assert a.share == pytest.approx(0.5) and a.population_share == pytest.approx(0.25)
    assert a.ratio == pytest.approx(2.0)
    assert b.ratio == pytest.approx(0.5 / 0.75)


def test_a_group_nobody_came_from_is_missing_and_shown_as_zero() -> None:
    result = compare([{"a": 0, "b": 12}], {"a": 10.0, "b": 90.0}, order=["a", "b"])
    assert result.cells[0].count == 0
    assert result.cells[0].status == Status.MISSING


def test_it_flags_under_and_over_representation() -> None:
    result = compare([{"young": 2 * 5, "old": 18 * 5}], {"young": 50.0, "old": 50.0})
    by = {c.category: c for c in result.cells}
    assert by["young"].status == Status.UNDER  # 10 % vs 50 %
    assert by["old"].status == Status.MATCHING  # 90 % vs 50 %: ratio 1.8


def test_a_small_cell_and_a_complementary_cell_are_hidden() -> None:
    result = compare([{"a": 3, "b": 6, "c": 20, "d": 0}], {"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0})
    by = {c.category: c for c in result.cells}
    assert by["a"].count is None and by["a"].share is None and by["a"].ratio is None
    assert by["b"].count is None and by["b"].share is None  # complement: 29 - 20 = 9 = a + b
    assert by["d"].count is None  # a zero beside a hidden count is hidden, so «skjult» may be 0
    assert by["c"].count == 20
    assert result.answered == 29


def test_fewer_than_five_answers_show_nothing() -> None:
    result = compare([{"a": 2, "b": 2}], {"a": 1.0, "b": 1.0})
    assert result.suppressed
    assert all(c.count is None and c.share is None for c in result.cells)


def test_a_yes_no_question_with_a_small_answer_shows_nothing() -> None:
    assert compare([{"ja": 2, "nei": 18}]).suppressed


def test_a_session_with_too_few_answers_is_left_out_of_the_sum() -> None:
    alone = compare([{"a": 6, "b": 7, "c": 0}], order=["a", "b", "c"])
    with_one_more = compare([{"a": 6, "b": 7, "c": 0}, {"c": 1}], order=["a", "b", "c"])
    assert with_one_more == alone


def test_a_hidden_cell_is_called_under_represented_only_when_certain() -> None:
    # 2 + 3 + 6 hidden among 100; the most a can hold is 11 %, against 40 % of the population.
    result = compare(
        [{"a": 2, "b": 3, "c": 6, "d": 89}], {"a": 40.0, "b": 1.0, "c": 1.0, "d": 58.0}
    )
    by = {c.category: c for c in result.cells}
    assert by["a"].status == Status.UNDER and by["a"].count is None
    assert by["b"].status == Status.HIDDEN


def _possible_values(published: list[int | None], answered: int) -> list[range]:
    """Every value each hidden cell could hold, given only the shown numbers (hidden cells >= 0)."""
    hidden = [v for v in published if v is None]
    rest = answered - sum(v for v in published if v is not None)
    return [range(0, rest + 1) for _ in hidden]


def test_no_hidden_cell_can_be_worked_out_by_subtraction() -> None:
    rng = random.Random(7)
    for _ in range(1500):
        counts = {
            f"c{i}": rng.choice([0, 1, 1, 2, 3, 4, 5, 6, 9, 15]) for i in range(rng.randint(2, 6))
        }
        result = compare([counts], order=list(counts))
        if result.answered is None:
            continue
        published = [cell.count for cell in result.cells]
        for values in _possible_values(published, result.answered):
            assert len(values) >= 2, (counts, published)
        for cell, (_key, true) in zip(result.cells, counts.items(), strict=True):
            assert cell.count is None or true == 0 or true >= 5  # never a 1-4 shown


def test_population_is_summed_into_the_workshops_age_bands() -> None:
    bands = population_by_age_band(np.ones(106))
    assert bands == {
        "0-12": 13.0,
        "13-17": 5.0,
        "18-29": 12.0,
        "30-44": 15.0,
        "45-66": 22.0,
        "67-79": 13.0,
        "80+": 26.0,
    }


def test_no_comparable_figure_gives_no_population() -> None:
    ages = np.ones(106)
    ages[40] = np.nan
    assert population_by_age_band(ages) is None
