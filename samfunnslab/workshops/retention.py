"""Retention: what a closed workshop keeps about its participants after RETENTION_DAYS.

When a workshop has been closed for longer than `settings.RETENTION_DAYS` days:
- every participant's token is replaced by a fresh random one, so the cookie left on a phone no
  longer points at anything (the answers stay, attached to an anonymous row);
- the free text participants wrote (word-cloud words, open contributions, statements, questions,
  idea cards — typed on a phone or entered from paper) is blanked, text and normalised form both.
  Themes, types, counts, votes and the facilitator's own comments stay, so a report still adds up;
- the pictures participants sent from their phones are deleted (a copy a facilitator put on a
  community model is the model's own and stays with it).
Export a workshop before the deadline if its texts are needed (docs/privacy.md). The command
`manage.py purge_expired` runs this daily in compose.yaml.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samfunnslab.workshops import photos
from samfunnslab.workshops.models import Contribution, Participant, Workshop, WorkshopStatus


@dataclass(frozen=True)
class PurgeReport:
    workshops: int
    tokens_replaced: int
    texts_blanked: int


def retention_cutoff(*, days: int | None = None, now: datetime | None = None) -> datetime:
    """Return the moment before which a closed workshop's participant data is purged."""
    return (now or timezone.now()) - timedelta(
        days=settings.RETENTION_DAYS if days is None else days
    )


@transaction.atomic
def participant_data_purge(*, before: datetime) -> PurgeReport:
    """Replace tokens and blank free text in workshops closed before `before` (idempotent)."""
    expired = Workshop.objects.filter(status=WorkshopStatus.CLOSED, closed_at__lt=before)
    participants = list(Participant.objects.filter(workshop__in=expired).only("pk"))
    for participant in participants:
        participant.token = uuid.uuid4()
    Participant.objects.bulk_update(participants, ["token"], batch_size=500)
    said = Contribution.objects.filter(activity__workshop__in=expired)
    photos.delete_pictures_on_commit(photos.picture_names(said))
    said.exclude(picture="").update(picture="", picture_width=0, picture_height=0)
    blanked = said.exclude(text="", normalised="").update(text="", normalised="")
    return PurgeReport(
        workshops=expired.count(), tokens_replaced=len(participants), texts_blanked=blanked
    )
