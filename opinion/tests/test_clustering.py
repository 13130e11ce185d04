from __future__ import annotations

import numpy as np
import pytest

from opinion.clustering import (
    base_clusters,
    cluster_groups,
    first_distinct,
    group_candidates,
    kmeans,
    max_groups,
    silhouette,
    silhouette_samples,
)

DISTANCES = np.array([[0, 1, 3, 4], [1, 0, 3, 4], [3, 3, 0, 2], [4, 4, 2, 0]], dtype=np.float64)


def test_silhouette_of_a_point_matches_the_polis_example() -> None:
    samples = silhouette_samples(DISTANCES, np.array([0, 0, 1, 1]))
    assert samples[0] == pytest.approx(0.714286, abs=1e-6)


def test_silhouette_of_the_clustering_matches_the_polis_example() -> None:
    assert silhouette(DISTANCES, np.array([0, 0, 1, 1])) == pytest.approx(0.565476, abs=1e-6)


def test_a_singleton_member_scores_zero() -> None:
    samples = silhouette_samples(DISTANCES, np.array([0, 0, 0, 1]))
    assert samples[3] == 0.0
    assert samples[0] != 0.0


def test_kmeans_returns_as_many_clusters_as_distinct_points_when_k_is_larger() -> None:
    points = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    result = kmeans(points, first_distinct(points, 5))
    assert len(result.centers) == 3


def test_two_identical_points_make_one_cluster() -> None:
    points = np.array([[0.0, 0.0], [0.0, 0.0], [5.0, 5.0]])
    result = kmeans(points, first_distinct(points, 3))
    assert len(result.centers) == 2
    assert result.labels[0] == result.labels[1] != result.labels[2]


def test_cold_start_takes_the_first_distinct_points_in_order() -> None:
    points = np.array([[2.0, 2.0], [2.0, 2.0], [1.0, 1.0], [3.0, 3.0]])
    assert first_distinct(points, 2).tolist() == [[2.0, 2.0], [1.0, 1.0]]


def test_weighted_kmeans_pulls_the_centre_toward_heavy_points() -> None:
    points = np.array([[0.0, 0.0], [1.0, 0.0]])
    result = kmeans(points, np.array([[0.5, 0.0]]), weights=np.array([3.0, 1.0]))
    assert result.centers[0].tolist() == pytest.approx([0.25, 0.0])


def test_base_clustering_keeps_at_most_one_hundred_clusters() -> None:
    points = np.random.default_rng(1).normal(size=(400, 2))
    assert len(base_clusters(points).centers) == 100


def test_max_groups_grows_with_base_clusters_up_to_five() -> None:
    assert [max_groups(n) for n in (2, 12, 24, 36, 100)] == [2, 3, 4, 5, 5]


def test_it_finds_two_well_separated_blobs() -> None:
    rng = np.random.default_rng(3)
    points = np.vstack([rng.normal(-5, 0.5, (60, 2)), rng.normal(5, 0.5, (40, 2))])
    found = cluster_groups(points)
    assert len(set(found.labels[:60].tolist())) == 1
    assert len(set(found.labels[60:].tolist())) == 1
    assert found.labels[0] != found.labels[60]


def test_it_finds_three_blobs_when_there_are_three() -> None:
    rng = np.random.default_rng(4)
    centres = [(-6, 0), (6, 0), (0, 8)]
    points = np.vstack([rng.normal(c, 0.6, (50, 2)) for c in centres])
    found = cluster_groups(points)
    assert len(np.unique(found.labels)) == 3


def test_groups_keep_the_optimum_that_polis_s_start_reaches_not_the_lowest_inertia() -> None:
    # From the first two points Polis's k-means ends at {0, 1} | {10, 11, 30}; splitting off
    # the point at 30 alone would have a lower inertia, but Polis does not look for it, and
    # a group of one is too small to replace Polis's result.
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0], [30.0, 0.0]])
    found = group_candidates(points, np.ones(5), 2)
    assert found.labels.tolist() == [0, 0, 1, 1, 1]


def test_a_start_stuck_in_one_camp_is_replaced_by_one_that_separates_the_camps() -> None:
    # The first three points are all in the first camp: Polis's start then merges two camps.
    rng = np.random.default_rng(4)
    camps = [rng.normal(c, 0.6, (50, 2)) for c in [(-6, 0), (6, 0), (0, 8)]]
    points = np.vstack(camps)
    found = group_candidates(points, np.ones(150), 3)
    assert sorted(np.bincount(found.labels).tolist()) == [50, 50, 50]
    assert len({found.labels[0], found.labels[50], found.labels[100]}) == 3
