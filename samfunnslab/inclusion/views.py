"""The inclusion view (one workshop, or all sessions of a process) and the paper-sheet form.

Views check access in `authorizers`, read through `report`/`selectors`, write through `services`.
HTMX requests to the process view get only the report fragment (`report.html#report`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samfunnslab.inclusion import authorizers, easy, report, selectors, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import Vote

DESCRIPTION_FIELDS = ("age_band", "role", "lives_here", "new_in_norway", "parent_small_child")


@login_required
@require_GET
def workshop_inclusion(request: HttpRequest, pk: int) -> HttpResponse:
    """`/inkludering/verksted/<pk>/`: who took part in this workshop, and across its process."""
    workshop = authorizers.workshop_for_viewer(request.user, pk)
    sessions = list(selectors.process_workshops(workshop))
    chosen = (
        selectors.chosen_sessions(sessions, request.GET.getlist("okt"))
        if "okt" in request.GET
        else [workshop]
    )
    context = {
        "workshop": workshop,
        "sessions": sessions,
        "chosen_ids": {w.pk for w in chosen},
        "whole_process": len(chosen) > 1,
        "report": report.inclusion_report(
            workshops=chosen,
            municipality_code=workshop.municipality_code,
            paper_url=reverse("inclusion:paper", args=[workshop.pk]),
        ),
        "can_enter_paper": authorizers.can_enter_paper(request.user, workshop),
    }
    template = "inclusion/report.html#report" if request.htmx else "inclusion/report.html"
    return render(request, template, context)


def _votes_from(post: dict[str, str]) -> dict[int, int]:
    votes: dict[int, int] = {}
    for name, raw in post.items():
        if not name.startswith("stmt_") or raw == "":
            continue
        try:
            statement_id, vote = int(name[5:]), int(raw)
        except ValueError:
            continue
        if vote in Vote.values:
            votes[statement_id] = vote
    return votes


@login_required
@require_http_methods(["GET", "POST"])
def paper_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """`/inkludering/verksted/<pk>/papir/`: enter one paper sheet on someone's behalf."""
    workshop = authorizers.workshop_for_paper(request.user, pk)
    if request.method == "POST":
        try:
            _participant, created = services.paper_sheet_submit(
                workshop=workshop,
                user=request.user,
                description={f: request.POST.get(f, "") for f in DESCRIPTION_FIELDS},
                votes=_votes_from(request.POST.dict()),
                idempotency_key=request.POST.get("key", ""),
            )
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Arket er lagret som papirsvar. Fyll inn det neste.")
                if created
                else _("Dette arket var allerede lagret."),
            )
            return redirect("inclusion:paper", pk=workshop.pk)
    context = {
        "workshop": workshop,
        "choices": report.describe_choices(),
        "statement_activities": selectors.statement_activities(workshop),
        "key": uuid.uuid4().hex,
        "vote_choices": Vote.choices,
    }
    return render(request, "inclusion/paper.html", context)


@require_POST
def easy_language_toggle(request: HttpRequest) -> HttpResponse:
    """`/inkludering/lettlest/`: a participant turns easy language (larger type) on or off."""
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    on = request.POST.get("on") == "1"
    response.set_cookie(
        easy.COOKIE,
        "1" if on else "0",
        max_age=easy.COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SECURE_COOKIES,
    )
    return response
