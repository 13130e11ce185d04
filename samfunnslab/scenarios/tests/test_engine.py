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


def test_an_area_projection_is_the_sum_of_its_municipalities() -> None:
    codes = ["1106", "1145"]
    area = engine.area_projection("To kommuner", codes)
    assert area is not None and area.members == 2
    for year in (2026, 2040, 2050):
        assert area.total(year) == pytest.approx(sum(engine.run(c).total(year) for c in codes))
        assert area.aged(year, 80) == pytest.approx(
            sum(engine.run(c).aged(year, 80) for c in codes)
        )
    low = area.band["LLML"][engine.index_of(2050)]
    assert low == pytest.approx(
        sum(engine.band_totals(c)["LLML"][engine.index_of(2050)] for c in codes)
    )


def test_an_area_without_projected_municipalities_has_no_future() -> None:
    assert engine.area_projection("Ingen", ["9999"]) is None
