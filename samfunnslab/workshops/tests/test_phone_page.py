"""The phone's page in a big room: one shared shell, each phone's own token, answers and messages."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import fragments, housekeeping, selectors
from samfunnslab.workshops.models import Activity, Workshop

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def joined_phone(workshop: Workshop, address: str = "10.0.0.1") -> Client:
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)
    welcome = client.get(reverse("workshops:participant", args=[workshop.join_code]))
    token = TOKEN.search(welcome.content.decode())
    assert token is not None, "the welcome page carries a CSRF token for «Bli med»"
    joined = client.post(
        reverse("workshops:participant_join", args=[workshop.join_code]),
        {"csrfmiddlewaretoken": token[1]},
    )
    assert joined.status_code == 302
    return client


def page(client: Client, workshop: Workshop) -> str:
    response = client.get(reverse("workshops:participant", args=[workshop.join_code]))
    assert response.status_code == 200
    return str(response.content.decode())


def answer_without_script(client: Client, workshop: Workshop, activity: Activity, html: str) -> Any:
    token = TOKEN.search(html)
    assert token is not None
    return client.post(
        reverse("workshops:participant_submit", args=[workshop.join_code]),
        {
            "csrfmiddlewaretoken": token[1],
            "action": "answer",
            "activity": activity.pk,
            "key": "form-1",
            "choice": "1",
        },
    )


def test_phones_share_the_page_shell_but_each_page_has_a_working_token_and_own_answers(
    open_workshop: Workshop, choice: Activity
) -> None:
    first, second = joined_phone(open_workshop), joined_phone(open_workshop, "10.0.0.2")
    first_page = page(first, open_workshop)
    sent = answer_without_script(first, open_workshop, choice, first_page)
    assert sent.status_code == 302  # the token from the shared shell is accepted
    assert "Endre svaret" in page(first, open_workshop).split('id="activity-region"')[1]
    second_page = page(second, open_workshop)
    assert "Send svar" in second_page.split('id="activity-region"')[1]
    for html in (first_page, second_page):
        assert fragments.CSRF_STAND_IN not in html
        assert fragments.SLOT_STAND_IN not in html
        assert f'data-activity-id="{choice.pk}"' in html
    assert answer_without_script(second, open_workshop, choice, second_page).status_code == 302


def test_the_page_after_a_form_sent_without_script_shows_its_message(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = joined_phone(open_workshop)
    page(client, open_workshop)  # the shell is cached now
    sent = answer_without_script(client, open_workshop, choice, page(client, open_workshop))
    followed = client.get(sent["Location"])
    assert "Takk! Svaret ditt er lagret." in followed.content.decode()


def test_a_new_title_shows_on_the_next_page_at_once(open_workshop: Workshop) -> None:
    client = joined_phone(open_workshop)
    assert "Framtidsverksted" in page(client, open_workshop)
    housekeeping.workshop_update(
        workshop=open_workshop, title="Bygda i 2040", municipality_code="1106"
    )
    assert "Bygda i 2040" in page(client, open_workshop)


def test_a_phone_page_in_a_warm_room_costs_four_queries(
    open_workshop: Workshop, django_assert_max_num_queries: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(selectors, "LISTS_CACHE_SECONDS", 60.0)  # a slow test machine
    monkeypatch.setattr(fragments, "SHELL_SECONDS", 60.0)
    page(joined_phone(open_workshop), open_workshop)  # warms the shared shell and lists
    client = joined_phone(open_workshop, "10.0.0.2")
    # The workshop by code, the phone's participant, the activity shown, the phone's own answer.
    with django_assert_max_num_queries(4):
        page(client, open_workshop)
