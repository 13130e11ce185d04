"""Parsers, build and load of the national inputs (tiny fixture files written per test)."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from projection.national import NationalInputs
from statbank import national as nat
from statbank.errors import StatInputError

GROUPS_OLD = ["0 år", "1-19 år", "20-66 år", "67-89 år", "90 år eller eldre"]
GROUPS_NEW = ["0 år", "1-19 år", "20-44 år", "45-66 år", "67-89 år", "90 år eller eldre"]


def projection_csv(path: Path, rows: list[tuple[int, str, int, str, float]]) -> Path:
    """Write a projections file with (edition, alternative, year, group, population) rows."""
    lines = ["edition,ssb_table,region_code,alternative,year,age_group,population"]
    lines += [f"{e},11168,0,{a},{y},{g},{v}" for e, a, y, g, v in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def series_rows(
    edition: int, alternative: str, years: range, groups: list[str]
) -> list[tuple[int, str, int, str, float]]:
    """Return rows where population = 1000 * group index + year offset."""
    return [
        (edition, alternative, y, g, 1000.0 * i + (y - years[0]))
        for y in years
        for i, g in enumerate(groups)
    ]


def write_sources(root: Path) -> Path:
    """Write a complete minimal source folder for build_national."""
    rows = series_rows(2014, "MMMM", range(2014, 2020), GROUPS_NEW)
    rows += series_rows(2016, "MMMM", range(2016, 2020), GROUPS_NEW)
    rows += series_rows(2016, "LLML", range(2016, 2020), GROUPS_NEW)
    projection_csv(root / nat.PROJECTIONS_CSV, rows)
    life = ["year,sex,age,mx,qx,ax,lx,dx,Lx,Tx,ex"]
    life += [f"{y},{s},{a},{0.001 * (a + 1) * (1.1 if s == 'male' else 1.0)},0,0,0,0,0,0,0"
             for y in range(2012, 2018) for s in ("female", "male") for a in range(111)]  # fmt: skip
    (root / nat.LIFETABLE_CSV).parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(root / nat.LIFETABLE_CSV, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(life) + "\n")
    asfr = ["year,age,asfr"] + [
        f"{y},{a},0.05" for y in range(2012, 2018) for a in ["12-", *map(str, range(13, 55)), "55+"]
    ]
    (root / nat.ASFR_CSV).write_text("\n".join(asfr) + "\n", "utf-8")
    (root / nat.BIRTHS_CSV).write_text(
        "year,female,male,total\n2015,100,105,205\n2016,90,95,185\n", "utf-8"
    )
    care = (
        "year,municipality_code,population_0_66,population_67_79,population_80plus,population_total,"
        "home_service_users_total,home_service_users_0_66,home_service_users_80plus,"
        "residents_housing_24h_staff_total,longterm_institution_residents_total,"
        "longterm_institution_residents_0_66,longterm_institution_residents_67_79,"
        "longterm_institution_residents_80plus,home_health_avg_weekly_hours_per_user,nurse_fte_care_services\n"
        "2016,0001,1000,100,50,1150,60,20,30,5,12,,2,10,3.0,20\n"
        "2016,0002,3000,300,150,3450,,,,,,,,,,\n"
    )
    (root / nat.CARE_CSV).parent.mkdir(parents=True, exist_ok=True)
    (root / nat.CARE_CSV).write_text(care, "utf-8")
    (root / nat.CARE_NATIONAL_CSV).write_text(
        "indicator,unit,year,value,note,source\ncare_services_fte_total,FTE,2016,62.0,,x\n", "utf-8"
    )
    (root / nat.EMPLOYMENT_CSV).parent.mkdir(parents=True, exist_ok=True)
    (root / nat.EMPLOYMENT_CSV).write_text(
        "year,sex,age_group,employment_rate_percent_norway,employment_rate_percent_telemark\n"
        + "".join(
            f"2016,total,{g},80.0,70.0\n" for g in ("20-24", "25-39", "40-54", "55-66", "67-74")
        ),
        "utf-8",
    )
    return root


def test_projection_series_are_split_by_edition_and_alternative(tmp_path: Path) -> None:
    path = projection_csv(tmp_path / "p.csv", series_rows(2012, "MMMM", range(2012, 2015), GROUPS_OLD)
                          + series_rows(2016, "HHMH", range(2016, 2018), GROUPS_NEW))  # fmt: skip
    series = nat.parse_projections(path)
    assert [(s.edition, s.alternative) for s in series] == [(2012, "MMMM"), (2016, "HHMH")]
    assert series[0].groups == ((0, 0), (1, 19), (20, 66), (67, 89), (90, 105))
    assert series[1].groups[2:4] == ((20, 44), (45, 66))
    assert series[0].values[2].tolist() == [2.0, 1002.0, 2002.0, 3002.0, 4002.0]


def test_growth_from_the_base_year_divides_by_the_base_values(tmp_path: Path) -> None:
    path = projection_csv(
        tmp_path / "p.csv", series_rows(2012, "MMMM", range(2012, 2015), GROUPS_OLD)
    )
    growth = nat.parse_projections(path)[0].growth_from(2013)
    assert growth[0, 1] == pytest.approx(1002.0 / 1001.0)


def test_a_gap_in_the_age_groups_is_reported_with_the_edition(tmp_path: Path) -> None:
    rows = series_rows(2012, "MMMM", range(2012, 2014), GROUPS_OLD[:2] + GROUPS_OLD[3:])
    with pytest.raises(StatInputError, match="gap"):
        nat.parse_projections(projection_csv(tmp_path / "p.csv", rows))


def test_a_missing_column_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("edition,year\n2012,2012\n", "utf-8")
    with pytest.raises(StatInputError, match="bad.csv.*missing column"):
        nat.parse_projections(path)


def test_a_non_number_names_line_and_column(tmp_path: Path) -> None:
    path = projection_csv(tmp_path / "p.csv", [(2012, "MMMM", 2012, "0 år", 1.0)])
    path.write_text(path.read_text("utf-8").replace(",1.0", ",many"), "utf-8")
    with pytest.raises(StatInputError, match="line 2.*population"):
        nat.parse_projections(path)


def test_mortality_and_fertility_parse_open_age_labels(tmp_path: Path) -> None:
    root = write_sources(tmp_path)
    mortality = nat.parse_mortality(root / nat.LIFETABLE_CSV)
    fertility = nat.parse_fertility(root / nat.ASFR_CSV)
    assert mortality.mx.shape == (6, 2, 111)
    assert mortality.mx[0, 1, 0] == pytest.approx(0.0011)
    assert fertility.ages[0] == 12 and fertility.ages[-1] == 55


def test_national_care_rates_sum_home_services_and_institution_residents(tmp_path: Path) -> None:
    root = write_sources(tmp_path)
    data = nat.NationalData(
        NationalInputs(), care=nat.parse_care(root / nat.CARE_CSV),
        key_figures=nat.parse_key_figures(root / nat.CARE_NATIONAL_CSV),
    )  # fmt: skip
    profile = data.care_profile()
    assert profile is not None
    assert profile.use_rates == pytest.approx((20 / 4000, (10 + 2) / 400, (30 + 10) / 200))
    assert profile.fte_per_user == pytest.approx(62.0 / (20 + 12 + 40))
    assert data.local_users("0001") == (20.0, 12.0, 40.0)
    assert data.care_profile() is profile  # summed once: every scenario change asks for it


def test_building_twice_gives_identical_files(tmp_path: Path) -> None:
    root = write_sources(tmp_path / "src")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = nat.build_national(root, tmp_path / "a")
    second = nat.build_national(root, tmp_path / "b")
    assert [p.name for p in first] == ["national.npz", "national.json"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_loading_until_a_year_hides_later_editions_and_events(tmp_path: Path) -> None:
    root = write_sources(tmp_path / "src")
    out = tmp_path / "out"
    out.mkdir()
    nat.build_national(root, out)
    data = nat.load_national(out, until_year=2015)
    assert {(p.edition, p.alternative) for p in data.inputs.projections} == {(2014, "MMMM")}
    assert data.inputs.mortality is not None and data.inputs.mortality.years.max() == 2014
    assert data.inputs.fertility is not None and data.inputs.fertility.years.max() == 2014
    assert data.care == {} and data.labour_profile() is None


def test_loading_everything_gives_the_newest_series_and_a_labour_profile(tmp_path: Path) -> None:
    root = write_sources(tmp_path / "src")
    out = tmp_path / "out"
    out.mkdir()
    nat.build_national(root, out)
    data = nat.load_national(out)
    series = data.inputs.series("MMMM", 2017)
    assert series is not None and series.edition == 2016
    labour = data.labour_profile()
    assert labour is not None and labour.employment_rates == (0.8, 0.8, 0.8, 0.8)


SHARED = Path(
    os.environ.get("SHARED_DATA_DIR", Path(__file__).resolve().parents[3] / "shared" / "data")
)


@pytest.mark.skipif(not (SHARED / nat.PROJECTIONS_CSV).exists(), reason="shared data not present")
def test_the_real_projection_file_has_three_alternatives_per_edition() -> None:
    series = nat.parse_projections(SHARED / nat.PROJECTIONS_CSV)
    editions = {s.edition for s in series}
    assert len(series) == 3 * len(editions)
    assert all(s.groups[-1] == (90, 105) for s in series)


@pytest.mark.skipif(not (SHARED / nat.CARE_CSV).exists(), reason="shared data not present")
def test_the_real_care_file_sums_to_the_checks_in_provenance() -> None:
    rows = nat.parse_care(SHARED / nat.CARE_CSV)["2024"]
    total = sum(r["home_service_users_total"] or 0 for r in rows.values())
    old = sum(r["home_service_users_80plus"] or 0 for r in rows.values())
    assert (len(rows), total, old) == (357, 218701, 70059)
