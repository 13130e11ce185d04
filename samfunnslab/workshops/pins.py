"""Map input («Kartinnspill»): pins with a category and an optional comment, on the workshop's
municipality, offline.

The base map is the municipality's boundary from the snapshot (Kartverket, simplified); a tile
layer (Kartverket's open topographic tiles) is added only when `WORKSHOP_MAP_TILES` is set. For
those who cannot tap a map, `places` offers named points to find in a search box: first the places
the facilitator named for the activity (the square, the school, the senior centre — set on the map
by the facilitator, `map_places_set`), then the middle of the municipality and the parts of it
towards north, south, east and west. The snapshot has no place names, so the local ones come from
the people who know the place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samfunnslab.core import statistics
from samfunnslab.workshops import events, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import Activity, ActivityKind, Contribution, Participant

MAX_COMMENT = 200
MAX_PLACES = 60
MAX_PLACE_NAME = 60
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


def places(code: str, named: Sequence[Mapping[str, Any]] = ()) -> list[Place]:
    """The facilitator's named places, then the middle and the compass parts of the municipality."""
    found = [
        Place(f"sted-{i}", str(p["name"]), float(p["lat"]), float(p["lon"]))
        for i, p in enumerate(named)
        if _within(code, float(p["lat"]), float(p["lon"]))  # the workshop may have moved
    ]
    area = _area(code)
    if area is None:
        return found
    west, south, east, north = area.bbox
    found.append(Place("midt", _("Midt i kommunen"), area.label[1], area.label[0]))
    for key, name, column, row in SECTORS:
        lon = west + (east - west) * (column + 0.5) / 3
        lat = south + (north - south) * (row + 0.5) / 3
        if _inside(area.rings, lon, lat):
            found.append(Place(key, str(name), round(lat, 5), round(lon, 5)))
    return found


def activity_places(activity: Activity) -> list[Place]:
    """The places a participant can pick for this map activity."""
    return places(activity.workshop.municipality_code, activity.places)


def find_place(activity: Activity, picked: str) -> Place | None:
    """The place picked from the list: by its key, or by its name as typed in the search box."""
    wanted = " ".join(picked.split()).casefold()
    if not wanted:
        return None
    candidates = activity_places(activity)
    return next((p for p in candidates if p.key == picked), None) or next(
        (p for p in candidates if p.name.casefold() == wanted), None
    )


def _within(code: str, lat: float, lon: float) -> bool:
    area = _area(code)
    if area is None:
        return -90 <= lat <= 90 and -180 <= lon <= 180
    west, south, east, north = area.bbox
    margin = BBOX_MARGIN
    return south - margin <= lat <= north + margin and west - margin <= lon <= east + margin


def parse_places(code: str, text: str) -> list[dict[str, Any]]:
    """Read «Navn; breddegrad; lengdegrad» lines, or refuse naming the line that is wrong."""
    found: list[dict[str, Any]] = []
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_PLACES:
        raise Refusal(_("Skriv høyst %(n)s steder.") % {"n": MAX_PLACES})
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split(";")]
        name = " ".join(parts[0].split())
        if len(parts) != 3 or not name:
            raise Refusal(
                _(
                    "Linje %(n)s: skriv navn; breddegrad; lengdegrad, for eksempel «Torget; 59.41; 5.27»."
                )
                % {"n": number}
            )
        if len(name) > MAX_PLACE_NAME:
            raise Refusal(
                _("Linje %(n)s: navnet kan ha høyst %(max)s tegn.")
                % {"n": number, "max": MAX_PLACE_NAME}
            )
        if any(p["name"].casefold() == name.casefold() for p in found):
            raise Refusal(_("Linje %(n)s: «%(name)s» står der alt.") % {"n": number, "name": name})
        try:
            lat, lon = _coordinate(parts[1]), _coordinate(parts[2])
        except Refusal:
            raise Refusal(
                _("Linje %(n)s: breddegrad og lengdegrad må være tall, for eksempel 59.41 og 5.27.")
                % {"n": number}
            ) from None
        if not _within(code, lat, lon):
            raise Refusal(
                _("Linje %(n)s: «%(name)s» ligger utenfor kommunen.") % {"n": number, "name": name}
            )
        found.append({"name": name, "lat": round(lat, 6), "lon": round(lon, 6)})
    return found


def places_text(activity: Activity) -> str:
    """The named places as the lines the facilitator edits."""
    return "\n".join(f"{p['name']}; {p['lat']}; {p['lon']}" for p in activity.places)


@transaction.atomic
def map_places_set(*, activity: Activity, text: str) -> Activity:
    """Set the places participants can pick for a map activity (replaces the earlier list)."""
    if activity.kind != ActivityKind.MAP:
        raise Refusal(_("Bare kartinnspill har steder å velge."))
    activity.places = parse_places(activity.workshop.municipality_code, text)
    activity.save(update_fields=["places"])
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return activity


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
        picked = find_place(activity, place)
        if picked is None:
            raise Refusal(
                _("Fant ikke stedet «%(place)s». Velg et navn fra lista, eller trykk på kartet.")
                % {"place": " ".join(place.split())[:MAX_PLACE_NAME]}
            )
        latitude, longitude = picked.latitude, picked.longitude
    chosen = " ".join((category or "").split())
    if chosen not in activity.options:
        raise Refusal(_("Velg hva slags sted det er."))
    lat, lon = _coordinate(latitude), _coordinate(longitude)
    if not _within(activity.workshop.municipality_code, lat, lon):
        area = _area(activity.workshop.municipality_code)
        if area is not None:
            raise Refusal(_("Nåla er utenfor kommunen. Flytt den inn på kartet."))
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
