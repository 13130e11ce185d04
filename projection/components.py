"""Full cohort-component mode with explicit components (foresight-anchors §2.4 b).

For each year, region r, sex s and event age k (age at the end of the year):
  C = P(k-1, t) (k = 105: P(104) + P(105)); leavers O = C o, E = C e (mid-year);
  deaths of stayers D1 = C q (1 - (o + e)/2); domestic in-movers N = pooled O x destination share;
  deaths of arrivals D2 = (N + I) q / 2; P(k, t+1) = C - D1 - O - E + N + I - D2.
Births B = sum_k f_k (P_F(k-1, t) + P_F(k, t+1)) / 2, split by SRB; age 0 uses halved leaving rates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from projection.ages import FloatArray
from projection.estimate import cohort_start

COMPONENTS = ("births", "deaths", "emigrants", "immigrants", "domestic_out", "domestic_in")


@dataclass(frozen=True)
class ComponentRates:
    """Annual rates by region, sex and event age k (arrays (m, 2, 106) unless noted)."""

    death_probability: FloatArray
    emigration_probability: FloatArray
    out_migration_probability: FloatArray
    immigrants: FloatArray  # counts per year
    destination_share: FloatArray  # sums to 1 over regions for each (sex, k)
    fertility: FloatArray  # (m, 106) births per woman by k
    srb: float = 1.05


@dataclass(frozen=True)
class ComponentProjection:
    """Population (years, m, 2, 106) and components (steps, m, 2, 106); births only at k = 0."""

    years: FloatArray
    values: FloatArray
    components: dict[str, FloatArray]
    clipped_cells: int


def _flows(cohort: FloatArray, rates: ComponentRates, half: FloatArray) -> dict[str, FloatArray]:
    """Return the flows of one year for start stocks `cohort` (m, 2, 106); `half` scales leaving."""
    q = rates.death_probability
    out = cohort * rates.out_migration_probability * half
    emig = cohort * rates.emigration_probability * half
    pooled = out.sum(axis=0, keepdims=True)
    inflow = pooled * rates.destination_share
    leaving = (rates.out_migration_probability + rates.emigration_probability) * half
    deaths = cohort * q * (1.0 - leaving / 2.0) + (inflow + rates.immigrants) * q / 2.0
    return {
        "deaths": deaths,
        "emigrants": emig,
        "immigrants": rates.immigrants.copy(),
        "domestic_out": out,
        "domestic_in": inflow,
    }


def _births(start: FloatArray, end: FloatArray, rates: ComponentRates) -> FloatArray:
    """Return births (m,) from the average of start (age k-1) and end (age k) female stocks."""
    exposure = 0.5 * (cohort_start(start[:, 0, :]) + end[:, 0, :])
    births: FloatArray = (rates.fertility * exposure).sum(axis=-1)
    return births


def step_components(
    pop: FloatArray, rates: ComponentRates
) -> tuple[FloatArray, dict[str, FloatArray]]:
    """Advance one year; return (population at t+1, components)."""
    cohort = cohort_start(pop)
    half = np.ones(pop.shape[-1])
    half[0] = 0.5
    births = np.zeros(pop.shape[:2])
    for _ in range(2):  # age 0 needs births, births need the end female stock
        cohort[..., 0] = births
        flows = _flows(cohort, rates, half)
        nxt = cohort - flows["deaths"] - flows["emigrants"] - flows["domestic_out"]
        nxt += flows["domestic_in"] + flows["immigrants"]
        total = _births(pop, nxt, rates)
        births = np.stack(
            [total / (1.0 + rates.srb), total * rates.srb / (1.0 + rates.srb)], axis=1
        )
    flows["births"] = np.zeros_like(nxt)
    flows["births"][..., 0] = births
    return nxt, flows


def project_components(base: FloatArray, rates: ComponentRates, steps: int) -> ComponentProjection:
    """Project `steps` years with constant component rates; negative cells are clipped and counted."""
    values = np.empty((steps + 1,) + base.shape)
    values[0] = base
    components = {name: np.empty((steps,) + base.shape) for name in COMPONENTS}
    clipped = 0
    for step in range(steps):
        nxt, flows = step_components(values[step], rates)
        clipped += int((nxt < 0).sum())
        values[step + 1] = np.maximum(nxt, 0.0)
        for name in COMPONENTS:
            components[name][step] = flows[name]
    return ComponentProjection(np.arange(steps + 1, dtype=float), values, components, clipped)


def balance_residual(
    start: FloatArray, end: FloatArray, components: dict[str, FloatArray]
) -> FloatArray:
    """Return P(t+1) - P(t) - (B - D - E + I - O + N) per region (zero when mass balances)."""
    change = components["births"] - components["deaths"] - components["emigrants"]
    change = (
        change + components["immigrants"] - components["domestic_out"] + components["domestic_in"]
    )
    residual: FloatArray = end.sum(axis=(1, 2)) - start.sum(axis=(1, 2)) - change.sum(axis=(1, 2))
    return residual
