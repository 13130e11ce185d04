"""Opinion map: groups of participants who vote alike (Polis-style), in pure numpy.

Public API (see docs/opinion-map.md):

    compute_map(votes, *, seed=0, moderated_out=(), min_group_size=5, min_votes=7,
                previous=None) -> OpinionMap   (pass previous=last_map.state to warm-start)
    compute_map_from_matrix(matrix, ...) -> OpinionMap
    build_matrix(votes) -> VoteMatrix
    next_statement(opinion_map, voted, rng) -> statement id or None
    adjusted_rand_index(labels_a, labels_b) -> float
"""

from __future__ import annotations

from opinion.ari import adjusted_rand_index
from opinion.matrix import VoteError, VoteMatrix, build_matrix
from opinion.pipeline import compute_map, compute_map_from_matrix
from opinion.routing import next_statement
from opinion.types import (
    AGREE,
    DISAGREE,
    PASS,
    ClusterHistory,
    Consensus,
    Group,
    Key,
    MapState,
    OpinionMap,
    RepresentativeStatement,
    StatementStat,
    Vote,
)

__all__ = [
    "AGREE",
    "DISAGREE",
    "PASS",
    "Consensus",
    "Group",
    "ClusterHistory",
    "Key",
    "MapState",
    "OpinionMap",
    "RepresentativeStatement",
    "StatementStat",
    "Vote",
    "VoteError",
    "VoteMatrix",
    "adjusted_rand_index",
    "build_matrix",
    "compute_map",
    "compute_map_from_matrix",
    "next_statement",
]
