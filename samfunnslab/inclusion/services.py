"""Writes for the quiet-voices channels, through the workshops app's own services.

A paper sheet (from a senior centre, a school class or an interview) is entered by a facilitator as
one new participant marked `assisted` with `entered_by`, so it counts in the inclusion view and in
the opinion map like any other participant, and analysis can still tell it apart.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.workshops import services as workshop_services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    ActivityKind,
    Contribution,
    ContributionStatus,
    Participant,
    Workshop,
)

DEDUPE_SECONDS = 60 * 60 * 24


def _dedupe_key(workshop: Workshop, idempotency_key: str) -> str:
    return f"inclusion:paper:{workshop.pk}:{idempotency_key}"


def paper_sheet_submit(
    *,
    workshop: Workshop,
    user: AbstractBaseUser,
    description: Mapping[str, str],
    votes: Mapping[int, int],
    idempotency_key: str,
) -> tuple[Participant, bool]:
    """Enter one paper sheet (self-description and statement votes) as an assisted participant.

    The same form sent twice (a double click, a reload) with the same key enters it once.
    """
    key = (idempotency_key or "").strip()[:64]
    if not key:
        raise Refusal(_("Skjemaet mangler en nøkkel. Last inn siden på nytt."))
    earlier = cache.get(_dedupe_key(workshop, key))
    if earlier is not None:
        participant = Participant.objects.filter(pk=earlier).first()
        if participant is not None:
            return participant, False
    statements = list(
        Contribution.objects.filter(
            pk__in=list(votes),
            activity__workshop=workshop,
            activity__kind=ActivityKind.STATEMENTS,
            status=ContributionStatus.VISIBLE,
        )
    )
    if not statements and not any(description.values()):
        raise Refusal(_("Fyll inn minst ett svar fra arket før du lagrer."))
    with transaction.atomic():
        participant = workshop_services.participant_join(
            workshop=workshop, assisted=True, entered_by=user
        )
        workshop_services.participant_describe(participant=participant, **description)
        for statement in statements:
            workshop_services.statement_vote(
                participant=participant, statement=statement, vote=votes[statement.pk]
            )
    cache.set(_dedupe_key(workshop, key), participant.pk, DEDUPE_SECONDS)
    return participant, True
