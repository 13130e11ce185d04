"""Population projection and workforce engine (pure numpy; no Django, no file I/O).

Typical use: `rates = estimate_rates(history, national)` once per base year, then
`params = build_scenario(rates, Assumptions("MMMM"), national)` once per alternative, then
`project(params, Levers(...))` per what-if (milliseconds).
"""

from __future__ import annotations

from projection.ages import (
    N_AGES,
    OPEN_AGE,
    REPORT_GROUPS,
    SEXES,
    AgeGroup,
    group_label,
    group_matrix,
    parse_group,
    sum_groups,
)
from projection.components import ComponentProjection, ComponentRates, project_components
from projection.engine import Projection, ScenarioParams, build_scenario, project
from projection.estimate import EstimationConfig, History, Rates, estimate_rates
from projection.indicators import Indicator, indicators, median_age
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
from projection.workforce import (
    CareProfile,
    LabourProfile,
    LocalFigures,
    WorkforceResult,
    care_demand,
    labour_fte,
    workforce,
)

__all__ = [
    "ALTERNATIVES",
    "N_AGES",
    "OPEN_AGE",
    "REPORT_GROUPS",
    "SEXES",
    "AgeGroup",
    "Assumptions",
    "build_scenario",
    "care_demand",
    "CareProfile",
    "ComponentProjection",
    "ComponentRates",
    "estimate_rates",
    "EstimationConfig",
    "group_label",
    "group_matrix",
    "History",
    "Indicator",
    "indicators",
    "Inflow",
    "labour_fte",
    "LabourProfile",
    "letter_effects",
    "Levers",
    "LocalFigures",
    "LocalLevers",
    "median_age",
    "NationalFertility",
    "NationalInputs",
    "NationalMortality",
    "NationalProjection",
    "parse_group",
    "project",
    "project_components",
    "sum_groups",
    "Projection",
    "Rates",
    "ScenarioParams",
    "workforce",
    "WorkforceResult",
]
