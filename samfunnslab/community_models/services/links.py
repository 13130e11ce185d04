"""Writes for roles (actor → function) and relations between elements."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.community_models import diagram
from samfunnslab.community_models.models import (
    CommunityModel,
    Element,
    ElementKind,
    Polarity,
    RelationKind,
    Role,
    RoleKind,
)
from samfunnslab.community_models.models import Relation as RelationModel
from samfunnslab.community_models.services.common import (
    SHORT_MAX,
    provenance_fields,
    touch,
)
from samfunnslab.community_models.sources import ContributionRef
from samfunnslab.core.cleaning import clean_choice, clean_text
from samfunnslab.core.errors import Refusal


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
        raise Refusal(_("En rolle trenger en funksjon fra modellen. Legg til funksjonen først."))
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
    touch(model)
    return role


@transaction.atomic
def role_remove(*, role: Role) -> None:
    """Remove a role."""
    model = role.model
    role.delete()
    touch(model)


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
        **provenance_fields(provenance),
    )
    touch(model)
    return relation


@transaction.atomic
def relation_remove(*, relation: RelationModel) -> None:
    """Remove a relation."""
    model = relation.model
    relation.delete()
    touch(model)
