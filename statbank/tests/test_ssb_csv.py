"""The Statbank CSV export parser, checked cell by cell against the snapshot."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from statbank.errors import StatInputError
from statbank.snapshot import load_code_mapping, load_population
from statbank.ssb_csv import map_to_2024, read_statbank_export


def raw_export(shared: Path, year: int) -> Path:
    """The original 07459 export of one year."""
    return (
        shared / "ssb/population/raw" / f"07459_statbank_export_municipality_age_sex_{year}.csv.gz"
    )


def parts_for(snapshot_dir: Path, year: int) -> dict[str, list[tuple[str, float]]]:
    """The code mapping of one year as {code_in_year: [(code_2024, weight)]}."""
    mapping = load_code_mapping(snapshot_dir)[str(year)]
    return {
        code: [(str(t), float(str(w))) for t, w in targets] for code, targets in mapping.items()
    }


def latin1_text(shared: Path, year: int) -> str:
    """The export as text (decoded from ISO-8859-1)."""
    return gzip.decompress(raw_export(shared, year).read_bytes()).decode("iso-8859-1")


def test_the_2024_export_equals_the_snapshot_in_all_75684_cells(
    shared: Path, snapshot_dir: Path
) -> None:
    export = read_statbank_export(raw_export(shared, 2024))
    cube = load_population(snapshot_dir)
    assert export.year == 2024 and export.codes == cube.codes
    assert export.values.shape == (357, 2, 106)
    assert export.values.size == 75_684
    assert np.array_equal(export.values, cube.values[cube.year_index(2024)])
    assert export.names["3101"] == "Halden" and export.names["1508"] == "Ålesund"
    assert export.municipality("0301").sum() == 717_710
    assert sorted(export.other_regions) == ["21-22", "23", "Rest"]


def test_the_2023_export_mapped_to_2024_codes_equals_the_snapshot_except_the_split_1507(
    shared: Path, snapshot_dir: Path
) -> None:
    export = read_statbank_export(raw_export(shared, 2023))
    assert len(export.codes) == 356 and "1507" in export.codes and "3001" in export.codes
    cube = load_population(snapshot_dir)
    mapped = map_to_2024(export, parts_for(snapshot_dir, 2023), cube.codes)
    expected = cube.values[cube.year_index(2023)]
    blank = sorted({cube.codes[i] for i in np.flatnonzero(np.isnan(mapped).any(axis=(1, 2)))})
    assert blank == ["1508", "1580"]  # Ålesund and Haram: no comparable figure, never 0
    assert np.array_equal(np.isnan(mapped), np.isnan(expected))
    comparable = ~np.isnan(expected)
    assert comparable.sum() == 75_260
    assert np.array_equal(mapped[comparable], expected[comparable])
    total = np.nansum(export.values) + sum(v.sum() for v in export.other_regions.values())
    assert total == 5_488_984


def test_the_long_2020_layout_maps_to_the_snapshot_too(shared: Path, snapshot_dir: Path) -> None:
    export = read_statbank_export(raw_export(shared, 2020))
    cube = load_population(snapshot_dir)
    mapped = map_to_2024(export, parts_for(snapshot_dir, 2020), cube.codes)
    expected = cube.values[cube.year_index(2020)]
    comparable = ~np.isnan(expected)
    assert np.array_equal(mapped[comparable], expected[comparable])
    assert np.isnan(mapped[cube.code_index("1580")]).all()


def test_a_utf8_file_gives_a_clear_encoding_error(shared: Path, tmp_path: Path) -> None:
    path = tmp_path / "07459_utf8.csv"
    path.write_bytes(latin1_text(shared, 2024).encode("utf-8"))
    with pytest.raises(StatInputError, match="UTF-8.*ISO-8859-1") as caught:
        read_statbank_export(path)
    assert caught.value.path == str(path) and caught.value.dimension == "encoding"


def test_a_garbled_file_names_the_line_and_the_bad_text(shared: Path, tmp_path: Path) -> None:
    lines = latin1_text(shared, 2024).split("\r\n")
    row = next(i for i, line in enumerate(lines) if "Ålesund" in line)
    lines[row] = lines[row].replace("Ålesund", "Ã\x85lesund")  # UTF-8 bytes read as Latin-1
    path = tmp_path / "07459_garbled.csv"
    path.write_bytes("\r\n".join(lines).encode("iso-8859-1"))
    with pytest.raises(StatInputError, match="garbled") as caught:
        read_statbank_export(path)
    assert caught.value.line == row + 1 and "lesund" in str(caught.value.value)


def test_a_missing_age_names_the_municipality_and_the_age(shared: Path, tmp_path: Path) -> None:
    lines = latin1_text(shared, 2024).split("\r\n")
    lines = [line for line in lines if not line.startswith('"K-1106 Haugesund";"42 years"')]
    path = tmp_path / "07459_missing.csv"
    path.write_bytes("\r\n".join(lines).encode("iso-8859-1"))
    with pytest.raises(StatInputError, match="1106") as caught:
        read_statbank_export(path)
    assert caught.value.dimension == "age" and caught.value.value == 42


def test_a_value_that_is_not_a_number_names_the_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "07459_bad.csv"
    text = (
        '"07459: Population, by region, sex, age, contents and year"\n\n'
        '"region";"sex";"age";"Persons 2021"\n"K-1106 Haugesund";"Males";"0 years";1O4\n'
    )
    path.write_bytes(text.encode("iso-8859-1"))
    with pytest.raises(StatInputError) as caught:
        read_statbank_export(path)
    assert caught.value.dimension == "Persons 2021" and caught.value.value == "1O4"
    assert caught.value.line == 4


def test_an_unknown_region_label_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "07459_region.csv"
    text = (
        '"07459: Population, by region, sex, age, contents and year"\n\n'
        '"region";"sex";"age";"Persons 2021"\n"Haugesund";"Males";"0 years";104\n'
    )
    path.write_bytes(text.encode("iso-8859-1"))
    with pytest.raises(StatInputError) as caught:
        read_statbank_export(path)
    assert caught.value.dimension == "region" and caught.value.value == "Haugesund"


def test_an_unknown_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "07459_header.csv"
    path.write_bytes(b'"07459: Population"\n\n"region";"year";"value"\n"K-0301 Oslo";"2024";1\n')
    with pytest.raises(StatInputError, match="unknown layout") as caught:
        read_statbank_export(path)
    assert caught.value.dimension == "header"
