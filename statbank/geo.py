"""Kartverket boundaries: GeoJSON and TopoJSON readers, simplification, neighbours and SVG maps.

`build_geo` writes `geo.json` into the snapshot:
    {"attribution": ..., "precision": 3,
     "municipalities": [{"code", "name", "county_code", "bbox": [w, s, e, n], "label": [x, y],
                         "neighbours": [codes], "polygons": [[[x, y, x, y, ...], hole...], ...]}],
     "counties": [{"code", "name", "bbox", "label", "polygons"}]}
Rings are closed (the last point repeats the first) and stored like quantized TopoJSON arcs:
flat integer lists [x0, y0, dx1, dy1, dx2, dy2, ...] in units of 10^-precision degrees (WGS84),
the first point absolute and every later one as the difference to the point before. `load_geo`
decodes them into (lon, lat) floats. Neighbours share a TopoJSON arc (a stretch of border).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from statbank.classifications import read_csv_rows
from statbank.errors import StatInputError

MUNICIPALITIES_TOPOJSON = "kartverket/kommuner_2024_S.topojson"
COUNTIES_GEOJSON = "kartverket/fylker_2024_S.geojson"
MUNICIPALITIES_CSV = "ssb/classifications/municipalities_2024_counties_georegions.csv"
SOURCES = (MUNICIPALITIES_TOPOJSON, COUNTIES_GEOJSON, MUNICIPALITIES_CSV)
NAME_KEYS = ("kommunenavn", "fylkesnavn", "name")

ATTRIBUTION = (
    "© Kartverket. Inneholder data under CC BY 4.0 fra Kartverket. "
    "Forenklet av robhop/fylker-og-kommuner."
)
PRECISION = 3  # decimals of a degree: about 110 m north-south, 40–60 m east-west
TOLERANCE = 0.0025  # Douglas–Peucker tolerance in (latitude-scaled) degrees, about 280 m
MIN_RING_AREA = 2e-6  # square degrees (scaled); smaller islets are dropped (about 0.02 km²)

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes


@dataclass(frozen=True)
class GeoFeature:
    """One named area: its code, name and polygons (each an outer ring plus holes)."""

    code: str
    name: str
    polygons: list[Polygon]


@dataclass(frozen=True)
class Topology:
    """A decoded TopoJSON object: arcs in degrees and, per feature, rings as arc references."""

    arcs: list[Ring]
    codes: list[str]
    names: list[str]
    arc_refs: list[list[list[list[int]]]]  # feature → polygon → ring → signed arc indices

    def features(self) -> list[GeoFeature]:
        """Return the features with their rings stitched together from the arcs."""
        return [
            GeoFeature(code, name, [[stitch(ring, self.arcs) for ring in poly] for poly in refs])
            for code, name, refs in zip(self.codes, self.names, self.arc_refs, strict=True)
        ]


# --------------------------------------------------------------------------- reading


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise StatInputError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise StatInputError(path, f"not UTF-8 encoded ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise StatInputError(path, f"not valid JSON ({exc.msg})", line=exc.lineno) from None


def _point(path: Path, raw: Any, where: str) -> Point:
    if (
        not isinstance(raw, list)
        or len(raw) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw[:2])
    ):
        raise StatInputError(path, "a position must be [x, y] numbers", dimension=where, value=raw)
    return float(raw[0]), float(raw[1])


def _property(path: Path, props: Any, keys: Sequence[str], index: int) -> str:
    if isinstance(props, dict):
        for key in keys:
            if props.get(key) not in (None, ""):
                return str(props[key])
    raise StatInputError(
        path,
        f"feature has none of the properties {list(keys)}",
        dimension="properties",
        value=index,
    )


def read_geojson(
    path: Path, code_keys: Sequence[str] = ("kommunenummer", "fylkesnummer", "id")
) -> list[GeoFeature]:
    """Read a GeoJSON FeatureCollection of Polygon/MultiPolygon features."""
    data = _load_json(path)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise StatInputError(
            path,
            "expected a GeoJSON FeatureCollection",
            dimension="type",
            value=data.get("type") if isinstance(data, dict) else type(data).__name__,
        )
    features = []
    for index, feature in enumerate(data.get("features") or []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        code = _property(path, props, code_keys, index)
        name = _property(path, props, (*NAME_KEYS, *code_keys), index)
        geometry = feature.get("geometry") or {}
        kind, coords = geometry.get("type"), geometry.get("coordinates")
        if kind in ("Polygon", "MultiPolygon") and isinstance(coords, list):
            polys: list[Any] = [coords] if kind == "Polygon" else coords
        else:
            raise StatInputError(
                path,
                "only Polygon and MultiPolygon are supported",
                dimension=f"feature {code} geometry",
                value=kind,
            )
        polygons = [
            [[_point(path, p, f"feature {code}") for p in ring] for ring in poly] for poly in polys
        ]
        features.append(GeoFeature(code, name, polygons))
    if not features:
        raise StatInputError(path, "no features", dimension="features", value=0)
    return features


def decode_arcs(path: Path, topology: dict[str, Any]) -> list[Ring]:
    """Decode TopoJSON arcs; quantized topologies are delta-encoded and scaled by `transform`."""
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise StatInputError(path, "a topology needs an 'arcs' list", dimension="arcs", value=None)
    transform = topology.get("transform")
    if transform is None:
        return [[_point(path, p, f"arc {i}") for p in arc] for i, arc in enumerate(arcs)]
    try:
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    except (KeyError, TypeError, ValueError):
        raise StatInputError(
            path, "transform needs scale and translate", dimension="transform", value=transform
        ) from None
    decoded = []
    for i, arc in enumerate(arcs):
        x = y = 0.0
        ring = []
        for raw in arc:
            dx, dy = _point(path, raw, f"arc {i}")
            x, y = x + dx, y + dy
            ring.append((x * sx + tx, y * sy + ty))
        decoded.append(ring)
    return decoded


def stitch(refs: Sequence[int], arcs: Sequence[Ring]) -> Ring:
    """Join arcs into one ring; a negative reference ~i means arc i reversed."""
    points: Ring = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _check_refs(path: Path, code: str, rings: Any, arc_count: int) -> list[list[int]]:
    if not isinstance(rings, list):
        raise StatInputError(
            path,
            "rings must be lists of arc indices",
            dimension=f"feature {code} arcs",
            value=rings,
        )
    for ring in rings:
        for ref in ring if isinstance(ring, list) else [ring]:
            if not isinstance(ref, int) or not -arc_count <= ref < arc_count:
                raise StatInputError(
                    path,
                    f"arc index out of range (0–{arc_count - 1})",
                    dimension=f"feature {code} arcs",
                    value=ref,
                )
    return rings


def read_topojson(
    path: Path, object_name: str | None = None, code_keys: Sequence[str] = ("kommunenummer", "id")
) -> Topology:
    """Read one GeometryCollection of a TopoJSON file (the first one unless named)."""
    data = _load_json(path)
    if not isinstance(data, dict) or data.get("type") != "Topology":
        raise StatInputError(
            path,
            "expected a TopoJSON Topology",
            dimension="type",
            value=data.get("type") if isinstance(data, dict) else None,
        )
    objects = data.get("objects") or {}
    name = object_name or next(iter(objects), None)
    if name not in objects:
        raise StatInputError(path, "no such object", dimension="objects", value=name)
    arcs = decode_arcs(path, data)
    codes, names, refs = [], [], []
    for index, geometry in enumerate(objects[name].get("geometries") or []):
        code = _property(path, geometry.get("properties"), code_keys, index)
        kind, raw = geometry.get("type"), geometry.get("arcs")
        if kind == "Polygon":
            polygons = [_check_refs(path, code, raw, len(arcs))]
        elif kind == "MultiPolygon" and isinstance(raw, list):
            polygons = [_check_refs(path, code, poly, len(arcs)) for poly in raw]
        else:
            raise StatInputError(
                path,
                "only Polygon and MultiPolygon are supported",
                dimension=f"feature {code} type",
                value=kind,
            )
        codes.append(code)
        names.append(_property(path, geometry.get("properties"), (*NAME_KEYS, *code_keys), index))
        refs.append(polygons)
    if not codes:
        raise StatInputError(path, "no geometries", dimension="objects", value=name)
    return Topology(arcs=arcs, codes=codes, names=names, arc_refs=refs)


# --------------------------------------------------------------------------- geometry


def neighbours(topology: Topology) -> dict[str, list[str]]:
    """Return, per code, the sorted codes of the features that share at least one arc with it."""
    users: dict[int, set[str]] = defaultdict(set)
    for code, polygons in zip(topology.codes, topology.arc_refs, strict=True):
        for polygon in polygons:
            for ring in polygon:
                for ref in ring:
                    users[ref if ref >= 0 else ~ref].add(code)
    result: dict[str, set[str]] = {code: set() for code in topology.codes}
    for codes in users.values():
        for code in codes:
            result[code] |= codes - {code}
    return {code: sorted(others) for code, others in result.items()}


def _scale(points: Sequence[Point]) -> float:
    mean_lat = sum(p[1] for p in points) / len(points)
    return math.cos(math.radians(mean_lat))


def simplify(points: Sequence[Point], tolerance: float) -> Ring:
    """Douglas–Peucker simplification that keeps both end points (longitude scaled by cos φ)."""
    if len(points) < 3:
        return list(points)
    k = _scale(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first][0] * k, points[first][1]
        bx, by = points[last][0] * k, points[last][1]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, worst_at = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i][0] * k - ax, points[i][1] - ay
            dist = abs(dx * py - dy * px) / norm if norm else math.hypot(px, py)
            if dist > worst:
                worst, worst_at = dist, i
        if worst > tolerance:
            keep[worst_at] = True
            stack.extend(((first, worst_at), (worst_at, last)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _round_ring(ring: Iterable[Point]) -> Ring:
    out: Ring = []
    for x, y in ring:
        point = (round(x, PRECISION), round(y, PRECISION))
        if not out or point != out[-1]:
            out.append(point)
    return out


def ring_area(ring: Sequence[Point]) -> float:
    """Signed shoelace area in latitude-scaled square degrees."""
    if len(ring) < 3:
        return 0.0
    k = _scale(ring)
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return total * k / 2


def _valid_ring(ring: Ring) -> bool:
    return len(ring) >= 4 and ring[0] == ring[-1] and abs(ring_area(ring)) >= MIN_RING_AREA


def _clean_polygons(polygons: list[Polygon]) -> list[Polygon]:
    """Round, drop degenerate rings and islets; never drop every polygon of a feature."""
    cleaned = []
    for polygon in polygons:
        rings = [_round_ring(r) for r in polygon]
        if not rings or not _valid_ring(rings[0]):
            continue
        cleaned.append([rings[0], *(r for r in rings[1:] if _valid_ring(r))])
    if cleaned:
        return cleaned
    largest = max(polygons, key=lambda poly: abs(ring_area(poly[0])))
    return [[_round_ring(largest[0])]]


def bbox(polygons: Iterable[Polygon]) -> tuple[float, float, float, float]:
    """Return (west, south, east, north) of all rings."""
    xs = [x for poly in polygons for ring in poly for x, _ in ring]
    ys = [y for poly in polygons for ring in poly for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _inside(point: Point, polygon: Polygon) -> bool:
    x, y = point
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _widest_span(polygon: Polygon, y: float) -> tuple[float, float] | None:
    xs = sorted(
        x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        for ring in polygon
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True)
        if (y1 > y) != (y2 > y)
    )
    spans = [(xs[i], xs[i + 1]) for i in range(0, len(xs) - 1, 2)]
    return max(spans, key=lambda s: s[1] - s[0], default=None)


def label_point(polygons: Sequence[Polygon]) -> Point:
    """A point inside the largest polygon: its centroid if inside, else the widest inner span's middle."""
    polygon = max(polygons, key=lambda poly: abs(ring_area(poly[0])))
    outer = polygon[0]
    cx = sum(x for x, _ in outer) / len(outer)
    cy = sum(y for _, y in outer) / len(outer)
    if _inside((cx, cy), polygon):
        return round(cx, PRECISION), round(cy, PRECISION)
    _, south, _, north = bbox([polygon])
    best: tuple[float, float, float] | None = None
    for fraction in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        y = south + (north - south) * fraction + 1e-7
        span = _widest_span(polygon, y)
        if span and (best is None or span[1] - span[0] > best[1] - best[0]):
            best = (span[0], span[1], y)
    if best is None:
        return outer[0]
    return round((best[0] + best[1]) / 2, PRECISION), round(best[2], PRECISION)


# --------------------------------------------------------------------------- SVG


def project_to_svg(
    rings: Sequence[Sequence[Point]],
    width: float,
    height: float,
    *,
    frame: tuple[float, float, float, float] | None = None,
    padding: float = 4.0,
) -> list[list[Point]]:
    """Project lon/lat rings into an SVG box (equirectangular, x scaled by cos of mid-latitude).

    `frame` (west, south, east, north) fixes the area shown, so several shapes can share a map;
    by default it is the rings' own bounding box. The aspect ratio is kept and the map centred.
    """
    if frame is None:
        frame = bbox([[list(r) for r in rings]])
    west, south, east, north = frame
    k = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * k, 1e-9), max(north - south, 1e-9)
    scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2
    return [
        [
            (round(off_x + (x - west) * k * scale, 1), round(off_y + (north - y) * scale, 1))
            for x, y in ring
        ]
        for ring in rings
    ]


def frame_around(
    bbox_: tuple[float, float, float, float], margin: float = 0.15
) -> tuple[float, float, float, float]:
    """Widen a (west, south, east, north) box by a share of its size on every side."""
    west, south, east, north = bbox_
    dx, dy = (east - west) * margin, (north - south) * margin
    return west - dx, south - dy, east + dx, north + dy


def svg_path(rings: Iterable[Sequence[Point]]) -> str:
    """Return an SVG path `d` attribute for projected rings (use fill-rule="evenodd")."""
    parts = []
    for ring in rings:
        if ring:
            head, *tail = ring
            parts.append(
                f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in tail) + "Z"
            )
    return "".join(parts)


# --------------------------------------------------------------------------- build and load


def encode_ring(ring: Sequence[Point], precision: int = PRECISION) -> list[int]:
    """Quantize a ring to integers and delta-encode it: [x0, y0, dx1, dy1, ...]."""
    factor = 10**precision
    out: list[int] = []
    last_x = last_y = 0
    for x, y in ring:
        qx, qy = round(x * factor), round(y * factor)
        out.extend((qx - last_x, qy - last_y))
        last_x, last_y = qx, qy
    return out


def decode_ring(values: Sequence[int], precision: int = PRECISION) -> Ring:
    """Undo `encode_ring`: running sums scaled back to degrees."""
    factor = 10**precision
    ring: Ring = []
    x = y = 0
    for i in range(0, len(values) - 1, 2):
        x, y = x + values[i], y + values[i + 1]
        ring.append((x / factor, y / factor))
    return ring


def _record(code: str, name: str, polygons: list[Polygon]) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "bbox": list(bbox(polygons)),
        "label": list(label_point(polygons)),
        "polygons": [[encode_ring(ring) for ring in polygon] for polygon in polygons],
    }


def simplify_topology(topology: Topology, tolerance: float = TOLERANCE) -> Topology:
    """Simplify every arc once, so shared borders stay identical on both sides."""
    arcs = [simplify(arc, tolerance) for arc in topology.arcs]
    return Topology(arcs, topology.codes, topology.names, topology.arc_refs)


def _known_municipalities(path: Path) -> dict[str, str]:
    rows = read_csv_rows(path, {"municipality_code", "county_code"})
    return {row["municipality_code"]: row["county_code"] for row in rows}


def build_geo(source_dir: Path, out_dir: Path) -> list[Path]:
    """Write geo.json: simplified municipality and county outlines, labels and neighbours."""
    topo_path = source_dir / MUNICIPALITIES_TOPOJSON
    topology = read_topojson(topo_path)
    known = _known_municipalities(source_dir / MUNICIPALITIES_CSV)
    unknown = sorted(set(topology.codes) - set(known))
    missing = sorted(set(known) - set(topology.codes))
    if unknown or missing or len(set(topology.codes)) != len(topology.codes):
        raise StatInputError(
            topo_path,
            "municipalities differ from the classification",
            dimension="kommunenummer",
            value=(unknown or missing or "duplicates"),
        )
    adjacent = neighbours(topology)
    municipalities = []
    for feature in sorted(simplify_topology(topology).features(), key=lambda f: f.code):
        record = _record(feature.code, feature.name, _clean_polygons(feature.polygons))
        record["county_code"] = known[feature.code]
        record["neighbours"] = adjacent[feature.code]
        municipalities.append(record)
    counties = []
    for county in sorted(
        read_geojson(source_dir / COUNTIES_GEOJSON, ("fylkesnummer", "id")), key=lambda f: f.code
    ):
        polygons = [[simplify(ring, TOLERANCE) for ring in poly] for poly in county.polygons]
        counties.append(_record(county.code, county.name, _clean_polygons(polygons)))
    payload = {
        "attribution": ATTRIBUTION,
        "precision": PRECISION,
        "municipalities": municipalities,
        "counties": counties,
    }
    out = out_dir / "geo.json"
    out.write_text(
        json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        "utf-8",
    )
    return [out]


@dataclass(frozen=True)
class Area:
    """A municipality or county from geo.json, with rings as (lon, lat) points."""

    code: str
    name: str
    bbox: tuple[float, float, float, float]
    label: Point
    polygons: list[Polygon]
    neighbours: tuple[str, ...] = ()
    county_code: str = ""

    @property
    def rings(self) -> list[Ring]:
        """All rings (outer rings and holes), for drawing with fill-rule="evenodd"."""
        return [ring for polygon in self.polygons for ring in polygon]


@dataclass(frozen=True)
class GeoData:
    """All municipality and county outlines of the snapshot."""

    municipalities: dict[str, Area]
    counties: dict[str, Area]
    attribution: str


def _area(raw: dict[str, Any], precision: int) -> Area:
    west, south, east, north = raw["bbox"]
    return Area(
        code=raw["code"],
        name=raw["name"],
        bbox=(west, south, east, north),
        label=(raw["label"][0], raw["label"][1]),
        polygons=[[decode_ring(r, precision) for r in polygon] for polygon in raw["polygons"]],
        neighbours=tuple(raw.get("neighbours", ())),
        county_code=raw.get("county_code", ""),
    )


def load_geo(snapshot_dir: Path) -> GeoData:
    """Load geo.json from the snapshot (cached per process and directory)."""
    return _load_geo_cached(Path(snapshot_dir))


@lru_cache(maxsize=4)
def _load_geo_cached(directory: Path) -> GeoData:
    path = directory / "geo.json"
    if not path.exists():
        raise StatInputError(path, "the snapshot has no geo.json (run `manage.py build_snapshot`)")
    payload = _load_json(path)
    precision = int(payload["precision"])
    return GeoData(
        municipalities={m["code"]: _area(m, precision) for m in payload["municipalities"]},
        counties={c["code"]: _area(c, precision) for c in payload["counties"]},
        attribution=payload["attribution"],
    )
