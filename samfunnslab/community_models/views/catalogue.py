"""The list of models, creating, editing and deleting one, its page, and comparing 2–3."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samfunnslab.accounts.authorizers import editable_organisations
from samfunnslab.community_models import (
    authorizers,
    figures,
    pages,
    selectors,
    services,
    sources,
)
from samfunnslab.community_models.forms import MODEL_FIELDS, ModelEditForm, NewModelForm
from samfunnslab.core.errors import Refusal
from samfunnslab.core.http import ints


def index(request: HttpRequest) -> HttpResponse:
    """List the models the user may see, with a form to compare 2–3 of them."""
    models = authorizers.visible_models(request.user).select_related("organisation", "parent")
    return render(
        request,
        "community_models/index.html",
        {"models": models, "can_create": bool(editable_organisations(request.user))},
    )


def _model_form_data(request: HttpRequest) -> dict[str, Any]:
    """Return the description fields as posted, to show them again next to a refusal."""
    return {key: request.POST.get(key, "") for key in MODEL_FIELDS}


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
        form = NewModelForm(
            request.POST,
            organisation=organisations,
            source_workshop=sources.workshops_for(request.user),
        )
        try:
            model = services.model_create(user=request.user, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
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
            **pages.choices(),
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
        form = ModelEditForm(request.POST, source_workshop=sources.workshops_for(request.user))
        try:
            services.model_update(model=model, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
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
            **pages.choices(),
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


def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a model: narrative, diagram with text alternative, roles, lens, numbers, provenance."""
    model = authorizers.get_model_for_view(request.user, pk)
    try:
        code = pages.numbers_code(request.GET.get("kommune"))
    except Refusal as error:
        context = pages.detail_context(model, request.user) | {"numbers_error": error.message}
        return render(request, "community_models/detail.html", context, status=error.status)
    return render(
        request,
        "community_models/detail.html",
        pages.detail_context(model, request.user, code=code),
    )


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
            "lens": pages.lens_help(),
        },
        status=400 if error else 200,
    )
