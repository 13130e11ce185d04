"""Map input («Kartinnspill»): pins with a category and an optional comment, on the workshop's
municipality, offline.

The base map is the municipality's boundary from the snapshot (Kartverket, simplified); a tile
layer (Kartverket's open topographic tiles) is added only when `WORKSHOP_MAP_TILES` is set. For
those who cannot tap a map, `places` offers named points inside the boundary (the middle of the
municipality and the parts of it towards north, south, east and west) to pick from a list.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samfunnslab.core import statistics
from samfunnslab.workshops import services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import Activity, ActivityKind, Contribution, Participant

MAX_COMMENT = 200
BBOX_MARGIN = 0.05  # degrees: a pin just off the simplified coast still counts
SECTORS = (
    ("nordvest", gettext_lazy("Nordvest i kommunen"), 0, 2),
    ("nord", gettext_lazy("Nord i kommunen"), 1, 2),
    ("nordøst", gettext_lazy("Nordøst i kommunen"), 2, 2),
    ("vest", gettext_lazy("Vest i kommunen"), 0, 1),
    ("øst", gettext_lazy("Øst i kommunen"), 2, 1),
    ("sørvest", gettext_lazy("Sørvest i kommunen"), 0, 0),
    ("sør", gettext_lazy("Sør i kommunen"), 1, 0),
    ("sørøst", gettext_lazy("Sørøst i kommunen"), 2, 0),
)


@dataclass(frozen=True)
class Place:
    """A named point to pick from a list instead of tapping the map."""

    key: str
    name: str
    latitude: float
    longitude: float


def _area(code: str) -> Any | None:
    geo = statistics.geo()
    return geo.municipalities.get(code) if geo is not None else None


def _inside(rings: Sequence[Sequence[tuple[float, float]]], lon: float, lat: float) -> bool:
    """Even-odd point in polygon over all rings (holes included)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def places(code: str) -> list[Place]:
    """The middle of the municipality and the parts of it towards each compass point."""
    area = _area(code)
    if area is None:
        return []
    west, south, east, north = area.bbox
    found = [Place("midt", _("Midt i kommunen"), area.label[1], area.label[0])]
    for key, name, column, row in SECTORS:
        lon = west + (east - west) * (column + 0.5) / 3
        lat = south + (north - south) * (row + 0.5) / 3
        if _inside(area.rings, lon, lat):
            found.append(Place(key, str(name), round(lat, 5), round(lon, 5)))
    return found


def boundary(code: str) -> dict[str, Any]:
    """The municipality's outline as GeoJSON (a FeatureCollection with one MultiPolygon)."""
    area = _area(code)
    if area is None:
        return {"type": "FeatureCollection", "features": []}
    polygons = [[[list(point) for point in ring] for ring in polygon] for polygon in area.polygons]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": area.code, "name": area.name},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        ],
        "bbox": list(area.bbox),
    }


def _coordinate(raw: Any) -> float:
    try:
        number = float(str(raw).replace(",", "."))
    except (TypeError, ValueError):
        raise Refusal(_("Trykk på kartet eller velg et sted i lista før du sender.")) from None
    if not math.isfinite(number):
        raise Refusal(_("Trykk på kartet eller velg et sted i lista før du sender."))
    return number


def check_pin(
    activity: Activity, latitude: Any, longitude: Any, category: str, place: str = ""
) -> tuple[float, float, str]:
    """Check a pin's place and category; return them cleaned, or refuse with a plain reason.

    Without coordinates, a place picked from the list (`places`) gives them (no JavaScript needed).
    """
    if activity.kind != ActivityKind.MAP:
        raise Refusal(_("Denne aktiviteten tar ikke imot kartnåler."))
    if latitude in (None, "") and place:
        code = activity.workshop.municipality_code
        picked = next((p for p in places(code) if p.key == place), None)
        if picked is not None:
            latitude, longitude = picked.latitude, picked.longitude
    chosen = " ".join((category or "").split())
    if chosen not in activity.options:
        raise Refusal(_("Velg hva slags sted det er."))
    lat, lon = _coordinate(latitude), _coordinate(longitude)
    area = _area(activity.workshop.municipality_code)
    if area is not None:
        west, south, east, north = area.bbox
        margin = BBOX_MARGIN
        if not (south - margin <= lat <= north + margin and west - margin <= lon <= east + margin):
            raise Refusal(_("Nåla er utenfor kommunen. Flytt den inn på kartet."))
    elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Refusal(_("Nåla er utenfor kartet."))
    return round(lat, 6), round(lon, 6), chosen


@transaction.atomic
def pin_drop(
    *,
    participant: Participant,
    activity: Activity,
    latitude: Any,
    longitude: Any,
    category: str,
    comment: str = "",
    place: str = "",
    idempotency_key: str,
) -> tuple[Contribution, bool]:
    """Drop a pin; a retry with the same key returns the stored pin (the same rules as text)."""
    lat, lon, chosen = check_pin(activity, latitude, longitude, category, place)
    stored = Contribution.objects.filter(participant=participant, idempotency_key=idempotency_key)
    if not stored.exists():
        sent = activity.contributions.filter(participant=participant).count()
        if sent >= activity.max_entries:
            raise Refusal(
                _("Du har satt %(n)s nåler her. Det er det meste du kan sette.") % {"n": sent},
                status=409,
            )
    text = " ".join((comment or "").split())[:MAX_COMMENT] or chosen
    contribution, created = services.contribution_submit(
        participant=participant, activity=activity, text=text, idempotency_key=idempotency_key
    )
    if created:
        Contribution.objects.filter(pk=contribution.pk).update(
            category=chosen, latitude=lat, longitude=lon
        )
        contribution.category, contribution.latitude, contribution.longitude = chosen, lat, lon
    return contribution, created


def assisted_pin_drop(
    *,
    activity: Activity,
    user: AbstractBaseUser,
    latitude: Any,
    longitude: Any,
    category: str,
    comment: str = "",
    place: str = "",
    idempotency_key: str,
) -> Contribution:
    """A pin from paper, entered by a facilitator who walked the route (marked as assisted).

    Idempotent like other paper answers: the same key from the same facilitator returns the pin
    entered the first time.
    """
    with transaction.atomic():
        earlier = Contribution.objects.filter(
            activity=activity,
            idempotency_key=idempotency_key,
            participant__assisted=True,
            participant__entered_by=user,
        ).first()
        if earlier is not None:
            return earlier
        check_pin(activity, latitude, longitude, category, place)
        person = services.participant_join(
            workshop=activity.workshop, assisted=True, entered_by=user
        )
        pin, _created = pin_drop(
            participant=person,
            activity=activity,
            latitude=latitude,
            longitude=longitude,
            category=category,
            comment=comment,
            place=place,
            idempotency_key=idempotency_key,
        )
    return pin
