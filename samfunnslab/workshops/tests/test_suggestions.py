"""The console suggests a type and a theme from the facilitator's own themes; one click accepts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.imports import import_bytes
from samfunnslab.workshops.models import Contribution, Workshop
from samfunnslab.workshops.suggestions import new_theme_proposals, suggestions_for

TABLE = (
    "tekst;type;tema;aktivitet\n"
    "Bussen går for sjelden om kvelden;innspill;reisevei;Hva savner du?\n"
    "Bussen bør gå hver halvtime;forslag;reisevei;Hva savner du?\n"
    "Flere benker langs elva;forslag;uterom;Hva savner du?\n"
    "Hvorfor er det ikke lys i parken;;;Hva savner du?\n"
)


@pytest.fixture
def themed(organisation: Any, facilitator: Any) -> Workshop:
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Forslag", municipality_code="1106"
    )
    assert import_bytes(workshop=workshop, data=TABLE.encode(), filename="t.csv").ok
    return workshop


def test_an_untyped_unthemed_row_gets_a_type_and_a_theme_from_the_workshops_own_list(
    themed: Workshop,
) -> None:
    activity = themed.activities.get()
    found = suggestions_for(activity, activity.contributions.all())
    lights = Contribution.objects.get(text__startswith="Hvorfor er det ikke lys")
    suggestion = found[lights.pk]
    assert suggestion.type == "question"
    assert suggestion.theme in ("", "reisevei", "uterom")
    assert all(s.theme in ("", "reisevei", "uterom") for s in found.values())


def test_a_new_contribution_about_the_bus_is_suggested_the_bus_theme_and_accepted_in_one_click(
    themed: Workshop, facilitator: Any
) -> None:
    activity = themed.activities.get()
    services.workshop_open(workshop=themed)
    services.workshop_show_activity(workshop=themed, activity=activity)
    person = services.participant_join(workshop=themed)
    bus, _created = services.contribution_submit(
        participant=person,
        activity=activity,
        text="Bussen til sentrum går for sjelden",
        idempotency_key="b",
    )
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("workshops:console", args=[themed.pk])).content.decode()
    assert "Bruk forslaget" in page and "reisevei" in page
    response = client.post(
        reverse("workshops:accept_suggestion", args=[themed.pk, bus.pk]),
        {"type": "", "theme": "reisevei"},
    )
    assert response.status_code == 302
    bus.refresh_from_db()
    assert bus.theme == "reisevei"


def test_a_viewer_cannot_accept_a_suggestion(themed: Workshop, colleague: Any) -> None:
    row = Contribution.objects.filter(activity__workshop=themed).first()
    assert row is not None
    client = Client()
    client.force_login(colleague)
    url = reverse("workshops:accept_suggestion", args=[themed.pk, row.pk])
    assert client.post(url, {"type": "question", "theme": "x"}).status_code == 403


def test_an_unknown_type_is_refused(themed: Workshop) -> None:
    row = Contribution.objects.filter(activity__workshop=themed).first()
    assert row is not None
    with pytest.raises(Refusal, match="Ukjent type"):
        services.contribution_classify(contribution=row, contribution_type="klage")


def test_similar_unthemed_contributions_are_proposed_as_a_new_theme_and_made_one_in_one_click(
    organisation: Any, facilitator: Any
) -> None:
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Nytt tema", municipality_code="1106"
    )
    activity = services.activity_add(workshop=workshop, kind="open", prompt="Hva mangler?")
    services.workshop_open(workshop=workshop)
    person = services.participant_join(workshop=workshop)
    for n, text in enumerate(
        [
            "Gatelys på skoleveien",
            "Mer gatelys langs skoleveien",
            "Skoleveien mangler gatelys",
            "Kino i sentrum",
        ]
    ):
        services.contribution_submit(
            participant=person, activity=activity, text=text, idempotency_key=f"k{n}"
        )
    [proposal] = new_theme_proposals(activity)
    assert len(proposal.contribution_ids) == 3 and "gatelys" in proposal.name
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("workshops:console", args=[workshop.pk])).content.decode()
    assert "Nye temaer?" in page
    response = client.post(
        reverse("workshops:theme_from_group", args=[workshop.pk, activity.pk]),
        {"contribution": list(proposal.contribution_ids), "name": "Trygg skolevei"},
    )
    assert response.status_code == 302
    themed = Contribution.objects.filter(activity=activity, theme="Trygg skolevei")
    assert themed.count() == 3
    activity.refresh_from_db()
    assert "Trygg skolevei" in activity.themes
    assert new_theme_proposals(activity) == []
