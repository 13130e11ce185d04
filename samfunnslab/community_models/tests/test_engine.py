"""The hand-off from model parameters to the projection and workforce engine."""

from __future__ import annotations

import numpy as np
import pytest

from projection import Inflow, Levers
from projection.workforce import printed_gap, workforce
from samfunnslab.community_models import engine, services

pytestmark = pytest.mark.django_db


def test_parameters_in_percent_become_fractions():
    levers = engine.levers_for(
        {"family_volunteer_share": 20, "employment_rate_change": 1.5, "young_adult_inflow": 100},
        2035,
    )
    assert levers == engine.ModelLevers(0.2, 0.0, 0.015, 0.0, 100.0, 2035)


def test_only_in_migration_changes_the_population_levers():
    assert (
        engine.engine_levers(engine.ModelLevers(0.2, 0.1, 0.02, 0.1, 0), "1106", 2026) == Levers()
    )
    levers = engine.engine_levers(engine.ModelLevers(young_adult_inflow=150), "1106", 2026)
    assert levers.inflows == (Inflow("1106", 150, 20, 34, first_year=2027),)


def test_the_ramp_builds_up_to_the_horizon_and_stays():
    years = np.array([2026, 2033, 2040, 2050])
    assert engine.ramp(years, 2026, 2040).tolist() == [0.0, 0.5, 1.0, 1.0]


def test_neutral_parameters_give_exactly_the_engines_baseline(model):
    baseline = engine.baseline_figures("1106")
    assert engine.model_figures(model) == baseline
    years, pop, _ = engine.population("1106", Levers())
    care, labour, local = engine.profiles("1106")
    direct = workforce(pop, years, care, labour, local=local)
    index = int(np.flatnonzero(years == 2040)[0])
    assert baseline.at(2040).care_fte_need == pytest.approx(direct.demand_fte[index])
    printed = printed_gap(direct.demand_fte[index], direct.supply_fte[index])
    assert baseline.at(2040).care_fte_gap == printed  # whole FTEs, as every page prints them


def test_two_models_with_different_parameters_get_different_2040_figures(
    model, organisation, facilitator
):
    other = services.model_fork(model=model, organisation=organisation, user=facilitator)
    services.model_parameters_set(
        model=other, parameters={"family_volunteer_share": 20, "young_adult_inflow": 200}
    )
    first, second = engine.model_figures(model).at(2040), engine.model_figures(other).at(2040)
    assert second.care_fte_need < first.care_fte_need
    assert second.care_fte_gap < first.care_fte_gap
    assert second.old_age_support_ratio > first.old_age_support_ratio


def test_the_effect_is_not_there_in_the_base_year(model):
    services.model_parameters_set(model=model, parameters={"welfare_technology_effect": 20})
    figures, baseline = engine.model_figures(model), engine.baseline_figures("1106")
    assert figures.years[0].care_fte_need == pytest.approx(baseline.years[0].care_fte_need)
    assert figures.at(2040).care_fte_need == pytest.approx(baseline.at(2040).care_fte_need * 0.8)


def test_more_people_at_work_shrinks_the_gap_but_not_the_need(model):
    services.model_parameters_set(
        model=model, parameters={"employment_rate_change": 5, "full_time_change": 10}
    )
    figures, baseline = (
        engine.model_figures(model).at(2040),
        engine.baseline_figures("1106").at(2040),
    )
    assert figures.care_fte_need == pytest.approx(baseline.care_fte_need)
    assert figures.care_fte_supply > baseline.care_fte_supply
    assert figures.care_fte_gap < baseline.care_fte_gap


def test_figures_cover_the_base_year_and_2030_2040_2050():
    years = [y.year for y in engine.baseline_figures("1106").years]
    assert years[1:] == [2030, 2040, 2050] and years[0] < 2030


def test_on_another_municipality_a_model_keeps_its_inflow_per_inhabitant(model):
    services.model_parameters_set(model=model, parameters={"young_adult_inflow": 100})
    scale = engine.scenario_engine.run("1151").total(2026) / engine.scenario_engine.run(
        "1106"
    ).total(2026)
    assert engine.levers_in(model, "1106").young_adult_inflow == 100
    assert engine.levers_in(model, "1151").young_adult_inflow == pytest.approx(100 * scale)
    here = engine.model_figures(model, "1151")
    assert here.municipality_code == "1151"
    assert here == engine.figures_for("1151", engine.levers_in(model, "1151"))
