"""The facilitator's control of the projector: join line, one highlighted item, a countdown.

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
from samfunnslab.workshops.models import Contribution, ContributionStatus, Workshop

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
