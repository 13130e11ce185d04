from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from samfunnslab.inclusion import easy
from samfunnslab.inclusion.tests.factories import open_workshop


def test_easy_language_follows_the_workshop_unless_the_participant_chose(
    organisation: Any, facilitator: Any
) -> None:
    workshop = open_workshop(organisation, facilitator)
    plain = RequestFactory().get("/")
    chose_on = RequestFactory(headers={"Cookie": "lettlest=1"}).get("/")
    chose_off = RequestFactory(headers={"Cookie": "lettlest=0"}).get("/")

    assert not easy.wants_easy_language(plain, workshop)
    assert easy.wants_easy_language(chose_on, workshop)
    workshop.easy_language = True
    assert easy.wants_easy_language(plain, workshop)
    assert not easy.wants_easy_language(chose_off, workshop)


def test_the_toggle_sets_a_cookie_without_an_identifier_and_goes_back() -> None:
    response = Client().post("/inkludering/lettlest/", {"on": "1", "next": "/d/HAUKER/"})

    assert response.status_code == 302 and response["Location"] == "/d/HAUKER/"
    assert response.cookies[easy.COOKIE].value == "1"


def test_the_toggle_never_sends_people_to_another_site() -> None:
    response = Client().post("/inkludering/lettlest/", {"on": "0", "next": "https://evil.test/"})
    assert response["Location"] == "/"


def test_participants_see_how_long_the_link_stays_open(organisation: Any, facilitator: Any) -> None:
    workshop = open_workshop(organisation, facilitator)
    workshop.open_until = timezone.now() + timedelta(days=5)
    request = RequestFactory().get("/d/X/")

    html = render_to_string(
        "inclusion/_participant_channels.html",
        {"workshop": workshop, "easy": False},
        request=request,
    )

    assert "Du kan svare helt til" in html
    assert 'aria-pressed="false"' in html and 'name="on" value="1"' in html
