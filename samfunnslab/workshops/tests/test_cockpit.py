"""The cockpit: live actions answer with the live part, the queue says why, bulk approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import facilitation, pages, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    Workshop,
)


@pytest.fixture
def staff(facilitator: Any) -> Client:
    client = Client()
    client.force_login(facilitator)
    return client


def held(activity: Activity, participant: Any, text: str, key: str) -> Contribution:
    contribution, _created = services.contribution_submit(
        participant=participant, activity=activity, text=text, idempotency_key=key
    )
    return contribution


def test_an_action_from_the_cockpit_answers_with_the_live_part_and_the_news(
    open_workshop: Workshop, choice: Activity, staff: Client
) -> None:
    response = staff.post(
        reverse("workshops:activity_lock", args=[open_workshop.pk, choice.pk]),
        {"locked": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert unquote(response["X-Live-Message"]) == "Aktiviteten er låst."
    assert f'id="lock-{choice.pk}"' in response.content.decode()


def test_a_refusal_comes_back_in_the_live_part_not_as_a_redirect(
    open_workshop: Workshop, staff: Client
) -> None:
    response = staff.post(
        reverse("workshops:projector_control", args=[open_workshop.pk]),
        {"action": "timer", "minutes": "500"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "mellom 1 og 120 minutter" in unquote(response["X-Live-Error"])


@pytest.mark.parametrize(
    ("form", "news"),
    [
        ({"action": "splash"}, "Velkomstskjermen vises."),
        ({"action": "join_off"}, "Koden er skjult på skjermen."),
        ({"action": "join_on"}, "Koden vises på skjermen."),
        ({"action": "timer", "minutes": "3"}, "Nedtellingen er startet: 3 min."),
        ({"action": "timer_stop"}, "Nedtellingen er stoppet."),
        ({"action": "highlight_stop"}, "Fremhevingen er stoppet."),
    ],
)
def test_every_projector_action_tells_the_facilitator_what_it_did(
    open_workshop: Workshop, staff: Client, form: dict[str, str], news: str
) -> None:
    response = staff.post(
        reverse("workshops:projector_control", args=[open_workshop.pk]),
        form,
        HTTP_HX_REQUEST="true",
    )
    assert unquote(response["X-Live-Message"]) == news


def test_the_queue_says_why_each_item_is_held(
    open_workshop: Workshop, add_activity: Callable[..., Activity], make_participant: Any
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)  # moderated by default
    open_input = add_activity(ActivityKind.OPEN)
    person = make_participant()
    held(statements, person, "Flere benker i sentrum", "a")
    services.workshop_show_activity(workshop=open_workshop, activity=open_input)
    held(open_input, person, "Dette er faen meg dårlig", "b")
    reasons = {row["text"]: row["reasons"] for row in pages.cockpit_queue(open_workshop)}
    assert reasons["Flere benker i sentrum"] == ["aktiviteten modereres"]
    assert reasons["Dette er faen meg dårlig"] == ["mulig banneord"]


def test_ticked_items_are_approved_together_and_only_this_workshops(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    staff: Client,
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)
    person = make_participant()
    one, two, three = (held(statements, person, f"Påstand {n}", f"k{n}") for n in (1, 2, 3))
    response = staff.post(
        reverse("workshops:approve_many", args=[open_workshop.pk]),
        {"ids": [one.pk, two.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert unquote(response["X-Live-Message"]) == "2 bidrag er godkjent."
    statuses = dict(Contribution.objects.values_list("pk", "status"))
    assert statuses[one.pk] == statuses[two.pk] == ContributionStatus.VISIBLE
    assert statuses[three.pk] == ContributionStatus.PENDING
    staff.post(reverse("workshops:approve_many", args=[open_workshop.pk]), {"all": "1"})
    assert not Contribution.objects.filter(status=ContributionStatus.PENDING).exists()


def test_bulk_approval_does_not_reach_into_another_workshop(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    organisation: Any,
    facilitator: Any,
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)
    mine = held(statements, make_participant(), "Min påstand", "m")
    other = services.workshop_create(
        organisation=organisation, user=facilitator, title="Et annet", municipality_code="1106"
    )
    assert facilitation.contributions_approve(workshop=other, ids=[mine.pk]) == 0


def test_one_click_sets_the_type_of_an_open_contribution(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    staff: Client,
) -> None:
    open_input = add_activity(ActivityKind.OPEN, themes=["Trafikk", "Natur"])
    services.workshop_show_activity(workshop=open_workshop, activity=open_input)
    item = held(open_input, make_participant(), "Lag en sti langs sjøen", "t")
    url = reverse("workshops:moderate", args=[open_workshop.pk, item.pk])
    html = staff.get(reverse("workshops:console_hx", args=[open_workshop.pk])).content.decode()
    assert f'id="type-{item.pk}-suggestion"' in html and f'id="theme-{item.pk}-2"' in html
    staff.post(url, {"type": "suggestion"})
    staff.post(url, {"theme": "Natur"})
    item.refresh_from_db()
    assert (item.contribution_type, item.theme) == ("suggestion", "Natur")
    with pytest.raises(Refusal):
        facilitation.contribution_set_type(contribution=item, contribution_type="rant")


def test_the_phone_preview_shows_what_a_new_phone_sees_and_cannot_answer(
    open_workshop: Workshop, choice: Activity, staff: Client
) -> None:
    html = staff.get(reverse("workshops:phone_preview", args=[open_workshop.pk])).content.decode()
    assert choice.prompt in html and "<div inert>" in html


def test_the_remote_lists_the_queue_and_counts(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    make_participant: Any,
    staff: Client,
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)
    held(statements, make_participant(), "Vi trenger en badeplass", "r")
    html = staff.get(reverse("workshops:remote_hx", args=[open_workshop.pk])).content.decode()
    assert "Vi trenger en badeplass" in html and "1 deltaker" in html


def test_the_remote_hides_a_contribution_already_on_screen_and_can_show_it_again(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    participant: Any,
    staff: Client,
) -> None:
    qa = add_activity(ActivityKind.QA)
    services.workshop_show_activity(workshop=open_workshop, activity=qa)
    rude = held(qa, participant, "Et frekt spørsmål", "r")
    assert rude.status == ContributionStatus.VISIBLE  # not moderated: straight onto the screen
    html = staff.get(reverse("workshops:remote_hx", args=[open_workshop.pk])).content.decode()
    assert f'id="hide-{rude.pk}"' in html
    moderate = reverse("workshops:moderate", args=[open_workshop.pk, rude.pk])
    response = staff.post(moderate, {"action": "hide", "next": "remote"}, HTTP_HX_REQUEST="true")
    rude.refresh_from_db()
    assert rude.status == ContributionStatus.HIDDEN
    assert f'id="restore-{rude.pk}"' in response.content.decode()  # the remote's own live part


def test_the_remote_takes_a_word_off_the_word_cloud_and_can_put_it_back(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    participant: Any,
    staff: Client,
) -> None:
    cloud = add_activity(ActivityKind.WORDCLOUD)
    services.workshop_show_activity(workshop=open_workshop, activity=cloud)
    word = held(cloud, participant, "Ola", "w")
    html = staff.get(reverse("workshops:remote_hx", args=[open_workshop.pk])).content.decode()
    assert 'name="word" value="ola"' in html
    response = staff.post(
        reverse("workshops:wordcloud_word", args=[open_workshop.pk, cloud.pk]),
        {"word": "ola", "action": "hide", "next": "remote"},
        HTTP_HX_REQUEST="true",
    )
    word.refresh_from_db()
    assert word.status == ContributionStatus.HIDDEN
    assert unquote(response["X-Live-Message"]) == "Ordet er skjult."
    assert 'id="restore-word-ola"' in response.content.decode()  # the remote's own live part
