"""Attacks on the small-cell rule: every one of them must fail to pin down a count under 5.

The attacker knows the rule (`core.disclosure`) and sees every published table. For a set of
sessions everything shown is a function of the sessions' own protected tables, so it is enough
to show that one session's table never gives a small count away; the view tests then attack the
page itself (filters, totals, one more participant).
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import pytest

from samfunnslab.core.disclosure import Protected, combine, most_in_hidden, protect, protect_each


def _published(table: Protected) -> tuple[object, ...]:
    return (tuple(sorted(table.counts.items())), table.total)


def _worlds(categories: int, largest: int) -> dict[tuple[object, ...], list[tuple[int, ...]]]:
    """Every table of `categories` counts up to `largest`, grouped by what would be published.

    Tables in one group cannot be told apart by someone who sees the publication.
    """
    worlds: dict[tuple[object, ...], list[tuple[int, ...]]] = defaultdict(list)
    for counts in itertools.product(range(largest + 1), repeat=categories):
        worlds[_published(protect(dict(enumerate(counts))))].append(counts)
    return worlds


@pytest.mark.parametrize(("categories", "largest"), [(2, 14), (3, 14), (4, 9), (7, 4)])
def test_no_hidden_count_can_be_pinned_down_or_told_from_zero(
    categories: int, largest: int
) -> None:
    for (_counts, total), worlds in _worlds(categories, largest).items():
        if total is not None and total > largest:  # its other worlds lie beyond our counts
            continue
        for position in range(categories):
            possible = {counts[position] for counts in worlds}
            small = [counts for counts in worlds if 0 < counts[position] < 5]
            if small:  # the published table hides a small count here
                assert 0 in possible, (worlds[0], position)
                assert len(possible) >= 2


def test_a_count_under_five_is_never_shown() -> None:
    for counts in itertools.product(range(8), repeat=4):
        table = protect(dict(enumerate(counts)))
        assert all(v is None or v == 0 or v >= 5 for v in table.counts.values())


def test_zeros_are_shown_when_nothing_else_is_hidden() -> None:
    table = protect({"children": 0, "adults": 12, "elderly": 6})
    assert table.counts == {"children": 0, "adults": 12, "elderly": 6}


def test_zero_beside_a_hidden_count_is_hidden_too() -> None:
    table = protect({"children": 0, "80+": 1, "adults": 12, "67-79": 6})
    assert table.counts == {"children": None, "80+": None, "adults": 12, "67-79": None}


def test_a_yes_no_question_with_a_small_answer_is_hidden_whole() -> None:
    table = protect({"yes": 1, "no": 19})
    assert table.total is None and set(table.counts.values()) == {None}


def test_comparing_session_one_with_one_and_two_reveals_nothing_of_two() -> None:
    first = {"18-29": 6, "30-44": 8, "80+": 0, "67-79": 5}
    second = {"18-29": 0, "30-44": 0, "80+": 1, "67-79": 0}  # one person, aged 80+
    alone = combine([protect(first)])
    both = combine([protect(first), protect(second)])
    assert both == alone  # a session with fewer than five is left out, not added in


def test_subtracting_two_sums_gives_a_session_table_and_never_less() -> None:
    sessions = [
        {"a": 6, "b": 2, "c": 0, "d": 9},
        {"a": 5, "b": 5, "c": 7, "d": 0},
        {"a": 1, "b": 9, "c": 5, "d": 5},
    ]
    tables = [protect(s) for s in sessions]
    for size in (1, 2):
        for chosen in itertools.combinations(range(3), size):
            for extra in set(range(3)) - set(chosen):
                smaller = combine([tables[i] for i in chosen])
                larger = combine([tables[i] for i in (*chosen, extra)])
                for key, value in larger.counts.items():
                    if value is not None and smaller.counts[key] is not None:
                        difference = value - smaller.counts[key]
                        assert difference == tables[extra].counts[key]
                        assert difference == 0 or difference >= 5


def test_a_sum_shows_a_category_only_when_every_session_shows_it() -> None:
    table = combine([protect({"a": 3, "b": 7, "c": 9, "d": 20}), protect({"a": 6, "b": 6})])
    assert table.counts == {"a": None, "b": None, "c": None, "d": 20}  # b is shown only in one
    assert table.total == 39 + 12


def test_the_most_a_hidden_count_could_hold_is_what_the_hidden_cells_share() -> None:
    units = [protect({"a": 2, "b": 0, "c": 6, "d": 30}), protect({"a": 0, "b": 7, "c": 6})]
    assert most_in_hidden(units, "a") == 8 + 0


def test_counts_without_a_total_hide_zeros_as_well_as_small_ones() -> None:
    assert protect_each({"x": 0, "y": 3, "z": 5}) == {"x": None, "y": None, "z": 5}
