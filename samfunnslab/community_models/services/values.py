"""Writes for a model's values and assumptions (kept or flipped)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.community_models.models import (
    Assumption,
    AssumptionStatus,
    CommunityModel,
    Value,
)
from samfunnslab.community_models.services.common import (
    LONG_MAX,
    NAME_MAX,
    SHORT_MAX,
    provenance_fields,
    touch,
)
from samfunnslab.community_models.sources import ContributionRef
from samfunnslab.core.cleaning import clean_choice, clean_text


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
        **provenance_fields(provenance),
    )
    touch(model)
    return value


@transaction.atomic
def value_remove(*, value: Value) -> None:
    """Remove a value."""
    model = value.model
    value.delete()
    touch(model)


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
        model=model, text=text, status=status, instead=instead, **provenance_fields(provenance)
    )
    touch(model)
    return assumption


@transaction.atomic
def assumption_remove(*, assumption: Assumption) -> None:
    """Remove an assumption."""
    model = assumption.model
    assumption.delete()
    touch(model)
