"""Public map data for the map input: a municipality's boundary and places, as GeoJSON (offline,
from the snapshot), and a workshop's pins as GeoJSON for the facilitator."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from samfunnslab.workshops import authorizers, exports, pins


@require_GET
@cache_control(public=True, max_age=86400)
def boundary_view(request: HttpRequest, code: str) -> JsonResponse:
    """`/kart/kommune/<code>.geojson`: the outline (public data, Kartverket CC BY 4.0)."""
    data = pins.boundary(code)
    if not data["features"]:
        raise Http404
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def pins_geojson_view(request: HttpRequest, pk: int) -> HttpResponse:
    """`/verksted/<id>/kartnaler.geojson`: every visible pin of the workshop (no participant)."""
    workshop = authorizers.workshop_for_watcher(request.user, pk)
    response = HttpResponse(
        exports.pins_geojson(workshop), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = exports.content_disposition_header(
        True, exports.export_filename(workshop, "geojson")
    )
    return response
