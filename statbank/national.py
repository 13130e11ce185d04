"""National inputs: SSB national projections, HMD mortality, HFD fertility, care and labour figures.

Parsers are pure functions of a path; `build_national` writes `national.npz` + `national.json`
into the snapshot folder, and `load_national` reads them back, optionally only up to a year.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from projection.ages import OPEN_AGE, AgeGroup, parse_group
from projection.national import (
    NationalFertility,
    NationalInputs,
    NationalMortality,
    NationalProjection,
)
from projection.workforce import CARE_GROUPS, LABOUR_GROUPS, CareProfile, LabourProfile
from statbank.errors import StatInputError

PROJECTIONS_CSV = "ssb/projections_national_all_editions_2005-2026_by_agegroup.csv"
LIFETABLE_CSV = "hfd_hmd/norway_period_lifetable_by_sex_derived_from_hmd_mx_1846-2023.csv.gz"
ASFR_CSV = "hfd_hmd/norway_asfr_hfd_1967-2022.csv"
BIRTHS_CSV = "hfd_hmd/norway_births_by_sex_hmd_1846-2023.csv"
CARE_CSV = "ssb/care/municipal_care_users_and_nurse_fte_2024-2025_b2024.csv"
CARE_NATIONAL_CSV = "ssb/care/national_care_services_key_figures_2022-2023.csv"
EMPLOYMENT_CSV = (
    "ssb/labour/employment_rate_by_age_group_norway_telemark_2025_derived_07984_07459.csv"
)
SOURCES = (
    PROJECTIONS_CSV,
    LIFETABLE_CSV,
    ASFR_CSV,
    BIRTHS_CSV,
    CARE_CSV,
    CARE_NATIONAL_CSV,
    EMPLOYMENT_CSV,
)
MX_AGES = 111
SEX_INDEX = {"female": 0, "male": 1}

ATTRIBUTION = {
    "ssb": "Kilde: Statistisk sentralbyrå (SSB), lisens CC BY 4.0. Tallene er bearbeidet.",
    "hmd": "HMD. Human Mortality Database. Max Planck Institute for Demographic Research (Germany), "
    "University of California, Berkeley (USA), and French Institute for Demographic Studies (France). "
    "www.mortality.org",
    "hfd": "Human Fertility Database. Max Planck Institute for Demographic Research (Germany) and "
    "Vienna Institute of Demography (Austria). www.humanfertility.org",
}


def _rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a UTF-8 CSV or CSV.gz after checking the header."""
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with (
            opener(path, "rb") as raw,
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle,
        ):
            reader = csv.DictReader(handle)
            if missing := required - set(reader.fieldnames or []):
                raise StatInputError(path, f"missing column(s) {sorted(missing)}", line=1)
            yield from enumerate(reader, start=2)
    except FileNotFoundError:
        raise StatInputError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise StatInputError(path, f"not UTF-8 encoded ({exc.reason})") from None


def _number(path: Path, line: int, column: str, value: str) -> float:
    """Parse a number or raise an error naming file, line and column."""
    try:
        return float(value)
    except ValueError:
        raise StatInputError(
            path, "expected a number", line=line, dimension=column, value=value
        ) from None


def _year(path: Path, line: int, value: str) -> int:
    """Parse a year."""
    try:
        return int(value)
    except ValueError:
        raise StatInputError(
            path, "expected a year", line=line, dimension="year", value=value
        ) from None


def parse_projections(path: Path) -> tuple[NationalProjection, ...]:
    """Parse SSB's national projections (all editions) into one series per edition x alternative."""
    cells: dict[tuple[int, str], dict[tuple[int, AgeGroup], float]] = {}
    required = {"edition", "alternative", "year", "age_group", "population", "region_code"}
    for line, row in _rows(path, required):
        if row["region_code"] != "0":
            continue
        try:
            group = parse_group(row["age_group"])
        except ValueError:
            raise StatInputError(
                path, "unknown age group", line=line, dimension="age_group", value=row["age_group"]
            ) from None
        key = (_year(path, line, row["edition"]), row["alternative"].strip().upper())
        cell = (_year(path, line, row["year"]), group)
        cells.setdefault(key, {})[cell] = _number(path, line, "population", row["population"])
    if not cells:
        raise StatInputError(path, "no national rows (region_code 0)")
    return tuple(_series(path, key, values) for key, values in sorted(cells.items()))


def _series(
    path: Path, key: tuple[int, str], cells: dict[tuple[int, AgeGroup], float]
) -> NationalProjection:
    """Densify one edition x alternative into a (years, groups) array."""
    years = sorted({y for y, _ in cells})
    groups = tuple(sorted({g for _, g in cells}))
    if years != list(range(years[0], years[-1] + 1)):
        raise StatInputError(
            path,
            "projection years are not consecutive",
            dimension="year",
            value=f"{key[0]} {key[1]}",
        )
    values = np.full((len(years), len(groups)), np.nan)
    for (year, group), value in cells.items():
        values[year - years[0], groups.index(group)] = value
    if np.isnan(values).any():
        raise StatInputError(
            path, "a projection cell is missing", dimension="edition", value=f"{key[0]} {key[1]}"
        )
    _check_partition(path, groups, key)
    return NationalProjection(key[0], key[1], np.array(years, dtype=np.int64), groups, values)


def _check_partition(path: Path, groups: tuple[AgeGroup, ...], key: tuple[int, str]) -> None:
    """Check that the age groups cover 0..105+ without overlap."""
    expected_low = 0
    for low, high in groups:
        if low != expected_low:
            raise StatInputError(
                path,
                "age groups overlap or leave a gap",
                dimension="age_group",
                value=f"{key[0]} {key[1]} {low}-{high}",
            )
        expected_low = high + 1
    if expected_low <= OPEN_AGE:
        raise StatInputError(
            path,
            "age groups do not reach the open age",
            dimension="age_group",
            value=f"{key[0]} {key[1]}",
        )


def parse_mortality(path: Path) -> NationalMortality:
    """Parse death rates mx by year, sex and age 0..110+ (HMD-derived life tables)."""
    cells: dict[tuple[int, int, int], float] = {}
    for line, row in _rows(path, {"year", "sex", "age", "mx"}):
        if row["sex"] not in SEX_INDEX:
            raise StatInputError(
                path, "sex must be female or male", line=line, dimension="sex", value=row["sex"]
            )
        age = int(_number(path, line, "age", row["age"].rstrip("+")))
        if not 0 <= age < MX_AGES:
            raise StatInputError(
                path, f"age must be 0–{MX_AGES - 1}", line=line, dimension="age", value=age
            )
        key = (_year(path, line, row["year"]), SEX_INDEX[row["sex"]], age)
        cells[key] = _number(path, line, "mx", row["mx"])
    years = sorted({k[0] for k in cells})
    mx = np.full((len(years), 2, MX_AGES), np.nan)
    position = {y: i for i, y in enumerate(years)}
    for (year, sex, age), value in cells.items():
        mx[position[year], sex, age] = value
    complete = ~np.isnan(mx).any(axis=(1, 2))
    if not complete.any():
        raise StatInputError(path, "no year has death rates for both sexes and all ages")
    return NationalMortality(np.array(years, dtype=np.int64)[complete], mx[complete])


def parse_fertility(path: Path) -> NationalFertility:
    """Parse HFD ASFR (ages '12-' .. '55+') into (years, ages)."""
    cells: dict[tuple[int, int], float] = {}
    for line, row in _rows(path, {"year", "age", "asfr"}):
        age = int(_number(path, line, "age", row["age"].rstrip("+-")))
        cells[(_year(path, line, row["year"]), age)] = _number(path, line, "asfr", row["asfr"])
    years = sorted({k[0] for k in cells})
    ages = sorted({k[1] for k in cells})
    asfr = np.zeros((len(years), len(ages)))
    for (year, age), value in cells.items():
        asfr[years.index(year), ages.index(age)] = value
    return NationalFertility(np.array(years, dtype=np.int64), np.array(ages, dtype=np.int64), asfr)


def parse_births(path: Path) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Parse HMD live births by sex: (years, (years, 2) female/male)."""
    rows = [
        (
            _year(path, line, r["year"]),
            _number(path, line, "female", r["female"]),
            _number(path, line, "male", r["male"]),
        )
        for line, r in _rows(path, {"year", "female", "male"})
    ]
    rows.sort()
    return np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1:] for r in rows])


def parse_care(path: Path) -> dict[str, dict[str, dict[str, float | None]]]:
    """Parse municipal care users and nurse FTEs: {year: {code: {column: value or None}}}."""
    result: dict[str, dict[str, dict[str, float | None]]] = {}
    for line, row in _rows(path, {"year", "municipality_code"}):
        code = row["municipality_code"]
        if len(code) != 4 or not code.isdigit():
            raise StatInputError(
                path,
                "municipality codes are four digits",
                line=line,
                dimension="municipality_code",
                value=code,
            )
        values = {
            k: (_number(path, line, k, v) if v not in ("", "NA", "..") else None)
            for k, v in row.items()
            if k not in ("year", "municipality_code")
        }
        result.setdefault(str(_year(path, line, row["year"])), {})[code] = values
    return result


def parse_key_figures(path: Path) -> dict[str, dict[str, float]]:
    """Parse national care key figures: {indicator: {year: value}}."""
    result: dict[str, dict[str, float]] = {}
    for line, row in _rows(path, {"indicator", "year", "value"}):
        if row["value"] in ("", "NA"):
            continue
        result.setdefault(row["indicator"], {})[str(_year(path, line, row["year"]))] = _number(
            path, line, "value", row["value"]
        )
    return result


def parse_employment(path: Path) -> dict[str, float]:
    """Parse national employment rates by age group, both sexes: {'year': 2025, '20-24': 0.677, ...}."""
    result: dict[str, float] = {}
    for line, row in _rows(path, {"year", "sex", "age_group", "employment_rate_percent_norway"}):
        if row["sex"] == "total":
            result["year"] = float(_year(path, line, row["year"]))
            rate = _number(
                path, line, "employment_rate_percent_norway", row["employment_rate_percent_norway"]
            )
            result[row["age_group"]] = rate / 100.0
    return result


# Where the national care and labour figures come from, in bokmål (the API gives them as they are;
# the app translates them, samfunnslab/scenarios/selectors.py).
CARE_SOURCE = (
    "SSB 12292 og 11645 (brukere {year}); SSB årsverk i omsorgstjenestene {fte_year} ({fte:.0f}); "
    "nasjonale tall"
)
LABOUR_SOURCE = (
    "SSB 07984/07459 via evensrii/Telemark (sysselsatte/befolkning, 2025, tilnærmet); "
    "årsverk per sysselsatt = 1 (ikke i dataene)"
)


@dataclass(frozen=True)
class NationalData:
    """National inputs for the engine plus care and labour figures for the workforce model."""

    inputs: NationalInputs
    care: dict[str, dict[str, dict[str, float | None]]] = field(default_factory=dict)
    key_figures: dict[str, dict[str, float]] = field(default_factory=dict)
    employment: dict[str, float] = field(default_factory=dict)

    def care_profile(self) -> CareProfile | None:
        """Return national use rates (users per inhabitant) and FTE per user, with the source."""
        return self._care_profile

    @cached_property
    def _care_profile(self) -> CareProfile | None:
        """The care profile, summed over all municipalities once per (immutable) data set."""
        fte = self.key_figures.get("care_services_fte_total", {})
        if not self.care or not fte:
            return None
        year = max(self.care, key=int)
        users, population = _national_users(self.care[year])
        rates = tuple(u / p if p > 0 else 0.0 for u, p in zip(users, population, strict=True))
        fte_year = max(fte, key=int)
        total_users = sum(r * p for r, p in zip(rates, population, strict=True))
        source = CARE_SOURCE.format(year=year, fte_year=fte_year, fte=fte[fte_year])
        return CareProfile(CARE_GROUPS, rates, fte[fte_year] / total_users, int(year), source)

    def labour_profile(self) -> LabourProfile | None:
        """Return national employment rates by age group (approximate, 2025), FTE per employed 1."""
        labels = [f"{low}-{high}" for low, high in LABOUR_GROUPS]
        if not all(label in self.employment for label in labels):
            return None
        return LabourProfile(
            LABOUR_GROUPS, tuple(self.employment[x] for x in labels), 1.0, None, LABOUR_SOURCE
        )

    def local_users(self, code: str) -> tuple[float, ...] | None:
        """Return a municipality's care users per care group in the latest year, if published."""
        if not self.care:
            return None
        row = self.care[max(self.care, key=int)].get(code)
        if row is None:
            return None
        users, _ = _national_users({code: row})
        return tuple(users)


def _value(row: dict[str, float | None], key: str) -> float:
    """Return a value, 0 where suppressed (small numbers are not published)."""
    value = row.get(key)
    return float(value) if value is not None else 0.0


def _national_users(rows: dict[str, dict[str, float | None]]) -> tuple[list[float], list[float]]:
    """Sum users (home services + long-term residents) and population by care group 0-66/67-79/80+."""
    users, population = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
    for row in rows.values():
        home_young = _value(row, "home_service_users_0_66")
        home_old = _value(row, "home_service_users_80plus")
        parts = ("home_service_users_total", "home_service_users_0_66", "home_service_users_80plus")
        known = all(row.get(key) is not None for key in parts)
        total = _value(row, "home_service_users_total")
        home_mid = max(total - home_young - home_old, 0.0) if known else 0.0
        users[0] += home_young + _value(row, "longterm_institution_residents_0_66")
        users[1] += home_mid + _value(row, "longterm_institution_residents_67_79")
        users[2] += home_old + _value(row, "longterm_institution_residents_80plus")
        for i, key in enumerate(("population_0_66", "population_67_79", "population_80plus")):
            population[i] += _value(row, key)
    return users, population


def _series_key(series: NationalProjection) -> str:
    """Return the npz key stem of one projection series."""
    return f"proj_{series.edition}_{series.alternative}"


def _metadata(source_dir: Path, projections: tuple[NationalProjection, ...]) -> dict[str, Any]:
    """Return the JSON part: series metadata, care and labour figures, sources and attribution."""
    return {
        "projections": [{"edition": s.edition, "alternative": s.alternative, "groups": [list(g) for g in s.groups]}
                        for s in projections],
        "care": parse_care(source_dir / CARE_CSV),
        "key_figures": parse_key_figures(source_dir / CARE_NATIONAL_CSV),
        "employment": parse_employment(source_dir / EMPLOYMENT_CSV),
        "sources": {name: name for name in SOURCES},
        "attribution": ATTRIBUTION,
    }  # fmt: skip


def build_national(source_dir: Path, out_dir: Path) -> list[Path]:
    """Parse the national sources and write national.npz and national.json (deterministic)."""
    from statbank.snapshot import write_npz

    projections = parse_projections(source_dir / PROJECTIONS_CSV)
    mortality = parse_mortality(source_dir / LIFETABLE_CSV)
    fertility = parse_fertility(source_dir / ASFR_CSV)
    birth_years, births = parse_births(source_dir / BIRTHS_CSV)
    arrays: dict[str, npt.NDArray[np.generic]] = {
        "mx_years": mortality.years,
        "mx": mortality.mx,
        "asfr_years": fertility.years,
        "asfr_ages": fertility.ages,
        "asfr": fertility.asfr,
        "births_years": birth_years,
        "births": births,
    }
    for series in projections:
        arrays[_series_key(series) + "_years"] = series.years
        arrays[_series_key(series) + "_values"] = series.values
    meta = _metadata(source_dir, projections)
    npz_path = write_npz(out_dir / "national.npz", arrays)
    json_path = out_dir / "national.json"
    json_path.write_text(
        json.dumps(meta, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", "utf-8"
    )
    return [npz_path, json_path]


def _known_by(year: int | None) -> int:
    """Return the last year whose events are known on 1 January of `year` (events of Y: from Y+1)."""
    return 10**6 if year is None else year - 1


def _load_projections(
    archive: Any, meta: dict[str, Any], limit: int
) -> tuple[NationalProjection, ...]:
    """Return the projection series whose edition is <= limit."""
    series = []
    for item in meta["projections"]:
        if item["edition"] <= limit:
            stem = f"proj_{item['edition']}_{item['alternative']}"
            groups = tuple((int(a), int(b)) for a, b in item["groups"])
            series.append(NationalProjection(item["edition"], item["alternative"],
                                             archive[f"{stem}_years"], groups, archive[f"{stem}_values"]))  # fmt: skip
    return tuple(series)


def _load_rates(
    archive: Any, last: int
) -> tuple[NationalMortality | None, NationalFertility | None]:
    """Return death and fertility rates for years <= last (None when no year is left)."""
    keep_mx, keep_f = archive["mx_years"] <= last, archive["asfr_years"] <= last
    mortality = (
        NationalMortality(archive["mx_years"][keep_mx], archive["mx"][keep_mx])
        if keep_mx.any()
        else None
    )
    fertility = (
        NationalFertility(archive["asfr_years"][keep_f], archive["asfr_ages"], archive["asfr"][keep_f])
        if keep_f.any() else None
    )  # fmt: skip
    return mortality, fertility


def load_national(snapshot_dir: Path, *, until_year: int | None = None) -> NationalData:
    """Load national inputs as known on 1 January `until_year` (editions <= it, events before it)."""
    meta = json.loads((snapshot_dir / "national.json").read_text("utf-8"))
    last = _known_by(until_year)
    with np.load(snapshot_dir / "national.npz") as archive:
        projections = _load_projections(
            archive, meta, until_year if until_year is not None else 10**6
        )
        mortality, fertility = _load_rates(archive, last)
    key_figures = {
        k: {y: v for y, v in by_year.items() if int(y) <= last}
        for k, by_year in meta["key_figures"].items()
    }
    return NationalData(
        NationalInputs(projections, mortality, fertility, dict(meta["attribution"])),
        care={y: rows for y, rows in meta["care"].items() if int(y) <= last},
        key_figures=key_figures,
        employment=meta["employment"] if meta["employment"].get("year", 0) <= last else {},
    )
