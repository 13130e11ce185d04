"""Housekeeping: edit details, clear a rehearsal, copy a workshop or an activity, delete."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import housekeeping, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    Participant,
    Response,
    Workshop,
)


@pytest.fixture
def staff(facilitator: Any) -> Client:
    client = Client()
    client.force_login(facilitator)
    return client


def test_title_municipality_and_session_are_changed_with_a_name_picker(
    workshop: Workshop, staff: Client
) -> None:
    url = reverse("workshops:edit", args=[workshop.pk])
    page = staff.get(url).content.decode()
    assert 'value="Haugesund (1106)"' in page and 'list="municipality-names"' in page
    assert '<option value="Tromsø (5501)">' in page
    staff.post(
        url, {"title": "Nytt navn", "municipality_code": "Tromsø (5501)", "session_label": "S2"}
    )
    workshop.refresh_from_db()
    assert (workshop.title, workshop.municipality_code, workshop.session_label) == (
        "Nytt navn",
        "5501",
        "S2",
    )
    response = staff.post(url, {"title": "X", "municipality_code": "Atlantis"})
    assert "Velg en kommune fra listen." in response.content.decode()


def test_a_new_workshops_municipality_is_offered_by_name_not_as_a_bare_code(
    staff: Client,
) -> None:
    page = staff.get(reverse("workshops:create")).content.decode()
    assert 'value="Haugesund (1106)"' in page  # the organisation's municipality, by name
    assert 'value="1106"' not in page


def test_resetting_a_rehearsal_deletes_participants_answers_but_keeps_activities(
    open_workshop: Workshop,
    choice: Activity,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    facilitator: Any,
    caplog: Any,
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Start-påstand"])
    person = make_participant()
    services.response_submit(
        participant=person, activity=choice, value={"choice": 0}, idempotency_key="a"
    )
    services.contribution_submit(
        participant=person, activity=statements, text="Min påstand", idempotency_key="b"
    )
    with caplog.at_level(logging.INFO, logger="samfunnslab.audit"):
        counts = housekeeping.workshop_reset_answers(workshop=open_workshop, user=facilitator)
    assert counts == {"participants": 1, "contributions": 1}
    assert not Participant.objects.filter(workshop=open_workshop).exists()
    assert not Response.objects.exists()
    assert list(Contribution.objects.values_list("text", flat=True)) == ["Start-påstand"]
    assert open_workshop.activities.count() == 2
    assert any(r.getMessage() == "workshop answers reset" for r in caplog.records)


def test_a_reset_takes_the_rehearsals_tallies_off_the_projector(
    open_workshop: Workshop,
    choice: Activity,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    facilitator: Any,
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Start-påstand"])
    services.workshop_show_activity(workshop=open_workshop, activity=statements)
    for index in range(5):
        person = make_participant()
        services.response_submit(
            participant=person, activity=choice, value={"choice": 0}, idempotency_key=f"{index}"
        )
        services.statement_vote(
            participant=person, statement=statements.contributions.get(), vote=1
        )

    housekeeping.workshop_reset_answers(workshop=open_workshop, user=facilitator)

    assert list(open_workshop.activities.values_list("released_through", "released_results")) == [
        (None, None), (None, None)
    ]  # fmt: skip
    start = statements.contributions.get()
    assert (start.released_through, start.released_votes) == (None, None)


def test_the_reset_asks_first_and_offers_the_export(open_workshop: Workshop, staff: Client) -> None:
    page = staff.get(reverse("workshops:reset", args=[open_workshop.pk])).content.decode()
    assert "Eksporter først" in page and "eksport.xlsx" in page


def test_a_copy_is_a_draft_with_the_same_activities_and_no_answers(
    open_workshop: Workshop,
    choice: Activity,
    make_participant: Any,
    facilitator: Any,
    add_activity: Callable[..., Activity],
) -> None:
    add_activity(ActivityKind.STATEMENTS, statements=["Vi trenger flere benker"])
    services.response_submit(
        participant=make_participant(), activity=choice, value={"choice": 1}, idempotency_key="c"
    )
    copy = housekeeping.workshop_duplicate(workshop=open_workshop, user=facilitator)
    assert copy.status == "draft" and copy.title == f"Kopi av {open_workshop.title}"
    assert [a.prompt for a in copy.activities.order_by("position")] == [
        a.prompt for a in open_workshop.activities.order_by("position")
    ]
    assert not Response.objects.filter(activity__workshop=copy).exists()
    assert Contribution.objects.filter(activity__workshop=copy).count() == 1


def test_a_copy_carries_no_released_tally_of_the_original(
    open_workshop: Workshop, choice: Activity, make_participant: Any, facilitator: Any
) -> None:
    for index in range(5):
        services.response_submit(
            participant=make_participant(), activity=choice, value={"choice": 1},
            idempotency_key=f"{index}",
        )  # fmt: skip
    copy = housekeeping.workshop_duplicate(workshop=open_workshop, user=facilitator)
    assert list(copy.activities.values_list("released_through", "released_results")) == [
        (None, None)
    ]


def test_a_copied_activity_comes_right_after_its_original(
    open_workshop: Workshop, add_activity: Callable[..., Activity], staff: Client
) -> None:
    first = open_workshop.activities.get()
    last = add_activity(ActivityKind.WORDCLOUD, prompt="Ett ord")
    staff.post(reverse("workshops:activity_duplicate", args=[open_workshop.pk, first.pk]))
    prompts = [a.prompt for a in open_workshop.activities.order_by("position", "id")]
    assert prompts == [first.prompt, first.prompt, last.prompt]


def test_deleting_a_workshop_needs_its_title_and_removes_everything(
    open_workshop: Workshop, choice: Activity, make_participant: Any, staff: Client, caplog: Any
) -> None:
    services.response_submit(
        participant=make_participant(), activity=choice, value={"choice": 0}, idempotency_key="d"
    )
    url = reverse("workshops:delete", args=[open_workshop.pk])
    page = staff.get(url).content.decode()
    assert "Eksporter først" in page and 'id="confirm-title"' in page
    wrong = staff.post(url, {"confirm_title": "feil"})
    assert wrong.status_code == 400 and Workshop.objects.filter(pk=open_workshop.pk).exists()
    with caplog.at_level(logging.INFO, logger="samfunnslab.audit"):
        staff.post(url, {"confirm_title": open_workshop.title})
    assert not Workshop.objects.filter(pk=open_workshop.pk).exists()
    assert not Response.objects.exists() and not Participant.objects.exists()
    assert any(r.getMessage() == "workshop deleted" for r in caplog.records)


def test_only_those_who_run_the_workshop_may_delete_it(
    open_workshop: Workshop, outsider: Any, facilitator: Any
) -> None:
    client = Client()
    client.force_login(outsider)
    url = reverse("workshops:delete", args=[open_workshop.pk])
    assert client.post(url, {"confirm_title": open_workshop.title}).status_code in (403, 404)
    assert Workshop.objects.filter(pk=open_workshop.pk).exists()
    with pytest.raises(Refusal):
        housekeeping.workshop_delete(workshop=open_workshop, user=facilitator, confirm_title="")
