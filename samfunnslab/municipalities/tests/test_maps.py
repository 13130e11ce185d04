"""Maps: colour classes, and SVG drawn from (toy) outlines, with graceful absence."""

from __future__ import annotations

import pytest

from samfunnslab.core import statistics
from samfunnslab.municipalities import maps
from statbank.geo import Area, GeoData


def _square(code: str, name: str, x: float, neighbours: tuple[str, ...]) -> Area:
    ring = [(x, 60.0), (x + 1, 60.0), (x + 1, 61.0), (x, 61.0), (x, 60.0)]
    return Area(code, name, (x, 60.0, x + 1, 61.0), (x + 0.5, 60.5), [[ring]], neighbours, "11")


@pytest.fixture
def toy_geo(monkeypatch):
    geo = GeoData(
        municipalities={
            "0001": _square("0001", "Vest", 5.0, ("0002",)),
            "0002": _square("0002", "Øst & co", 6.0, ("0001",)),
        },
        counties={},
        attribution="© Kartverket",
    )
    monkeypatch.setattr(statistics, "geo", lambda: geo)
    maps._change_map.cache_clear()
    maps._locator_map.cache_clear()
    yield geo
    maps._change_map.cache_clear()
    maps._locator_map.cache_clear()


def test_growth_is_blue_shrinking_red_and_blank_grey():
    classes = maps.change_classes()
    assert maps.fill_for(0.2, classes) == "#2166ac"
    assert maps.fill_for(-0.2, classes) == "#b2182b"
    assert maps.fill_for(0.0, classes) == "#d1e5f0"
    assert maps.fill_for(None, classes) == maps.BLANK_FILL


def test_the_change_map_draws_one_titled_shape_per_municipality(toy_geo):
    svg = maps.change_map({"0001": 0.2, "0002": None}, label="Endring")
    assert svg.count("<path") == 2
    assert 'role="img"' in svg and 'aria-label="Endring"' in svg
    assert "Øst &amp; co: ingen sammenlignbare tall" in svg
    assert 'fill="#2166ac"' in svg


def test_the_locator_map_highlights_the_municipality_among_its_neighbours(toy_geo):
    svg = maps.locator_map("0001", label="Vest")
    assert svg.count("<path") == 2
    assert svg.rindex("<title>Vest</title>") > svg.index("<title>Øst &amp; co</title>")


def test_neighbours_come_from_the_outlines(toy_geo):
    assert maps.neighbours("0001") == ("0002",)


def test_without_outlines_there_is_no_map_and_no_neighbours(monkeypatch):
    monkeypatch.setattr(statistics, "geo", lambda: None)
    assert maps.change_map({"0001": 0.1}, label="x") is None
    assert maps.locator_map("0001", label="x") is None
    assert maps.neighbours("0001") == ()
