"""Retention: tokens and free text of workshops closed longer ago than RETENTION_DAYS are purged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity, ActivityKind, Contribution, Workshop


def closed_with_text(
    workshop: Workshop, add_activity: Callable[..., Activity], *, days_ago: int, text: str
) -> Contribution:
    activity = add_activity(ActivityKind.OPEN)
    workshop = services.workshop_open(workshop=workshop)
    participant = services.participant_join(workshop=workshop)
    contribution = Contribution.objects.create(
        activity=activity,
        participant=participant,
        text=text,
        normalised=text.lower(),
        theme="Skole",
        comment="Svar fra kommunen",
    )
    services.workshop_close(workshop=workshop)
    Workshop.objects.filter(pk=workshop.pk).update(
        closed_at=timezone.now() - timedelta(days=days_ago)
    )
    return contribution


def test_purge_replaces_tokens_and_blanks_texts_of_long_closed_workshops(
    workshop: Workshop, add_activity: Callable[..., Activity], settings: Any
) -> None:
    settings.RETENTION_DAYS = 90
    old = closed_with_text(workshop, add_activity, days_ago=91, text="Mer lys i parken")
    token_before = old.participant.token
    out = StringIO()
    call_command("purge_expired", stdout=out)
    old.refresh_from_db()
    old.participant.refresh_from_db()
    assert old.text == "" and old.normalised == ""
    assert old.theme == "Skole" and old.comment == "Svar fra kommunen"
    assert old.participant.token != token_before
    assert "free texts blanked: 1" in out.getvalue()


def test_purge_keeps_recently_closed_workshops(
    workshop: Workshop, add_activity: Callable[..., Activity], settings: Any
) -> None:
    settings.RETENTION_DAYS = 90
    recent = closed_with_text(workshop, add_activity, days_ago=10, text="Flere benker")
    token_before = recent.participant.token
    call_command("purge_expired", stdout=StringIO())
    recent.refresh_from_db()
    recent.participant.refresh_from_db()
    assert recent.text == "Flere benker"
    assert recent.participant.token == token_before


def test_purge_with_zero_days_does_nothing(
    workshop: Workshop, add_activity: Callable[..., Activity], settings: Any
) -> None:
    settings.RETENTION_DAYS = 0
    old = closed_with_text(workshop, add_activity, days_ago=400, text="Gatelys")
    call_command("purge_expired", stdout=StringIO())
    old.refresh_from_db()
    assert old.text == "Gatelys"
