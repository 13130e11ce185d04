from __future__ import annotations

import numpy as np

from opinion import Key, Vote, compute_map
from opinion.clustering import warm_base_clusters
from opinion.tests.camps import camp_of, camps


def test_recomputing_with_the_previous_state_keeps_group_ids() -> None:
    votes = camps((30, 20), seed=1)
    first = compute_map(votes)
    template = [v for v in votes if v.participant == "c1-0"]
    extra = [Vote(f"c1-new{i}", v.statement, v.value) for i in range(15) for v in template]
    second = compute_map(votes + extra, previous=first.state)
    for participant, group in first.group_of.items():
        assert second.group_of[participant] == group


def test_a_warm_start_on_unchanged_votes_gives_the_same_groups() -> None:
    votes = camps((30, 20, 25), seed=2)
    first = compute_map(votes)
    again = compute_map(votes, previous=first.state)
    assert again.group_of == first.group_of


def test_the_number_of_groups_changes_only_after_four_ticks_in_a_row() -> None:
    votes = camps((40, 40, 40), n_statements=16, seed=3)
    state = compute_map([v for v in votes if camp_of(v.participant) != "c2"]).state
    assert state.history is not None and state.history.smoothed_k == 2
    counts, streaks = [], []
    for _ in range(5):
        result = compute_map(votes, previous=state)
        state = result.state
        assert state.history is not None
        counts.append(len(result.groups))
        streaks.append(state.history.streak)
    assert counts[:3] == [2, 2, 2]
    assert counts[-1] == 3
    assert streaks[counts.index(3)] >= 4
    assert len(compute_map(votes).groups) == 3  # a fresh start takes the best k at once


def test_warm_base_clusters_split_off_new_distant_points() -> None:
    old = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0]])
    points = np.vstack([old, [[-9.0, 9.0]]])
    members: dict[Key, int] = {"a": 0, "b": 0, "c": 1}
    found = warm_base_clusters(points, ["a", "b", "c", "new"], members, k=3)
    assert len(found.centers) == 3
    assert found.labels[3] not in (found.labels[0], found.labels[2])
