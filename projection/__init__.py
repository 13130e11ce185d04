"""Population projection and workforce engine (pure numpy; no Django, no file I/O).

Typical use: `rates = estimate_rates(history, national)` once per base year, then
`params = build_scenario(rates, Assumptions("MMMM"), national)` once per alternative, then
`project(params, Levers(...))` per what-if (milliseconds).
"""

from __future__ import annotations

from projection.ages import N_AGES, OPEN_AGE, REPORT_GROUPS, SEXES, AgeGroup, group_label
from projection.engine import Projection, ScenarioParams, build_scenario, project
from projection.estimate import EstimationConfig, History, Rates, estimate_rates
from projection.national import (
    NationalFertility,
    NationalInputs,
    NationalMortality,
    NationalProjection,
)
from projection.scenario import (
    ALTERNATIVES,
    Assumptions,
    Inflow,
    Levers,
    LocalLevers,
    letter_effects,
)

__all__ = [
    "ALTERNATIVES",
    "N_AGES",
    "OPEN_AGE",
    "REPORT_GROUPS",
    "SEXES",
    "AgeGroup",
    "Assumptions",
    "EstimationConfig",
    "History",
    "Inflow",
    "Levers",
    "LocalLevers",
    "NationalFertility",
    "NationalInputs",
    "NationalMortality",
    "NationalProjection",
    "Projection",
    "Rates",
    "ScenarioParams",
    "build_scenario",
    "estimate_rates",
    "group_label",
    "letter_effects",
    "project",
]
