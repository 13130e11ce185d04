"""Who may do what in the workshops: staff through their organisation, participants by cookie.

Facilitators and admins of the owning organisation run a workshop; viewers of that organisation
may watch the console and the presenter screen; everyone else is refused. A participant is whoever
holds the signed cookie with a participant token of that workshop, nothing more.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from samfunnslab.accounts.authorizers import can_edit, can_view, require_edit, require_view
from samfunnslab.workshops.models import Participant, Workshop
from samfunnslab.workshops.selectors import participant_for_token

UserLike = AbstractBaseUser | AnonymousUser
COOKIE_SALT = "samfunnslab.workshops.participant"
COOKIE_MAX_AGE = 60 * 60 * 24 * 60  # two months: long enough for an asynchronous window


def can_watch_workshop(user: UserLike, workshop: Workshop) -> bool:
    """Members of the owning organisation may watch the console and the presenter screen."""
    return can_view(user, workshop.organisation)


def can_run_workshop(user: UserLike, workshop: Workshop) -> bool:
    """Facilitators and admins of the owning organisation may change the workshop and moderate."""
    return can_edit(user, workshop.organisation)


def workshop_for_watcher(user: UserLike, pk: int) -> Workshop:
    """Return the workshop or raise 404/PermissionDenied unless the user may watch it."""
    workshop = get_object_or_404(Workshop.objects.select_related("organisation"), pk=pk)
    require_view(user, workshop.organisation)
    return workshop


def workshop_for_runner(user: UserLike, pk: int) -> Workshop:
    """Return the workshop or raise 404/PermissionDenied unless the user may run it."""
    workshop = get_object_or_404(Workshop.objects.select_related("organisation"), pk=pk)
    require_edit(user, workshop.organisation)
    return workshop


def cookie_name(workshop: Workshop | int) -> str:
    """Return the name of the participant cookie for this workshop (one per workshop)."""
    workshop_id = workshop if isinstance(workshop, int) else workshop.pk
    return f"deltaker_{workshop_id}"


def _signer(workshop_id: int) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"{COOKIE_SALT}.{workshop_id}")


def sign_participant(participant: Participant) -> str:
    """Return the signed cookie value that proves a phone is this participant."""
    return _signer(participant.workshop_id).sign(str(participant.token))


def remember_participant(response: HttpResponse, participant: Participant) -> None:
    """Set the participant's signed cookie (HttpOnly, SameSite=Lax, Secure when SECURE_COOKIES)."""
    response.set_cookie(
        cookie_name(participant.workshop_id),
        sign_participant(participant),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SECURE_COOKIES,
    )


def _participant_from_signed(workshop: Workshop, signed_value: str | None) -> Participant | None:
    if not signed_value:
        return None
    try:
        token = _signer(workshop.pk).unsign(signed_value, max_age=COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    return participant_for_token(workshop, token)


def participant_for_request(request: HttpRequest, workshop: Workshop) -> Participant | None:
    """Return the participant whose signed cookie came with the request, or None."""
    return _participant_from_signed(workshop, request.COOKIES.get(cookie_name(workshop)))


def participant_for_scope(scope: dict[str, Any], workshop: Workshop) -> Participant | None:
    """Return the participant whose signed cookie came with the WebSocket handshake, or None."""
    return _participant_from_signed(workshop, scope.get("cookies", {}).get(cookie_name(workshop)))
