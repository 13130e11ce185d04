"""Building the snapshot: atomic swap, named errors for bad input, byte-identical rebuilds."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from statbank import snapshot
from statbank.errors import StatInputError

CODES = ("0301", "1106")
YEARS = (2023, 2024)


def population_rows(codes: tuple[str, ...] = CODES, years: tuple[int, ...] = YEARS) -> list[str]:
    """Complete municipality × sex × age rows; the value encodes the cell."""
    return [
        f"{year},{code},{sex},{age},{age + 1000 * codes.index(code) + year - 2000}"
        for year in years
        for code in codes
        for sex in ("female", "male")
        for age in range(106)
    ]


def write_gz(path: Path, header: str, rows: list[str], encoding: str = "utf-8") -> Path:
    """Write a gzip CSV."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(("\n".join([header, *rows]) + "\n").encode(encoding), mtime=0))
    return path


def write_sources(root: Path, rows: list[str] | None = None) -> Path:
    """A minimal but complete source folder with two municipalities (Oslo and Haugesund)."""
    classes = root / "ssb/classifications"
    classes.mkdir(parents=True, exist_ok=True)
    (classes / "municipalities_2024_counties_georegions.csv").write_text(
        "municipality_code,municipality_name,county_code,county_name,georegion_code,"
        "georegion_name,ba_region_code,ba_region_name\n"
        "0301,Oslo-Oslove,03,Oslo-Oslove,5,Østlandet,5,Oslo/Bærum\n"
        "1106,Haugesund,11,Rogaland,3,Vestlandet,53,Haugesund\n",
        "utf-8",
    )
    (classes / "centrality_index_klass128_by_municipality_2024codes.csv").write_text(
        "municipality_code,municipality_name,centrality_class,centrality_class_label,"
        "centrality_index\n0301,Oslo,1,x,1000\n1106,Haugesund,3,x,826\n",
        "utf-8",
    )
    (classes / "counties_2024.csv").write_text(
        "county_code,county_name\n03,Oslo-Oslove\n11,Rogaland\n", "utf-8"
    )
    (classes / "municipality_code_mapping_to_2024_by_year_2006-2026.csv").write_text(
        "year,code_in_year,municipality_code_2024,weight\n"
        "2023,0301,0301,1.0\n2023,1106,1106,1.0\n2024,0301,0301,1.0\n2024,1106,1106,1.0\n",
        "utf-8",
    )
    write_gz(
        root / snapshot.POPULATION_CSV,
        "year,municipality_code,sex,age,population",
        population_rows() if rows is None else rows,
    )
    region_rows = [
        f"{year},{level},{code},{sex},{age},{age}"
        for year in YEARS
        for level, code in (("county", "03"), ("county", "11"), ("nation", "0"))
        for sex in ("female", "male")
        for age in range(106)
    ]
    write_gz(root / snapshot.REGIONS_CSV, "year,level,region_code,sex,age,population", region_rows)
    return root


BUILDERS = [snapshot.build_population, snapshot.build_classifications]


def files(folder: Path) -> dict[str, bytes]:
    """Every file in a folder, by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_build_writes_the_cube_and_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "snapshot"
    snapshot.build_snapshot(write_sources(tmp_path / "src"), out, BUILDERS)
    assert sorted(files(out)) == [
        "MANIFEST.json",
        "code_mapping.json",
        "municipalities.json",
        "population.npz",
        "regions.npz",
    ]
    cube = snapshot.load_population(out, until_year=2024)
    assert cube.codes == CODES
    assert cube.municipality("1106")[1, 0, 7] == 7 + 1000 + 24
    assert snapshot.POPULATION_CSV in (out / "MANIFEST.json").read_text()


def test_rebuilding_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    source = write_sources(tmp_path / "src")
    snapshot.build_snapshot(source, tmp_path / "a", BUILDERS)
    snapshot.build_snapshot(source, tmp_path / "b", BUILDERS)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_a_builder_that_fails_halfway_leaves_the_snapshot_in_force_byte_identical(
    tmp_path: Path,
) -> None:
    source = write_sources(tmp_path / "src")
    out = tmp_path / "snapshot"
    snapshot.build_snapshot(source, out, BUILDERS)
    before = files(out)

    def fails_halfway(source_dir: Path, out_dir: Path) -> list[Path]:
        (out_dir / "population.npz").write_bytes(b"half-written")
        raise StatInputError(source_dir / "x.csv", "broken on purpose", dimension="age", value=7)

    write_sources(tmp_path / "src", population_rows(years=(2024,)))  # the source changed
    with pytest.raises(StatInputError, match="broken on purpose"):
        snapshot.build_snapshot(source, out, [snapshot.build_population, fails_halfway])
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snapshot", "src"]  # no staging left


def test_an_interrupted_build_leaves_the_snapshot_in_force(tmp_path: Path) -> None:
    source = write_sources(tmp_path / "src")
    out = tmp_path / "snapshot"
    snapshot.build_snapshot(source, out, BUILDERS)
    before = files(out)

    def interrupted(source_dir: Path, out_dir: Path) -> list[Path]:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        snapshot.build_snapshot(source, out, [*BUILDERS, interrupted])
    assert files(out) == before


def bad_population(tmp_path: Path, rows: list[str], encoding: str = "utf-8") -> StatInputError:
    """Build from a population file with these rows and return the error."""
    source = write_sources(tmp_path / "src")
    write_gz(
        source / snapshot.POPULATION_CSV,
        "year,municipality_code,sex,age,population",
        rows,
        encoding,
    )
    with pytest.raises(StatInputError) as caught:
        snapshot.build_snapshot(source, tmp_path / "out", BUILDERS)
    assert caught.value.path == str(source / snapshot.POPULATION_CSV)
    assert not (tmp_path / "out").exists()
    return caught.value


def test_an_unknown_municipality_code_names_the_file_dimension_and_value(tmp_path: Path) -> None:
    rows = population_rows()
    rows[5] = rows[5].replace(",0301,", ",0302,")
    error = bad_population(tmp_path, rows)
    assert error.dimension == "municipality_code" and error.value == "0302"
    assert error.line == 7
    assert "07459_population_by_municipality" in str(error) and "'0302'" in str(error)


def test_missing_ages_name_the_municipality_and_the_age(tmp_path: Path) -> None:
    rows = [r for r in population_rows() if not r.startswith("2024,1106,male,42,")]
    error = bad_population(tmp_path, rows)
    assert error.dimension == "age" and error.value == 42
    assert "1106 2024 male" in str(error)


def test_a_value_that_is_not_a_number_names_the_line_and_value(tmp_path: Path) -> None:
    rows = population_rows()
    rows[10] = rows[10].rsplit(",", 1)[0] + ",12O"
    error = bad_population(tmp_path, rows)
    assert error.dimension == "population" and error.value == "12O" and error.line == 12


def test_a_wrong_encoding_is_named(tmp_path: Path) -> None:
    rows = population_rows()
    rows[3] = rows[3].replace("female", "kvinne-ø")
    error = bad_population(tmp_path, rows, encoding="iso-8859-1")
    assert error.dimension == "encoding" and b"\xf8" in error.value  # type: ignore[operator]
    assert "not UTF-8" in str(error)


def test_the_committed_snapshot_is_reproducible_from_the_shared_data(
    shared: Path, snapshot_dir: Path, tmp_path: Path
) -> None:
    snapshot.build_snapshot(shared, tmp_path / "snap", BUILDERS)
    for name in ("population.npz", "regions.npz", "municipalities.json", "code_mapping.json"):
        assert (tmp_path / "snap" / name).read_bytes() == (snapshot_dir / name).read_bytes(), name


def test_blank_split_cells_stay_blank_never_zero(snapshot_dir: Path) -> None:
    cube = snapshot.load_population(snapshot_dir)
    haram = cube.municipality("1580")
    assert np.isnan(haram[cube.year_index(2023)]).all()
    assert haram[cube.year_index(2024)].sum() == 9_357
    assert np.isnan(cube.values).sum() == 22_472


def test_load_population_until_a_year_never_shows_later_years(snapshot_dir: Path) -> None:
    cube = snapshot.load_population(snapshot_dir, until_year=2015)
    assert int(cube.years[-1]) == 2015
    with pytest.raises(StatInputError) as caught:
        snapshot.load_population(snapshot_dir, until_year=1990)
    assert caught.value.dimension == "year"


def test_two_spellings_of_one_snapshot_folder_share_one_copy_in_memory(
    snapshot_dir: Path,
) -> None:
    assert snapshot.load_snapshot(snapshot_dir) is snapshot.load_snapshot(Path(str(snapshot_dir)))


def test_the_loaders_have_no_default_folder() -> None:
    with pytest.raises(TypeError):
        snapshot.load_snapshot()  # type: ignore[call-arg]


def test_the_manifest_names_every_file_the_builders_read() -> None:
    from statbank import geo, national

    builders = [snapshot.build_population, geo.build_geo, national.build_national]
    sources = snapshot._sources(builders)
    for name in (
        snapshot.POPULATION_CSV,
        snapshot.COUNTIES_CSV,
        geo.MUNICIPALITIES_TOPOJSON,
        geo.COUNTIES_GEOJSON,
        geo.MUNICIPALITIES_CSV,
        national.PROJECTIONS_CSV,
        national.EMPLOYMENT_CSV,
    ):
        assert name in sources


def test_a_duplicated_row_with_another_value_is_refused_naming_file_line_and_value(
    tmp_path: Path,
) -> None:
    rows = population_rows()
    women_30_oslo_2024 = next(r for r in rows if r.startswith("2024,0301,female,30,"))
    rows.append("2024,0301,female,30,999999")
    error = bad_population(tmp_path, rows)
    assert error.dimension == "population" and error.value == "999999"
    assert error.line == len(rows) + 1
    assert "duplicate row for 0301 2024 female age 30" in str(error)
    assert women_30_oslo_2024.rsplit(",", 1)[1] in str(error)  # the earlier value is named too


def test_an_implausible_jump_between_years_is_refused_naming_the_cell(tmp_path: Path) -> None:
    rows = [r for r in population_rows() if not r.startswith("2024,0301,female,30,")]
    rows.append("2024,0301,female,30,999999")
    error = bad_population(tmp_path, rows)
    assert "implausible jump for 0301 female age 30" in str(error)
    assert error.value == 999999.0 and error.line == len(rows) + 1


def test_the_real_population_file_has_no_implausible_jumps(shared: Path) -> None:
    years, codes, values = snapshot.read_long_population(
        shared / snapshot.POPULATION_CSV, "municipality_code"
    )
    snapshot.check_plausible_steps(shared / snapshot.POPULATION_CSV, years, codes, values)
