"""The workshop pages meet the inclusion and opinion-map work: links, easy language, routing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samfunnslab.opinions import live
from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity, ActivityKind, Workshop
from samfunnslab.workshops.selectors import statement_deck


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def joined(workshop: Workshop) -> Client:
    client = Client()
    client.post(reverse("workshops:participant_join", args=[workshop.join_code]))
    return client


def page_of(client: Client, workshop: Workshop) -> str:
    return client.get(reverse("workshops:participant", args=[workshop.join_code])).content.decode()


@pytest.fixture
def statements(
    open_workshop: Workshop, add_activity: Callable[..., Activity], make_participant: Any
) -> tuple[Activity, list[Any]]:
    activity = add_activity(ActivityKind.STATEMENTS, moderated=False)
    services.workshop_show_activity(workshop=open_workshop, activity=activity)
    author = make_participant()
    made = [
        services.contribution_submit(
            participant=author, activity=activity, text=text, idempotency_key=f"s{n}"
        )[0]
        for n, text in enumerate(["Påstand om buss", "Påstand om skole", "Påstand om park"])
    ]
    services.workshop_show_activity(workshop=open_workshop, activity=activity)
    return activity, made


def test_the_console_links_to_who_takes_part_and_paper_answers(
    open_workshop: Workshop, facilitator: Any
) -> None:
    page = logged_in(facilitator).get(reverse("workshops:console", args=[open_workshop.pk]))
    html = page.content.decode()
    assert reverse("inclusion:workshop", args=[open_workshop.pk]) in html
    assert reverse("inclusion:paper", args=[open_workshop.pk]) in html
    assert "Hvem deltar?" in html and "Papirsvar" in html


def test_a_viewer_is_not_offered_the_paper_form(open_workshop: Workshop, colleague: Any) -> None:
    html = logged_in(colleague).get(reverse("workshops:console", args=[open_workshop.pk]))
    assert reverse("inclusion:workshop", args=[open_workshop.pk]) in html.content.decode()
    assert reverse("inclusion:paper", args=[open_workshop.pk]) not in html.content.decode()


def test_a_statement_activity_links_to_its_opinion_map(
    statements: tuple[Activity, list[Any]], facilitator: Any
) -> None:
    activity, _ = statements
    html = logged_in(facilitator).get(reverse("workshops:console", args=[activity.workshop_id]))
    assert reverse("opinions:map", args=[activity.pk]) in html.content.decode()
    choice = activity.workshop.activities.get(kind=ActivityKind.CHOICE)
    assert reverse("opinions:map", args=[choice.pk]) not in html.content.decode()


def test_participant_pages_offer_easy_language_and_load_its_style(open_workshop: Workshop) -> None:
    html = page_of(joined(open_workshop), open_workshop)
    assert reverse("inclusion:easy_language") in html
    assert "inclusion/easy.css" in html
    assert "easy-language" not in html.split("<body", 1)[1].split(">", 1)[0]


def test_a_participant_who_switched_easy_language_on_gets_the_easy_prompt(
    open_workshop: Workshop, choice: Activity
) -> None:
    choice.prompt_easy = "Hva er viktig for deg?"
    choice.save()
    client = joined(open_workshop)
    client.cookies["lettlest"] = "1"
    html = page_of(client, open_workshop)
    assert 'class="participant-screen easy-language"' in html
    assert "Hva er viktig for deg?" in html
    fragment = client.get(reverse("workshops:participant_hx", args=[open_workshop.join_code]))
    assert "Hva er viktig for deg?" in fragment.content.decode()


def test_switching_easy_language_off_wins_over_the_workshop_setting(
    open_workshop: Workshop, choice: Activity
) -> None:
    choice.prompt_easy = "Hva er viktig for deg?"
    choice.save()
    open_workshop.easy_language = True
    open_workshop.save()
    client = joined(open_workshop)
    client.cookies["lettlest"] = "0"
    html = page_of(client, open_workshop)
    assert "Hva er viktig for deg?" not in html
    assert "easy-language" not in html.split("<body", 1)[1].split(">", 1)[0]


def test_the_asynchronous_window_is_told_to_participants(open_workshop: Workshop) -> None:
    open_workshop.open_until = timezone.now() + timedelta(days=10)
    open_workshop.save()
    assert "Du kan svare helt til" in page_of(joined(open_workshop), open_workshop)


def test_statement_cards_follow_the_maps_routing_priority_and_skip_voted_ones(
    statements: tuple[Activity, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    activity, (bus, school, park) = statements
    priority = {bus.pk: 0.001, school.pk: 9.0}  # park is newer than the map: 5.0625
    monkeypatch.setattr(live, "cached_priority", lambda activity_id: priority)
    items = [{"id": s.pk} for s in (bus, school, park)]
    shared = statement_deck(activity.pk, items, {}, seed=None)
    assert [i["id"] for i in shared] == [school.pk, park.pk, bus.pk]
    firsts = [statement_deck(activity.pk, items, {}, seed=str(n))[0]["id"] for n in range(200)]
    assert firsts.count(bus.pk) < 5  # drawn in proportion to priority, per phone
    assert firsts.count(school.pk) > firsts.count(park.pk) > 0
    again = statement_deck(activity.pk, items, {}, seed="7")
    assert again == statement_deck(activity.pk, items, {}, seed="7")  # stable between loads
    mine = statement_deck(activity.pk, items, {school.pk: 1}, seed="7")
    assert school.pk not in [i["id"] for i in mine]


def test_a_phone_page_never_schedules_an_opinion_map_recompute(
    statements: tuple[Activity, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    activity, _made = statements

    def no_recompute(activity_id: int, **kwargs: Any) -> None:
        raise AssertionError("a page load asked for a recompute")

    monkeypatch.setattr(live, "current_map", no_recompute)
    html = page_of(joined(activity.workshop), activity.workshop)
    assert html.count("data-card ") == 3
    assert html.count(' hidden aria-labelledby="statement-') == 2  # one card at a time
