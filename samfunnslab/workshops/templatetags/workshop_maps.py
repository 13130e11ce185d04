"""Template helpers for the map input: the places list, pins as JSON for a data attribute, the
optional tile layer."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django import template
from django.conf import settings

from samfunnslab.workshops.pins import Place, places

register = template.Library()


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
