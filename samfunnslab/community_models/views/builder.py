"""The builder: quick forms that add, change and remove a model's parts (full page or HTMX)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samfunnslab.community_models import (
    authorizers,
    pages,
    selectors,
    services,
)
from samfunnslab.community_models.forms import (
    AssumptionForm,
    ElementAddForm,
    ElementForm,
    LensForm,
    ParametersForm,
    RelationForm,
    RoleForm,
    ValueForm,
    for_model,
)
from samfunnslab.community_models.models import (
    ELEMENT_DETAIL_FIELDS,
    CommunityModel,
    ElementKind,
)
from samfunnslab.community_models.parameters import PARAMETERS
from samfunnslab.community_models.views.common import (
    ELEMENT_PARTS,
    OTHER_PARTS,
    element_of,
    render_builder,
)
from samfunnslab.core.errors import Refusal
from samfunnslab.core.forms import PostedForm


@login_required
def builder(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the quick forms and the diagram for building a model in a group."""
    model = authorizers.get_model_for_edit(request.user, pk)
    return render_builder(request, model)


def _add_element(model: CommunityModel, kind: str, data: Any) -> SafeString:
    """Add an element from the posted form; return its name, marked as bokmål."""
    form = for_model(ElementAddForm, data, model)
    fields = form.cleaned_or_refuse()
    fields["label"] = form.label_for(kind)  # type: ignore[attr-defined]
    del fields["function_key"]
    return selectors.bokmal(services.element_add(model=model, kind=kind, **fields).label)


def _add_role(model: CommunityModel, fields: dict[str, Any]) -> SafeString:
    return selectors.role_html(services.role_add(model=model, **fields))


def _add_relation(model: CommunityModel, fields: dict[str, Any]) -> SafeString:
    return selectors.relation_html(services.relation_add(model=model, **fields))


def _add_value(model: CommunityModel, fields: dict[str, Any]) -> SafeString:
    return selectors.bokmal(services.value_add(model=model, **fields).label)


def _add_assumption(model: CommunityModel, fields: dict[str, Any]) -> SafeString:
    return selectors.bokmal(services.assumption_add(model=model, **fields).text)


def _sentence(translated: str, **names: SafeString) -> SafeString:
    """Fill a translated sentence with the makers' names, already escaped and marked lang="nb".

    The sentence itself is escaped, so only the names' own markup reaches the page.
    """
    return mark_safe(escape(translated) % names)  # noqa: S308 – both parts are escaped


# Each other part: the form that reads it and the adder that returns a sentence about it.
ADDERS: dict[
    str, tuple[type[PostedForm], Callable[[CommunityModel, dict[str, Any]], SafeString]]
] = {
    "role": (RoleForm, _add_role),
    "relation": (RelationForm, _add_relation),
    "value": (ValueForm, _add_value),
    "assumption": (AssumptionForm, _add_assumption),
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
            form_class, add = ADDERS[part]
            added = add(model, for_model(form_class, data, model).cleaned_or_refuse())
    except Refusal as error:
        model.refresh_from_db()
        return render_builder(
            request, model, status=400, errors={part: error.messages}, posted={part: data}
        )
    model.refresh_from_db()
    status = _sentence(_("Lagt til: %(what)s"), what=added)
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
        form = for_model(ElementForm, request.POST, model)
        try:
            services.element_update(element=element, **form.cleaned_or_refuse())
        except Refusal as error:
            errors = error.messages
        else:
            label = selectors.bokmal(element.label)
            messages.success(request, _sentence(_("Endret: %(label)s"), label=label))
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
        services.function_lens_set(function=function, **LensForm(request.POST).cleaned_or_refuse())
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
    form = ParametersForm(request.POST)
    posted = {spec.key: request.POST.get(spec.key, "") for spec in PARAMETERS}
    try:
        services.model_parameters_set(model=model, parameters=form.cleaned_or_refuse())
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
