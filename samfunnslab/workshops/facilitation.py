"""The facilitator's live controls: the projector (join line, highlight, countdown) and moderation
in bulk or by one click (type of a contribution).

Writes like `services` (keyword-only, atomic, live event after commit); kept apart so
`services.py` stays within its size. The projector re-renders on the `workshop` event.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.workshops import events
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    ActivityKind,
    Contribution,
    ContributionStatus,
    ContributionType,
    Workshop,
)

MAX_TIMER_MINUTES = 120


def _changed(workshop: Workshop, fields: list[str]) -> Workshop:
    workshop.save(update_fields=fields)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


@transaction.atomic
def workshop_set_join_line(*, workshop: Workshop, visible: bool) -> Workshop:
    """Show or hide the QR code, address and code under the activities on the projector."""
    workshop.projector_join = visible
    return _changed(workshop, ["projector_join"])


@transaction.atomic
def workshop_highlight(*, workshop: Workshop, contribution: Contribution | None) -> Workshop:
    """Let one visible contribution of the shown activity fill the projector (None: stop)."""
    if contribution is not None:
        if contribution.activity.workshop_id != workshop.pk:
            raise Refusal(_("Bidraget hører ikke til dette verkstedet."), status=404)
        if contribution.status != ContributionStatus.VISIBLE:
            raise Refusal(_("Bare det som vises, kan fremheves. Godkjenn det først."))
    workshop.highlighted = contribution
    return _changed(workshop, ["highlighted"])


@transaction.atomic
def workshop_set_timer(*, workshop: Workshop, minutes: float | None) -> Workshop:
    """Start a countdown of `minutes` on the projector, or stop it (None)."""
    if minutes is None:
        workshop.timer_ends_at = None
    elif not 0 < minutes <= MAX_TIMER_MINUTES:
        raise Refusal(
            _("Velg en nedtelling mellom 1 og %(max)s minutter.") % {"max": MAX_TIMER_MINUTES}
        )
    else:
        workshop.timer_ends_at = timezone.now() + timedelta(minutes=minutes)
    return _changed(workshop, ["timer_ends_at"])


@transaction.atomic
def contributions_approve(*, workshop: Workshop, ids: list[int]) -> int:
    """Approve every waiting contribution of the workshop among `ids`; return how many."""
    waiting = Contribution.objects.select_for_update().filter(
        activity__workshop=workshop, status=ContributionStatus.PENDING, pk__in=ids
    )
    activity_ids = set(waiting.values_list("activity_id", flat=True))
    count = waiting.update(status=ContributionStatus.VISIBLE, moderated_at=timezone.now())
    for activity_id in activity_ids:
        events.broadcast(workshop_id=workshop.pk, build=events.activity_changed(activity_id))
    return count


@transaction.atomic
def contribution_set_type(*, contribution: Contribution, contribution_type: str) -> Contribution:
    """Set whether an open contribution is a question, an input or a suggestion."""
    if contribution.activity.kind != ActivityKind.OPEN:
        raise Refusal(_("Bare åpne innspill har type."))
    if contribution_type not in ContributionType.values:
        raise Refusal(_("Velg spørsmål, innspill eller forslag."))
    contribution.contribution_type = contribution_type
    contribution.save(update_fields=["contribution_type"])
    events.broadcast(
        workshop_id=contribution.activity.workshop_id,
        build=events.activity_changed(contribution.activity_id),
    )
    return contribution
