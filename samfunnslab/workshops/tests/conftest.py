"""Fixtures for the workshop tests: a workshop in Haugesund run by Alice, and participants."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity, ActivityKind, Participant, Workshop


@pytest.fixture
def workshop(organisation: Any, facilitator: Any) -> Workshop:
    """A draft workshop owned by Alice's organisation."""
    return services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Framtidsverksted",
        municipality_code="1106",
    )


@pytest.fixture
def add_activity(workshop: Workshop) -> Callable[..., Activity]:
    def add(kind: str = ActivityKind.CHOICE, **kwargs: Any) -> Activity:
        defaults: dict[str, Any] = {"prompt": f"Spørsmål om {kind}"}
        if kind in (
            ActivityKind.CHOICE,
            ActivityKind.RANKING,
            ActivityKind.POINTS,
            ActivityKind.MAP,
        ):
            defaults["options"] = ["Skole", "Helse", "Kultur"]
        return services.activity_add(workshop=workshop, kind=kind, **{**defaults, **kwargs})

    return add


@pytest.fixture
def open_workshop(workshop: Workshop, add_activity: Callable[..., Activity]) -> Workshop:
    """An open workshop with a multiple-choice activity shown."""
    add_activity(ActivityKind.CHOICE)
    return services.workshop_open(workshop=workshop)


@pytest.fixture
def choice(open_workshop: Workshop) -> Activity:
    return open_workshop.activities.get(kind=ActivityKind.CHOICE)


@pytest.fixture
def make_participant(open_workshop: Workshop) -> Callable[[], Participant]:
    def make() -> Participant:
        return services.participant_join(workshop=open_workshop)

    return make


@pytest.fixture
def participant(make_participant: Callable[[], Participant]) -> Participant:
    return make_participant()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """The personas' passwords need no Argon2 strength in these tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _opinion_maps_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The participant page asks the opinion map for its routing; compute it in this thread."""
    from samfunnslab.opinions import live

    monkeypatch.setattr(live, "run_in_background", lambda job: job())
