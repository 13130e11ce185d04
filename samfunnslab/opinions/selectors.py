"""Reads for the live opinion map: a statements activity's votes, texts and moderation, as plain data
for the pure engine in `opinion/`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max
from django.shortcuts import get_object_or_404

from opinion import Vote
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    Participant,
    StatementVote,
)


@dataclass(frozen=True)
class MapInputs:
    """Everything the engine needs for one statements activity, read in one go."""

    votes: list[Vote]
    texts: dict[int, str]
    moderated_out: frozenset[int]
    fingerprint: str


def statements_activity(activity_id: int) -> Activity:
    """Return the statements activity with its workshop, or raise 404."""
    return get_object_or_404(
        Activity.objects.select_related("workshop", "workshop__organisation"),
        pk=activity_id,
        kind=ActivityKind.STATEMENTS,
    )


def votes_fingerprint(activity_id: int) -> str:
    """Return a short string that changes whenever a vote or a statement's moderation changes."""
    votes = StatementVote.objects.filter(statement__activity_id=activity_id).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    hidden = Contribution.objects.filter(
        activity_id=activity_id, status=ContributionStatus.HIDDEN
    ).values_list("id", flat=True)
    visible = Contribution.objects.filter(
        activity_id=activity_id, status=ContributionStatus.VISIBLE
    ).aggregate(n=Count("id"), last=Max("moderated_at"))
    return f"{votes['n']}|{votes['last']}|{sorted(hidden)}|{visible['n']}|{visible['last']}"


def map_inputs(activity_id: int) -> MapInputs:
    """Return the activity's votes (oldest first), statement texts and hidden statements."""
    fingerprint = votes_fingerprint(activity_id)
    rows = (
        StatementVote.objects.filter(statement__activity_id=activity_id)
        .order_by("updated_at", "id")
        .values_list("participant_id", "statement_id", "vote")
    )
    statements = Contribution.objects.filter(activity_id=activity_id).values_list(
        "id", "text", "status"
    )
    texts = {pk: text for pk, text, _status in statements}
    hidden = frozenset(
        pk for pk, _text, status in statements if status != ContributionStatus.VISIBLE
    )
    return MapInputs(
        votes=[Vote(participant=p, statement=s, value=v) for p, s, v in rows],
        texts=texts,
        moderated_out=hidden,
        fingerprint=fingerprint,
    )


def seeded_statements(activity_id: int) -> frozenset[int]:
    """Return the ids of the statements the facilitator wrote (not a participant)."""
    return frozenset(
        Contribution.objects.filter(activity_id=activity_id, participant__isnull=True).values_list(
            "id", flat=True
        )
    )


def open_statements(activity: Activity, participant: Participant) -> dict[int, str]:
    """Return the visible statements this participant has not voted on yet, id → text."""
    voted = StatementVote.objects.filter(
        participant=participant, statement__activity=activity
    ).values_list("statement_id", flat=True)
    return dict(
        activity.contributions.filter(status=ContributionStatus.VISIBLE)
        .exclude(pk__in=list(voted))
        .order_by("id")
        .values_list("id", "text")
    )
