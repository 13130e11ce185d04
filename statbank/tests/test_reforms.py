"""Historical municipality codes resolve to the 2024 municipalities."""

from __future__ import annotations

from pathlib import Path

import pytest

from statbank.errors import StatInputError
from statbank.reforms import is_split, resolve_code, resolve_weighted, whole_code_mapping


def test_old_halden_0101_resolves_to_3101(snapshot_dir: Path) -> None:
    assert resolve_code("0101", snapshot_dir=snapshot_dir) == ["3101"]
    assert resolve_code("0101", 2019, snapshot_dir=snapshot_dir) == ["3101"]
    assert resolve_code("3001", 2020, snapshot_dir=snapshot_dir) == ["3101"]


def test_old_bergen_1201_resolves_to_4601(snapshot_dir: Path) -> None:
    assert resolve_code("1201", snapshot_dir=snapshot_dir) == ["4601"]


def test_the_split_alesund_1507_resolves_to_both_parts(snapshot_dir: Path) -> None:
    assert sorted(resolve_code("1507", 2023, snapshot_dir=snapshot_dir)) == ["1508", "1580"]
    assert is_split("1507", snapshot_dir=snapshot_dir)
    assert not is_split("1106", snapshot_dir=snapshot_dir)


def test_the_weights_are_kept_for_callers_that_must_refuse_splits(snapshot_dir: Path) -> None:
    parts = dict(resolve_weighted("5012", 2019, snapshot_dir=snapshot_dir))
    assert set(parts) == {"5055", "5056", "5059"}
    assert sum(parts.values()) == pytest.approx(1.0)


def test_a_2024_code_resolves_to_itself(snapshot_dir: Path) -> None:
    assert resolve_code("1106", 2024, snapshot_dir=snapshot_dir) == ["1106"]


def test_a_code_that_was_not_valid_in_that_year_names_code_and_year(snapshot_dir: Path) -> None:
    with pytest.raises(StatInputError) as caught:
        resolve_code("3101", 2019, snapshot_dir=snapshot_dir)
    assert caught.value.dimension == "municipality_code" and caught.value.value == "3101"
    assert "2019" in str(caught.value)


def test_an_unknown_code_or_year_is_refused(snapshot_dir: Path) -> None:
    with pytest.raises(StatInputError) as caught:
        resolve_code("9999", snapshot_dir=snapshot_dir)
    assert caught.value.value == "9999"
    with pytest.raises(StatInputError) as caught:
        resolve_code("0101", 1990, snapshot_dir=snapshot_dir)
    assert caught.value.dimension == "year" and caught.value.value == 1990


def test_whole_code_mapping_leaves_out_split_codes(snapshot_dir: Path) -> None:
    mapping = whole_code_mapping(2023, snapshot_dir=snapshot_dir)
    assert mapping["3001"] == "3101" and mapping["1106"] == "1106"
    assert "1507" not in mapping
