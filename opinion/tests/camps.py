"""Synthetic conversations with known opinion camps, for tests."""

from __future__ import annotations

import numpy as np

from opinion import Vote


def camps(sizes: tuple[int, ...], n_statements: int = 12, seed: int = 0) -> list[Vote]:
    """Make camps that vote alike within and differently across (5 % noise, some skips)."""
    rng = np.random.default_rng(seed)
    stances = rng.choice([-1, 1], size=(len(sizes), n_statements))
    stances[1] = -stances[0]
    votes = []
    for camp, size in enumerate(sizes):
        for member in range(size):
            for statement in range(n_statements):
                if rng.random() < 0.1:
                    continue
                value = int(stances[camp, statement])
                if rng.random() < 0.05:
                    value = -value
                votes.append(Vote(f"c{camp}-{member}", statement, value))
    rng.shuffle(votes)
    return votes


def camp_of(participant: object) -> str:
    """Return the camp ("c0", "c1", …) a synthetic participant belongs to."""
    return str(participant).split("-")[0]
