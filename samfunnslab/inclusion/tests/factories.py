"""Workshops with described participants, made through the workshops app's own services."""

from __future__ import annotations

from typing import Any

from samfunnslab.workshops import services
from samfunnslab.workshops.models import Participant, Workshop


def open_workshop(
    organisation: Any, facilitator: Any, *, title: str = "Haugesund 2040", session: str = ""
) -> Workshop:
    workshop = services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title=title,
        municipality_code="1106",
        session_label=session,
    )
    services.activity_add(
        workshop=workshop,
        kind="statements",
        prompt="Hva mener du?",
        statements=["Naboer bør hjelpe hverandre mer.", "Skolen kan være et møtested for alle."],
    )
    return services.workshop_open(workshop=workshop)


def described(workshop: Workshop, count: int, **answers: str) -> list[Participant]:
    people = []
    for _ in range(count):
        participant = services.participant_join(workshop=workshop)
        people.append(services.participant_describe(participant=participant, **answers))
    return people
