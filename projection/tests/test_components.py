"""Full cohort-component mode: mass balance, conservation of domestic moves, null conditions."""

from __future__ import annotations

import numpy as np

from projection.ages import N_AGES, OPEN_AGE
from projection.components import ComponentRates, balance_residual, project_components
from projection.tests import helpers

M = 4


def component_rates(scale: float = 1.0) -> ComponentRates:
    """Return varied but fixed component rates for M regions."""
    rng = np.random.default_rng(7)
    share = rng.uniform(0.5, 1.5, size=(M, 2, N_AGES))
    fertility = np.zeros((M, N_AGES))
    fertility[:, 16:50] = 0.06
    return ComponentRates(
        death_probability=np.tile(np.linspace(0.001, 0.5, N_AGES), (M, 2, 1)),
        emigration_probability=np.full((M, 2, N_AGES), 0.004 * scale),
        out_migration_probability=rng.uniform(0.0, 0.08, size=(M, 2, N_AGES)) * scale,
        immigrants=np.full((M, 2, N_AGES), 3.0 * scale),
        destination_share=share / share.sum(axis=0, keepdims=True),
        fertility=fertility,
        srb=1.05,
    )


def test_every_region_balances_births_deaths_and_moves_each_year() -> None:
    result = project_components(helpers.population(M), component_rates(), 5)
    for step in range(5):
        flows = {name: values[step] for name, values in result.components.items()}
        residual = balance_residual(result.values[step], result.values[step + 1], flows)
        assert np.abs(residual).max() < 1e-9 * result.values[step].sum()


def test_domestic_moves_are_conserved_nationally() -> None:
    result = project_components(helpers.population(M), component_rates(), 3)
    moved_in = result.components["domestic_in"].sum(axis=1)
    moved_out = result.components["domestic_out"].sum(axis=1)
    assert np.allclose(moved_in, moved_out, rtol=1e-12)


def test_null_conditions_only_age_the_population() -> None:
    zero = np.zeros((M, 2, N_AGES))
    rates = ComponentRates(
        zero, zero, zero, zero, np.full((M, 2, N_AGES), 1.0 / M), np.zeros((M, N_AGES))
    )
    base = helpers.population(M)
    result = project_components(base, rates, 1).values[1]
    assert np.allclose(result[:, :, 1:OPEN_AGE], base[:, :, : OPEN_AGE - 1])
    assert np.allclose(result[:, :, OPEN_AGE], base[:, :, OPEN_AGE - 1] + base[:, :, OPEN_AGE])


def test_without_migration_regions_evolve_independently() -> None:
    rates = component_rates(scale=0.0)
    base = helpers.population(M)
    together = project_components(base, rates, 4).values
    alone = project_components(base[:1], _first_region(rates), 4).values
    assert np.allclose(together[:, :1], alone)


def test_births_split_by_the_sex_ratio_at_birth() -> None:
    result = project_components(helpers.population(M), component_rates(), 1)
    births = result.components["births"][0][..., 0]
    assert np.allclose(births[:, 1] / births[:, 0], 1.05)


def _first_region(rates: ComponentRates) -> ComponentRates:
    """Return the rates of region 0 alone (its destination share becomes 1)."""
    return ComponentRates(
        rates.death_probability[:1], rates.emigration_probability[:1],
        rates.out_migration_probability[:1], rates.immigrants[:1],
        np.ones((1, 2, N_AGES)), rates.fertility[:1], rates.srb,
    )  # fmt: skip
