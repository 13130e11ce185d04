"""Weighted k-means, silhouette and Polis's two-level (base → group) clustering."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

BASE_CLUSTERS = 100
BASE_ITERATIONS = 100
GROUP_ITERATIONS = 100
MIN_GROUPS = 2
MAX_GROUPS = 5
CONVERGENCE = 0.01


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
    """Return the index of the nearest centre for each point."""
    distances = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
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
    return Clustering(centers, assign(points, centers))


def _recentre(
    points: FloatArray, weights: FloatArray, labels: IntArray
) -> tuple[FloatArray, IntArray]:
    """Return the weighted means of non-empty clusters and the relabelled points."""
    used, labels = np.unique(labels, return_inverse=True)
    mass = np.bincount(labels, weights=weights, minlength=len(used))
    sums = np.stack(
        [np.bincount(labels, weights=weights * points[:, d], minlength=len(used)) for d in range(2)],
        axis=1,
    )
    safe = np.where(mass > 0, mass, 1.0)
    return sums / safe[:, None], labels.astype(np.int64)


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
    """Participants' groups, found by clustering base-cluster centres."""

    labels: IntArray
    centers: FloatArray
    silhouette: float


def base_clusters(points: FloatArray, k: int = BASE_CLUSTERS) -> Clustering:
    """Summarise participants as up to `k` base clusters (Polis's first level)."""
    return kmeans(points, first_distinct(points, k), max_iters=BASE_ITERATIONS)


def max_groups(n_base: int) -> int:
    """Return the largest number of groups Polis tries for this many base clusters."""
    return min(MAX_GROUPS, MIN_GROUPS + n_base // 12)


def group_candidates(
    centers: FloatArray, weights: FloatArray, k: int, rng: np.random.Generator, restarts: int
) -> Clustering:
    """Return the weighted k-means of base centres with the lowest inertia over seeded starts."""
    best: Clustering | None = None
    best_inertia = np.inf
    starts = [first_distinct(centers, k)]
    starts += [_plus_plus(centers, weights, k, rng) for _ in range(restarts)]
    for start in starts:
        result = kmeans(centers, start, weights=weights, max_iters=GROUP_ITERATIONS)
        inertia = _inertia(centers, weights, result)
        if inertia < best_inertia - 1e-12:
            best, best_inertia = result, inertia
    assert best is not None
    return best


def _plus_plus(
    points: FloatArray, weights: FloatArray, k: int, rng: np.random.Generator
) -> FloatArray:
    """Pick k starting centres by weighted k-means++ seeding."""
    chosen = [int(rng.choice(len(points), p=weights / weights.sum()))]
    for _ in range(1, k):
        nearest = ((points[:, None, :] - points[chosen][None, :, :]) ** 2).sum(axis=2).min(axis=1)
        mass = nearest * weights
        if mass.sum() <= 0:
            break
        chosen.append(int(rng.choice(len(points), p=mass / mass.sum())))
    result: FloatArray = points[chosen]
    return result


def _inertia(points: FloatArray, weights: FloatArray, clustering: Clustering) -> float:
    """Return the weighted sum of squared distances to the assigned centres."""
    offsets = points - clustering.centers[clustering.labels]
    return float((weights * (offsets**2).sum(axis=1)).sum())


def cluster_groups(points: FloatArray, *, seed: int = 0, restarts: int = 32) -> GroupClustering:
    """Cluster participants into 2–5 groups, choosing k by silhouette over base clusters."""
    base = base_clusters(points)
    weights = np.bincount(base.labels, minlength=len(base.centers)).astype(np.float64)
    distances = pairwise_distances(base.centers)
    rng = np.random.default_rng(seed)
    best: tuple[float, Clustering] | None = None
    for k in range(MIN_GROUPS, max_groups(len(base.centers)) + 1):
        if k > len(base.centers):
            break
        candidate = group_candidates(base.centers, weights, k, rng, restarts)
        score = silhouette(distances, candidate.labels)
        if best is None or score >= best[0]:
            best = (score, candidate)
    if best is None:
        labels = np.zeros(len(points), dtype=np.int64)
        return GroupClustering(labels, points.mean(axis=0, keepdims=True), 0.0)
    score, groups = best
    return GroupClustering(groups.labels[base.labels], groups.centers, score)
