"""Selectors on hand-computed toy cubes."""

from __future__ import annotations

import numpy as np
import pytest

from projection.national import NationalProjection
from samfunnslab.municipalities import selectors as sel
from statbank.classifications import MunicipalityInfo
from statbank.cube import PopulationCube

NAN = float("nan")


def _year(**ages: float) -> np.ndarray:
    """Return a (2, 106) year with `female_<age>` / `male_<age>` persons."""
    block = np.zeros((2, 106))
    for key, value in ages.items():
        sex, age = key.split("_")
        block[0 if sex == "female" else 1, int(age)] = value
    return block


def _info(code: str, klass: int, region: str = "1") -> MunicipalityInfo:
    return MunicipalityInfo(code, f"Kommune {code}", "11", "Fylke", region, "Region", klass, 500)


@pytest.fixture
def cube() -> PopulationCube:
    """Two years, three municipalities: one grows, one shrinks, one is blank in the first year."""
    values = np.zeros((2, 3, 2, 106))
    # 0001: 2016: 30 aged 30, 10 aged 70;  2026: 40 aged 30, 10 aged 70, 5 aged 85 (so 80+ = 5)
    values[0, 0] = _year(female_30=10, male_30=20, female_70=10)
    values[1, 0] = _year(female_30=20, male_30=20, female_70=10, male_85=5)
    # 0002: shrinks from 100 to 80
    values[0, 1] = _year(female_40=50, male_40=50)
    values[1, 1] = _year(female_40=40, male_40=40)
    # 0003: no comparable figure in 2016
    values[0, 2] = NAN
    values[1, 2] = _year(female_20=7)
    return PopulationCube(np.array([2016, 2026]), ("0001", "0002", "0003"), values)


def test_year_totals_sum_both_sexes_and_all_ages(cube):
    totals = sel.year_totals([2016, 2026], cube.municipality("0001"))
    assert totals == (sel.YearTotal(2016, 40), sel.YearTotal(2026, 55))


def test_a_blank_year_is_none_never_zero(cube):
    totals = sel.year_totals([2016, 2026], cube.municipality("0003"))
    assert totals[0].total is None
    assert totals[1].total == 7


def test_age_bands_split_by_sex_and_close_with_an_open_band(cube):
    bands = sel.age_bands(cube.municipality("0001")[1])
    by_label = {b.label: b for b in bands}
    assert by_label["30–34"].female == 20 and by_label["30–34"].male == 20
    assert by_label["85–89"].male == 5
    assert bands[-1].label == "90+" and bands[-1].high == 105
    assert sum((b.female or 0) + (b.male or 0) for b in bands) == 55


def test_elderly_counts_and_shares(cube):
    elderly = {e.label: e for e in sel.elderly_counts(cube.municipality("0001")[1])}
    assert elderly["67+"].count == 15
    assert elderly["67+"].share == pytest.approx(15 / 55)
    assert elderly["80+"].count == 5
    assert elderly["90+"].count == 0 and elderly["90+"].share == 0


def test_indicators_use_the_projection_formulas(cube):
    block = cube.municipality("0001")
    values = {i.key: i for i in sel.indicator_values(block[0], block[1])}
    assert values["aldersbaereevne"].formula == "P(20–66) / P(67+)"
    assert values["aldersbaereevne"].earlier == pytest.approx(30 / 10)
    assert values["aldersbaereevne"].latest == pytest.approx(40 / 15)
    assert values["aldersbaereevne_80"].latest == pytest.approx(40 / 5)
    assert values["aldersbaereevne_80"].earlier is None  # no one aged 80+: undefined, not infinite


def test_growth_is_relative_change_between_the_two_years(cube):
    block = cube.municipality("0002")
    assert sel.growth_between(block[0], block[1]) == pytest.approx(-0.2)


def test_growth_from_a_blank_year_is_none(cube):
    block = cube.municipality("0003")
    assert sel.growth_between(block[0], block[1]) is None


def test_area_profile_compares_with_the_year_ten_years_back(cube):
    profile = sel.municipality_profile(cube, "0001")
    assert (profile.earlier_year, profile.latest_year) == (2016, 2026)
    assert profile.latest_total == 55
    assert profile.growth == pytest.approx(55 / 40 - 1)
    assert profile.blank_years == ()


def test_area_profile_lists_blank_years(cube):
    assert sel.municipality_profile(cube, "0003").blank_years == (2016,)


def test_members_are_summed_and_a_year_is_blank_unless_all_are_known(cube):
    block = sel.members_block(cube, ["0001", "0003"])
    totals = sel.year_totals([2016, 2026], block)
    assert totals[0].total is None
    assert totals[1].total == 62


def test_municipality_changes_and_centrality_counts(cube):
    infos = [_info("0001", 1), _info("0002", 6), _info("0003", 6)]
    changes = {c.code: c for c in sel.municipality_changes(cube, infos, 2016, 2026)}
    assert changes["0001"].change == pytest.approx(0.375)
    assert changes["0002"].change == pytest.approx(-0.2)
    assert changes["0003"].change is None and changes["0003"].start is None
    rows = {r.centrality_class: r for r in sel.changes_by_centrality(list(changes.values()), infos)}
    assert (rows[1].grew, rows[1].shrank) == (1, 0)
    assert (rows[6].municipalities, rows[6].shrank, rows[6].unknown) == (2, 1, 1)
    assert rows[6].share_shrank == 1.0  # among those with comparable figures


def test_projected_sum_adds_up_whole_age_groups():
    projection = NationalProjection(
        2026,
        "MMMM",
        np.array([2026, 2027]),
        ((0, 19), (20, 44), (45, 66), (67, 79), (80, 105)),
        np.array([[1.0, 2.0, 3.0, 4.0, 5.0], [10.0, 20.0, 30.0, 40.0, 50.0]]),
    )
    assert list(sel.projected_sum(projection, 20, 66)) == [5.0, 50.0]
    assert list(sel.projected_sum(projection, 67)) == [9.0, 90.0]
    with pytest.raises(ValueError):
        sel.projected_sum(projection, 25, 66)


def test_grouped_sums_a_year_into_projection_groups(cube):
    groups = ((0, 29), (30, 66), (67, 105))
    assert list(sel.grouped(cube.municipality("0001")[1], groups)) == [0.0, 40.0, 15.0]
