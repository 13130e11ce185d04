"""Turn a workshop contribution into a part of a model, keeping the link back."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.community_models.models import (
    Assumption,
    AssumptionStatus,
    CommunityModel,
    Element,
    RelationKind,
    Value,
)
from samfunnslab.community_models.models import Relation as RelationModel
from samfunnslab.community_models.services.common import (
    NAME_MAX,
    SHORT_MAX,
)
from samfunnslab.community_models.services.elements import element_add
from samfunnslab.community_models.services.links import relation_add
from samfunnslab.community_models.services.values import assumption_add, value_add
from samfunnslab.community_models.sources import ContributionRef
from samfunnslab.core.errors import Refusal


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
    raise Refusal(_("Et innspill kan bli en aktør, faktor, verdi, antakelse eller relasjon."))
