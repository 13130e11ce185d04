"""Who may watch and run a workshop, checked with the personas."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from samfunnslab.workshops import authorizers
from samfunnslab.workshops.models import Participant, Workshop


def test_the_facilitator_may_watch_and_run_her_workshop(
    workshop: Workshop, facilitator: Any
) -> None:
    assert authorizers.can_watch_workshop(facilitator, workshop)
    assert authorizers.can_run_workshop(facilitator, workshop)


def test_a_viewer_colleague_may_watch_but_not_run(workshop: Workshop, colleague: Any) -> None:
    assert authorizers.can_watch_workshop(colleague, workshop)
    assert not authorizers.can_run_workshop(colleague, workshop)
    with pytest.raises(PermissionDenied):
        authorizers.workshop_for_runner(colleague, workshop.pk)


def test_it_rejects_an_outsider_from_another_municipality(
    workshop: Workshop, outsider: Any
) -> None:
    assert not authorizers.can_watch_workshop(outsider, workshop)
    with pytest.raises(PermissionDenied):
        authorizers.workshop_for_watcher(outsider, workshop.pk)


def test_it_rejects_anonymous_visitors(workshop: Workshop) -> None:
    assert not authorizers.can_watch_workshop(AnonymousUser(), workshop)


def test_a_participant_is_recognised_by_the_signed_cookie_only(
    open_workshop: Workshop, participant: Participant
) -> None:
    response = HttpResponse()
    authorizers.remember_participant(response, participant)
    cookie = response.cookies[authorizers.cookie_name(open_workshop)]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    request = RequestFactory().get("/")
    request.COOKIES[cookie.key] = cookie.value
    assert authorizers.participant_for_request(request, open_workshop) == participant
    request.COOKIES[cookie.key] = str(participant.token)  # unsigned: forged
    assert authorizers.participant_for_request(request, open_workshop) is None


def test_a_cookie_from_one_workshop_does_not_work_in_another(
    open_workshop: Workshop, participant: Participant, organisation: Any
) -> None:
    other = Workshop.objects.create(organisation=organisation, title="B", municipality_code="1106")
    request = RequestFactory().get("/")
    request.COOKIES[authorizers.cookie_name(other)] = authorizers.sign_participant(participant)
    assert authorizers.participant_for_request(request, other) is None
