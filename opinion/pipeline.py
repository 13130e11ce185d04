"""The whole opinion-map computation: votes in, groups and statements out."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
import numpy.typing as npt

from opinion.clustering import GroupClustering, cluster_groups
from opinion.matrix import (
    VoteMatrix,
    build_matrix,
    in_conversation,
    moderated_mask,
    zero_moderated,
)
from opinion.pca import Pca, fit_pca, impute_column_means, project, statement_extremity
from opinion.repness import consensus, group_cells, representative
from opinion.stats import (
    Counts,
    count_by_group,
    count_votes,
    empty_counts,
    group_informed_consensus,
    priority,
)
from opinion.types import ClusterHistory, Group, Key, MapState, OpinionMap, Vote

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

MIN_VOTES = 7
MIN_GROUP_SIZE = 5


def compute_map(
    votes: Iterable[Vote],
    *,
    seed: int = 0,
    moderated_out: Collection[Key] = (),
    min_group_size: int = MIN_GROUP_SIZE,
    min_votes: int = MIN_VOTES,
    previous: MapState | None = None,
) -> OpinionMap:
    """Compute the opinion map from votes given oldest first (a later vote replaces an earlier)."""
    return compute_map_from_matrix(
        build_matrix(votes),
        seed=seed,
        moderated_out=moderated_out,
        min_group_size=min_group_size,
        min_votes=min_votes,
        previous=previous,
    )


def clusterable(matrix: VoteMatrix, min_votes: int = MIN_VOTES) -> BoolArray:
    """Mark the participants to group: Polis's in-conv rule over the votes in order."""
    return in_conversation(matrix, min_votes)


def compute_map_from_matrix(
    matrix: VoteMatrix,
    *,
    seed: int = 0,
    moderated_out: Collection[Key] = (),
    min_group_size: int = MIN_GROUP_SIZE,
    min_votes: int = MIN_VOTES,
    previous: MapState | None = None,
) -> OpinionMap:
    """Compute the opinion map from a vote matrix, warm-started from `previous` if given."""
    if min_group_size < 1:
        raise ValueError(f"min_group_size must be at least 1, got {min_group_size}")
    excluded = moderated_mask(matrix, moderated_out)
    rating = zero_moderated(matrix.values, excluded)
    pca = fit_pca(impute_column_means(rating), seed=seed, starts=_pca_starts(matrix, previous))
    points = project(rating, pca)
    included = clusterable(matrix, min_votes)
    history = previous.history if previous else None
    labels, found = _group_labels(matrix, points, included, history)
    everyone = count_votes(rating, np.ones(len(matrix.participants), dtype=np.bool_))
    return OpinionMap(
        participants=matrix.participants,
        statements=matrix.statements,
        positions=_positions(matrix.participants, points),
        clustered=frozenset(p for p, ok in zip(matrix.participants, included, strict=True) if ok),
        groups=_groups(matrix, rating, points, labels, excluded, min_group_size),
        group_of={p: int(g) for p, g in zip(matrix.participants, labels, strict=True) if g >= 0},
        silhouette=found.silhouette if found else 0.0,
        consensus=consensus(matrix.statements, everyone, excluded),
        moderated_out=frozenset(s for s, o in zip(matrix.statements, excluded, strict=True) if o),
        state=MapState(_components(matrix, pca), found.history if found else None),
        **_statement_scores(matrix, pca, labels, excluded),
    )


def _statement_scores(
    matrix: VoteMatrix, pca: Pca, labels: IntArray, excluded: BoolArray
) -> dict[str, dict[Key, float]]:
    """Return extremity, group-informed consensus and routing priority per statement."""
    extremity = statement_extremity(pca)
    raw_counts = count_by_group(matrix.values, labels, _n_groups(labels))
    seen_by_groups = sum(raw_counts, empty_counts(len(matrix.statements)))
    priorities = np.where(excluded, 0.0, priority(seen_by_groups, extremity))
    return {
        "group_informed_consensus": _by_statement(
            matrix, group_informed_consensus(raw_counts, len(matrix.statements))
        ),
        "extremity": _by_statement(matrix, extremity),
        "priority": _by_statement(matrix, priorities),
    }


def _pca_starts(matrix: VoteMatrix, previous: MapState | None) -> FloatArray | None:
    """Return last tick's loadings per statement, NaN for statements new since then."""
    if previous is None or not previous.components:
        return None
    loadings = [previous.components.get(s, (np.nan, np.nan)) for s in matrix.statements]
    return np.array(loadings, dtype=np.float64).reshape(-1, 2).T


def _components(matrix: VoteMatrix, pca: Pca) -> dict[Key, tuple[float, float]]:
    """Map each statement to its loadings on the two components."""
    pairs = pca.components.T.tolist()
    return {s: (float(a), float(b)) for s, (a, b) in zip(matrix.statements, pairs, strict=True)}


def _n_groups(labels: IntArray) -> int:
    """Return the number of groups in a label array where -1 means not clustered."""
    return int(labels.max()) + 1 if labels.size and labels.max() >= 0 else 0


def _group_labels(
    matrix: VoteMatrix,
    points: FloatArray,
    included: BoolArray,
    previous: ClusterHistory | None,
) -> tuple[IntArray, GroupClustering | None]:
    """Label clustered participants with their group; others get −1."""
    labels = np.full(len(points), -1, dtype=np.int64)
    if included.sum() == 0:
        return labels, None
    ids = [p for p, ok in zip(matrix.participants, included, strict=True) if ok]
    found = cluster_groups(points[included], ids, previous=previous)
    labels[included] = found.labels
    return labels, found


def _groups(
    matrix: VoteMatrix,
    rating: FloatArray,
    points: FloatArray,
    labels: IntArray,
    excluded: BoolArray,
    min_group_size: int,
) -> tuple[Group, ...]:
    """Describe each group: members, centre, whether it can be shown, and its statements."""
    counts = count_by_group(rating, labels, _n_groups(labels))
    total = sum(counts, empty_counts(len(matrix.statements)))
    groups = []
    for g, own in enumerate(counts):
        rows = labels == g
        rest = Counts(total.agree - own.agree, total.disagree - own.disagree, total.seen - own.seen)
        center = points[rows].mean(axis=0)
        groups.append(
            Group(
                id=g,
                members=tuple(p for p, r in zip(matrix.participants, rows, strict=True) if r),
                center=(float(center[0]), float(center[1])),
                showable=int(rows.sum()) >= min_group_size,
                representative=representative(group_cells(matrix.statements, own, rest), excluded),
            )
        )
    return tuple(groups)


def _positions(participants: tuple[Key, ...], points: FloatArray) -> dict[Key, tuple[float, float]]:
    """Map each participant to its 2-D position."""
    return {
        p: (float(x), float(y)) for p, (x, y) in zip(participants, points.tolist(), strict=True)
    }


def _by_statement(matrix: VoteMatrix, values: FloatArray) -> dict[Key, float]:
    """Map each statement to its value."""
    return {s: float(v) for s, v in zip(matrix.statements, values.tolist(), strict=True)}
