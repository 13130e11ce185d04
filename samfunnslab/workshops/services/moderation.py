"""Facilitator actions on contributions: moderate, theme, classify, themes from a group."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.workshops import events
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    Contribution,
    ContributionStatus,
    ContributionType,
)

MODERATION_ACTIONS = ("approve", "hide", "restore", "answered", "unanswered")


@transaction.atomic
def contribution_moderate(*, contribution: Contribution, action: str) -> Contribution:
    """Approve, hide, restore, or mark a question answered or unanswered. Nothing is deleted."""
    if action in ("approve", "restore"):
        contribution.status = ContributionStatus.VISIBLE
    elif action == "hide":
        contribution.status = ContributionStatus.HIDDEN
    elif action in ("answered", "unanswered"):
        contribution.answered = action == "answered"
    else:
        raise Refusal(_("Ukjent handling."))
    contribution.moderated_at = timezone.now()
    contribution.save(update_fields=["status", "answered", "moderated_at"])
    events.broadcast(
        workshop_id=contribution.activity.workshop_id,
        build=events.activity_changed(contribution.activity_id),
    )
    return contribution


@transaction.atomic
def contribution_set_theme(*, contribution: Contribution, theme: str) -> Contribution:
    """Put a contribution under a theme (any text; the facilitator's word wins)."""
    contribution.theme = theme.strip()[:100]
    contribution.save(update_fields=["theme"])
    events.broadcast(
        workshop_id=contribution.activity.workshop_id,
        build=events.activity_changed(contribution.activity_id),
    )
    return contribution


@transaction.atomic
def contribution_classify(
    *, contribution: Contribution, contribution_type: str = "", theme: str = ""
) -> Contribution:
    """Accept a suggested type and/or theme in one click (empty leaves that field as it is)."""
    if contribution_type and contribution_type not in ContributionType.values:
        raise Refusal(_("Ukjent type."))
    if contribution_type:
        contribution.contribution_type = contribution_type
    if theme.strip():
        contribution.theme = theme.strip()[:100]
    contribution.save(update_fields=["contribution_type", "theme"])
    events.broadcast(
        workshop_id=contribution.activity.workshop_id,
        build=events.activity_changed(contribution.activity_id),
    )
    return contribution


@transaction.atomic
def theme_create_from_group(
    *, activity: Activity, contribution_ids: Sequence[int], name: str
) -> int:
    """Give a group of contributions a new theme and add it to the activity's themes."""
    theme = " ".join(name.split())[:100]
    if not theme:
        raise Refusal(_("Gi temaet et navn."))
    changed = activity.contributions.filter(pk__in=list(contribution_ids)).update(theme=theme)
    if theme not in activity.themes:
        activity.themes = [*activity.themes, theme]
        activity.save(update_fields=["themes"])
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return changed
