"""Classification parsers: municipalities, centrality and the code mapping."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from statbank.classifications import parse_centrality, parse_code_mapping, parse_municipalities
from statbank.errors import StatInputError

CLASSES = "ssb/classifications"


def test_the_357_municipalities_join_their_centrality(shared: Path) -> None:
    infos = parse_municipalities(
        shared / CLASSES / "municipalities_2024_counties_georegions.csv",
        shared / CLASSES / "centrality_index_klass128_by_municipality_2024codes.csv",
    )
    assert len(infos) == 357 and len({i.code for i in infos}) == 357
    assert Counter(i.centrality_class for i in infos) == {1: 5, 2: 21, 3: 54, 4: 65, 5: 104, 6: 108}
    oslo = infos[0]
    assert (oslo.code, oslo.centrality_index, oslo.county_code) == ("0301", 1000, "03")
    assert all(i.code[:2] == i.county_code for i in infos)


def test_the_code_mapping_keeps_split_weights(shared: Path) -> None:
    rows = parse_code_mapping(
        shared / CLASSES / "municipality_code_mapping_to_2024_by_year_2006-2026.csv"
    )
    assert len(rows) == 8_719
    assert sorted((new, w) for y, old, new, w in rows if (y, old) == (2023, "1507")) == [
        ("1508", 0.5),
        ("1580", 0.5),
    ]


def test_a_three_digit_code_names_the_line_and_value(tmp_path: Path) -> None:
    path = tmp_path / "centrality.csv"
    path.write_text("municipality_code,centrality_class,centrality_index\n301,1,1000\n", "utf-8")
    with pytest.raises(StatInputError) as caught:
        parse_centrality(path)
    assert (caught.value.line, caught.value.dimension, caught.value.value) == (
        2,
        "municipality_code",
        "301",
    )


def test_a_centrality_class_outside_1_to_6_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "centrality.csv"
    path.write_text("municipality_code,centrality_class,centrality_index\n0301,7,1000\n", "utf-8")
    with pytest.raises(StatInputError) as caught:
        parse_centrality(path)
    assert caught.value.dimension == "centrality_class" and caught.value.value == 7


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "centrality.csv"
    path.write_text("municipality_code,centrality_class\n0301,1\n", "utf-8")
    with pytest.raises(StatInputError, match="centrality_index"):
        parse_centrality(path)
