"""The Norge 2040 headline facts travel in the snapshot, with their sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from statbank import headline
from statbank.errors import StatInputError

REPO = Path(__file__).resolve().parents[2]


def test_building_twice_writes_the_same_bytes(shared: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    headline.build_headline(shared, first)
    headline.build_headline(shared, second)
    assert (first / "headline.json").read_bytes() == (second / "headline.json").read_bytes()


def test_every_fact_keeps_its_source(shared: Path, tmp_path: Path) -> None:
    headline.build_headline(shared, tmp_path)
    facts = headline.load_headline(tmp_path)
    assert facts == headline.read_headline_csv(shared / headline.HEADLINE_CSV)
    assert all(f["source_name"] and f["source"].startswith("http") for f in facts)


def test_the_committed_snapshot_carries_the_facts() -> None:
    facts = headline.load_headline(REPO / "data" / "snapshot")
    assert any("NOU 2023:4" in f["source_name"] for f in facts)


def test_a_table_without_its_columns_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("fact_id,value\nx,1\n", "utf-8")
    with pytest.raises(StatInputError, match="columns missing"):
        headline.read_headline_csv(path)


def test_a_snapshot_without_facts_has_none(tmp_path: Path) -> None:
    assert headline.load_headline(tmp_path) == []
