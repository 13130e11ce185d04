"""Template helpers for the map input: the places list, pins as JSON for a data attribute, the
optional tile layer, and the map's style sheets and scripts (Leaflet only where a map can show)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django import template
from django.conf import settings
from django.templatetags.static import static

from samfunnslab.workshops import selectors
from samfunnslab.workshops.models import Workshop
from samfunnslab.workshops.pins import Place, places

register = template.Library()

# Leaflet, its cluster plugin and our map.js: the scripts in the order they must run.
MAP_STYLES = ("vendor/leaflet/leaflet.css", "vendor/leaflet-markercluster/MarkerCluster.css")
MAP_SCRIPTS = (
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet-markercluster/leaflet.markercluster.js",
    "workshops/map.js",
)


@register.simple_tag
def map_places(municipality_code: str, named: Sequence[Mapping[str, Any]] = ()) -> list[Place]:
    """The facilitator's named places and points inside the municipality, to pick without the map."""
    return places(municipality_code, named or ())


@register.filter
def as_json(value: Any) -> str:
    """JSON text for a data attribute (the template's autoescaping quotes it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@register.simple_tag
def map_tiles() -> str:
    """The tile URL template when tiles are switched on (WORKSHOP_MAP_TILES), else ""."""
    return str(getattr(settings, "WORKSHOP_MAP_TILES", ""))


@register.simple_tag
def map_assets() -> dict[str, list[str]]:
    """The map's style sheets and scripts as static URLs (for `_map_assets.html`)."""
    return {"styles": [static(p) for p in MAP_STYLES], "scripts": [static(p) for p in MAP_SCRIPTS]}


@register.simple_tag
def map_asset_urls() -> str:
    """The same URLs on one line, for live.js to load when a map appears on a page without them."""
    assets = map_assets()
    return " ".join(assets["styles"] + assets["scripts"])


@register.filter
def has_map_activity(workshop: Workshop) -> bool:
    """Whether the workshop's pages should bring the map's files with them (docs/workshops.md)."""
    return selectors.workshop_has_map(workshop)
