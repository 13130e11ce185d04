"""Weighted k-means, silhouette and Polis's two-level (base → group) clustering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from opinion.types import ClusterHistory, Key

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

BASE_CLUSTERS = 100
BASE_ITERATIONS = 100
GROUP_ITERATIONS = 100
MIN_GROUPS = 2
MAX_GROUPS = 5
CONVERGENCE = 0.01
K_SMOOTHING = 4
# Polis's start is replaced only by a clustering whose groups all have at least this many
# members and whose within-group spread is at most this share of Polis's (group_candidates).
MIN_ALTERNATIVE_GROUP = 5
STUCK_RATIO = 0.5


@dataclass(frozen=True)
class Clustering:
    """Cluster centres and, for each point, the index of its cluster."""

    centers: FloatArray
    labels: IntArray


def first_distinct(points: FloatArray, k: int) -> FloatArray:
    """Return the first `k` distinct points in input order (Polis's cold start)."""
    _, first_index = np.unique(points, axis=0, return_index=True)
    chosen = np.sort(first_index)[:k]
    result: FloatArray = points[chosen]
    return result


def assign(points: FloatArray, centers: FloatArray) -> IntArray:
    """Return the index of the nearest centre for each point (first one on ties)."""
    distances = (points[:, 0, None] - centers[None, :, 0]) ** 2
    distances += (points[:, 1, None] - centers[None, :, 1]) ** 2
    result: IntArray = distances.argmin(axis=1).astype(np.int64)
    return result


def kmeans(
    points: FloatArray,
    initial: FloatArray,
    *,
    weights: FloatArray | None = None,
    max_iters: int = BASE_ITERATIONS,
) -> Clustering:
    """Run weighted k-means from the given centres; empty clusters are dropped."""
    weights = np.ones(len(points)) if weights is None else weights
    centers = initial.copy()
    for _ in range(max_iters + 1):
        labels = assign(points, centers)
        new_centers, labels = _recentre(points, weights, labels)
        converged = _moved_less(centers, new_centers)
        centers = new_centers
        if converged:
            break
    labels = assign(points, centers)
    used = np.unique(labels)
    if len(used) < len(centers):  # a centre that ends up with no points is dropped
        return Clustering(centers[used], np.searchsorted(used, labels).astype(np.int64))
    return Clustering(centers, labels)


def _recentre(
    points: FloatArray, weights: FloatArray, labels: IntArray
) -> tuple[FloatArray, IntArray]:
    """Return the weighted means of non-empty clusters and the relabelled points."""
    size = int(labels.max()) + 1 if labels.size else 0
    members = np.bincount(labels, minlength=size)
    if (members == 0).any():
        labels = (np.cumsum(members > 0) - 1)[labels]
        size = int((members > 0).sum())
    mass = np.bincount(labels, weights=weights, minlength=size)
    x = np.bincount(labels, weights=weights * points[:, 0], minlength=size)
    y = np.bincount(labels, weights=weights * points[:, 1], minlength=size)
    safe = np.where(mass > 0, mass, 1.0)
    return np.stack([x / safe, y / safe], axis=1), labels.astype(np.int64)


def _moved_less(old: FloatArray, new: FloatArray) -> bool:
    """Tell whether every sorted centre moved less than the convergence threshold."""
    if old.shape != new.shape:
        return False
    old_sorted = old[np.lexsort(old.T[::-1])]
    new_sorted = new[np.lexsort(new.T[::-1])]
    return bool(np.all(np.abs(old_sorted - new_sorted) < CONVERGENCE))


def silhouette_samples(distances: FloatArray, labels: IntArray) -> FloatArray:
    """Return each point's silhouette (b − a) / max(a, b); members of singletons score 0."""
    n = len(labels)
    clusters = np.unique(labels)
    if n == 0 or len(clusters) < 2:
        return np.zeros(n)
    member = labels[None, :] == clusters[:, None]
    sizes = member.sum(axis=1)
    totals = distances @ member.T.astype(np.float64)
    own = np.searchsorted(clusters, labels)
    own_size = sizes[own]
    a = totals[np.arange(n), own] / np.maximum(own_size - 1, 1)
    means = totals / sizes[None, :]
    means[np.arange(n), own] = np.inf
    b = means.min(axis=1)
    spread = np.maximum(a, b)
    safe = np.where(spread > 0, spread, 1.0)
    result: FloatArray = np.where((own_size > 1) & (spread > 0), (b - a) / safe, 0.0)
    return result


def silhouette(distances: FloatArray, labels: IntArray) -> float:
    """Return the mean silhouette of a clustering, given the distance matrix of its points."""
    samples = silhouette_samples(distances, labels)
    return float(samples.mean()) if samples.size else 0.0


def pairwise_distances(points: FloatArray) -> FloatArray:
    """Return the Euclidean distance matrix between points."""
    diff = points[:, None, :] - points[None, :, :]
    result: FloatArray = np.sqrt((diff**2).sum(axis=2))
    return result


@dataclass(frozen=True)
class GroupClustering:
    """Participants' groups (0 = largest on a fresh start), found by clustering base centres."""

    labels: IntArray
    centers: FloatArray
    silhouette: float
    history: ClusterHistory | None


def base_clusters(points: FloatArray, k: int = BASE_CLUSTERS) -> Clustering:
    """Summarise participants as up to `k` base clusters (Polis's first level)."""
    return kmeans(points, first_distinct(points, k), max_iters=BASE_ITERATIONS)


def warm_base_clusters(
    points: FloatArray, ids: Sequence[Key], members: dict[Key, int], k: int = BASE_CLUSTERS
) -> Clustering:
    """Re-centre the previous base clusters on their members' new positions, then grow to k."""
    previous = np.array([members.get(i, -1) for i in ids], dtype=np.int64)
    known = previous >= 0
    if not known.any():
        return base_clusters(points, k)
    centers, _ = _recentre(points[known], np.ones(int(known.sum())), previous[known])
    centers = np.unique(centers, axis=0)
    target = min(k, len(np.unique(points, axis=0)))
    while len(centers) < target:
        nearest = _nearest_distance(points, centers)
        if nearest.max() <= 0:
            break
        centers = np.vstack([centers, points[int(nearest.argmax())]])
    return kmeans(points, centers, max_iters=BASE_ITERATIONS)


def _nearest_distance(points: FloatArray, centers: FloatArray) -> FloatArray:
    """Return each point's distance to its nearest centre."""
    squared = (points[:, 0, None] - centers[None, :, 0]) ** 2
    squared += (points[:, 1, None] - centers[None, :, 1]) ** 2
    result: FloatArray = np.sqrt(squared.min(axis=1))
    return result


def max_groups(n_base: int) -> int:
    """Return the largest number of groups Polis tries for this many base clusters."""
    return min(MAX_GROUPS, MIN_GROUPS + n_base // 12)


def group_candidates(centers: FloatArray, weights: FloatArray, k: int) -> Clustering:
    """Return the weighted k-means of base centres from Polis's cold start, unless it is stuck.

    Polis starts a new group clustering from the first k distinct base centres, in base-cluster
    order, and keeps the local optimum that start reaches. On Polis's open conversations this
    agrees with Polis's own groups far more often than the clustering of lowest inertia does
    (docs/opinion-map.md). But when the first base centres all come from one camp, that start
    can merge two other camps into one group. So we also run one farthest-point start from every
    base centre, and take the best of those instead only when each of its groups has at least
    `MIN_ALTERNATIVE_GROUP` members and it at most halves the within-group spread (weighted
    inertia) of Polis's result. No random numbers are used, so the same votes always give the
    same groups, whatever the seed.
    """
    polis = kmeans(centers, first_distinct(centers, k), weights=weights, max_iters=GROUP_ITERATIONS)
    return unless_stuck(centers, weights, k, polis)


def unless_stuck(centers: FloatArray, weights: FloatArray, k: int, found: Clustering) -> Clustering:
    """Return `found`, or a farthest-point clustering if `found` is a clearly bad local optimum.

    The alternative must give every group at least `MIN_ALTERNATIVE_GROUP` members and at most
    `STUCK_RATIO` times the weighted inertia of `found`.
    """
    limit = STUCK_RATIO * _inertia(centers, weights, found)
    tried = _batched_kmeans(centers, weights, _distinct_starts(_farthest_point_starts(centers, k)))
    fits = [
        (_inertia(centers, weights, c), i)
        for i, c in enumerate(tried)
        if _smallest_group(c, weights) >= MIN_ALTERNATIVE_GROUP
    ]
    if not fits or min(fits)[0] > limit:
        return found
    return kmeans(centers, tried[min(fits)[1]].centers, weights=weights, max_iters=GROUP_ITERATIONS)


def _smallest_group(clustering: Clustering, weights: FloatArray) -> float:
    """Return the number of members (summed weights) of the smallest cluster."""
    sizes = np.bincount(clustering.labels, weights=weights, minlength=len(clustering.centers))
    return float(sizes.min())


def _farthest_point_starts(points: FloatArray, k: int) -> list[FloatArray]:
    """Return, for every point, k starting centres: that point, then each time the farthest."""
    distances = pairwise_distances(points)
    starts = []
    for first in range(len(points)):
        chosen = [first]
        nearest = distances[first].copy()
        for _ in range(1, k):
            chosen.append(int(nearest.argmax()))
            nearest = np.minimum(nearest, distances[chosen[-1]])
        starts.append(points[chosen])
    return starts


def _distinct_starts(starts: list[FloatArray]) -> FloatArray:
    """Stack the starts, dropping any that picks the same centres as an earlier one."""
    seen: set[bytes] = set()
    kept = []
    for start in starts:
        key = np.sort(start.view(np.complex128).ravel()).tobytes()
        if key not in seen:
            seen.add(key)
            kept.append(start)
    return np.stack(kept)


def _batched_kmeans(
    points: FloatArray, weights: FloatArray, starts: FloatArray
) -> list[Clustering]:
    """Run weighted k-means from many starts at once (starts: runs × k × 2)."""
    centers = starts.copy()
    runs, k, _ = centers.shape
    offsets = (np.arange(runs) * k)[:, None]
    tiled = np.tile(weights, runs)
    for _ in range(GROUP_ITERATIONS):
        squared = (points[None, :, None, 0] - centers[:, None, :, 0]) ** 2
        squared += (points[None, :, None, 1] - centers[:, None, :, 1]) ** 2
        flat = (squared.argmin(axis=2) + offsets).ravel()
        mass = np.bincount(flat, weights=tiled, minlength=runs * k).reshape(runs, k)
        x = np.bincount(flat, weights=tiled * np.tile(points[:, 0], runs), minlength=runs * k)
        y = np.bincount(flat, weights=tiled * np.tile(points[:, 1], runs), minlength=runs * k)
        sums = np.stack([x.reshape(runs, k), y.reshape(runs, k)], axis=2)
        safe = np.where(mass > 0, mass, 1.0)[:, :, None]
        moved = np.where(mass[:, :, None] > 0, sums / safe, centers)
        done = bool(np.abs(moved - centers).max() < 1e-12)
        centers = moved
        if done:
            break
    result = []
    for run in range(runs):
        labels = assign(points, centers[run])
        used = np.unique(labels)
        result.append(
            Clustering(centers[run][used], np.searchsorted(used, labels).astype(np.int64))
        )
    return result


def _inertia(points: FloatArray, weights: FloatArray, clustering: Clustering) -> float:
    """Return the weighted sum of squared distances to the assigned centres."""
    offsets = points - clustering.centers[clustering.labels]
    return float((weights * (offsets**2).sum(axis=1)).sum())


def _group_clustering(
    base: Clustering,
    k: int,
    previous: ClusterHistory | None,
) -> Clustering:
    """Cluster base centres into k groups, warm from the previous tick when possible."""
    weights = np.bincount(base.labels, minlength=len(base.centers)).astype(np.float64)
    warm = previous.group_centers.get(k) if previous else None
    if warm is not None and len(warm) == k:
        start = np.array(warm, dtype=np.float64)
        kept = kmeans(base.centers, start, weights=weights, max_iters=GROUP_ITERATIONS)
        return unless_stuck(base.centers, weights, k, kept)
    return group_candidates(base.centers, weights, k)


def _smooth_k(best_k: int, previous: ClusterHistory | None) -> tuple[int, int, int]:
    """Return (k to use, last best k, streak): switch k only after 4 ticks in a row as best."""
    if previous is None:
        return best_k, best_k, 1
    streak = previous.streak + 1 if previous.last_k == best_k else 1
    smoothed = best_k if streak >= K_SMOOTHING else previous.smoothed_k
    return smoothed, best_k, streak


def cluster_groups(
    points: FloatArray,
    ids: Sequence[Key] = (),
    *,
    previous: ClusterHistory | None = None,
) -> GroupClustering:
    """Cluster participants into 2–5 groups, choosing k by silhouette over base clusters."""
    ids = ids or list(range(len(points)))
    if previous is None:
        base = base_clusters(points)
    else:
        base = warm_base_clusters(points, ids, previous.base_members)
    distances = pairwise_distances(base.centers)
    candidates: dict[int, tuple[float, Clustering]] = {}
    for k in range(MIN_GROUPS, min(max_groups(len(base.centers)), len(base.centers)) + 1):
        found = _group_clustering(base, k, previous)
        candidates[k] = (silhouette(distances, found.labels), found)
    if not candidates:
        labels = np.zeros(len(points), dtype=np.int64)
        return GroupClustering(labels, points.mean(axis=0, keepdims=True), 0.0, None)
    best_k = max(sorted(candidates), key=lambda k: (candidates[k][0], k))
    k, last_k, streak = _smooth_k(best_k, previous)
    k = k if k in candidates else best_k
    ordered = _ordered(base, candidates, k, previous)
    history = ClusterHistory(
        base_members=dict(zip(ids, base.labels.tolist(), strict=True)),
        group_centers={n: _as_tuples(c.centers) for n, c in ordered.items()},
        last_k=last_k,
        streak=streak,
        smoothed_k=k,
    )
    chosen = ordered[k]
    return GroupClustering(chosen.labels[base.labels], chosen.centers, candidates[k][0], history)


def _ordered(
    base: Clustering,
    candidates: dict[int, tuple[float, Clustering]],
    k: int,
    previous: ClusterHistory | None,
) -> dict[int, Clustering]:
    """Number groups largest first, except that the shown k keeps last tick's numbering."""
    warm = previous.group_centers.get(k, ()) if previous else ()
    keep = previous is not None and previous.smoothed_k == k and len(warm) == k
    weights = np.bincount(base.labels, minlength=len(base.centers)).astype(np.float64)
    return {n: c if keep and n == k else _by_size(c, weights) for n, (_, c) in candidates.items()}


def _by_size(clustering: Clustering, weights: FloatArray) -> Clustering:
    """Renumber clusters so the one with most members comes first (ties: first seen first)."""
    n = len(clustering.centers)
    sizes = np.bincount(clustering.labels, weights=weights, minlength=n)
    first = np.array([np.flatnonzero(clustering.labels == c)[:1].sum() for c in range(n)])
    order = np.lexsort((first, -sizes))
    mapping = np.empty(n, dtype=np.int64)
    mapping[order] = np.arange(n)
    return Clustering(clustering.centers[order], mapping[clustering.labels])


def _as_tuples(centers: FloatArray) -> tuple[tuple[float, float], ...]:
    """Return centres as immutable (x, y) pairs."""
    return tuple((float(x), float(y)) for x, y in centers.tolist())
