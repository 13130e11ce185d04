"""Kartverket boundaries: readers, arc decoding, neighbours, the geo.json build and SVG maps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from statbank import geo
from statbank.errors import StatInputError

ISLANDS = [
    "1151",
    "1144",
    "1835",
    "1856",
    "1857",
    "4633",
]  # Utsira, Kvitsøy, Træna, Røst, Værøy, Fedje


@pytest.fixture(scope="module")
def built(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """geo.json built from the real sources into a fresh folder."""
    out = tmp_path_factory.mktemp("geo")
    geo.build_geo(shared, out)
    return out


@pytest.fixture(scope="module")
def data(built: Path) -> geo.GeoData:
    """The built geo.json, loaded."""
    return geo.load_geo(built)


def square_topology(**extra: Any) -> dict[str, Any]:
    """Two unit squares side by side sharing one arc (quantized and delta-encoded)."""
    topology: dict[str, Any] = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 60]},
        "arcs": [
            [[2, 0], [0, 4]],  # shared edge x=1, from y=0 to y=1
            [[2, 4], [-2, 0], [0, -4], [2, 0]],  # left square, the rest
            [[2, 0], [2, 0], [0, 4], [-2, 0]],  # right square, the rest
        ],
        "objects": {
            "k": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"kommunenummer": "0001"}},
                    {"type": "Polygon", "arcs": [[2, -1]], "properties": {"kommunenummer": "0002"}},
                ],
            }
        },
    }
    topology.update(extra)
    return topology


def write(tmp_path: Path, name: str, payload: Any) -> Path:
    """Write a JSON file and return its path."""
    path = tmp_path / name
    path.write_text(json.dumps(payload), "utf-8")
    return path


def test_quantized_arcs_are_delta_decoded_and_scaled(tmp_path: Path) -> None:
    topology = geo.read_topojson(write(tmp_path, "t.topojson", square_topology()))
    assert topology.arcs[0] == [(11.0, 60.0), (11.0, 61.0)]
    assert topology.arcs[1] == [(11.0, 61.0), (10.0, 61.0), (10.0, 60.0), (11.0, 60.0)]
    left, right = topology.features()
    assert left.polygons[0][0][0] == left.polygons[0][0][-1]  # stitched into a closed ring
    assert right.polygons[0][0] == [
        (11.0, 60.0),
        (12.0, 60.0),
        (12.0, 61.0),
        (11.0, 61.0),
        (11.0, 60.0),
    ]


def test_features_that_share_an_arc_are_neighbours(tmp_path: Path) -> None:
    topology = geo.read_topojson(write(tmp_path, "t.topojson", square_topology()))
    assert geo.neighbours(topology) == {"0001": ["0002"], "0002": ["0001"]}


def test_an_arc_index_out_of_range_names_the_feature_and_index(tmp_path: Path) -> None:
    broken = square_topology()
    broken["objects"]["k"]["geometries"][1]["arcs"] = [[2, -9]]
    with pytest.raises(StatInputError) as caught:
        geo.read_topojson(write(tmp_path, "t.topojson", broken))
    assert caught.value.dimension == "feature 0002 arcs" and caught.value.value == -9


def test_a_position_that_is_not_numbers_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StatInputError) as caught:
        geo.read_topojson(write(tmp_path, "t.topojson", square_topology(arcs=[[[0, "x"]]])))
    assert caught.value.dimension == "arc 0" and caught.value.value == [0, "x"]


def test_the_real_geojson_and_topojson_hold_the_same_municipalities(shared: Path) -> None:
    from_geojson = geo.read_geojson(shared / "kartverket/kommuner_2024_S.geojson")
    from_topojson = geo.read_topojson(shared / geo.MUNICIPALITIES_TOPOJSON).features()
    assert sorted(f.code for f in from_geojson) == sorted(f.code for f in from_topojson)
    by_code = {f.code: f for f in from_topojson}
    for feature in from_geojson[:20]:
        ring = feature.polygons[0][0]
        assert ring[0] in by_code[feature.code].polygons[0][0] or len(feature.polygons) > 1


def test_geo_json_has_357_municipalities_with_unique_codes_and_15_counties(
    data: geo.GeoData,
) -> None:
    assert len(data.municipalities) == 357
    assert len(data.counties) == 15
    assert sorted(data.counties) == [
        "03",
        "11",
        "15",
        "18",
        "31",
        "32",
        "33",
        "34",
        "39",
        "40",
        "42",
        "46",
        "50",
        "55",
        "56",
    ]
    assert data.municipalities["1106"].name == "Haugesund"
    assert data.municipalities["1106"].county_code == "11"
    assert "Kartverket" in data.attribution


def test_haugesund_neighbours_karmoy_and_tysvaer(data: geo.GeoData) -> None:
    neighbours = data.municipalities["1106"].neighbours
    assert "1149" in neighbours and "1146" in neighbours
    assert "1106" in data.municipalities["1149"].neighbours  # symmetric


@pytest.mark.parametrize("code", ISLANDS)
def test_island_municipalities_have_no_neighbours(data: geo.GeoData, code: str) -> None:
    assert data.municipalities[code].neighbours == ()


def test_every_municipality_has_a_bbox_and_a_label_inside_its_outline(data: geo.GeoData) -> None:
    for area in data.municipalities.values():
        west, south, east, north = area.bbox
        assert 4.4 < west <= east < 31.3 and 57.9 < south <= north < 71.3
        assert west <= area.label[0] <= east and south <= area.label[1] <= north
        assert any(geo._inside(area.label, polygon) for polygon in area.polygons), area.code
        for ring in area.rings:
            assert len(ring) >= 4 and ring[0] == ring[-1]


def test_geo_json_is_small_and_rounded(built: Path) -> None:
    path = built / "geo.json"
    assert path.stat().st_size < 600_000
    raw = json.loads(path.read_text("utf-8"))
    assert raw["precision"] == 3
    assert all(isinstance(v, int) for v in raw["municipalities"][0]["polygons"][0][0])


def test_building_twice_gives_byte_identical_files(
    shared: Path, built: Path, tmp_path: Path
) -> None:
    geo.build_geo(shared, tmp_path)
    assert (tmp_path / "geo.json").read_bytes() == (built / "geo.json").read_bytes()


def test_rings_survive_encoding_to_integers_and_back() -> None:
    ring = [(5.2671, 59.4133), (5.3, 59.5), (5.2671, 59.4133)]
    encoded = geo.encode_ring(ring)
    assert encoded[:2] == [5267, 59413] and encoded[2:4] == [33, 87]
    assert geo.decode_ring(encoded) == [(5.267, 59.413), (5.3, 59.5), (5.267, 59.413)]


def test_simplify_keeps_end_points_and_drops_points_on_a_straight_line() -> None:
    line = [(10.0, 60.0), (10.5, 60.00001), (11.0, 60.0), (11.0, 61.0)]
    assert geo.simplify(line, 0.001) == [(10.0, 60.0), (11.0, 60.0), (11.0, 61.0)]


def test_project_to_svg_fits_the_box_and_puts_north_up() -> None:
    rings = [[(10.0, 60.0), (12.0, 60.0), (12.0, 61.0), (10.0, 60.0)]]
    (projected,) = geo.project_to_svg(rings, 200, 100, padding=0)
    xs = [x for x, _ in projected]
    ys = [y for _, y in projected]
    assert min(xs) >= 0 and max(xs) <= 200 and min(ys) >= 0 and max(ys) <= 100
    assert projected[0][1] > projected[2][1]  # the northern point is higher up (smaller y)
    # two degrees of longitude at 60.5°N are about as wide as one degree of latitude
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert width / height == pytest.approx(2 * 0.4924, rel=0.01)
    assert geo.svg_path([projected]).startswith("M") and geo.svg_path([projected]).endswith("Z")


def test_project_to_svg_can_share_one_frame_between_shapes(data: geo.GeoData) -> None:
    haugesund = data.municipalities["1106"]
    karmoy = data.municipalities["1149"]
    west, south, east, north = haugesund.bbox
    frame = (
        min(west, karmoy.bbox[0]),
        min(south, karmoy.bbox[1]),
        max(east, karmoy.bbox[2]),
        max(north, karmoy.bbox[3]),
    )
    for area in (haugesund, karmoy):
        for ring in geo.project_to_svg(area.rings, 300, 300, frame=frame):
            assert all(-0.1 <= x <= 300.1 and -0.1 <= y <= 300.1 for x, y in ring)


def test_a_missing_or_unknown_municipality_stops_the_build(shared: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / "kartverket").mkdir(parents=True)
    (source / "ssb/classifications").mkdir(parents=True)
    topo = json.loads((shared / geo.MUNICIPALITIES_TOPOJSON).read_text("utf-8"))
    topo["objects"]["Kommuner"]["geometries"][0]["properties"]["kommunenummer"] = "9999"
    (source / geo.MUNICIPALITIES_TOPOJSON).write_text(json.dumps(topo), "utf-8")
    for name in (geo.COUNTIES_GEOJSON, geo.MUNICIPALITIES_CSV):
        (source / name).write_bytes((shared / name).read_bytes())
    with pytest.raises(StatInputError) as caught:
        geo.build_geo(source, tmp_path)
    assert caught.value.dimension == "kommunenummer" and caught.value.value == ["9999"]
    assert not (tmp_path / "geo.json").exists()


def test_frame_around_widens_a_box_on_every_side() -> None:
    assert geo.frame_around((10.0, 60.0, 12.0, 61.0), 0.5) == (9.0, 59.5, 13.0, 61.5)
