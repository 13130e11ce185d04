"""Group mode never shows a cell under 5, and a hidden cell cannot be worked out from the total."""

from __future__ import annotations

import pytest

from samfunnslab.scenarios.choices import Choices
from samfunnslab.scenarios.group import MIN_PARTICIPANTS, summarise, suppress_small


def test_every_cell_under_five_is_hidden_and_zero_looks_the_same() -> None:
    shown = suppress_small({"a": 7, "b": 1, "c": 0, "d": 5}, total_known=False)
    assert shown == {"a": 7, "b": None, "c": None, "d": 5}


def test_a_single_hidden_cell_takes_complements_with_it_when_the_total_is_known() -> None:
    shown = suppress_small({"a": 9, "b": 6, "c": 1, "d": 0, "e": 12}, total_known=True)
    assert shown == {"a": 9, "b": None, "c": None, "d": None, "e": 12}


def test_six_people_with_one_dissenter_do_not_reveal_the_dissenter() -> None:
    responses = [Choices({"unge": 2})] * 5 + [Choices({"unge": -2})]
    summary = summarise(responses)
    assert summary.participants == 6 >= MIN_PARTICIPANTS
    unge = next(d for d in summary.distributions if d.key == "unge")
    assert unge.counts["-2"] is None
    # 5 of 6 shown at "2" would say that the sixth disagreed: the complement is hidden too
    assert unge.counts["2"] is None
    assert sum(v is None for v in unge.counts.values()) >= 3  # the total pins no single cell


def test_no_shown_cell_is_ever_under_five_for_any_split_of_twelve() -> None:
    for a in range(13):
        for b in range(13 - a):
            responses = (
                [Choices({"unge": 2})] * a
                + [Choices({"unge": -2})] * b
                + [Choices({})] * (12 - a - b)
            )
            for d in summarise(responses).distributions:
                values = list(d.counts.values())
                assert all(v is None or v == 0 or v >= MIN_PARTICIPANTS for v in values)
                assert not 0 < sum(v is None for v in values) < 3


def test_a_bar_pools_the_hidden_cells_and_never_shows_a_count_under_five() -> None:
    from samfunnslab.scenarios.group import HIDDEN, bar_segments

    for a in range(13):
        for b in range(13 - a):
            responses = ([Choices({"unge": 2})] * a + [Choices({"unge": -2})] * b
                         + [Choices({"unge": 1})] * (12 - a - b))  # fmt: skip
            summary = summarise(responses)
            for d in summary.distributions:
                segments = bar_segments(d, summary.participants)
                assert sum(s.share for s in segments) == pytest.approx(1.0)
                assert all(s.count is None or s.count >= MIN_PARTICIPANTS for s in segments)
                assert [s.key for s in segments if s.count is None] in ([], [HIDDEN])


def test_the_pool_is_exactly_what_the_total_and_the_shown_cells_already_tell() -> None:
    from samfunnslab.scenarios.group import HIDDEN, bar_segments

    responses = [Choices({"unge": 2})] * 7 + [Choices({"unge": -2})] * 5 + [Choices({"unge": 1})]
    summary = summarise(responses)
    unge = next(d for d in summary.distributions if d.key == "unge")
    segments = {s.key: s for s in bar_segments(unge, summary.participants)}
    shown = sum(v for v in unge.counts.values() if v is not None)
    assert set(segments) == {"2", HIDDEN}
    assert segments["2"].count == 7
    assert segments[HIDDEN].share == pytest.approx((13 - shown) / 13) == pytest.approx(6 / 13)
