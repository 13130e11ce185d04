"""Plausibility lines: for every lever, the range seen in Norwegian municipalities or in the sources.

A lever outside its range is flagged, never refused: a scenario may go beyond what has been seen,
but the card and the model's numbers panel say so. The same ranges serve Scenariofabrikken
(`scenario_checks`) and the community models (`model_checks`). Where a range comes from the data
it is computed from the snapshot (population 2016–2026, SSB 07459); where it comes from a source
the basis names it; where neither exists the basis says the range is our proposal. See
docs/scenarios.md («Plausibility lines»).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from django.utils import formats
from django.utils.translation import gettext as _

from samfunnslab.core import statistics
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.choices import PARAMETERS, Parameters

SPREAD_YEARS = (2016, 2026)
# SSB's illustration of better productivity: −0.5 % FTE per user a year (foresight-anchors §3.5).
SSB_PRODUCTIVITY = 0.005
# The engine's rendering of SSB's low and high fertility and life-expectancy alternatives.
FERTILITY_RANGE = (0.85, 1.15)
LIFE_YEARS_RANGE = (-1.0, 1.0)


@dataclass(frozen=True)
class Check:
    """One lever: its value, the plausible range, why that range, and whether it is exceeded."""

    key: str
    label: str
    value_text: str
    range_text: str
    basis: str
    exceeded: bool


def _number(value: float, digits: int = 1) -> str:
    """Format a number the Norwegian way with a real minus sign."""
    text = formats.number_format(round(value, digits), digits, use_l10n=True)
    return text.replace("-", "\u2212")


@statistics.per_snapshot(maxsize=1)
def growth_spread() -> float:
    """Return how much faster (per year) the fastest-growing tenth grew than the middle one.

    Annual population growth 2016–2026 of every municipality with comparable figures: the 90th
    percentile minus the median (about 0.9 percentage points). A lasting migration change larger
    than this moves an ordinary municipality beyond what nine in ten municipalities managed.
    """
    cube = statistics.snapshot().population
    years = [int(y) for y in cube.years]
    start, end = (years.index(y) for y in SPREAD_YEARS)
    totals = cube.values.sum(axis=(2, 3))
    span = SPREAD_YEARS[1] - SPREAD_YEARS[0]
    growth = (totals[end] / totals[start]) ** (1 / span) - 1
    growth = growth[np.isfinite(growth)]
    return float(np.percentile(growth, 90) - np.median(growth))


def _check(key: str, label: str, value: float, low: float, high: float,
           show: tuple[float, str, int], basis: str) -> Check:  # fmt: skip
    """Build one check; `show` = (scale, unit, digits) for the value and the range."""
    scale, unit, digits = show
    value_text = f"{_number(value * scale, digits)} {unit}".strip()
    range_text = _("%(low)s til %(high)s %(unit)s") % {
        "low": _number(low * scale, digits),
        "high": _number(high * scale, digits),
        "unit": unit,
    }
    exceeded = not low - 1e-12 <= value <= high + 1e-12
    return Check(key, label, value_text, range_text.strip(), basis, exceeded)


def _migration_basis() -> str:
    """Explain the data-derived migration range."""
    return _(
        "Sett i norske kommuner: fra %(y0)s til %(y1)s vokste de 10 %% raskest voksende kommunene "
        "%(spread)s prosentpoeng raskere per år enn en middels kommune (SSB 07459)."
    ) % {"y0": SPREAD_YEARS[0], "y1": SPREAD_YEARS[1], "spread": _number(growth_spread() * 100)}


def scenario_checks(parameters: Parameters) -> list[Check]:
    """Return a plausibility line for every lever the scenario's choices moved."""
    spread = growth_spread()
    per_year = _("prosent per år")
    years_to = engine.CARD_YEAR - engine.BASE_YEAR
    lines = {
        "fertility_factor": (*FERTILITY_RANGE, (100, "%", 0), _(
            "SSBs lave og høye fruktbarhetsalternativ, slik framskrivingen gjengir dem: 15 prosent færre "
            "eller flere fødsler.")),
        "life_expectancy_shift": (*LIFE_YEARS_RANGE, (1, _("år"), 1), _(
            "SSBs lave og høye levealdersalternativ: halv eller halvannen gang den ventede "
            "økningen i levealder, om lag ett år mindre eller mer i %(year)s.")
            % {"year": engine.CARD_YEAR}),
        "migration_rate_shift": (-spread, spread, (100, per_year, 2), _migration_basis()),
        "young_adult_inflow_per_1000": (0.0, spread * 1000, (1, _("per 1000 per år"), 1),
                                        _migration_basis()),
        "standard_change": (-SSB_PRODUCTIVITY, SSB_PRODUCTIVITY, (100, per_year, 1), _(
            "SSB bruker 0,5 prosent færre årsverk per bruker per år som eksempel på bedre produktivitet; "
            "vi bruker samme størrelse begge veier.")),
        "care_use_change": (-SSB_PRODUCTIVITY, SSB_PRODUCTIVITY, (100, per_year, 1), _(
            "Vårt forslag: ingen kilde gir et spenn for kommunene; vi bruker samme størrelse som "
            "SSBs eksempel på produktivitet (0,5 prosent per år).")),
        "labour_change": (-0.05, 0.05, (100, _("prosent innen %(year)s") % {"year": engine.CARD_YEAR},
                                        0), _(
            "Vårt forslag: 5 %% flere eller færre årsverk per person i arbeid på %(n)s år, like "
            "mye som veivalget «Heltidskultur og senere pensjon».") % {"n": years_to}),
    }  # fmt: skip
    checks = []
    for key, value in vars(parameters).items():
        if value == PARAMETERS[key].neutral:
            continue
        low, high, show, basis = lines[key]
        if key == "fertility_factor":
            value, low, high = value - 1, low - 1, high - 1
        checks.append(_check(key, _(PARAMETERS[key].label), value, low, high, show, basis))
    return checks


def model_checks(parameters: Mapping[str, float], horizon_year: int, code: str) -> list[Check]:
    """Return a plausibility line for every parameter a community model sets (not neutral).

    The in-migration range scales with the municipality's (`code`) population in the base year.
    """
    from samfunnslab.community_models.parameters import BY_KEY

    years = max(horizon_year - engine.BASE_YEAR, 1)
    technology = 1 - (1 - SSB_PRODUCTIVITY) ** years
    population = engine.run(code).total(engine.BASE_YEAR) if engine.is_known(code) else 0.0
    inflow = growth_spread() * population
    lines = {
        "family_volunteer_share": (0.0, 10.0, _(
            "Vårt forslag: ingen kilde gir et tall. Stortinget skriver at frivilligheten ikke er et "
            "supplement til de offentlige tjenestene (Meld. St. 10 (2018–2019)).")),
        "welfare_technology_effect": (0.0, technology * 100, _(
            "SSBs eksempel på bedre produktivitet, 0,5 %% færre årsverk per bruker per år, gir "
            "%(share)s %% fram til %(year)s.") % {"share": _number(technology * 100),
                                                "year": horizon_year}),
        "employment_rate_change": (-3.0, 3.0, _(
            "Vårt forslag: 3 prosentpoeng opp eller ned er en stor endring i sysselsettingen for "
            "en hel aldersgruppe.")),
        "full_time_change": (0.0, 10.0, _(
            "Vårt forslag: 10 prosent flere årsverk per sysselsatt er en stor heltidsreform.")),
        "young_adult_inflow": (-inflow, inflow, _migration_basis()),
    }  # fmt: skip
    checks = []
    for key, (low, high, basis) in lines.items():
        value = float(parameters.get(key, 0) or 0)
        if value == BY_KEY[key].default:
            continue
        digits = 0 if key == "young_adult_inflow" else 1
        show = (1, str(BY_KEY[key].unit), digits)
        checks.append(_check(key, str(BY_KEY[key].label), value, low, high, show, basis))
    return checks
