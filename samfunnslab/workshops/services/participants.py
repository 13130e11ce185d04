"""Participant writes: join, describe oneself (optional), withdraw that, choose a group."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    BreakoutGroup,
    Participant,
    Workshop,
)


@transaction.atomic
def participant_join(
    *, workshop: Workshop, assisted: bool = False, entered_by: AbstractBaseUser | None = None
) -> Participant:
    """Create an anonymous participant (no name, no e-mail) in an open workshop."""
    if not workshop.accepts_answers:
        raise Refusal(_("Dette verkstedet er ikke åpent nå."), status=403)
    return Participant.objects.create(workshop=workshop, assisted=assisted, entered_by=entered_by)


DESCRIPTION_FIELDS = ("age_band", "role", "lives_here", "new_in_norway", "parent_small_child")


@transaction.atomic
def participant_describe(*, participant: Participant, **answers: str) -> Participant:
    """Save the optional self-description; any field may be left empty (skipped)."""
    unknown = set(answers) - set(DESCRIPTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for field in DESCRIPTION_FIELDS:
        value = answers.get(field, "") or ""
        choices = {c for c, _label in Participant._meta.get_field(field).choices}
        setattr(participant, field, value if value in choices else "")
    participant.save(update_fields=list(DESCRIPTION_FIELDS))
    return participant


@transaction.atomic
def participant_withdraw_description(*, participant: Participant) -> Participant:
    """Delete everything the participant said about themselves; their answers stay."""
    for field in DESCRIPTION_FIELDS:
        setattr(participant, field, "")
    participant.save(update_fields=list(DESCRIPTION_FIELDS))
    return participant


@transaction.atomic
def participant_choose_group(
    *, participant: Participant, group: BreakoutGroup | None
) -> Participant:
    """Seat the participant at a breakout group (their idea cards go to that group's board)."""
    if group is not None and group.workshop_id != participant.workshop_id:
        raise Refusal(_("Gruppen hører ikke til dette verkstedet."), status=404)
    participant.group = group
    participant.save(update_fields=["group"])
    return participant
