"""A facilitator's housekeeping: fix a workshop's details, clear a rehearsal, copy, delete.

Writes like `services` (keyword-only, atomic, live event after commit). Clearing answers and
deleting a workshop are logged to the `samfunnslab.audit` logger (who, which workshop, how much),
never with what participants said.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.workshops import events, photos, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    Contribution,
    Participant,
    Workshop,
    WorkshopStatus,
)

audit = logging.getLogger("samfunnslab.audit")

# A copy starts without answers, so also without the tallies released from them.
NOT_COPIED = {
    "id", "workshop", "position", "created_at", "locked", "shown_at",
    "released_results", "released_through",
}  # fmt: skip


@transaction.atomic
def workshop_update(
    *, workshop: Workshop, title: str, municipality_code: str, session_label: str = ""
) -> Workshop:
    """Change a workshop's title, municipality and session after it was created."""
    title = title.strip()
    if not title:
        raise Refusal(_("Verkstedet må ha en tittel."))
    services.check_municipality(municipality_code)
    workshop.title = title[:200]
    workshop.municipality_code = municipality_code
    workshop.session_label = session_label.strip()[:100]
    workshop.save(update_fields=["title", "municipality_code", "session_label"])
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return workshop


@transaction.atomic
def workshop_reset_answers(*, workshop: Workshop, user: AbstractBaseUser) -> dict[str, int]:
    """Delete everything participants gave (a rehearsal): participants, answers, texts, votes.

    The activities and the facilitator's own starting statements and imported rows stay. Logged.
    """
    participants = Participant.objects.filter(workshop=workshop)
    counts = {
        "participants": participants.count(),
        "contributions": Contribution.objects.filter(participant__workshop=workshop).count(),
    }
    workshop.highlighted = None
    workshop.save(update_fields=["highlighted"])
    photos.delete_pictures_on_commit(
        photos.picture_names(Contribution.objects.filter(participant__workshop=workshop))
    )
    participants.delete()  # cascades to responses, contributions, votes and upvotes
    workshop.activities.update(released_results=None, released_through=None)
    Contribution.objects.filter(activity__workshop=workshop).update(
        released_votes=None, released_through=None
    )
    # The real session shows the activities afresh: phones may answer each once it is shown.
    workshop.activities.exclude(pk=workshop.current_activity_id).update(shown_at=None)
    audit.info(
        "workshop answers reset",
        extra={"workshop_id": workshop.pk, "user_id": user.pk, **counts},
    )
    for activity_id in workshop.activities.values_list("pk", flat=True):
        events.broadcast(workshop_id=workshop.pk, build=events.activity_changed(activity_id))
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return counts


def _copy_fields(activity: Activity) -> dict[str, Any]:
    return {
        f.attname: getattr(activity, f.attname)
        for f in Activity._meta.concrete_fields
        if f.name not in NOT_COPIED
    }


def _copy_activity(activity: Activity, workshop: Workshop, position: int) -> Activity:
    copy = Activity.objects.create(workshop=workshop, position=position, **_copy_fields(activity))
    starting = activity.contributions.filter(participant__isnull=True, imported_from="")
    Contribution.objects.bulk_create(
        Contribution(
            activity=copy,
            text=c.text,
            normalised=c.normalised,
            contribution_type=c.contribution_type,
            theme=c.theme,
            status=c.status,
        )
        for c in starting
    )
    return copy


@transaction.atomic
def activity_duplicate(*, activity: Activity) -> Activity:
    """Copy an activity (with the facilitator's starting statements, no answers) right after it."""
    workshop = Workshop.objects.select_for_update().get(pk=activity.workshop_id)
    later = workshop.activities.filter(position__gt=activity.position)
    for other in later.order_by("-position"):
        other.position += 1
        other.save(update_fields=["position"])
    copy = _copy_activity(activity, workshop, activity.position + 1)
    events.broadcast(workshop_id=workshop.pk, build=events.workshop_changed(workshop.pk))
    return copy


@transaction.atomic
def workshop_duplicate(*, workshop: Workshop, user: AbstractBaseUser) -> Workshop:
    """Copy a workshop as a new draft with the same activities and groups, without answers."""
    copy = Workshop.objects.create(
        organisation=workshop.organisation,
        created_by=user,
        title=(_("Kopi av %(title)s") % {"title": workshop.title})[:200],
        municipality_code=workshop.municipality_code,
        session_label=workshop.session_label,
        easy_language=workshop.easy_language,
        projector_join=workshop.projector_join,
    )
    for activity in workshop.activities.order_by("position", "id"):
        _copy_activity(activity, copy, activity.position)
    for group in workshop.groups.all():
        copy.groups.create(name=group.name)
    return copy


@transaction.atomic
def workshop_delete(*, workshop: Workshop, user: AbstractBaseUser, confirm_title: str) -> None:
    """Delete a workshop and everything in it, once the facilitator has typed its title. Logged."""
    if confirm_title.strip() != workshop.title:
        raise Refusal(_("Skriv inn tittelen på verkstedet nøyaktig for å slette det."))
    workshop_id = workshop.pk
    counts = {
        "participants": workshop.participants.count(),
        "activities": workshop.activities.count(),
        "was_open": workshop.status == WorkshopStatus.OPEN,
    }
    photos.delete_pictures_on_commit(
        photos.picture_names(Contribution.objects.filter(activity__workshop=workshop))
    )
    workshop.delete()  # cascades to activities, participants, answers, texts, votes, groups
    audit.info(
        "workshop deleted",
        extra={"workshop_id": workshop_id, "user_id": user.pk, **counts},
    )
    events.broadcast(workshop_id=workshop_id, build=events.workshop_changed(workshop_id))
