from __future__ import annotations

import pytest

from projection import project
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.choices import Parameters


def test_the_plain_run_equals_the_engine_projection() -> None:
    outcome = engine.run("1106")
    direct = project(engine.scenario("MMMM")).municipality("1106")
    assert outcome.total(2040) == pytest.approx(float(direct[14].sum()))


def test_more_young_adults_raise_the_working_age_population() -> None:
    plain = engine.run("1106")
    more = engine.run("1106", parameters=Parameters(young_adult_inflow_per_1000=3.0))
    assert more.aged(2040, 20, 66) > plain.aged(2040, 20, 66)


def test_a_lower_standard_change_lowers_care_demand_but_not_supply() -> None:
    plain = engine.run("1106")
    tech = engine.run("1106", parameters=Parameters(standard_change=-0.005))
    assert tech.workforce.at(2040)["demand_fte"] < plain.workforce.at(2040)["demand_fte"]
    assert tech.workforce.at(2040)["supply_fte"] == pytest.approx(
        plain.workforce.at(2040)["supply_fte"]
    )


def test_more_labour_closes_part_of_the_gap_from_the_base_year_on() -> None:
    plain = engine.run("1106")
    more = engine.run("1106", parameters=Parameters(labour_change=0.05))
    assert more.workforce.at(2026)["gap_fte"] == pytest.approx(plain.workforce.at(2026)["gap_fte"])
    assert more.workforce.at(2040)["gap_fte"] < plain.workforce.at(2040)["gap_fte"]


def test_the_band_holds_low_and_high_around_the_main_alternative() -> None:
    band = engine.band_totals("1106")
    assert band["LLML"][-1] < band["MMMM"][-1] < band["HHMH"][-1]
