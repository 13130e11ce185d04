"""Moderation of contributions: the facilitator's actions (moderate, theme, classify, themes from
a group) and the phones' reports, which hold an item for the facilitator after enough of them."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.workshops import events
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionReport,
    ContributionStatus,
    ContributionType,
    Participant,
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
def wordcloud_word_moderate(*, activity: Activity, word: str, action: str) -> int:
    """Hide every shown answer to a word cloud that folds to `word`, or (`restore`) show the
    hidden ones again; return how many changed."""
    if activity.kind != ActivityKind.WORDCLOUD:
        raise Refusal(_("Bare ord i en ordsky kan skjules slik."))
    statuses = {
        "hide": (ContributionStatus.VISIBLE, ContributionStatus.HIDDEN),
        "restore": (ContributionStatus.HIDDEN, ContributionStatus.VISIBLE),
    }
    if action not in statuses:
        raise Refusal(_("Ukjent handling."))
    before, after = statuses[action]
    changed = activity.contributions.filter(normalised=word, status=before).update(
        status=after, moderated_at=timezone.now()
    )
    events.broadcast(workshop_id=activity.workshop_id, build=events.activity_changed(activity.pk))
    return changed


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


REPORTABLE_KINDS = (ActivityKind.QA, ActivityKind.IDEAS)


def reports_to_hold() -> int:
    """How many phones' reports take an item off the screens (`WORKSHOP_REPORTS_TO_HOLD`, 3)."""
    return max(1, int(getattr(settings, "WORKSHOP_REPORTS_TO_HOLD", 3)))


@transaction.atomic
def contribution_report(*, participant: Participant, contribution: Contribution) -> bool:
    """Record a phone's report of an item it sees; return whether the item is held now.

    One report per phone and item (reporting again changes nothing). When
    `reports_to_hold()` phones have reported a visible item, it waits for the facilitator with
    the reason «reported»; once the facilitator has approved it after that, reports no longer
    hold it. A phone cannot report its own item, nor one it cannot see.
    """
    activity = contribution.activity
    if activity.workshop_id != participant.workshop_id or activity.kind not in REPORTABLE_KINDS:
        raise Refusal(_("Du kan ikke melde dette."), status=404)
    if contribution.participant_id == participant.pk:
        raise Refusal(_("Du kan ikke melde det du har skrevet selv."))
    if contribution.status != ContributionStatus.VISIBLE:
        return contribution.status == ContributionStatus.PENDING
    ContributionReport.objects.get_or_create(contribution=contribution, participant=participant)
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.reported or locked.status != ContributionStatus.VISIBLE:
        return locked.status == ContributionStatus.PENDING
    if locked.reports.count() < reports_to_hold():
        return False
    locked.status = ContributionStatus.PENDING
    locked.reported = True
    locked.save(update_fields=["status", "reported"])
    contribution.status, contribution.reported = locked.status, locked.reported
    events.broadcast(
        workshop_id=activity.workshop_id, build=events.activity_changed(contribution.activity_id)
    )
    return True
