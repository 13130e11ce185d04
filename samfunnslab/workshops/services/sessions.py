"""Workshop writes: create, open with a join code, close, show an activity, step, breakout groups."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.workshops import events
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    BreakoutGroup,
    Workshop,
    WorkshopStatus,
)
from samfunnslab.workshops.services.common import mark_shown

# Letters and digits that cannot be mistaken for each other when read aloud or off a projector
# (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B).
JOIN_CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
JOIN_CODE_LENGTH = 6


def check_municipality(code: str) -> None:
    """Refuse a municipality code the snapshot does not know."""
    from samfunnslab.core import statistics

    try:
        statistics.snapshot().info(code)
    except KeyError:
        raise Refusal(_("Vi finner ingen kommune med nummer %(code)s.") % {"code": code}) from None


@transaction.atomic
def workshop_create(
    *,
    organisation: Organisation,
    user: AbstractBaseUser | None,
    title: str,
    municipality_code: str,
    session_label: str = "",
    easy_language: bool = False,
    open_until: datetime | None = None,
) -> Workshop:
    """Create a draft workshop for a municipality (the code must exist in the snapshot)."""
    check_municipality(municipality_code)
    return Workshop.objects.create(
        organisation=organisation,
        created_by=user,
        title=title.strip(),
        municipality_code=municipality_code,
        session_label=session_label.strip(),
        easy_language=easy_language,
        open_until=open_until,
    )


def new_join_code() -> str:
    """Return a random join code of unambiguous characters."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """Upper-case and drop spaces and dashes, so «acd 347» and «ACD-347» both work."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())[:16]


def workshop_open(*, workshop: Workshop, open_until: datetime | None = None) -> Workshop:
    """Open the workshop with a join code unique among open workshops; start at the first activity."""
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return _open_with_code(workshop, open_until)
        except IntegrityError:
            workshop.join_code = ""  # another open workshop took the code in the meantime
    raise Refusal(_("Vi fikk ikke laget en ledig kode. Prøv igjen."), status=503)


def _open_with_code(workshop: Workshop, open_until: datetime | None) -> Workshop:
    code = workshop.join_code
    taken = Workshop.objects.filter(status=WorkshopStatus.OPEN, join_code=code)
    if not code or taken.exclude(pk=workshop.pk).exists():
        code = new_join_code()
        while Workshop.objects.filter(status=WorkshopStatus.OPEN, join_code=code).exists():
            code = new_join_code()
    workshop.join_code = code
    workshop.status = WorkshopStatus.OPEN
    workshop.opened_at = workshop.opened_at or timezone.now()
    workshop.closed_at = None
    if open_until is not None:
        workshop.open_until = open_until
    if workshop.current_activity_id is None:
        workshop.current_activity = workshop.activities.order_by("position", "id").first()
    workshop.save()
    mark_shown(workshop)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


@transaction.atomic
def workshop_close(*, workshop: Workshop) -> Workshop:
    """Close the workshop: nobody can join or answer any more; everything said is kept."""
    workshop.status = WorkshopStatus.CLOSED
    workshop.closed_at = timezone.now()
    workshop.save(update_fields=["status", "closed_at"])
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


@transaction.atomic
def workshop_show_activity(*, workshop: Workshop, activity: Activity | None) -> Workshop:
    """Make `activity` the one every phone and the projector show now."""
    if activity is not None and activity.workshop_id != workshop.pk:
        raise Refusal(_("Aktiviteten hører ikke til dette verkstedet."), status=404)
    workshop.current_activity = activity
    workshop.save(update_fields=["current_activity"])
    mark_shown(workshop)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


def workshop_step(*, workshop: Workshop, direction: int) -> Workshop:
    """Go to the next (direction 1) or previous (direction −1) activity, as the remote does."""
    activities = list(workshop.activities.order_by("position", "id"))
    if not activities:
        return workshop
    ids = [a.pk for a in activities]
    index = ids.index(workshop.current_activity_id) if workshop.current_activity_id in ids else -1
    target = min(max(index + (1 if direction > 0 else -1), 0), len(activities) - 1)
    return workshop_show_activity(workshop=workshop, activity=activities[target])


@transaction.atomic
def group_add(*, workshop: Workshop, name: str) -> BreakoutGroup:
    """Add a breakout group (a table in the room) with its own board of idea cards."""
    position = workshop.groups.count()
    group = BreakoutGroup.objects.create(
        workshop=workshop, name=name.strip()[:100], position=position
    )
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return group
