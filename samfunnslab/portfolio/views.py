"""Thin views of the portfolio: parse input, check access, call one service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samfunnslab.accounts.authorizers import can_edit, editable_organisations, organisations_for
from samfunnslab.community_models.authorizers import get_model_for_view, visible_models
from samfunnslab.community_models.models import FunctionKey, KommuneVersion
from samfunnslab.core.errors import Refusal
from samfunnslab.lab import authorizers as lab_authorizers
from samfunnslab.portfolio import authorizers, documents, figures, pages, selectors, services
from samfunnslab.portfolio.forms import (
    ImportForm,
    InitiativeForm,
    InitiativeLinkForm,
    MilestoneForm,
    NodeForm,
    PilotForm,
    PilotFromFindingForm,
    PilotPlaceForm,
)
from samfunnslab.portfolio.models import (
    Horizon,
)


def _organisations(request: HttpRequest) -> list[Any]:
    """Return the organisations the user edits in; someone who edits in none may not write."""
    organisations = editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    return organisations


def index(request: HttpRequest) -> HttpResponse:
    """Show the portfolio tree with its pilots, and the forms to grow it."""
    return _index(request, errors=[])


def _index(request: HttpRequest, *, errors: list[str]) -> HttpResponse:
    context = pages.index_context(request.user, errors=errors, form=request.POST)
    return render(request, "portfolio/index.html", context, status=400 if errors else 200)


@login_required
@require_POST
def node_create(request: HttpRequest) -> HttpResponse:
    """Add a node to the portfolio tree."""
    form = NodeForm(
        request.POST,
        organisation=_organisations(request),
        parent=authorizers.visible_nodes(request.user),
    )
    try:
        services.node_create(**form.cleaned_or_refuse())
    except Refusal as error:
        return _index(request, errors=error.messages)
    messages.success(request, _("Elementet er lagt til i porteføljen."))
    return redirect("portfolio:index")


@login_required
def portfolio_pdf(request: HttpRequest) -> HttpResponse:
    """Download the portfolio as a PDF for a council or a board."""
    nodes = authorizers.visible_nodes(request.user)
    pilots = authorizers.visible_pilots(request.user)
    report = documents.portfolio_report(
        ", ".join(o.name for o in organisations_for(request.user)),
        selectors.portfolio_tree(nodes, pilots),
        [p for p in pilots if p.node_id is None],
        _horizon_columns(request),
    )
    response = HttpResponse(documents.portfolio_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="portefolje.pdf"'
    return response


def initiatives(request: HttpRequest) -> HttpResponse:
    """Show the initiatives catalogue with search, filters, a map and a list."""
    visible = authorizers.visible_initiatives(request.user)
    params = {k: request.GET.get(k, "") for k in ("q", "function", "tag", "kommune_version")}
    found = selectors.initiatives_search(visible, **params)
    points = [(i.municipality_code, i.title) for i in found if i.municipality_code]
    context = {
        "initiatives": found,
        "has_shipped": any(initiative.is_shipped for initiative in found),
        "map": figures.initiatives_map(points, title=_("Kart over initiativene")),
        "tags": selectors.all_tags(visible),
        "functions": FunctionKey.choices,
        "versions": KommuneVersion.choices[1:],
        "can_import": bool(editable_organisations(request.user)),
        **params,
    }
    return render(request, "portfolio/initiatives.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    """Add an initiative owned by the user's organisation."""
    organisations = _organisations(request)
    errors: list[str] = []
    if request.method == "POST":
        form = InitiativeForm(request.POST, organisation=organisations)
        try:
            initiative = services.initiative_create(user=request.user, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(request, _("Initiativet er lagt til."))
            return redirect("portfolio:initiative", pk=initiative.pk)
    context = {
        "errors": errors,
        "form": request.POST,
        "chosen_functions": request.POST.getlist("functions"),
        "functions": FunctionKey.choices,
        "versions": KommuneVersion.choices[1:],
        **pages.choices(),
    }
    return render(request, "portfolio/initiative_form.html", context, status=400 if errors else 200)


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one initiative and let editors link it to a model as inspiration."""
    initiative = authorizers.get_initiative_for_view(request.user, pk)
    context = {
        "initiative": initiative,
        "function_labels": selectors.function_labels(initiative.functions),
        "inspires": [m for m in initiative.inspires.all() if m in visible_models(request.user)],
        "models": [
            m
            for m in visible_models(request.user).order_by("name")
            if can_edit(request.user, m.organisation)
        ],
    }
    return render(request, "portfolio/initiative.html", context)


@login_required
@require_POST
def initiative_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the initiative as an inspiration for a model the user may edit."""
    initiative = authorizers.get_initiative_for_view(request.user, pk)
    form = InitiativeLinkForm(request.POST, model=visible_models(request.user))
    try:
        model = form.cleaned_or_refuse()["model"]
        if not can_edit(request.user, model.organisation):
            raise Refusal(_("Velg en modell du kan redigere."))
    except Refusal as refusal:
        messages.error(request, refusal.message)
        return redirect("portfolio:initiative", pk=pk)
    services.initiative_link_model(initiative=initiative, model=model)
    messages.success(request, _("Initiativet er koblet til modellen som inspirasjon."))
    return redirect("portfolio:initiative", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def initiatives_import(request: HttpRequest) -> HttpResponse:
    """Import initiatives from a CSV file or pasted text (all rows or none)."""
    organisations = _organisations(request)
    organisation = organisations[0]
    result = None
    if request.method == "POST":
        try:
            posted = ImportForm(request.POST, organisation=organisations).cleaned_or_refuse()
        except Refusal as refusal:
            messages.error(request, refusal.message)
            return redirect("portfolio:initiatives_import")
        organisation, text = posted["organisation"], posted["text"]
        upload = request.FILES.get("file")
        if upload is not None and upload.size and upload.size > services.MAX_IMPORT_BYTES:
            text = "x" * (services.MAX_IMPORT_BYTES + 1)
        elif upload is not None:
            text = upload.read().decode("utf-8", errors="replace")
        result = services.initiatives_import_csv(
            organisation=organisation, user=request.user, text=text
        )
        if not result.errors:
            messages.success(
                request, _("%(n)s initiativer er importert.") % {"n": len(result.created)}
            )
            return redirect("portfolio:initiatives")
    context = {"result": result, "columns": services.CSV_COLUMNS, "organisation": organisation}
    status = 400 if result and result.errors else 200
    return render(request, "portfolio/import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_create(request: HttpRequest) -> HttpResponse:
    """Create a pilot directly."""
    organisations = _organisations(request)
    errors: list[str] = []
    if request.method == "POST":
        form = PilotForm(
            request.POST,
            organisation=organisations,
            node=authorizers.visible_nodes(request.user),
        )
        try:
            pilot = services.pilot_create(user=request.user, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(request, _("Piloten er opprettet."))
            return redirect("portfolio:pilot", pk=pilot.pk)
    context = pages.pilot_form_context(request.user, request.POST, errors=errors, finding=None)
    return render(request, "portfolio/pilot_form.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_from_finding(request: HttpRequest, finding_pk: int) -> HttpResponse:
    """Create a pilot from a lab finding (prefilled from the finding)."""
    finding = lab_authorizers.get_finding_for_view(request.user, finding_pk)
    if not lab_authorizers.can_edit_exercise(request.user, finding.exercise):
        raise PermissionDenied
    errors: list[str] = []
    if request.method == "POST":
        form = PilotFromFindingForm(request.POST, node=authorizers.visible_nodes(request.user))
        try:
            pilot = services.pilot_create_from_finding(
                finding=finding, user=request.user, **form.cleaned_or_refuse()
            )
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(request, _("Piloten er opprettet fra funnet."))
            return redirect("portfolio:pilot", pk=pilot.pk)
    initial = {
        "title": _("Pilot: %(label)s") % {"label": finding.element_label[:180]},
        "hypothesis": finding.proposed_action or finding.description,
        "duration_months": "24",
        "horizon": Horizon.H2_PLUS,
    }
    context = pages.pilot_form_context(
        request.user, request.POST, errors=errors, finding=finding, initial=initial
    )
    if request.method == "GET":
        context["form"] = initial
    return render(request, "portfolio/pilot_form.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a pilot; editors place it in the portfolio and on the Three Horizons."""
    pilot = authorizers.get_pilot_for_view(request.user, pk)
    errors: list[str] = []
    if request.method == "POST":
        pilot = authorizers.get_pilot_for_edit(request.user, pk)
        form = PilotPlaceForm(request.POST, node=authorizers.visible_nodes(request.user))
        try:
            services.pilot_place(pilot=pilot, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(request, _("Piloten er plassert."))
            return redirect("portfolio:pilot", pk=pk)
    context = {
        "pilot": pilot,
        "can_edit": can_edit(request.user, pilot.organisation),
        "nodes": authorizers.visible_nodes(request.user).filter(organisation=pilot.organisation),
        "errors": errors,
        **pages.choices(),
    }
    return render(request, "portfolio/pilot.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation (GET), then delete the pilot (POST); only for its organisation's editors."""
    pilot = authorizers.get_pilot_for_edit(request.user, pk)
    if request.method == "POST":
        services.pilot_delete(pilot=pilot)
        messages.success(request, _("Piloten er slettet."))
        return redirect("portfolio:index")
    return render(request, "portfolio/pilot_delete.html", {"pilot": pilot})


def _horizon_columns(request: HttpRequest) -> list[selectors.HorizonColumn]:
    urls = {
        "pilot": lambda pk: reverse("portfolio:pilot", args=[pk]),
        "initiative": lambda pk: reverse("portfolio:initiative", args=[pk]),
        "model": lambda pk: reverse("community_models:detail", args=[pk]),
    }
    own_models = visible_models(request.user).filter(
        organisation__in=organisations_for(request.user)
    )
    return selectors.three_horizons(
        authorizers.visible_pilots(request.user),
        authorizers.visible_initiatives(request.user),
        authorizers.visible_nodes(request.user),
        own_models,
        urls,
    )


def horizons(request: HttpRequest) -> HttpResponse:
    """Show the Three Horizons with pilots, initiatives, nodes and models, plus a text list."""
    columns = _horizon_columns(request)
    counts = {"H1": 0, "H2": 0, "H3": 0}
    for column in columns:
        counts[column.key[:2]] += len(column.items)
    summary = _("H1 har %(h1)s, H2 har %(h2)s og H3 har %(h3)s plasserte elementer.") % {
        "h1": counts["H1"],
        "h2": counts["H2"],
        "h3": counts["H3"],
    }
    context = {
        "columns": columns,
        "svg": figures.horizons_svg(
            counts,
            title=_("Tre horisonter"),
            summary=summary,
            now=_("Nå"),
            future=_("Framtid"),
        ),
        "summary": summary,
    }
    return render(request, "portfolio/horizons.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def backcasting(request: HttpRequest, model_pk: int) -> HttpResponse:
    """Show the milestones back from the model's horizon year to now, and add new ones."""
    model = get_model_for_view(request.user, model_pk)
    errors: list[str] = []
    if request.method == "POST":
        form = MilestoneForm(
            request.POST,
            organisation=_organisations(request),
            pilot=authorizers.visible_pilots(request.user),
        )
        try:
            services.milestone_add(model=model, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
        else:
            messages.success(request, _("Milepælen er lagt til."))
            return redirect("portfolio:backcasting", model_pk=model.pk)
    milestones = list(authorizers.visible_milestones(request.user).filter(model=model))
    context = {
        "model": model,
        "timeline": selectors.backcasting(model, milestones),
        "pilots": authorizers.visible_pilots(request.user),
        "can_edit": bool(editable_organisations(request.user)),
        "errors": errors,
        "form": request.POST,
    }
    return render(request, "portfolio/backcasting.html", context, status=400 if errors else 200)
