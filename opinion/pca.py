"""Two-component PCA by power iteration, and Polis's sparsity-aware projection."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MAX_ITERATIONS = 1000
TOLERANCE = 1e-10


@dataclass(frozen=True)
class Pca:
    """Column centre and unit principal components (one per row of `components`)."""

    center: FloatArray
    components: FloatArray


def power_iteration(gram: FloatArray, start: FloatArray, iters: int) -> FloatArray:
    """Return the dominant eigenvector of `gram` (= DᵀD), iterating as Polis does.

    Like Polis's `power-iteration`, this multiplies `iters + 1` times at most and stops
    early once the eigenvalue estimate stops changing.
    """
    vector = start.astype(np.float64)
    last = 0.0
    while True:
        product = gram @ vector
        value = float(np.linalg.norm(product))
        if value == 0.0:
            return np.zeros_like(vector)
        vector = product / value
        if iters == 0 or abs(value - last) <= TOLERANCE * value:
            return vector
        iters -= 1
        last = value


def impute_column_means(values: FloatArray) -> FloatArray:
    """Replace missing cells by the mean of their column's votes (0 for an empty column)."""
    seen = ~np.isnan(values)
    counts = seen.sum(axis=0)
    sums = np.where(seen, values, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros(values.shape[1]), where=counts > 0)
    return np.where(seen, values, means)


def fit_pca(
    filled: FloatArray,
    *,
    n_components: int = 2,
    seed: int = 0,
    starts: FloatArray | None = None,
) -> Pca:
    """Fit centred PCA by power iteration with deflation.

    `starts` (one row per component, NaN for statements new since then) warm-starts the
    iteration and keeps each component's sign; without it, seeded random vectors are used.
    """
    rows, cols = filled.shape
    center = filled.mean(axis=0) if rows else np.zeros(cols)
    components = np.zeros((n_components, cols))
    if rows < 2 or cols == 0:
        return Pca(center, components)
    centred = filled - center
    gram = centred.T @ centred
    rng = np.random.default_rng(seed)
    for index in range(min(n_components, rows, cols)):
        reference = _reference(starts, index)
        start: FloatArray = (
            np.where(np.isnan(starts[index]), 1.0, starts[index])
            if starts is not None and reference is not None
            else np.asarray(rng.random(cols), dtype=np.float64)
        )
        vector = power_iteration(gram, start, MAX_ITERATIONS)
        components[index] = _orient(vector, reference)
        gram = _deflate(gram, vector)
    return Pca(center, components)


def _reference(starts: FloatArray | None, index: int) -> FloatArray | None:
    """Return last tick's loadings for a component (new statements 0), or None if unknown."""
    if starts is None or index >= len(starts):
        return None
    known: FloatArray = np.nan_to_num(starts[index], nan=0.0)
    return known if known.any() else None


def _deflate(gram: FloatArray, vector: FloatArray) -> FloatArray:
    """Remove a found unit component from the Gram matrix: (I − vvᵀ) G (I − vvᵀ)."""
    if not vector.any():
        return gram
    times = gram @ vector
    along = float(vector @ times)
    result: FloatArray = (
        gram - np.outer(vector, times) - np.outer(times, vector) + along * np.outer(vector, vector)
    )
    return result


def _orient(vector: FloatArray, previous: FloatArray | None) -> FloatArray:
    """Fix the arbitrary sign: keep the previous direction, else make the largest loading positive."""
    if not vector.any():
        return vector
    if previous is not None:
        return vector if vector @ previous >= 0 else -vector
    return vector if vector[np.argmax(np.abs(vector))] > 0 else -vector


def project(rating: FloatArray, pca: Pca) -> FloatArray:
    """Project participants using only the cells they voted on, scaled by √(statements / votes)."""
    seen = ~np.isnan(rating)
    deviations = np.where(seen, rating - pca.center, 0.0)
    raw = deviations @ pca.components.T
    votes = np.maximum(seen.sum(axis=1), 1)
    scale = np.sqrt(rating.shape[1] / votes)
    result: FloatArray = raw * scale[:, None]
    return result


def statement_extremity(pca: Pca, agree: float = 1.0) -> FloatArray:
    """Return how far a virtual participant who only agrees with each statement lands from 0."""
    n_statements = len(pca.center)
    projections = np.sqrt(n_statements) * (agree - pca.center)[:, None] * pca.components.T
    result: FloatArray = np.linalg.norm(projections, axis=1)
    return result
