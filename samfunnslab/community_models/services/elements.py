"""Writes for a model's elements: actors, institutions, functions, resources and factors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.community_models.models import (
    ActorType,
    CoCreationType,
    CommunityModel,
    Element,
    ElementKind,
    Formality,
    FunctionKey,
    KommuneVersion,
    LegalForm,
    ResourceKind,
    Sector,
)
from samfunnslab.community_models.services.common import (
    LONG_MAX,
    NAME_MAX,
    provenance_fields,
    touch,
)
from samfunnslab.community_models.sources import ContributionRef
from samfunnslab.core.cleaning import clean_choice, clean_text
from samfunnslab.core.errors import Refusal


def _clean_element_fields(kind: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the kind-specific fields of an element and blank the ones that do not apply."""
    get = attrs.get
    fields: dict[str, Any] = {
        "description": clean_text(get("description"), label=_("Beskrivelse"), max_length=LONG_MAX),
        "sector": "",
        "actor_type": "",
        "formality": "",
        "legal_form": "",
        "function_key": "",
        "kommune_version": "",
        "co_creation_type": "",
        "resource_kind": "",
        "quantity": "",
    }
    if kind in (ElementKind.ACTOR, ElementKind.INSTITUTION):
        fields["sector"] = clean_choice(
            get("sector"), Sector, label=_("Sektor"), required=kind == ElementKind.ACTOR
        )
    if kind == ElementKind.ACTOR:
        fields["actor_type"] = clean_choice(get("actor_type"), ActorType, label=_("Type aktør"))
    if kind == ElementKind.INSTITUTION:
        fields["formality"] = (
            clean_choice(get("formality"), Formality, label=_("Formell")) or "formal"
        )
        fields["legal_form"] = clean_choice(
            get("legal_form"), LegalForm, label=_("Organisasjonsform")
        )
    if kind == ElementKind.FUNCTION:
        fields["function_key"] = (
            clean_choice(get("function_key"), FunctionKey, label=_("Funksjon")) or FunctionKey.OTHER
        )
        fields["kommune_version"] = clean_choice(
            get("kommune_version"), KommuneVersion, label=_("Kommuneversjon")
        )
        fields["co_creation_type"] = clean_choice(
            get("co_creation_type"), CoCreationType, label=_("Type samskaping")
        )
    if kind == ElementKind.RESOURCE:
        fields["resource_kind"] = clean_choice(
            get("resource_kind"), ResourceKind, label=_("Type ressurs")
        )
        fields["quantity"] = clean_text(get("quantity"), label=_("Mengde"), max_length=60)
    return fields


def _check_unique_label(
    model: CommunityModel, kind: str, label: str, exclude: int | None = None
) -> None:
    """Refuse a second element of the same kind with the same name."""
    clash = model.elements.filter(kind=kind, label__iexact=label).exclude(pk=exclude)
    if clash.exists():
        raise Refusal(
            _("Modellen har allerede «%(label)s». Velg et annet navn.") % {"label": label}
        )


def _clean_owner(model: CommunityModel, kind: str, owner: Element | None) -> Element | None:
    """Return the owner of a resource if it is an actor or institution in the same model."""
    if owner is None or kind != ElementKind.RESOURCE:
        return None
    if owner.model_id != model.pk or owner.kind not in (ElementKind.ACTOR, ElementKind.INSTITUTION):
        raise Refusal(_("Eieren av en ressurs må være en aktør eller institusjon i modellen."))
    return owner


@transaction.atomic
def element_add(
    *,
    model: CommunityModel,
    kind: str,
    label: str,
    owner: Element | None = None,
    provenance: ContributionRef | None = None,
    **attrs: Any,
) -> Element:
    """Add an actor, institution, function, resource or factor to the model."""
    kind = clean_choice(kind, ElementKind, label=_("Type"), required=True)
    label = clean_text(label, label=_("Navn"), max_length=NAME_MAX, required=True)
    _check_unique_label(model, kind, label)
    fields = _clean_element_fields(kind, attrs)
    position = model.elements.filter(kind=kind).count()
    element = Element.objects.create(
        model=model,
        kind=kind,
        label=label,
        position=position,
        owner=_clean_owner(model, kind, owner),
        **fields,
        **provenance_fields(provenance),
    )
    touch(model)
    return element


@transaction.atomic
def element_update(
    *, element: Element, label: str, owner: Element | None = None, **attrs: Any
) -> Element:
    """Change an element's name and kind-specific fields (its kind stays)."""
    label = clean_text(label, label=_("Navn"), max_length=NAME_MAX, required=True)
    _check_unique_label(element.model, element.kind, label, exclude=element.pk)
    for key, value in _clean_element_fields(element.kind, attrs).items():
        setattr(element, key, value)
    element.label = label
    element.owner = _clean_owner(element.model, element.kind, owner)
    element.save()
    touch(element.model)
    return element


@transaction.atomic
def function_lens_set(
    *, function: Element, kommune_version: str, co_creation_type: str = ""
) -> Element:
    """Set which Kommune version (1.0/2.0/3.0) and co-creation type dominate a function."""
    if function.kind != ElementKind.FUNCTION:
        raise Refusal(_("Kommuneversjon kan bare settes på en funksjon."))
    function.kommune_version = clean_choice(
        kommune_version, KommuneVersion, label=_("Kommuneversjon")
    )
    function.co_creation_type = clean_choice(
        co_creation_type, CoCreationType, label=_("Type samskaping")
    )
    function.save(update_fields=["kommune_version", "co_creation_type"])
    touch(function.model)
    return function


@transaction.atomic
def element_remove(*, element: Element) -> None:
    """Remove an element with its roles and relations."""
    model = element.model
    element.delete()
    touch(model)
