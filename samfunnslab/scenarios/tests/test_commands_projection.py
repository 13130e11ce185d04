"""The `project` and `backtest_report` commands on a small synthetic snapshot."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command

from samfunnslab.core import statistics
from statbank import snapshot
from statbank.national import (
    ASFR_CSV,
    BIRTHS_CSV,
    CARE_CSV,
    CARE_NATIONAL_CSV,
    EMPLOYMENT_CSV,
    LIFETABLE_CSV,
    PROJECTIONS_CSV,
    build_national,
)  # fmt: skip

CODES = ("0301", "1101", "1103", "5055")
YEARS = np.arange(2010, 2022)
GROUPS = ["0 år", "1-19 år", "20-44 år", "45-66 år", "67-89 år", "90 år eller eldre"]


def population(scale_after: int | None = None) -> np.ndarray:
    """Return stocks (years, 4, 2, 106); 5055 is blank before 2020 (a split municipality)."""
    rng = np.random.default_rng(3)
    base = np.linspace(300.0, 5.0, 106)[None, None, :] * rng.uniform(0.5, 2.0, size=(4, 2, 106))
    values = np.stack([np.round(base * (1.0 + 0.01 * k)) for k in range(len(YEARS))])
    values[YEARS < 2020, 3] = np.nan
    if scale_after is not None:
        values[scale_after < YEARS] *= 7.0
    return values


def write_snapshot(directory: Path, values: np.ndarray, tamper: float = 1.0) -> Path:
    """Write population.npz, municipalities.json and the national files into `directory`."""
    directory.mkdir(parents=True)
    arrays: dict[str, Any] = {"years": YEARS, "codes": np.array(CODES, dtype="<U4")}
    arrays.update({f"pop_{y}": values[i].astype(np.float32) for i, y in enumerate(YEARS)})
    snapshot.write_npz(directory / "population.npz", arrays)
    infos = [{"code": c, "name": f"Kommune {c}", "county_code": c[:2], "county_name": "", "ba_region_code": "1",
              "ba_region_name": "", "centrality_class": 1 + i, "centrality_index": 900 - i}
             for i, c in enumerate(CODES)]  # fmt: skip
    (directory / "municipalities.json").write_text(
        json.dumps({"municipalities": infos, "counties": []})
    )
    build_national(write_sources(directory.parent / f"src-{directory.name}", tamper), directory)
    return directory


def write_sources(root: Path, tamper: float) -> Path:
    """Write minimal national sources; `tamper` scales the 2018 edition and death rates from 2016."""
    rows = ["edition,ssb_table,region_code,alternative,year,age_group,population"]
    for edition in (2014, 2016, 2018):
        scale = tamper if edition == 2018 else 1.0
        rows += [f"{edition},x,0,MMMM,{y},{g},{scale * 1000 * (1 + 0.01 * i) ** (y - edition):.3f}"
                 for y in range(edition, 2031) for i, g in enumerate(GROUPS)]  # fmt: skip
    for path in (PROJECTIONS_CSV, LIFETABLE_CSV, CARE_CSV, EMPLOYMENT_CSV):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / PROJECTIONS_CSV).write_text("\n".join(rows) + "\n")
    life = ["year,sex,age,mx"] + [f"{y},{s},{a},{0.0001 * np.exp(0.08 * a) * (tamper if y >= 2016 else 1.0):.6f}"
                                  for y in range(2005, 2021) for s in ("female", "male") for a in range(111)]  # fmt: skip
    with gzip.open(root / LIFETABLE_CSV, "wt") as handle:
        handle.write("\n".join(life) + "\n")
    (root / ASFR_CSV).write_text(
        "year,age,asfr\n"
        + "".join(f"{y},{a},0.06\n" for y in range(2005, 2021) for a in range(15, 50))
    )
    (root / BIRTHS_CSV).write_text("year,female,male,total\n2015,100,105,205\n")
    (root / CARE_CSV).write_text("year,municipality_code\n2020,0301\n")
    (root / CARE_NATIONAL_CSV).write_text("indicator,unit,year,value,note,source\n")
    (root / EMPLOYMENT_CSV).write_text("year,sex,age_group,employment_rate_percent_norway\n")
    return root


def run_project(snapshot_dir: Path, out: Path, *args: str) -> tuple[str, str]:
    """Run `project` into `out`; return (CSV text, stderr)."""
    err = io.StringIO()
    call_command("project", "--out", str(out), "--snapshot-dir", str(snapshot_dir), *args,
                 stdout=io.StringIO(), stderr=err)  # fmt: skip
    return out.read_text("utf-8"), err.getvalue()


def test_project_writes_long_format_for_every_year_sex_and_age(tmp_path: Path) -> None:
    snap = write_snapshot(tmp_path / "snap", population())
    text, _ = run_project(snap, tmp_path / "out.csv", "--base-year", "2016", "--until", "2021")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["municipality_code", "year", "sex", "age", "population"]
    assert len(rows) == 3 * 6 * 2 * 106
    assert {r["year"] for r in rows} == {str(y) for y in range(2016, 2022)}
    first = [r for r in rows if r["municipality_code"] == "0301" and r["year"] == "2016"]
    assert [float(r["population"]) for r in first[:3]] == population()[6, 0, 0, :3].tolist()


def test_municipalities_without_a_base_year_figure_are_listed_on_stderr_and_left_out(
    tmp_path: Path,
) -> None:
    snap = write_snapshot(tmp_path / "snap", population())
    text, err = run_project(snap, tmp_path / "out.csv", "--base-year", "2016", "--until", "2018")
    assert "5055" in err and "5055" not in text


def test_project_reads_no_population_after_the_base_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snap = write_snapshot(tmp_path / "snap", population())
    calls: list[int | None] = []
    real = statistics.population_at

    def spy(directory: Path, *, until_year: int | None = None) -> Any:
        calls.append(until_year)
        return real(directory, until_year=until_year)

    monkeypatch.setattr(statistics, "population_at", spy)
    run_project(snap, tmp_path / "out.csv", "--base-year", "2016", "--until", "2020")
    assert calls == [2016]


def test_later_data_and_later_editions_do_not_change_the_projection(tmp_path: Path) -> None:
    plain = write_snapshot(tmp_path / "plain", population())
    tampered = write_snapshot(tmp_path / "tampered", population(scale_after=2016), tamper=5.0)
    first, _ = run_project(plain, tmp_path / "a.csv", "--base-year", "2016", "--until", "2021")
    second, _ = run_project(tampered, tmp_path / "b.csv", "--base-year", "2016", "--until", "2021")
    assert first == second


def test_the_edition_published_in_the_base_year_is_used_for_alignment(tmp_path: Path) -> None:
    snap = write_snapshot(tmp_path / "snap", population())
    out = io.StringIO()
    call_command("project", "--base-year", "2017", "--until", "2019", "--out", str(tmp_path / "o.csv"),
                 "--snapshot-dir", str(snap), stdout=out, stderr=io.StringIO())  # fmt: skip
    assert "SSB 2016 MMMM" in out.getvalue()


def test_backtest_report_writes_mape_tables_and_lists_excluded_municipalities(
    tmp_path: Path,
) -> None:
    snap = write_snapshot(tmp_path / "snap", population())
    target = tmp_path / "docs" / "backtest.md"
    call_command("backtest_report", "--out", str(target), "--snapshot-dir", str(snap), "--no-variants",
                 "--pairs", "2011:2016,2016:2021", stdout=io.StringIO())  # fmt: skip
    report = target.read_text("utf-8")
    assert "### 2011 → 2016" in report and "### 2016 → 2021" in report
    assert "| Total |" in report and "| 90+ |" in report
    assert "5055 Kommune 5055" in report


def test_backtest_report_says_when_it_leaves_out_the_2050_comparison(tmp_path: Path) -> None:
    snap = write_snapshot(tmp_path / "snap", population())
    errors = io.StringIO()
    call_command("backtest_report", "--snapshot-dir", str(snap), "--no-variants",
                 "--pairs", "2011:2016", "--reference-dir", str(tmp_path / "none"),
                 stdout=io.StringIO(), stderr=errors)  # fmt: skip
    assert "not found: the report leaves out the 2050 comparison" in errors.getvalue()


def test_backtest_report_derives_the_interval_table_from_the_back_tests(tmp_path: Path) -> None:
    snap = write_snapshot(tmp_path / "snap", population())
    tables = [tmp_path / "a.json", tmp_path / "b.json"]
    for table in tables:
        call_command("backtest_report", "--snapshot-dir", str(snap), "--no-variants",
                     "--pairs", "2011:2016,2016:2021", "--intervals-out", str(table),
                     stdout=io.StringIO())  # fmt: skip
    assert tables[0].read_bytes() == tables[1].read_bytes()  # the same back-tests, the same bytes
    payload = json.loads(tables[0].read_text("utf-8"))
    total = [r for r in payload["intervals"] if r["group"] == "Total"]
    assert [r["horizon"] for r in total] == [5]  # both five-year back-tests pooled in one cell
    assert total[0]["municipalities"] == 6  # 3 + 3: 5055 has no figure before 2020
    assert total[0]["coverage"] == 0.8 and total[0]["within_percent"] > 0


def test_evaluate_gives_hand_computed_mape_per_class() -> None:
    from projection import Projection
    from samfunnslab.scenarios.backtest import evaluate

    observed = np.zeros((3, 2, 106))
    observed[:, 0, 30] = [100.0, 200.0, 50.0]
    observed[:, 0, 0] = [10.0, 0.0, 5.0]
    estimate = observed.copy()
    estimate[:, 0, 30] = [110.0, 180.0, 50.0]
    values = np.stack([observed, estimate])
    result = Projection(np.array([2020, 2030]), ("0001", "0002", "0003"), values,
                        np.array([True, True, True]), "test")  # fmt: skip
    report = evaluate(result, observed, observed, [1, 1, 2])
    assert report.mape["Total"]["All"] == pytest.approx((1000 / 110 + 2000 / 200 + 0) / 3)
    assert report.mape["Total"]["1"] == pytest.approx((1000 / 110 + 2000 / 200) / 2)
    assert report.mape["0"]["All"] == pytest.approx(0.0)
    assert np.isnan(report.mape["Total"]["3"])
    assert report.zero_observed["0"] == 1
    assert report.naive_total["All"] == 0.0


def test_the_variant_table_has_one_row_per_variant(tmp_path: Path) -> None:
    from samfunnslab.scenarios.backtest import compare_variants, variants

    snap = write_snapshot(tmp_path / "snap", population())
    table = compare_variants(snap, variants()[:2], [(2016, 2021)])
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert table.startswith("#### 2016 → 2021")
    assert len(rows) == 3  # header and one row per variant
    assert rows[1].startswith("| Default") and rows[2].startswith("| Previous default")
