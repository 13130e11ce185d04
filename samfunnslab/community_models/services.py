"""Writes for community models. Every function validates first and saves all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models import diagram
from samfunnslab.community_models.models import (
    ActorType,
    Archetype,
    Assumption,
    AssumptionStatus,
    CoCreationType,
    CommunityModel,
    Element,
    ElementKind,
    Formality,
    FunctionKey,
    KommuneVersion,
    LegalForm,
    ModelVersion,
    Polarity,
    RelationKind,
    ResourceKind,
    Role,
    RoleKind,
    Sector,
    Value,
)
from samfunnslab.community_models.models import Relation as RelationModel
from samfunnslab.community_models.parameters import clean_parameters
from samfunnslab.community_models.sources import ContributionRef, WorkshopRef
from samfunnslab.core.cleaning import clean_choice, clean_municipality, clean_text
from samfunnslab.core.errors import Refusal

UserLike = AbstractBaseUser | AnonymousUser

NAME_MAX = 120
SHORT_MAX = 300
LONG_MAX = 20_000
HORIZON_MIN, HORIZON_MAX = 2030, 2050
PULL_KINDS = ("actor", "factor", "assumption", "value", "relation")


# --------------------------------------------------------------------------- validation helpers


def clean_horizon(year: int | str | None) -> int:
    """Return a horizon year between 2030 and 2050."""
    try:
        number = int(str(year).strip())
    except (TypeError, ValueError):
        raise Refusal(_("Horisontåret må være et årstall.")) from None
    if not HORIZON_MIN <= number <= HORIZON_MAX:
        raise Refusal(
            _("Horisontåret må være mellom %(min)s og %(max)s.")
            % {"min": HORIZON_MIN, "max": HORIZON_MAX}
        )
    return number


def _touch(model: CommunityModel) -> None:
    """Count one more change to the model."""
    model.version += 1
    model.save(update_fields=["version", "updated_at"])


def _user_or_none(user: UserLike | None) -> AbstractBaseUser | None:
    """Return the user if signed in, else None."""
    return user if user is not None and user.is_authenticated else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- models


def _model_fields(
    *,
    name: str,
    pitch: str,
    municipality_code: str,
    horizon_year: int | str,
    archetype: str,
    story: str,
    day_in_the_life: str,
    headlines: str,
) -> dict[str, Any]:
    """Validate the descriptive fields of a model and return them cleaned."""
    return {
        "name": clean_text(name, label=_("Navn"), max_length=NAME_MAX, required=True),
        "pitch": clean_text(pitch, label=_("Kort beskrivelse"), max_length=SHORT_MAX),
        "municipality_code": clean_municipality(municipality_code),
        "horizon_year": clean_horizon(horizon_year),
        "archetype": clean_choice(archetype, Archetype, label=_("Type framtid"))
        or Archetype.CUSTOM,
        "story": clean_text(story, label=_("Fortelling"), max_length=LONG_MAX),
        "day_in_the_life": clean_text(
            day_in_the_life, label=_("En dag i livet"), max_length=LONG_MAX
        ),
        "headlines": clean_text(headlines, label=_("Overskrifter"), max_length=LONG_MAX),
    }


@transaction.atomic
def model_create(
    *,
    organisation: Organisation,
    user: UserLike | None,
    name: str,
    municipality_code: str,
    horizon_year: int | str = 2040,
    pitch: str = "",
    archetype: str = Archetype.CUSTOM,
    story: str = "",
    day_in_the_life: str = "",
    headlines: str = "",
    parameters: Mapping[str, object] | None = None,
    shared: bool = False,
    is_example: bool = False,
    source_workshop_id: int | None = None,
    source_workshop_title: str = "",
    source_step: str = "",
) -> CommunityModel:
    """Create a community model owned by the organisation."""
    fields = _model_fields(
        name=name,
        pitch=pitch,
        municipality_code=municipality_code,
        horizon_year=horizon_year,
        archetype=archetype,
        story=story,
        day_in_the_life=day_in_the_life,
        headlines=headlines,
    )
    return CommunityModel.objects.create(
        organisation=organisation,
        created_by=_user_or_none(user),
        parameters=clean_parameters(parameters or {}),
        shared=shared,
        is_example=is_example,
        source_workshop_id=source_workshop_id,
        source_workshop_title=clean_text(
            source_workshop_title, label=_("Verksted"), max_length=200
        ),
        source_step=clean_text(source_step, label=_("Metodesteg"), max_length=200),
        **fields,
    )


@transaction.atomic
def model_update(
    *,
    model: CommunityModel,
    name: str,
    municipality_code: str,
    horizon_year: int | str,
    pitch: str = "",
    archetype: str = Archetype.CUSTOM,
    story: str = "",
    day_in_the_life: str = "",
    headlines: str = "",
    shared: bool | None = None,
) -> CommunityModel:
    """Change the description of a model."""
    fields = _model_fields(
        name=name,
        pitch=pitch,
        municipality_code=municipality_code,
        horizon_year=horizon_year,
        archetype=archetype,
        story=story,
        day_in_the_life=day_in_the_life,
        headlines=headlines,
    )
    for key, value in fields.items():
        setattr(model, key, value)
    if shared is not None:
        model.shared = shared
    model.version += 1
    model.save()
    return model


@transaction.atomic
def model_provenance_set(
    *, model: CommunityModel, workshop: WorkshopRef | None, step: str = ""
) -> CommunityModel:
    """Record which workshop and method step the model came from (None clears the workshop)."""
    model.source_workshop_id = workshop.id if workshop else None
    model.source_workshop_title = workshop.title[:200] if workshop else ""
    model.source_step = clean_text(step, label=_("Metodesteg"), max_length=200)
    model.save(update_fields=["source_workshop_id", "source_workshop_title", "source_step"])
    return model


@transaction.atomic
def model_parameters_set(
    *, model: CommunityModel, parameters: Mapping[str, object]
) -> CommunityModel:
    """Replace the engine parameters of a model (unknown keys and out-of-range values rejected)."""
    model.parameters = clean_parameters(parameters)
    model.version += 1
    model.save(update_fields=["parameters", "version", "updated_at"])
    return model


@transaction.atomic
def model_delete(*, model: CommunityModel) -> None:
    """Delete a model; its forks keep living without a parent."""
    model.delete()


@transaction.atomic
def model_version_save(
    *, model: CommunityModel, user: UserLike | None, note: str = ""
) -> ModelVersion:
    """Save the model as it is now as a numbered version with a note."""
    from samfunnslab.community_models.exports import model_data

    note = clean_text(note, label=_("Merknad"), max_length=SHORT_MAX)
    number = (model.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ModelVersion.objects.create(
        model=model,
        number=number,
        note=note,
        snapshot=model_data(model),
        created_by=_user_or_none(user),
    )


@transaction.atomic
def model_fork(
    *, model: CommunityModel, organisation: Organisation, user: UserLike | None, name: str = ""
) -> CommunityModel:
    """Deep-copy a model into an alternative owned by `organisation`, linked to its parent."""
    name = clean_text(name, label=_("Navn"), max_length=NAME_MAX) or fork_name(model.name)
    fork = CommunityModel.objects.create(
        organisation=organisation,
        created_by=_user_or_none(user),
        name=name,
        pitch=model.pitch,
        municipality_code=model.municipality_code,
        horizon_year=model.horizon_year,
        archetype=model.archetype,
        story=model.story,
        day_in_the_life=model.day_in_the_life,
        headlines=model.headlines,
        parameters=dict(model.parameters),
        parent=model,
        parent_version=model.version,
        source_workshop_id=model.source_workshop_id,
        source_workshop_title=model.source_workshop_title,
        source_step=model.source_step,
    )
    mapping = _copy_elements(model, fork)
    _copy_roles_and_relations(model, fork, mapping)
    for value in model.values.all():
        _clone(value, model=fork)
    for assumption in model.assumptions.all():
        _clone(assumption, model=fork)
    return fork


def fork_name(name: str) -> str:
    """Return a default name for a fork that fits the name field."""
    suffix = _(" – alternativ")
    return name[: NAME_MAX - len(suffix)] + suffix


def _clone(obj: Any, **changes: Any) -> Any:
    """Save a copy of a model instance with some fields changed."""
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for key, value in changes.items():
        setattr(obj, key, value)
    obj.save()
    return obj


def _copy_elements(model: CommunityModel, fork: CommunityModel) -> dict[int, Element]:
    """Copy every element, then re-point resource owners; return old id → new element."""
    mapping: dict[int, Element] = {}
    owners: dict[int, int] = {}
    for element in model.elements.all():
        old_id, owner_id = element.pk, element.owner_id
        copy = _clone(element, model=fork, owner=None)
        mapping[old_id] = copy
        if owner_id:
            owners[old_id] = owner_id
    for old_id, owner_id in owners.items():
        mapping[old_id].owner = mapping[owner_id]
        mapping[old_id].save(update_fields=["owner"])
    return mapping


def _copy_roles_and_relations(
    model: CommunityModel, fork: CommunityModel, mapping: dict[int, Element]
) -> None:
    """Copy roles and relations onto the copied elements."""
    for role in model.roles.all():
        _clone(role, model=fork, actor=mapping[role.actor_id], function=mapping[role.function_id])
    for relation in model.relations.all():
        _clone(
            relation,
            model=fork,
            source=mapping[relation.source_id],
            target=mapping[relation.target_id],
        )


# --------------------------------------------------------------------------- elements


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
        raise Refusal(
            _("Eieren av en ressurs må være en aktør eller institusjon i modellen.")
        )
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
        **_provenance_fields(provenance),
    )
    _touch(model)
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
    _touch(element.model)
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
    _touch(function.model)
    return function


@transaction.atomic
def element_remove(*, element: Element) -> None:
    """Remove an element with its roles and relations."""
    model = element.model
    element.delete()
    _touch(model)


# --------------------------------------------------------------------------- roles and relations


@transaction.atomic
def role_add(
    *,
    model: CommunityModel,
    actor: Element | None,
    function: Element | None,
    kind: str,
    share_of_effort: float | None = None,
    note: str = "",
) -> Role:
    """Give an actor a role in a function; a role needs both."""
    if actor is None or actor.model_id != model.pk or actor.kind != ElementKind.ACTOR:
        raise Refusal(_("En rolle trenger en aktør fra modellen. Legg til aktøren først."))
    if function is None or function.model_id != model.pk or function.kind != ElementKind.FUNCTION:
        raise Refusal(
            _("En rolle trenger en funksjon fra modellen. Legg til funksjonen først.")
        )
    kind = clean_choice(kind, RoleKind, label=_("Rolle"), required=True)
    if share_of_effort is not None and not 0 <= share_of_effort <= 1:
        raise Refusal(_("Andelen av innsatsen må være mellom 0 og 100 prosent."))
    if Role.objects.filter(actor=actor, function=function, kind=kind).exists():
        raise Refusal(
            _("%(actor)s har allerede denne rollen i %(function)s.")
            % {"actor": actor.label, "function": function.label}
        )
    role = Role.objects.create(
        model=model,
        actor=actor,
        function=function,
        kind=kind,
        share_of_effort=share_of_effort,
        note=clean_text(note, label=_("Merknad"), max_length=SHORT_MAX),
    )
    _touch(model)
    return role


@transaction.atomic
def role_remove(*, role: Role) -> None:
    """Remove a role."""
    model = role.model
    role.delete()
    _touch(model)


def _check_relation(
    model: CommunityModel, source: Element | None, target: Element | None, kind: str, polarity: str
) -> tuple[Element, Element]:
    """Refuse relations that leave the model, point to themselves, repeat or close a contract ring."""
    if (
        source is None
        or target is None
        or source.model_id != model.pk
        or target.model_id != model.pk
    ):
        raise Refusal(_("En relasjon må gå mellom to elementer i modellen."))
    if source.pk == target.pk:
        raise Refusal(
            _("En relasjon kan ikke gå fra «%(label)s» til seg selv.") % {"label": source.label}
        )
    if kind == RelationKind.CAUSAL and polarity not in ("+", "-"):
        raise Refusal(
            _("Velg + eller − for en årsakssammenheng: går de i samme eller motsatt retning?")
        )
    if kind != RelationKind.CAUSAL and polarity:
        raise Refusal(_("Bare årsakssammenhenger har + eller −."))
    if model.relations.filter(source=source, target=target, kind=kind).exists():
        raise Refusal(_("Relasjonen finnes allerede."))
    if kind == RelationKind.CONTRACT:
        _check_contract_ring(model, source, target)
    return source, target


def _check_contract_ring(model: CommunityModel, source: Element, target: Element) -> None:
    """Refuse a contract that would make a ring (A commissions B … commissions A)."""
    pairs = model.relations.filter(kind=RelationKind.CONTRACT).values_list("source_id", "target_id")
    path = diagram.find_path([(str(a), str(b)) for a, b in pairs], str(target.pk), str(source.pk))
    if path is None:
        return
    labels = dict(model.elements.values_list("id", "label"))
    chain = " → ".join([source.label, *(labels[int(p)] for p in path)])
    raise Refusal(
        _(
            "Dette ville gi en ring av avtaler: %(chain)s. En oppdragsgiver kan ikke få oppdrag fra "
            "sin egen leverandør. Bruk «Flyt» eller «Tillit» hvis det går begge veier."
        )
        % {"chain": chain}
    )


@transaction.atomic
def relation_add(
    *,
    model: CommunityModel,
    source: Element | None,
    target: Element | None,
    kind: str,
    polarity: str = "",
    delay: bool = False,
    note: str = "",
    provenance: ContributionRef | None = None,
) -> RelationModel:
    """Connect two elements; causal links need a polarity and may form loops."""
    kind = clean_choice(kind, RelationKind, label=_("Type relasjon"), required=True)
    polarity = clean_choice(polarity.replace("\u2212", "-"), Polarity, label=_("Retning"))
    source, target = _check_relation(model, source, target, kind, polarity)
    relation = RelationModel.objects.create(
        model=model,
        source=source,
        target=target,
        kind=kind,
        polarity=polarity,
        delay=delay,
        note=clean_text(note, label=_("Merknad"), max_length=SHORT_MAX),
        **_provenance_fields(provenance),
    )
    _touch(model)
    return relation


@transaction.atomic
def relation_remove(*, relation: RelationModel) -> None:
    """Remove a relation."""
    model = relation.model
    relation.delete()
    _touch(model)


# --------------------------------------------------------------------------- values and assumptions


@transaction.atomic
def value_add(
    *,
    model: CommunityModel,
    label: str,
    description: str = "",
    provenance: ContributionRef | None = None,
) -> Value:
    """Add a value the model holds dear."""
    value = Value.objects.create(
        model=model,
        label=clean_text(label, label=_("Verdi"), max_length=NAME_MAX, required=True),
        description=clean_text(description, label=_("Beskrivelse"), max_length=LONG_MAX),
        **_provenance_fields(provenance),
    )
    _touch(model)
    return value


@transaction.atomic
def value_remove(*, value: Value) -> None:
    """Remove a value."""
    model = value.model
    value.delete()
    _touch(model)


@transaction.atomic
def assumption_add(
    *,
    model: CommunityModel,
    text: str,
    status: str = AssumptionStatus.KEPT,
    instead: str = "",
    provenance: ContributionRef | None = None,
) -> Assumption:
    """Add an assumption, kept or flipped (a flipped one says what we assume instead)."""
    text = clean_text(text, label=_("Antakelse"), max_length=SHORT_MAX, required=True)
    status = clean_choice(status, AssumptionStatus, label=_("Status")) or AssumptionStatus.KEPT
    instead = clean_text(instead, label=_("I stedet"), max_length=SHORT_MAX)
    assumption = Assumption.objects.create(
        model=model, text=text, status=status, instead=instead, **_provenance_fields(provenance)
    )
    _touch(model)
    return assumption


@transaction.atomic
def assumption_remove(*, assumption: Assumption) -> None:
    """Remove an assumption."""
    model = assumption.model
    assumption.delete()
    _touch(model)


# --------------------------------------------------------------------------- workshop contributions


def _provenance_fields(ref: ContributionRef | None) -> dict[str, Any]:
    """Return the link-back fields for a part that came from a workshop contribution."""
    if ref is None:
        return {}
    return {
        "source_workshop_id": ref.workshop_id,
        "source_workshop_title": ref.workshop_title[:200],
        "source_activity_id": ref.activity_id,
        "source_activity_title": ref.activity_title[:200],
        "source_contribution_id": ref.contribution_id,
        "source_text": ref.text,
    }


@transaction.atomic
def contribution_pull(
    *,
    model: CommunityModel,
    contribution: ContributionRef,
    as_kind: str,
    label: str = "",
    sector: str = "",
    status: str = AssumptionStatus.FLIPPED,
    source: Element | None = None,
    target: Element | None = None,
    polarity: str = "",
) -> Element | Value | Assumption | RelationModel:
    """Turn a workshop contribution into an actor, factor, value, assumption or relation, keeping the link."""
    text = (label or contribution.text).strip()
    if as_kind in ("actor", "factor"):
        return element_add(
            model=model,
            kind=as_kind,
            label=text[:NAME_MAX],
            sector=sector,
            description=contribution.text,
            provenance=contribution,
        )
    if as_kind == "value":
        return value_add(model=model, label=text[:NAME_MAX], provenance=contribution)
    if as_kind == "assumption":
        return assumption_add(
            model=model, text=text[:SHORT_MAX], status=status, provenance=contribution
        )
    if as_kind == "relation":
        kind = RelationKind.CAUSAL if polarity else RelationKind.INFORMATION
        return relation_add(
            model=model,
            source=source,
            target=target,
            kind=kind,
            polarity=polarity,
            note=text[:SHORT_MAX],
            provenance=contribution,
        )
    raise Refusal(
        _("Et innspill kan bli en aktør, faktor, verdi, antakelse eller relasjon.")
    )
