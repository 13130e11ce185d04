from __future__ import annotations

import numpy as np
import pytest

from opinion.pca import (
    fit_pca,
    impute_column_means,
    power_iteration,
    project,
    statement_extremity,
)

TOY = np.array([[1, 0, 0], [-1, 1, 0.1], [0, 1, 0.1], [0, 1, -0.1]], dtype=np.float64)


def test_power_iteration_matches_the_polis_vector_after_two_iterations() -> None:
    vector = power_iteration(TOY.T @ TOY, np.ones(3), iters=2)
    assert vector.tolist() == pytest.approx([-0.34218, 0.93907, 0.03263], abs=1e-5)


def test_centred_pca_finds_the_reference_components() -> None:
    pca = fit_pca(TOY)
    assert pca.components[0].tolist() == pytest.approx([0.87418, -0.48401, -0.03932], abs=1e-5)
    assert pca.components[1].tolist() == pytest.approx([0.47382, 0.86791, -0.14910], abs=1e-5)


def test_projection_of_a_full_matrix_matches_the_reference() -> None:
    expected = [
        [1.23817, -0.17338],
        [-0.99813, -0.26803],
        [-0.12395, 0.20579],
        [-0.11609, 0.23561],
    ]
    points = project(TOY, fit_pca(TOY))
    assert points.tolist() == [pytest.approx(row, abs=1e-5) for row in expected]


def test_pca_is_the_same_for_every_seed() -> None:
    first = fit_pca(TOY, seed=0).components
    assert np.allclose(first, fit_pca(TOY, seed=99).components, atol=1e-7)


def test_imputation_fills_missing_cells_with_the_column_mean() -> None:
    values = np.array([[1.0, np.nan], [-1.0, 1.0], [1.0, np.nan]])
    assert impute_column_means(values).tolist() == [
        [1.0, 1.0],
        [-1.0, 1.0],
        [1.0, 1.0],
    ]


def test_imputation_uses_zero_for_a_column_nobody_voted_on() -> None:
    values = np.array([[1.0, np.nan], [-1.0, np.nan]])
    assert impute_column_means(values)[:, 1].tolist() == [0.0, 0.0]


def test_light_voters_are_pushed_out_by_the_square_root_of_missing_share() -> None:
    rating = np.array([[1.0, 1.0], [1.0, np.nan], [-1.0, -1.0], [-1.0, -1.0]])
    pca = fit_pca(impute_column_means(rating))
    points = project(rating, pca)
    only_first = (rating[1, 0] - pca.center[0]) * pca.components[:, 0]
    assert points[1].tolist() == pytest.approx((np.sqrt(2) * only_first).tolist())


def test_extremity_is_larger_for_a_dividing_statement() -> None:
    rating = np.array([[1.0, 1.0], [1.0, -1.0], [1.0, 1.0], [1.0, -1.0]])
    pca = fit_pca(rating)
    extremity = statement_extremity(pca)
    assert extremity[1] > extremity[0]
