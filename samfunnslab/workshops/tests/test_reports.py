"""Phones report an item they see («Meld»); after enough reports it waits for the facilitator."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import authorizers, pages, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionReport,
    Participant,
    Workshop,
)


@pytest.fixture
def question(
    open_workshop: Workshop, add_activity: Callable[..., Activity], make_participant: Any
) -> Contribution:
    qa = add_activity(ActivityKind.QA)
    services.workshop_show_activity(workshop=open_workshop, activity=qa)
    asker = make_participant()
    contribution, _ = services.contribution_submit(
        participant=asker, activity=qa, text="Hvorfor er bussen alltid sen?", idempotency_key="q1"
    )
    return contribution


def report(participant: Participant, question: Contribution) -> bool:
    return services.contribution_report(participant=participant, contribution=question)


def test_three_phones_reporting_a_question_hold_it_with_the_reason_reported(
    open_workshop: Workshop, question: Contribution, make_participant: Any
) -> None:
    assert not report(make_participant(), question)
    assert not report(make_participant(), question)
    question.refresh_from_db()
    assert question.status == "visible"  # two reports are not enough
    assert report(make_participant(), question)
    question.refresh_from_db()
    assert question.status == "pending" and question.reported
    queued = {item["id"]: item for item in pages.cockpit_queue(open_workshop)}
    assert "meldt av deltakere" in queued[question.pk]["reasons"]


def test_one_phone_reporting_again_and_again_counts_once(
    question: Contribution, make_participant: Any
) -> None:
    phone = make_participant()
    for _ in range(5):
        assert not report(phone, question)
    assert ContributionReport.objects.filter(contribution=question).count() == 1
    question.refresh_from_db()
    assert question.status == "visible"


def test_the_number_of_reports_that_hold_an_item_is_a_setting(
    question: Contribution, make_participant: Any, settings: Any
) -> None:
    settings.WORKSHOP_REPORTS_TO_HOLD = 1
    assert report(make_participant(), question)


def test_an_item_the_facilitator_approved_after_reports_stays_on_the_screens(
    question: Contribution, make_participant: Any, settings: Any
) -> None:
    settings.WORKSHOP_REPORTS_TO_HOLD = 1
    report(make_participant(), question)
    services.contribution_moderate(contribution=question, action="approve")
    assert not report(make_participant(), question)
    question.refresh_from_db()
    assert question.status == "visible"


def test_a_phone_cannot_report_its_own_question(question: Contribution) -> None:
    assert question.participant is not None
    with pytest.raises(Refusal):
        report(question.participant, question)


def test_a_phone_reports_from_its_page_and_then_sees_that_it_has(
    open_workshop: Workshop, question: Contribution, make_participant: Any
) -> None:
    phone = make_participant()
    client = Client()
    client.cookies[authorizers.cookie_name(open_workshop)] = authorizers.sign_participant(phone)
    page = reverse("workshops:participant", args=[open_workshop.join_code])
    assert "Meld" in client.get(page).content.decode()
    sent = client.post(
        reverse("workshops:participant_submit", args=[open_workshop.join_code]),
        data=json.dumps(
            {"action": "report", "activity": question.activity_id, "item": question.pk, "key": "r1"}
        ),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    assert sent.status_code == 200, sent.content
    assert sent.json()["held"] is False
    assert "Du har meldt dette." in client.get(page).content.decode()
