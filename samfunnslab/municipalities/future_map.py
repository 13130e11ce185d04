"""The 2040 map of Norge 2040: population change by municipality 2026 → 2040 from the engine.

The same projection as Min kommune (MMMM, `scenarios.engine`). The page shows a static SVG map
(works without JavaScript) that `map2040.js` replaces with a zoomable Leaflet map fed by
`future_geojson()`; the sortable, searchable table beside it has every number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.core import statistics
from samfunnslab.municipalities import formatting as fmt
from samfunnslab.municipalities import maps

STEP = 0.10  # colour classes split at −20, −10, 0, +10, +20 % (wider than the ten-year map's)


@dataclass(frozen=True)
class FutureChange:
    """One municipality's projected population in the base year and 2040, and the change."""

    code: str
    name: str
    start: float | None
    end: float | None

    @property
    def change(self) -> float | None:
        """Return end / start − 1 (None without a projection)."""
        if self.start is None or self.end is None or self.start <= 0:
            return None
        return self.end / self.start - 1


@statistics.per_snapshot(maxsize=1)
def future_changes() -> tuple[FutureChange, ...]:
    """Return every municipality's change from the base year to 2040 (main alternative)."""
    from samfunnslab.scenarios import engine

    i0, i1 = engine.index_of(engine.BASE_YEAR), engine.index_of(engine.CARD_YEAR)
    result = []
    for info in statistics.snapshot().municipalities:
        if not engine.is_known(info.code):
            result.append(FutureChange(info.code, info.name, None, None))
            continue
        totals = engine.band_totals(info.code)[engine.DEFAULT_ALTERNATIVE]
        result.append(FutureChange(info.code, info.name, float(totals[i0]), float(totals[i1])))
    return tuple(result)


def years() -> tuple[int, int]:
    """Return the base year and the map's target year."""
    from samfunnslab.scenarios import engine

    return engine.BASE_YEAR, engine.CARD_YEAR


def future_map_context() -> dict[str, object]:
    """Return the 2040 map section: static map, legend, table rows and the GeoJSON address."""
    start, end = years()
    changes = future_changes()
    ordered = sorted(changes, key=lambda c: (c.change is None, c.change or 0.0))
    return {
        "future_start": start,
        "future_end": end,
        "future_map": maps.change_map(
            {c.code: c.change for c in changes},
            label=_("Kart: beregnet endring i folketallet %(y0)s–%(y1)s per kommune")
            % {"y0": start, "y1": end},
            step=STEP,
        ),
        "future_classes": maps.change_classes(STEP),
        "future_rows": [
            {
                "code": c.code,
                "name": c.name,
                "start": fmt.persons(c.start),
                "end": fmt.persons(c.end),
                "change": fmt.percent(c.change, 1, signed=True),
                "sort": "" if c.change is None else f"{c.change:.6f}",
                "start_value": "" if c.start is None else f"{c.start:.0f}",
                "end_value": "" if c.end is None else f"{c.end:.0f}",
            }
            for c in ordered
        ],
        "future_geojson_url": reverse("municipalities:norway_2040_map"),
        "future_grew": sum(1 for c in changes if c.change is not None and c.change > 0),
        "future_known": sum(1 for c in changes if c.change is not None),
    }


@statistics.per_snapshot(maxsize=4)
def future_geojson(language: str) -> dict[str, Any]:
    """Return every municipality's outline with its change, colour and page, as GeoJSON."""
    geo = statistics.geo()
    if geo is None:
        return {"type": "FeatureCollection", "features": []}
    classes = maps.change_classes(STEP)
    features = []
    for c in future_changes():
        area = geo.municipalities.get(c.code)
        if area is None:
            continue
        polygons = [[[list(p) for p in ring] for ring in polygon] for polygon in area.polygons]
        features.append({
            "type": "Feature",
            "properties": {
                "code": c.code, "name": c.name, "change": c.change,
                "label": f"{c.name}: {fmt.percent(c.change, 1, signed=True)}",
                "fill": maps.fill_for(c.change, classes),
                "url": reverse("municipalities:detail", args=[c.code]),
            },
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features, "attribution": geo.attribution}
