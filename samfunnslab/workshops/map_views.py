"""Map input views: a municipality's boundary as GeoJSON (public, offline, from the snapshot), a
workshop's pins as GeoJSON for the facilitator, and the facilitator's page for naming places."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from samfunnslab.workshops import authorizers, exports, pins
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.forms import MapPlacesForm
from samfunnslab.workshops.models import Activity, ActivityKind


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


@login_required
@require_http_methods(["GET", "POST"])
def places_edit_view(request: HttpRequest, pk: int, activity_id: int) -> HttpResponse:
    """Name the places participants can find in the search box (set by clicking the map)."""
    workshop = authorizers.workshop_for_runner(request.user, pk)
    activity = get_object_or_404(Activity, workshop=workshop, pk=activity_id, kind=ActivityKind.MAP)
    form = MapPlacesForm(request.POST or None, initial={"places": pins.places_text(activity)})
    if request.method == "POST" and form.is_valid():
        try:
            pins.map_places_set(activity=activity, text=form.cleaned_data["places"])
        except Refusal as refusal:
            form.add_error("places", refusal.message)
        else:
            messages.success(request, _("Stedene er lagret."))
            return redirect(
                reverse("workshops:console", args=[workshop.pk]) + f"#aktivitet-{activity.pk}"
            )
    named_pins = [
        {"lat": p["lat"], "lon": p["lon"], "category": p["name"], "colour": 0, "comment": ""}
        for p in activity.places
    ]
    context = {"workshop": workshop, "activity": activity, "form": form, "named_pins": named_pins}
    return render(request, "workshops/map_places.html", context)
