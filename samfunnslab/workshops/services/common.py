"""Limits and helpers shared by the workshop service modules."""

from __future__ import annotations

from django.utils import timezone

from samfunnslab.workshops.models import Activity, ActivityKind, Workshop

MAX_KEY_LENGTH = 64
TEXT_LIMITS = {
    ActivityKind.WORDCLOUD: 40,
    ActivityKind.OPEN: 500,
    ActivityKind.STATEMENTS: 200,
    ActivityKind.QA: 300,
    ActivityKind.IDEAS: 300,
    ActivityKind.MAP: 200,
    ActivityKind.PHOTO: 300,  # the picture's description
}
MAX_WORDCLOUD_WORDS = 3
# Photos are always held for the facilitator (`photos.py`), whatever the activity says.
DEFAULT_MODERATED = {ActivityKind.STATEMENTS, ActivityKind.PHOTO}
# Ranking options come in a per-phone random order unless the facilitator says otherwise.
DEFAULT_SHUFFLED = {ActivityKind.RANKING}


def mark_shown(workshop: Workshop) -> None:
    """Remember that the current activity has been on the phones (answers are taken from then)."""
    if workshop.current_activity_id is not None:
        Activity.objects.filter(pk=workshop.current_activity_id, shown_at__isnull=True).update(
            shown_at=timezone.now()
        )
