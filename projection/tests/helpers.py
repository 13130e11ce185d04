"""Synthetic rates and populations for engine tests (no files, no randomness unless seeded)."""

from __future__ import annotations

import numpy as np

from projection.ages import N_AGES, FloatArray
from projection.estimate import EstimationConfig, Rates
from projection.national import NationalInputs, NationalProjection


def population(m: int = 3, seed: int = 1) -> FloatArray:
    """Return a plausible (m, 2, 106) population with a falling age profile."""
    rng = np.random.default_rng(seed)
    profile = np.linspace(1000.0, 10.0, N_AGES)
    return profile[None, None, :] * rng.uniform(0.5, 1.5, size=(m, 2, N_AGES))


def rates(
    base: FloatArray | None = None,
    *,
    survival: float = 0.99,
    national_migration: float = 0.0,
    domestic: FloatArray | None = None,
    birth_ratio: float = 1.0,
    male_share: float = 0.5,
    fertility: float = 0.05,
) -> Rates:
    """Return hand-made rates with constant survival and a flat fertility schedule at 15-49."""
    base = population() if base is None else base
    m = base.shape[0]
    schedule = np.zeros(N_AGES)
    schedule[15:50] = fertility
    return Rates(
        base_year=2024,
        codes=tuple(f"{1000 + i:04d}" for i in range(m)),
        base=base,
        included=np.isfinite(base).all(axis=(1, 2)),
        survival=np.full((2, N_AGES), survival),
        national_migration=np.full((2, N_AGES), national_migration),
        domestic_migration=np.zeros((m, 2, N_AGES)) if domestic is None else domestic,
        birth_ratio=np.full(m, birth_ratio),
        fertility_schedule=schedule,
        male_share=male_share,
        mx_reference=None,
        mx_reference_year=2023,
        mortality_decline=None,
        config=EstimationConfig(),
    )


def flat_series(
    base_year: int = 2024, until: int = 2050, alternative: str = "MMMM"
) -> NationalInputs:
    """Return a national series that stays at its base value in every age group but 90+."""
    years = np.arange(base_year, until + 1)
    groups = ((0, 0), (1, 19), (20, 66), (67, 89), (90, 105))
    values = np.ones((len(years), len(groups))) * 1000.0
    values[:, -1] = 1000.0 * 1.02 ** (years - base_year)
    series = NationalProjection(base_year, alternative, years, groups, values)
    return NationalInputs(projections=(series,))
