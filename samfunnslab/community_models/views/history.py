"""Forks, saved versions and contributions pulled in from workshops."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samfunnslab.accounts.authorizers import editable_organisations
from samfunnslab.community_models import (
    authorizers,
    pages,
    services,
    sources,
)
from samfunnslab.community_models.forms import ForkForm, PullForm, VersionForm, for_model
from samfunnslab.core.errors import Refusal
from samfunnslab.core.http import int_or_none


@login_required
@require_http_methods(["GET", "POST"])
def model_fork(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy a model into an alternative the user can change."""
    model = authorizers.get_model_for_view(request.user, pk)
    organisations = editable_organisations(request.user)
    if not authorizers.can_fork_model(request.user, model):
        raise PermissionDenied
    errors: list[str] = []
    name = services.fork_name(model.name)
    if request.method == "POST":
        name = request.POST.get("name", "")
        form = ForkForm(request.POST, organisation=organisations)
        try:
            fork = services.model_fork(model=model, user=request.user, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("Du har laget en ny variant av «%(name)s». Endre det som skal være annerledes.")
                % {"name": model.name},
            )
            return redirect("community_models:builder", pk=fork.pk)
    return render(
        request,
        "community_models/fork.html",
        {"model": model, "organisations": organisations, "name": name, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_POST
def version_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the model as a numbered version."""
    model = authorizers.get_model_for_edit(request.user, pk)
    try:
        version = services.model_version_save(
            model=model, user=request.user, **VersionForm(request.POST).cleaned_or_refuse()
        )
    except Refusal as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Versjon %(number)s er lagret.") % {"number": version.number})
    return redirect(reverse("community_models:detail", args=[model.pk]) + "#historikk")


@login_required
@require_http_methods(["GET", "POST"])
def contributions(request: HttpRequest, pk: int) -> HttpResponse:
    """List a workshop's contributions and pull chosen ones into the model, keeping the link."""
    model = authorizers.get_model_for_edit(request.user, pk)
    workshop_id = int_or_none(request.GET.get("verksted") or request.POST.get("workshop"))
    errors: list[str] = []
    if request.method == "POST" and workshop_id is not None:
        try:
            pull = for_model(PullForm, request.POST, model).cleaned_or_refuse()
            ref = sources.contribution_get(request.user, workshop_id, pull.pop("contribution"))
            if ref is None:
                raise Refusal(_("Fant ikke innspillet. Det kan ha blitt fjernet av moderator."))
            services.contribution_pull(model=model, contribution=ref, **pull)
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(
                request, _("Innspillet er hentet inn: %(text)s") % {"text": ref.text[:80]}
            )
            return redirect(
                reverse("community_models:contributions", args=[model.pk])
                + f"?verksted={workshop_id}"
            )
    return render(
        request,
        "community_models/contributions.html",
        {
            "model": model,
            "workshops": sources.workshops_for(request.user),
            "workshop_id": workshop_id,
            "items": sources.contributions_for(request.user, workshop_id) if workshop_id else [],
            "elements": model.elements.all(),
            "errors": errors,
            **pages.choices(),
        },
        status=400 if errors else 200,
    )
