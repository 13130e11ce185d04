"""The live opinion map: presenter page, its HTMX fragment, JSON, the next statement for a
participant, and "one community model per group".

Access: staff of the workshop's organisation see the map (viewers too); facilitators create models;
a participant (by the workshop's signed cookie) may ask for their next statement. All checks are in
the two `_activity_for_*` functions below and the workshops app's authorizers they call.
"""

from __future__ import annotations

import numpy as np
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samfunnslab.core.errors import Refusal
from samfunnslab.opinions import live, pages, selectors, services
from samfunnslab.workshops import authorizers as workshop_authorizers
from samfunnslab.workshops.models import Activity

UserLike = AbstractBaseUser | AnonymousUser


def _activity_for_watcher(user: UserLike, activity_id: int) -> Activity:
    """Return the statements activity, or raise 404/PermissionDenied unless the user may watch."""
    activity = selectors.statements_activity(activity_id)
    workshop_authorizers.workshop_for_watcher(user, activity.workshop_id)
    return activity


def _activity_for_runner(user: UserLike, activity_id: int) -> Activity:
    """Return the statements activity, or raise 404/PermissionDenied unless the user may run it."""
    activity = selectors.statements_activity(activity_id)
    workshop_authorizers.workshop_for_runner(user, activity.workshop_id)
    return activity


@login_required
@require_GET
def map_page(request: HttpRequest, activity_id: int) -> HttpResponse:
    """`/meningskart/<id>/`: the presenter-friendly map with its text alternative."""
    activity = _activity_for_watcher(request.user, activity_id)
    return render(request, "opinions/map.html", pages.map_context(activity, request.user))


@login_required
@require_GET
def map_hx(request: HttpRequest, activity_id: int) -> HttpResponse:
    """`/meningskart/<id>/innhold/`: the live part of the page, polled by HTMX."""
    activity = _activity_for_watcher(request.user, activity_id)
    return render(request, "opinions/map.html#live", pages.map_context(activity, request.user))


@login_required
@require_GET
def map_json(request: HttpRequest, activity_id: int) -> JsonResponse:
    """`/meningskart/<id>/kart.json`: the same map as JSON (anonymous dots, named groups)."""
    activity = _activity_for_watcher(request.user, activity_id)
    entry = live.current_map(activity.pk)
    return JsonResponse({"ready": entry is not None, "map": entry["payload"] if entry else None})


@require_GET
def next_statement(request: HttpRequest, activity_id: int) -> JsonResponse:
    """`/meningskart/<id>/neste/`: the statement this participant should see next (Polis routing)."""
    activity = selectors.statements_activity(activity_id)
    participant = workshop_authorizers.participant_for_request(request, activity.workshop)
    if participant is None:
        return JsonResponse({"ok": False, "error": _("Du er ikke med i verkstedet.")}, status=403)
    open_statements = selectors.open_statements(activity, participant)
    entry = live.current_map(activity.pk)
    rng = np.random.default_rng()
    chosen = live.pick_next(list(open_statements), entry["priority"] if entry else {}, rng)
    statement = {"id": chosen, "text": open_statements[chosen]} if chosen is not None else None
    return JsonResponse({"ok": True, "statement": statement, "remaining": len(open_statements)})


@login_required
@require_http_methods(["GET", "POST"])
def group_models(request: HttpRequest, activity_id: int) -> HttpResponse:
    """`/meningskart/<id>/modeller/`: form one model team per opinion group in one click."""
    activity = _activity_for_watcher(request.user, activity_id)
    entry = live.current_map(activity.pk)
    seeds = live.model_seeds(entry["payload"]) if entry else []
    if request.method == "POST":
        activity = _activity_for_runner(request.user, activity_id)
        try:
            created = services.group_models_create(
                activity=activity, user=request.user, seeds=seeds
            )
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Laget %(n)s modellteam, én lokalsamfunnsmodell per gruppe.")
                % {"n": len(created)},
            )
        return redirect("opinions:group_models", activity_id=activity.pk)
    return render(
        request,
        "opinions/group_models.html",
        pages.group_models_context(activity, request.user, seeds),
    )
