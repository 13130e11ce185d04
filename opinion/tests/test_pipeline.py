from __future__ import annotations

import numpy as np
import pytest

from opinion import OpinionMap, Vote, compute_map, next_statement
from opinion.tests.camps import camp_of, camps


def _members_by_group(result: OpinionMap) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for participant, group in result.group_of.items():
        found.setdefault(group, set()).add(camp_of(participant))
    return found


def test_it_finds_two_camps() -> None:
    result = compute_map(camps((30, 20)))
    assert len(result.groups) == 2
    assert sorted(map(sorted, _members_by_group(result).values())) == [["c0"], ["c1"]]
    assert result.groups[0].size == 30  # largest group first


def test_it_is_deterministic_for_a_seed() -> None:
    votes = camps((30, 20, 15))
    first, second = compute_map(votes, seed=7), compute_map(votes, seed=7)
    assert first == second


def test_a_group_smaller_than_the_minimum_is_not_showable() -> None:
    result = compute_map(camps((40, 3)))
    small = [g for g in result.groups if g.size == 3]
    assert small and not small[0].showable
    assert all(g.showable for g in result.groups if g.size >= 5)
    assert len(result.showable_groups) == len(result.groups) - 1


def test_the_minimum_group_size_can_be_changed() -> None:
    result = compute_map(camps((40, 3)), min_group_size=3)
    assert all(g.showable for g in result.groups)


def test_light_voters_are_placed_but_not_clustered() -> None:
    votes = camps((20, 20)) + [Vote("light", s, 1) for s in range(3)]
    result = compute_map(votes)
    assert "light" in result.positions
    assert "light" not in result.clustered
    assert "light" not in result.group_of


def test_with_few_statements_everyone_who_voted_on_all_is_clustered() -> None:
    votes = [Vote(f"p{i}", s, 1 if i % 2 else -1) for i in range(20) for s in range(3)]
    result = compute_map(votes)
    assert len(result.clustered) == 20


def test_each_group_is_represented_by_the_statements_it_agrees_with() -> None:
    result = compute_map(camps((30, 20)))
    for group in result.groups:
        top = group.representative[0]
        camp = camp_of(group.members[0])
        votes = [
            v.value
            for v in camps((30, 20))
            if v.statement == top.statement and camp_of(v.participant) == camp
        ]
        sign = 1 if top.direction == "agree" else -1
        assert np.mean(votes) * sign > 0.5


def test_moderated_statements_are_left_out_of_every_list() -> None:
    votes = camps((30, 20)) + [Vote(f"c0-{i}", "spam", 1) for i in range(30)]
    result = compute_map(votes, moderated_out={"spam"})
    listed = [r.statement for g in result.groups for r in g.representative]
    listed += [s.statement for s in result.consensus.agree + result.consensus.disagree]
    assert "spam" not in listed
    assert result.priority["spam"] == 0.0
    assert result.moderated_out == frozenset({"spam"})


def test_a_statement_everyone_agrees_with_is_consensus_and_tops_group_informed_consensus() -> None:
    votes = camps((30, 20)) + [
        Vote(f"c{c}-{i}", "shared", 1) for c, n in ((0, 30), (1, 20)) for i in range(n)
    ]
    result = compute_map(votes)
    assert "shared" in [s.statement for s in result.consensus.agree]
    best = max(result.group_informed_consensus, key=result.group_informed_consensus.__getitem__)
    assert best == "shared"
    assert result.group_informed_consensus["shared"] == pytest.approx((31 / 32) * (21 / 22))


def test_next_statement_is_one_the_participant_has_not_voted_on() -> None:
    result = compute_map(camps((30, 20)))
    rng = np.random.default_rng(0)
    voted = set(result.statements[:-1])
    assert next_statement(result, voted, rng) == result.statements[-1]
    assert next_statement(result, set(result.statements), rng) is None


def test_no_votes_give_an_empty_map() -> None:
    result = compute_map([])
    assert result.groups == ()
    assert result.positions == {}


def test_a_handful_of_identical_voters_form_one_group() -> None:
    votes = [Vote(f"p{i}", s, 1) for i in range(6) for s in range(8)]
    result = compute_map(votes)
    assert len(result.groups) == 1
    assert result.groups[0].size == 6


def test_like_polis_the_fifteen_most_active_voters_are_grouped_even_below_seven_votes() -> None:
    votes = [
        Vote(f"p{i}", s, 1 if i % 2 else -1) for i in range(20) for s in range(8 if i < 3 else 4)
    ]
    result = compute_map(votes, min_votes=7)
    assert len(result.positions) == 20
    # While fewer than 15 are in, Polis adds the most active so far: the first 15 voters here.
    assert result.clustered == {f"p{i}" for i in range(15)}


def test_a_participant_who_voted_on_every_statement_there_was_stays_grouped() -> None:
    early = [Vote(f"e{i}", s, 1 if i % 2 else -1) for i in range(20) for s in range(3)]
    later = [Vote(f"l{i}", s, 1 if i % 2 else -1) for i in range(20) for s in range(10)]
    result = compute_map(early + later, min_votes=7)
    assert all(f"e{i}" in result.clustered for i in range(20))  # 3 of 3 statements when they voted
    latecomer = compute_map(early + later + [Vote("late", s, 1) for s in range(3)], min_votes=7)
    assert "late" not in latecomer.clustered  # 3 of 10 statements
