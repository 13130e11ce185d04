"""Reads: which local workforce figures apply, their history, group sessions and summaries."""

from __future__ import annotations

from django.db.models import QuerySet

from projection import LocalFigures
from samfunnslab.accounts.authorizers import UserLike, organisations_for
from samfunnslab.scenarios.choices import Choices
from samfunnslab.scenarios.group import GroupSummary, summarise
from samfunnslab.scenarios.models import GroupSession, LocalWorkforceFigures


def local_figures_entry(*, code: str, user: UserLike) -> LocalWorkforceFigures | None:
    """Return the latest figures of the user's organisation, else those of the municipality's own."""
    mine = LocalWorkforceFigures.objects.filter(
        municipality_code=code, organisation__in=organisations_for(user)
    ).first()
    if mine is not None:
        return mine
    return LocalWorkforceFigures.objects.filter(
        municipality_code=code, organisation__municipality_code=code
    ).first()


def local_figures_history(*, code: str, user: UserLike) -> QuerySet[LocalWorkforceFigures]:
    """Return all entries for a municipality in the user's organisations, newest first."""
    return LocalWorkforceFigures.objects.filter(
        municipality_code=code, organisation__in=organisations_for(user)
    ).select_related("organisation", "created_by")


def as_local_figures(entry: LocalWorkforceFigures | None) -> LocalFigures | None:
    """Turn a stored entry into the engine's LocalFigures (blank fields keep national figures)."""
    if entry is None:
        return None
    users = (entry.users_0_66, entry.users_67_79, entry.users_80)
    return LocalFigures(
        users=tuple(float(u) for u in users) if all(u is not None for u in users) else None,
        care_fte=entry.care_fte,
        fte_per_employed=entry.fte_per_employed,
    )


def group_session_by_code(code: str) -> GroupSession | None:
    """Return the group session with this join code (case-insensitive), if any."""
    return (
        GroupSession.objects.filter(code=code.strip().upper())
        .select_related("organisation")
        .first()
    )


def group_summary(session: GroupSession) -> GroupSummary:
    """Summarise the answers of a group session."""
    responses = [
        Choices({k: v for k, v in r.answers.items()}, frozenset(r.paths))
        for r in session.responses.all()
    ]
    return summarise(responses)


def sessions_for(user: UserLike) -> QuerySet[GroupSession]:
    """Return the group sessions of the user's organisations."""
    return GroupSession.objects.filter(organisation__in=organisations_for(user))
