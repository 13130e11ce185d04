"""The embedded snapshot: build it from source files, swap it in atomically, load it once per process.

Layout of `data/snapshot/` (all written by `manage.py build_snapshot`):
- population.npz      municipality × sex × age per year (keys `pop_YYYY`, `codes`, `years`)
- regions.npz         the same for the 15 counties and the nation (keys `county_YYYY`, `nation_YYYY`)
- municipalities.json the 357 municipalities with county, BA region and centrality; counties
- code_mapping.json   which code in a given year belongs to which 2024 municipality
- MANIFEST.json       source files with SHA-256 and what was built from them
Other builders (national projections and rates, boundaries) add their own files.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from statbank.classifications import (
    MunicipalityInfo,
    parse_code_mapping,
    parse_municipalities,
    read_csv_rows,
)
from statbank.cube import MAX_AGE, SEXES, PopulationCube
from statbank.errors import StatInputError

POPULATION_CSV = "ssb/population/07459_population_by_municipality_sex_age_2006-2026_b2024.csv.gz"
REGIONS_CSV = "ssb/population/07459_population_by_county_and_nation_sex_age_2006-2026_b2024.csv.gz"
MUNICIPALITIES_CSV = "ssb/classifications/municipalities_2024_counties_georegions.csv"
CENTRALITY_CSV = "ssb/classifications/centrality_index_klass128_by_municipality_2024codes.csv"
MAPPING_CSV = "ssb/classifications/municipality_code_mapping_to_2024_by_year_2006-2026.csv"

Builder = Callable[[Path, Path], list[Path]]


@dataclass(frozen=True)
class Snapshot:
    population: PopulationCube
    municipalities: tuple[MunicipalityInfo, ...]
    counties: tuple[tuple[str, str], ...]

    def info(self, code: str) -> MunicipalityInfo:
        """Return the municipality with this code, or raise KeyError."""
        for info in self.municipalities:
            if info.code == code:
                return info
        raise KeyError(f"unknown municipality code {code!r}")


# --------------------------------------------------------------------------- reading sources


def _open_text(path: Path) -> io.TextIOWrapper:
    """Open a UTF-8 CSV or CSV.gz for reading text (closing it closes the file too)."""
    raw = gzip.open(path) if path.suffix == ".gz" else path.open("rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _parse_int(path: Path, line: int, dimension: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise StatInputError(
            path, "expected a whole number", line=line, dimension=dimension, value=value
        ) from None


def _parse_count(path: Path, line: int, value: str) -> float:
    if value in ("", "NA", ".."):
        return float("nan")
    try:
        number = float(value)
    except ValueError:
        raise StatInputError(
            path, "expected a number of persons", line=line, dimension="population", value=value
        ) from None
    if number < 0 or number != int(number):
        raise StatInputError(
            path,
            "a number of persons must be a whole number ≥ 0",
            line=line,
            dimension="population",
            value=value,
        )
    return number


def _cell_key(path: Path, line: int, row: dict[str, str]) -> tuple[int, int, int]:
    year = _parse_int(path, line, "year", row["year"])
    if row["sex"] not in SEXES:
        raise StatInputError(
            path, "sex must be 'female' or 'male'", line=line, dimension="sex", value=row["sex"]
        )
    age = _parse_int(path, line, "age", row["age"])
    if not 0 <= age <= MAX_AGE:
        raise StatInputError(
            path, f"age must be 0–{MAX_AGE}", line=line, dimension="age", value=age
        )
    return year, SEXES.index(row["sex"]), age


def read_long_population(
    path: Path,
    key_column: str,
    known_codes: Iterable[str] | None = None,
) -> tuple[npt.NDArray[np.int64], tuple[str, ...], npt.NDArray[np.float64]]:
    """Read a long CSV (year, <key>, sex, age, population) into a dense (Y, R, 2, 106) array."""
    known = set(known_codes) if known_codes is not None else None
    cells: dict[tuple[int, str, int, int], float] = {}
    keys: dict[tuple[str, str, str], tuple[int, int, int]] = {}  # parsed once per distinct key
    try:
        with _open_text(path) as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            needed = ["year", key_column, "sex", "age", "population"]
            if missing := set(needed) - set(header):
                raise StatInputError(path, f"missing column(s) {sorted(missing)}", line=1)
            iy, ic, isx, ia, ip = (header.index(column) for column in needed)
            for line, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    raise StatInputError(
                        path,
                        f"expected {len(header)} fields",
                        line=line,
                        dimension="row",
                        value=",".join(row),
                    )
                raw_key = (row[iy], row[isx], row[ia])
                key = keys.get(raw_key)
                if key is None:
                    key = keys[raw_key] = _cell_key(
                        path, line, {"year": raw_key[0], "sex": raw_key[1], "age": raw_key[2]}
                    )
                code = row[ic]
                if known is not None and code not in known:
                    raise StatInputError(
                        path, "unknown region code", line=line, dimension=key_column, value=code
                    )
                value = row[ip]
                whole = value[:-2] if value.endswith(".0") else value
                count = float(whole) if whole.isdigit() else _parse_count(path, line, value)
                cell = (key[0], code, key[1], key[2])
                if cell in cells:
                    raise StatInputError(
                        path,
                        f"duplicate row for {code} {key[0]} {SEXES[key[1]]} age {key[2]} "
                        f"(an earlier row has {cells[cell]:g}); refusing to pick one",
                        line=line,
                        dimension="population",
                        value=value,
                    )
                cells[cell] = count
    except UnicodeDecodeError as exc:
        raise StatInputError(
            path,
            f"not UTF-8 encoded ({exc.reason}); save the file as UTF-8",
            dimension="encoding",
            value=exc.object[max(0, exc.start - 8) : exc.end + 8],
        ) from None
    except (OSError, EOFError) as exc:
        raise StatInputError(path, f"cannot be read ({exc})") from None
    return _densify(path, cells)


# A cell (municipality, sex, age) that grows or shrinks more than JUMP_FACTOR times from one year
# to the next, by more than JUMP_MIN_PERSONS persons, is a data error (the file is at 2024 borders,
# so mergers do not move whole municipalities): Oslo's women aged 30 go 8,000 → 8,100, not → 999,999.
JUMP_FACTOR = 3.0
JUMP_MIN_PERSONS = 500


def check_plausible_steps(
    path: Path,
    years: npt.NDArray[np.int64],
    codes: tuple[str, ...],
    values: npt.NDArray[np.float64],
) -> None:
    """Refuse implausible year-on-year jumps, naming file, line, cell and value."""
    if len(years) < 2:
        return
    before, after = values[:-1], values[1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.maximum(after, 1.0) / np.maximum(before, 1.0)
    jump = ((ratio > JUMP_FACTOR) | (ratio < 1 / JUMP_FACTOR)) & (
        np.abs(after - before) > JUMP_MIN_PERSONS
    )
    if not jump.any():
        return
    y, r, sex, age = (int(i) for i in np.argwhere(jump)[0])
    year, code = int(years[y + 1]), codes[r]
    wanted = (str(year), code, SEXES[sex], str(age))
    line = None
    with _open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        columns = [header.index(c) for c in ("year", "municipality_code", "sex", "age")]
        for number, row in enumerate(reader, start=2):
            if tuple(row[c] for c in columns) == wanted:
                line = number
                break
    raise StatInputError(
        path,
        f"implausible jump for {code} {SEXES[sex]} age {age}: {before[y, r, sex, age]:g} in "
        f"{year - 1} → {after[y, r, sex, age]:g} in {year}",
        line=line,
        dimension="population",
        value=after[y, r, sex, age],
    )


def _densify(
    path: Path,
    cells: dict[tuple[int, str, int, int], float],
) -> tuple[npt.NDArray[np.int64], tuple[str, ...], npt.NDArray[np.float64]]:
    if not cells:
        raise StatInputError(path, "no data rows")
    years = np.array(sorted({k[0] for k in cells}), dtype=np.int64)
    codes = tuple(sorted({k[1] for k in cells}))
    expected = len(years) * len(codes) * 2 * (MAX_AGE + 1)
    if len(cells) != expected:
        _raise_missing(path, years, codes, cells)
    values = np.full((len(years), len(codes), 2, MAX_AGE + 1), np.nan)
    year_pos = {int(y): i for i, y in enumerate(years)}
    code_pos = {c: i for i, c in enumerate(codes)}
    for (year, code, sex, age), value in cells.items():
        values[year_pos[year], code_pos[code], sex, age] = value
    return years, codes, values


def _raise_missing(
    path: Path,
    years: npt.NDArray[np.int64],
    codes: tuple[str, ...],
    cells: dict[tuple[int, str, int, int], float],
) -> None:
    for year in years:
        for code in codes:
            for sex in range(2):
                for age in range(MAX_AGE + 1):
                    if (int(year), code, sex, age) not in cells:
                        raise StatInputError(
                            path,
                            f"missing cell for {code} {int(year)} {SEXES[sex]}",
                            dimension="age",
                            value=age,
                        )


# --------------------------------------------------------------------------- building


def build_population(source_dir: Path, out_dir: Path) -> list[Path]:
    """Build population.npz and regions.npz from SSB table 07459 (2024 borders)."""
    municipalities = parse_municipalities(
        source_dir / MUNICIPALITIES_CSV, source_dir / CENTRALITY_CSV
    )
    known = [m.code for m in municipalities]
    years, codes, values = read_long_population(
        source_dir / POPULATION_CSV, "municipality_code", known
    )
    if set(codes) != set(known):
        raise StatInputError(
            source_dir / POPULATION_CSV,
            "municipalities differ from the classification",
            dimension="municipality_code",
            value=sorted(set(known) ^ set(codes))[:5],
        )
    check_plausible_steps(source_dir / POPULATION_CSV, years, codes, values)
    arrays: dict[str, npt.NDArray[np.generic]] = {
        "years": years,
        "codes": np.array(codes, dtype="<U4"),
    }
    for i, year in enumerate(years):
        arrays[f"pop_{int(year)}"] = values[i].astype(np.float32)
    population_path = write_npz(out_dir / "population.npz", arrays)
    return [population_path, _build_regions(source_dir, out_dir)]


def _build_regions(source_dir: Path, out_dir: Path) -> Path:
    path = source_dir / REGIONS_CSV
    rows_by_level: dict[str, list[dict[str, str]]] = {"county": [], "nation": []}
    with _open_text(path) as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row.get("level") not in rows_by_level:
                raise StatInputError(
                    path,
                    "level must be county or nation",
                    line=line,
                    dimension="level",
                    value=row.get("level"),
                )
            rows_by_level[row["level"]].append({**row, "_line": line})  # type: ignore[dict-item]
    arrays: dict[str, npt.NDArray[np.generic]] = {}
    for level, rows in rows_by_level.items():
        cells: dict[tuple[int, str, int, int], float] = {}
        for r in rows:
            cell = (int(r["year"]), r["region_code"], SEXES.index(r["sex"]), int(r["age"]))
            if cell in cells:
                raise StatInputError(
                    path,
                    f"duplicate row for {r['region_code']} {r['year']} {r['sex']} age {r['age']}",
                    line=r["_line"],  # type: ignore[arg-type]
                    dimension="population",
                    value=r["population"],
                )
            cells[cell] = float(r["population"])
        years, codes, values = _densify(path, cells)
        arrays[f"{level}_codes"] = np.array(codes)
        arrays["years"] = years
        for i, year in enumerate(years):
            arrays[f"{level}_{int(year)}"] = values[i].astype(np.float32)
    return write_npz(out_dir / "regions.npz", arrays)


def build_classifications(source_dir: Path, out_dir: Path) -> list[Path]:
    """Build municipalities.json and code_mapping.json."""
    municipalities = parse_municipalities(
        source_dir / MUNICIPALITIES_CSV, source_dir / CENTRALITY_CSV
    )
    counties = read_csv_rows(source_dir / COUNTIES_CSV, {"county_code", "county_name"})
    out = out_dir / "municipalities.json"
    payload = {
        "municipalities": [m.as_dict() for m in municipalities],
        "counties": [[c["county_code"], c["county_name"]] for c in counties],
    }
    out.write_text(
        json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8"
    )
    mapping: dict[str, dict[str, list[list[object]]]] = {}
    for year, old, new, weight in parse_code_mapping(source_dir / MAPPING_CSV):
        mapping.setdefault(str(year), {}).setdefault(old, []).append([new, weight])
    mapping_path = out_dir / "code_mapping.json"
    mapping_path.write_text(
        json.dumps(mapping, sort_keys=True, separators=(",", ":")) + "\n", "utf-8"
    )
    return [out, mapping_path]


def write_npz(path: Path, arrays: dict[str, npt.NDArray[np.generic]]) -> Path:
    """Write arrays as a compressed .npz with fixed timestamps, so rebuilds are byte-identical."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as handle:
                np.lib.format.write_array(handle, np.asarray(arrays[name]), allow_pickle=False)
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


COUNTIES_CSV = "ssb/classifications/counties_2024.csv"
SOURCES = (
    POPULATION_CSV,
    REGIONS_CSV,
    MUNICIPALITIES_CSV,
    CENTRALITY_CSV,
    MAPPING_CSV,
    COUNTIES_CSV,
)


def build_snapshot(source_dir: Path, out_dir: Path, builders: Iterable[Builder]) -> list[Path]:
    """Run every builder into a fresh folder, then swap it in; the old snapshot stays until then."""
    builders = list(builders)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=out_dir.parent))
    staging.chmod(0o755)
    try:
        written: list[Path] = []
        for builder in builders:
            written.extend(builder(source_dir, staging))
        _write_manifest(source_dir, staging, written, _sources(builders))
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _clear_caches()
    return [out_dir / p.name for p in written]


def _sources(builders: Iterable[Builder]) -> list[str]:
    """Collect the source files named by each builder's module (its `SOURCES` tuple)."""
    found: list[str] = []
    for builder in builders:
        module = sys.modules.get(getattr(builder, "__module__", ""))
        for source in getattr(module, "SOURCES", ()):
            if source not in found:
                found.append(source)
    return found


def _clear_caches() -> None:
    """Forget cached snapshot readers in this process, so the next read sees the new files."""
    _load_snapshot_cached.cache_clear()
    _load_population_cached.cache_clear()
    for name in ("statbank.geo", "statbank.reforms", "statbank.national"):
        module = sys.modules.get(name)
        for attr in ("_load_geo_cached", "_mapping", "load_national"):
            clear = getattr(getattr(module, attr, None), "cache_clear", None)
            if callable(clear):
                clear()


def _write_manifest(
    source_dir: Path, staging: Path, written: list[Path], sources: Iterable[str] = SOURCES
) -> None:
    manifest = {
        "sources": {s: _sha256(source_dir / s) for s in sources if (source_dir / s).exists()},
        "files": sorted(p.name for p in written),
        "licence": "CC BY 4.0 (SSB, Kartverket, HMD, HFD); see docs/data.md",
    }
    (staging / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace out_dir by staging with two renames; on failure the old folder is put back."""
    old = out_dir.with_name(out_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    try:
        staging.rename(out_dir)
    except BaseException:
        if old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- loading


def load_population(snapshot_dir: Path, *, until_year: int | None = None) -> PopulationCube:
    """Load the population cube; with `until_year`, later years are never read from disk."""
    directory = Path(snapshot_dir)
    if until_year is None:
        return _load_population_cached(directory)
    return _read_population(directory, until_year)


@lru_cache(maxsize=4)
def _load_population_cached(directory: Path) -> PopulationCube:
    return _read_population(directory, None)


def _read_population(directory: Path, until_year: int | None) -> PopulationCube:
    path = directory / "population.npz"
    if not path.exists():
        raise StatInputError(
            path, "the snapshot has not been built (run `manage.py build_snapshot`)"
        )
    with np.load(path) as archive:
        all_years = archive["years"]
        years = all_years if until_year is None else all_years[all_years <= until_year]
        if years.size == 0:
            raise StatInputError(
                path, "no population data up to that year", dimension="year", value=until_year
            )
        codes = tuple(str(c) for c in archive["codes"])
        values = np.stack([archive[f"pop_{int(y)}"].astype(np.float64) for y in years])
    values.setflags(write=False)
    return PopulationCube(years=years.astype(np.int64), codes=codes, values=values)


def load_regions(snapshot_dir: Path) -> dict[str, npt.NDArray[np.generic]]:
    """Load county and nation arrays (keys: years, county_codes, county_YYYY, nation_YYYY)."""
    path = Path(snapshot_dir) / "regions.npz"
    with np.load(path) as archive:
        return {key: archive[key] for key in archive.files}


def load_snapshot(snapshot_dir: Path) -> Snapshot:
    """Load the population cube and the classifications (cached per process and directory)."""
    return _load_snapshot_cached(Path(snapshot_dir))


@lru_cache(maxsize=4)
def _load_snapshot_cached(directory: Path) -> Snapshot:
    payload = json.loads((directory / "municipalities.json").read_text("utf-8"))
    municipalities = tuple(MunicipalityInfo(**m) for m in payload["municipalities"])
    counties = tuple((c[0], c[1]) for c in payload["counties"])
    return Snapshot(
        population=load_population(directory), municipalities=municipalities, counties=counties
    )


def load_code_mapping(snapshot_dir: Path) -> dict[str, dict[str, list[list[object]]]]:
    """Load {year: {code_in_year: [[code_2024, weight], ...]}}."""
    path = Path(snapshot_dir) / "code_mapping.json"
    result: dict[str, dict[str, list[list[object]]]] = json.loads(path.read_text("utf-8"))
    return result
