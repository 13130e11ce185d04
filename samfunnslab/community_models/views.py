"""Thin views: parse input, check access, call one service, render (full page or HTMX partial)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samfunnslab.accounts.authorizers import editable_organisations
from samfunnslab.community_models import (
    authorizers,
    engine,
    exports,
    figures,
    selectors,
    services,
    sources,
)
from samfunnslab.community_models.kommune_versions import SEED_TABLE, SHORT, SOURCE, VERSIONS
from samfunnslab.community_models.models import (
    ActorType,
    Archetype,
    AssumptionStatus,
    CoCreationType,
    CommunityModel,
    Element,
    ElementKind,
    Formality,
    FunctionKey,
    KommuneVersion,
    LegalForm,
    Polarity,
    RelationKind,
    ResourceKind,
    RoleKind,
    Sector,
)
from samfunnslab.community_models.parameters import PARAMETERS
from samfunnslab.core.errors import Refusal
from samfunnslab.core.http import int_or_none, ints

ELEMENT_PARTS = ("actor", "institution", "function", "resource", "factor")
OTHER_PARTS = ("role", "relation", "value", "assumption")
MODEL_FIELDS = (
    "name",
    "pitch",
    "municipality_code",
    "horizon_year",
    "archetype",
    "story",
    "day_in_the_life",
    "headlines",
)


def _messages_of(error: Refusal) -> list[str]:
    """Return the plain messages of a Refusal."""
    return [str(m) for m in error.messages]


def _element(model: CommunityModel, raw: str | None) -> Element | None:
    """Return the model's element with this id, or None."""
    try:
        return model.elements.get(pk=int(raw or ""))
    except (ValueError, Element.DoesNotExist):
        return None


def _choices() -> dict[str, Any]:
    """Return the choice lists the forms need."""
    return {
        "sectors": Sector.choices,
        "actor_types": ActorType.choices,
        "formalities": Formality.choices,
        "legal_forms": LegalForm.choices,
        "function_keys": FunctionKey.choices,
        "kommune_versions": KommuneVersion.choices,
        "co_creation_types": CoCreationType.choices,
        "resource_kinds": ResourceKind.choices,
        "role_kinds": RoleKind.choices,
        "relation_kinds": RelationKind.choices,
        "polarities": Polarity.choices,
        "assumption_statuses": AssumptionStatus.choices,
        "archetypes": Archetype.choices,
        "element_kinds": ElementKind.choices,
    }


def _lens_help() -> dict[str, Any]:
    """Return the Kommune 1.0/2.0/3.0 seed table for the help panel."""
    return {"versions": VERSIONS, "rows": SEED_TABLE, "source": SOURCE, "short": SHORT}


def _numbers(model: CommunityModel) -> dict[str, Any]:
    """Return the model's figures next to the baseline for the numbers panel."""
    run = engine.model_figures(model)
    baseline = engine.baseline_figures(model.municipality_code)
    return {"figures": run, "baseline": baseline, "numbers": selectors.model_numbers(run, baseline)}


# --------------------------------------------------------------------------- list and create


def index(request: HttpRequest) -> HttpResponse:
    """List the models the user may see, with a form to compare 2–3 of them."""
    models = authorizers.visible_models(request.user).select_related("organisation", "parent")
    return render(
        request,
        "community_models/index.html",
        {"models": models, "can_create": bool(editable_organisations(request.user))},
    )


def _model_form_data(request: HttpRequest) -> dict[str, Any]:
    """Return the description fields from a POST."""
    return {key: request.POST.get(key, "") for key in MODEL_FIELDS}


def _save_provenance(request: HttpRequest, model: CommunityModel) -> None:
    """Record the chosen source workshop (one of the user's) and method step from the form."""
    chosen = int_or_none(request.POST.get("source_workshop"))
    workshop = next((w for w in sources.workshops_for(request.user) if w.id == chosen), None)
    services.model_provenance_set(
        model=model, workshop=workshop, step=request.POST.get("source_step", "")
    )


@login_required
@require_http_methods(["GET", "POST"])
def model_create(request: HttpRequest) -> HttpResponse:
    """Create a new model in one of the user's organisations."""
    organisations = editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    data: dict[str, Any] = {
        "horizon_year": 2040,
        "municipality_code": organisations[0].municipality_code,
    }
    errors: list[str] = []
    if request.method == "POST":
        data = _model_form_data(request)
        organisation = next(
            (o for o in organisations if str(o.pk) == request.POST.get("organisation")),
            organisations[0],
        )
        try:
            with transaction.atomic():
                model = services.model_create(organisation=organisation, user=request.user, **data)
                _save_provenance(request, model)
        except Refusal as error:
            errors = _messages_of(error)
        else:
            messages.success(
                request, _("Modellen er laget. Legg til aktører, funksjoner og roller.")
            )
            return redirect("community_models:builder", pk=model.pk)
    return render(
        request,
        "community_models/model_form.html",
        {
            "data": data,
            "errors": errors,
            "organisations": organisations,
            "creating": True,
            "workshops": sources.workshops_for(request.user),
            **_choices(),
        },
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the name, municipality, horizon and narrative of a model."""
    model = authorizers.get_model_for_edit(request.user, pk)
    data: dict[str, Any] = {key: getattr(model, key) for key in MODEL_FIELDS} | {
        "shared": model.shared
    }
    errors: list[str] = []
    if request.method == "POST":
        data = _model_form_data(request) | {"shared": request.POST.get("shared") == "on"}
        try:
            with transaction.atomic():
                services.model_update(model=model, **data)
                _save_provenance(request, model)
        except Refusal as error:
            errors = _messages_of(error)
            model.refresh_from_db()
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect("community_models:detail", pk=model.pk)
    return render(
        request,
        "community_models/model_form.html",
        {
            "model": model,
            "data": data
            | {"source_workshop": model.source_workshop_id, "source_step": model.source_step},
            "errors": errors,
            "creating": False,
            "workshops": sources.workshops_for(request.user),
            **_choices(),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def model_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a model (after the confirmation on the edit page)."""
    model = authorizers.get_model_for_edit(request.user, pk)
    name = model.name
    services.model_delete(model=model)
    messages.success(request, _("«%(name)s» er slettet.") % {"name": name})
    return redirect("community_models:index")


# --------------------------------------------------------------------------- one model


def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a model: narrative, diagram with text alternative, roles, lens, numbers, provenance."""
    model = authorizers.get_model_for_view(request.user, pk)
    return render(
        request,
        "community_models/detail.html",
        {
            "model": model,
            "diagram": selectors.diagram_view(model),
            "can_edit": authorizers.can_edit_model(request.user, model),
            "can_fork": authorizers.can_fork_model(request.user, model),
            "functions": model.elements.filter(kind=ElementKind.FUNCTION),
            "parameters": _parameter_rows(model),
            "lens": _lens_help(),
            **_numbers(model),
        },
    )


def _parameter_rows(
    model: CommunityModel, posted: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Return each engine parameter with its current (or just posted) value."""
    rows = []
    for spec in PARAMETERS:
        value = model.parameters.get(spec.key, spec.default)
        shown = (posted or {}).get(spec.key, f"{float(value):g}")
        rows.append({"spec": spec, "value": value, "shown": shown})
    return rows


def _builder_context(model: CommunityModel, **extra: Any) -> dict[str, Any]:
    """Return everything the builder page shows."""
    elements = list(model.elements.all())
    return {
        "model": model,
        "diagram": selectors.diagram_view(model),
        "elements": elements,
        "actors": [e for e in elements if e.kind == ElementKind.ACTOR],
        "functions": [e for e in elements if e.kind == ElementKind.FUNCTION],
        "owners": [e for e in elements if e.kind in (ElementKind.ACTOR, ElementKind.INSTITUTION)],
        "roles": model.roles.select_related("actor", "function"),
        "relations": model.relations.select_related("source", "target"),
        "values": model.values.all(),
        "assumptions": model.assumptions.all(),
        "parameters": _parameter_rows(model, extra.pop("posted_parameters", None)),
        "lens": _lens_help(),
        "errors": {},
        "posted": {},
        "status_message": "",
        **_choices(),
        **_numbers(model),
        **extra,
    }


def _render_builder(
    request: HttpRequest, model: CommunityModel, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """Render the builder: the whole page, or only its main part for HTMX."""
    template = "community_models/builder.html"
    if getattr(request, "htmx", False):
        return render(request, template + "#builder-main", _builder_context(model, **extra))
    return render(request, template, _builder_context(model, **extra), status=status)


@login_required
def builder(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the quick forms and the diagram for building a model in a group."""
    model = authorizers.get_model_for_edit(request.user, pk)
    return _render_builder(request, model)


def _add_element(model: CommunityModel, kind: str, data: Mapping[str, str]) -> str:
    """Add an element from form data; return its name."""
    attrs = {
        key: data.get(key, "")
        for key in (
            "description",
            "sector",
            "actor_type",
            "formality",
            "legal_form",
            "function_key",
            "kommune_version",
            "co_creation_type",
            "resource_kind",
            "quantity",
        )
    }
    label = data.get("label", "").strip()
    if (
        kind == ElementKind.FUNCTION
        and not label
        and data.get("function_key") in FunctionKey.values
    ):
        label = str(FunctionKey(data["function_key"]).label)
    element = services.element_add(
        model=model, kind=kind, label=label, owner=_element(model, data.get("owner")), **attrs
    )
    return element.label


def _add_role(model: CommunityModel, data: Mapping[str, str]) -> str:
    """Add a role from form data; return a description."""
    share = data.get("share_of_effort", "").strip().replace(",", ".")
    try:
        share_value = float(share) / 100 if share else None
    except ValueError:
        raise Refusal(_("Andelen av innsatsen må være et tall mellom 0 og 100.")) from None
    role = services.role_add(
        model=model,
        actor=_element(model, data.get("actor")),
        function=_element(model, data.get("function")),
        kind=data.get("kind", ""),
        share_of_effort=share_value,
        note=data.get("note", ""),
    )
    return selectors.role_sentence(role)


def _add_relation(model: CommunityModel, data: Mapping[str, str]) -> str:
    """Add a relation from form data; return a description."""
    relation = services.relation_add(
        model=model,
        source=_element(model, data.get("source")),
        target=_element(model, data.get("target")),
        kind=data.get("kind", ""),
        polarity=data.get("polarity", ""),
        delay=data.get("delay") == "on",
        note=data.get("note", ""),
    )
    return selectors.relation_sentence(relation)


def _add_value(model: CommunityModel, data: Mapping[str, str]) -> str:
    """Add a value from form data."""
    return services.value_add(
        model=model, label=data.get("label", ""), description=data.get("description", "")
    ).label


def _add_assumption(model: CommunityModel, data: Mapping[str, str]) -> str:
    """Add an assumption from form data."""
    return services.assumption_add(
        model=model,
        text=data.get("text", ""),
        status=data.get("status", ""),
        instead=data.get("instead", ""),
    ).text


ADDERS: dict[str, Callable[[CommunityModel, Mapping[str, str]], str]] = {
    "role": _add_role,
    "relation": _add_relation,
    "value": _add_value,
    "assumption": _add_assumption,
}


@login_required
@require_POST
def builder_add(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    """Add one part (element, role, relation, value or assumption) from a quick form."""
    model = authorizers.get_model_for_edit(request.user, pk)
    if part not in ELEMENT_PARTS + OTHER_PARTS:
        raise PermissionDenied
    data = request.POST
    try:
        if part in ELEMENT_PARTS:
            added = _add_element(model, part, data)
        else:
            added = ADDERS[part](model, data)
    except Refusal as error:
        model.refresh_from_db()
        return _render_builder(
            request, model, status=400, errors={part: _messages_of(error)}, posted={part: data}
        )
    model.refresh_from_db()
    status = _("Lagt til: %(what)s") % {"what": added}
    if getattr(request, "htmx", False):
        return _render_builder(request, model, status_message=status)
    messages.success(request, status)
    return redirect(reverse("community_models:builder", args=[model.pk]) + f"#{part}")


ELEMENT_FIELDS = (
    "description",
    "sector",
    "actor_type",
    "formality",
    "legal_form",
    "function_key",
    "kommune_version",
    "co_creation_type",
    "resource_kind",
    "quantity",
)


@login_required
@require_http_methods(["GET", "POST"])
def element_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """Rename an element or change its kind-specific fields (its kind stays)."""
    model = authorizers.get_model_for_edit(request.user, pk)
    element = _element(model, str(item))
    if element is None:
        raise PermissionDenied
    errors: list[str] = []
    data: dict[str, Any] = {key: getattr(element, key) for key in ("label", *ELEMENT_FIELDS)}
    data["owner"] = str(element.owner_id or "")
    if request.method == "POST":
        data = {key: request.POST.get(key, "") for key in ("label", "owner", *ELEMENT_FIELDS)}
        attrs = {key: data[key] for key in ELEMENT_FIELDS}
        try:
            services.element_update(
                element=element, label=data["label"], owner=_element(model, data["owner"]), **attrs
            )
        except Refusal as error:
            errors = _messages_of(error)
        else:
            messages.success(request, _("Endret: %(label)s") % {"label": element.label})
            return redirect(reverse("community_models:builder", args=[model.pk]) + "#parts-heading")
    owners = model.elements.filter(kind__in=(ElementKind.ACTOR, ElementKind.INSTITUTION))
    return render(
        request,
        "community_models/element_form.html",
        {
            "model": model,
            "element": element,
            "data": data,
            "errors": errors,
            "owners": owners.exclude(pk=element.pk),
            **_choices(),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def builder_remove(request: HttpRequest, pk: int, part: str, item: int) -> HttpResponse:
    """Remove one part of the model."""
    model = authorizers.get_model_for_edit(request.user, pk)
    managers = {
        "element": (model.elements, services.element_remove, "element"),
        "role": (model.roles, services.role_remove, "role"),
        "relation": (model.relations, services.relation_remove, "relation"),
        "value": (model.values, services.value_remove, "value"),
        "assumption": (model.assumptions, services.assumption_remove, "assumption"),
    }
    if part not in managers:
        raise PermissionDenied
    manager, remove, keyword = managers[part]
    obj = manager.filter(pk=item).first()
    if obj is not None:
        remove(**{keyword: obj})
    model.refresh_from_db()
    if getattr(request, "htmx", False):
        return _render_builder(request, model, status_message=_("Fjernet."))
    messages.success(request, _("Fjernet."))
    return redirect(reverse("community_models:builder", args=[model.pk]) + f"#{part}")


@login_required
@require_POST
def function_lens(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """Set the Kommune version and co-creation type of one function."""
    model = authorizers.get_model_for_edit(request.user, pk)
    function = _element(model, str(item))
    try:
        if function is None:
            raise Refusal(_("Fant ikke funksjonen."))
        services.function_lens_set(
            function=function,
            kommune_version=request.POST.get("kommune_version", ""),
            co_creation_type=request.POST.get("co_creation_type", ""),
        )
    except Refusal as error:
        return _render_builder(request, model, status=400, errors={"lens": _messages_of(error)})
    model.refresh_from_db()
    if getattr(request, "htmx", False):
        return _render_builder(request, model, status_message=_("Kommuneversjon lagret."))
    messages.success(request, _("Kommuneversjon lagret."))
    return redirect(reverse("community_models:builder", args=[model.pk]) + "#kommuneversjon")


@login_required
@require_POST
def parameters(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the engine parameters of a model and show the new numbers."""
    model = authorizers.get_model_for_edit(request.user, pk)
    posted = {spec.key: request.POST.get(spec.key, "") for spec in PARAMETERS}
    try:
        services.model_parameters_set(model=model, parameters=posted)
    except Refusal as error:
        return _render_builder(
            request,
            model,
            status=400,
            errors={"parameters": _messages_of(error)},
            posted_parameters=posted,
        )
    if getattr(request, "htmx", False):
        return _render_builder(
            request, model, status_message=_("Parameterne er lagret. Tallene er regnet på nytt.")
        )
    messages.success(request, _("Parameterne er lagret. Tallene er regnet på nytt."))
    return redirect(reverse("community_models:builder", args=[model.pk]) + "#tall")


# --------------------------------------------------------------------------- fork, versions, contributions


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
        organisation = next(
            (o for o in organisations if str(o.pk) == request.POST.get("organisation")),
            organisations[0],
        )
        try:
            fork = services.model_fork(
                model=model, organisation=organisation, user=request.user, name=name
            )
        except Refusal as error:
            errors = _messages_of(error)
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
            model=model, user=request.user, note=request.POST.get("note", "")
        )
    except Refusal as error:
        for message in _messages_of(error):
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
        ref = sources.contribution_get(
            request.user, workshop_id, int_or_none(request.POST.get("contribution")) or -1
        )
        try:
            if ref is None:
                raise Refusal(
                    _("Fant ikke innspillet. Det kan ha blitt fjernet av moderator.")
                )
            services.contribution_pull(
                model=model,
                contribution=ref,
                as_kind=request.POST.get("as_kind", ""),
                label=request.POST.get("label", ""),
                sector=request.POST.get("sector", ""),
                status=request.POST.get("status", AssumptionStatus.FLIPPED),
                source=_element(model, request.POST.get("source")),
                target=_element(model, request.POST.get("target")),
                polarity=request.POST.get("polarity", ""),
            )
        except Refusal as error:
            errors = _messages_of(error)
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
            **_choices(),
        },
        status=400 if errors else 200,
    )


# --------------------------------------------------------------------------- compare


def compare(request: HttpRequest) -> HttpResponse:
    """Compare 2–3 models side by side (chosen with ?m=<id>&m=<id>)."""
    visible = authorizers.visible_models(request.user).select_related("organisation")
    chosen_ids = ints(request.GET.getlist("m"))
    chosen_ids = list(dict.fromkeys(chosen_ids))
    chosen = [m for i in chosen_ids for m in visible if m.pk == i]
    error = ""
    if request.GET.getlist("m") and len(chosen) != len(chosen_ids):
        error = _("Du har ikke tilgang til en av modellene, eller den finnes ikke.")
    elif request.GET.getlist("m") and not 2 <= len(chosen) <= selectors.MAX_COMPARED:
        error = _("Velg to eller tre modeller å sammenligne.")
    result = selectors.comparison(chosen) if chosen and not error else None
    return render(
        request,
        "community_models/compare.html",
        {
            "visible": visible,
            "chosen_ids": chosen_ids,
            "error": error,
            "comparison": result,
            "charts": figures.comparison_figures(result) if result else (),
            "lens": _lens_help(),
        },
        status=400 if error else 200,
    )


# --------------------------------------------------------------------------- exports


def _filename(model: CommunityModel, ending: str) -> str:
    """Return a safe download file name."""
    return f"{slugify(model.name) or 'modell'}.{ending}"


def export_kumu(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the model as a Kumu blueprint (JSON)."""
    model = authorizers.get_model_for_view(request.user, pk)
    response = JsonResponse(
        exports.kumu_json(model), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(model, "kumu.json")}"'
    return response


def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Download all elements, roles, relations, values and assumptions as CSV."""
    model = authorizers.get_model_for_view(request.user, pk)
    response = HttpResponse(exports.csv_text(model), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(model, "csv")}"'
    return response


def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the printable model description (PDF) for a council meeting."""
    model = authorizers.get_model_for_view(request.user, pk)
    response = HttpResponse(exports.pdf_bytes(model), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(model, "pdf")}"'
    return response
