"""The builder: quick forms that add, change and remove a model's parts (full page or HTMX)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samfunnslab.community_models import (
    authorizers,
    pages,
    selectors,
    services,
)
from samfunnslab.community_models.models import (
    ELEMENT_DETAIL_FIELDS,
    CommunityModel,
    ElementKind,
    FunctionKey,
)
from samfunnslab.community_models.parameters import PARAMETERS
from samfunnslab.community_models.views.common import (
    ELEMENT_PARTS,
    OTHER_PARTS,
    element_of,
    render_builder,
)
from samfunnslab.core.errors import Refusal


@login_required
def builder(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the quick forms and the diagram for building a model in a group."""
    model = authorizers.get_model_for_edit(request.user, pk)
    return render_builder(request, model)


def _add_element(model: CommunityModel, kind: str, data: Mapping[str, str]) -> str:
    """Add an element from form data; return its name."""
    attrs = {key: data.get(key, "") for key in ELEMENT_DETAIL_FIELDS}
    label = data.get("label", "").strip()
    if (
        kind == ElementKind.FUNCTION
        and not label
        and data.get("function_key") in FunctionKey.values
    ):
        label = str(FunctionKey(data["function_key"]).label)
    element = services.element_add(
        model=model, kind=kind, label=label, owner=element_of(model, data.get("owner")), **attrs
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
        actor=element_of(model, data.get("actor")),
        function=element_of(model, data.get("function")),
        kind=data.get("kind", ""),
        share_of_effort=share_value,
        note=data.get("note", ""),
    )
    return selectors.role_sentence(role)


def _add_relation(model: CommunityModel, data: Mapping[str, str]) -> str:
    """Add a relation from form data; return a description."""
    relation = services.relation_add(
        model=model,
        source=element_of(model, data.get("source")),
        target=element_of(model, data.get("target")),
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
        return render_builder(
            request, model, status=400, errors={part: error.messages}, posted={part: data}
        )
    model.refresh_from_db()
    status = _("Lagt til: %(what)s") % {"what": added}
    if getattr(request, "htmx", False):
        return render_builder(request, model, status_message=status)
    messages.success(request, status)
    return redirect(reverse("community_models:builder", args=[model.pk]) + f"#{part}")


@login_required
@require_http_methods(["GET", "POST"])
def element_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """Rename an element or change its kind-specific fields (its kind stays)."""
    model = authorizers.get_model_for_edit(request.user, pk)
    element = element_of(model, str(item))
    if element is None:
        raise PermissionDenied
    errors: list[str] = []
    data: dict[str, Any] = {key: getattr(element, key) for key in ("label", *ELEMENT_DETAIL_FIELDS)}
    data["owner"] = str(element.owner_id or "")
    if request.method == "POST":
        data = {
            key: request.POST.get(key, "") for key in ("label", "owner", *ELEMENT_DETAIL_FIELDS)
        }
        attrs = {key: data[key] for key in ELEMENT_DETAIL_FIELDS}
        try:
            services.element_update(
                element=element,
                label=data["label"],
                owner=element_of(model, data["owner"]),
                **attrs,
            )
        except Refusal as error:
            errors = error.messages
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
            **pages.choices(),
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
        return render_builder(request, model, status_message=_("Fjernet."))
    messages.success(request, _("Fjernet."))
    return redirect(reverse("community_models:builder", args=[model.pk]) + f"#{part}")


@login_required
@require_POST
def function_lens(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """Set the Kommune version and co-creation type of one function."""
    model = authorizers.get_model_for_edit(request.user, pk)
    function = element_of(model, str(item))
    try:
        if function is None:
            raise Refusal(_("Fant ikke funksjonen."))
        services.function_lens_set(
            function=function,
            kommune_version=request.POST.get("kommune_version", ""),
            co_creation_type=request.POST.get("co_creation_type", ""),
        )
    except Refusal as error:
        return render_builder(request, model, status=400, errors={"lens": error.messages})
    model.refresh_from_db()
    if getattr(request, "htmx", False):
        return render_builder(request, model, status_message=_("Kommuneversjon lagret."))
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
        return render_builder(
            request,
            model,
            status=400,
            errors={"parameters": error.messages},
            posted_parameters=posted,
        )
    if getattr(request, "htmx", False):
        return render_builder(
            request, model, status_message=_("Parameterne er lagret. Tallene er regnet på nytt.")
        )
    messages.success(request, _("Parameterne er lagret. Tallene er regnet på nytt."))
    return redirect(reverse("community_models:builder", args=[model.pk]) + "#tall")
