"""Textbook two-sex cohort-component step with group width n (Preston et al. Box 6.2)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from projection.ages import FloatArray


@dataclass(frozen=True)
class GroupInputs:
    """Inputs for one sex over groups 0..m.

    survival has m + 2 entries: [S_b, S_1 .. S_m, S_stay], where S_i survives group i-1 into
    group i and S_stay survives the open group m within itself.
    migration_rate is the annual net migration rate per group (migrants = rate * width * P).
    """

    population: FloatArray
    survival: FloatArray
    migration_rate: FloatArray


@dataclass(frozen=True)
class GroupStep:
    """Result of one step: population by sex (female, male), births by sex, deaths by sex."""

    female: FloatArray
    male: FloatArray
    births_female: float
    births_male: float
    deaths_female: FloatArray
    deaths_male: FloatArray


def _survive(inputs: GroupInputs, width: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return (population without age 0, migration-adjusted start, deaths) for one sex."""
    pop, surv = inputs.population, inputs.survival
    migrants = inputs.migration_rate * width * pop
    adjusted = pop + migrants / 2.0
    out = np.zeros_like(pop)
    deaths = np.zeros_like(pop)
    out[1:] = adjusted[:-1] * surv[1:-1]
    deaths[1:] = (1.0 - surv[1:-1]) * adjusted[:-1]
    out[-1] += adjusted[-1] * surv[-1]
    deaths[-1] += (1.0 - surv[-1]) * adjusted[-1]
    out += migrants / 2.0
    return out, adjusted, deaths


def project_groups(
    female: GroupInputs, male: GroupInputs, fertility: FloatArray, srb: float, width: int
) -> GroupStep:
    """Project both sexes one step of `width` years with migration spread evenly ("even")."""
    pop_f, adjusted_f, deaths_f = _survive(female, width)
    pop_m, _, deaths_m = _survive(male, width)
    births = width * float(np.sum(fertility * (adjusted_f + pop_f) / 2.0))
    births_f = births / (1.0 + srb)
    births_m = births - births_f
    pop_f[0] += births_f * female.survival[0]
    pop_m[0] += births_m * male.survival[0]
    deaths_f[0] = (1.0 - female.survival[0]) * births_f
    deaths_m[0] = (1.0 - male.survival[0]) * births_m
    return GroupStep(pop_f, pop_m, births_f, births_m, deaths_f, deaths_m)


def leslie_matrix(
    survival: FloatArray, fertility: FloatArray, female_births_survival: float
) -> FloatArray:
    """Return the female Leslie matrix; `fertility` is already scaled by width / 2 / (1 + SRB)."""
    n = len(survival) - 2
    matrix = np.zeros((n + 1, n + 1))
    matrix[np.arange(1, n + 1), np.arange(0, n)] = survival[1 : n + 1]
    matrix[n, n] = survival[n + 1]
    first = fertility.copy()
    first[:-1] += fertility[1:] * survival[1 : n + 1]
    first[-1] += fertility[-1] * survival[n + 1]
    matrix[0, :] += female_births_survival * first
    return matrix


def project_female_leslie(
    female: GroupInputs, fertility: FloatArray, srb: float, width: int
) -> FloatArray:
    """Project females one step in Leslie form: P(t+n) = L (P + M/2) + M/2."""
    migrants = female.migration_rate * width * female.population
    scaled = fertility * width / 2.0 / (1.0 + srb)
    matrix = leslie_matrix(female.survival, scaled, float(female.survival[0]))
    result: FloatArray = matrix @ (female.population + migrants / 2.0) + migrants / 2.0
    return result
