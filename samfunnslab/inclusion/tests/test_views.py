from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from samfunnslab.core import statistics
from samfunnslab.inclusion.tests.factories import described, open_workshop
from samfunnslab.workshops import authorizers as workshop_authorizers
from samfunnslab.workshops.models import Participant, StatementVote, Workshop


@pytest.fixture
def workshop(organisation: Any, facilitator: Any) -> Workshop:
    workshop = open_workshop(organisation, facilitator)
    described(workshop, 6, age_band="30-44", parent_small_child="ja")
    described(workshop, 6, age_band="45-66", new_in_norway="nei")
    described(workshop, 5, age_band="67-79")
    return workshop


def _page(user: Any, url: str, **headers: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _under_18_share_in_haugesund() -> int:
    ages = statistics.snapshot().population.municipality("1106")[-1].sum(axis=0)
    return round(100 * ages[:18].sum() / ages.sum())


def test_it_says_nobody_under_18_took_part_in_haugesund(
    facilitator: Any, workshop: Workshop
) -> None:
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")

    share = _under_18_share_in_haugesund()
    assert 10 < share < 30
    assert f"Ingen under 18 år har deltatt, men de er {share} % av innbyggerne i Haugesund." in html
    assert "/metoder/prosesser/barn-og-unge/" in html
    year = int(statistics.snapshot().population.years[-1])
    assert f"Befolkning 1. januar {year}, SSB tabell 07459" in html


def test_it_says_nobody_new_in_norway_answered(facilitator: Any, workshop: Workshop) -> None:
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    assert "Ingen av dem som svarte, er nye i Norge." in html


def test_small_cells_are_hidden_in_the_page(facilitator: Any, workshop: Workshop) -> None:
    described(workshop, 2, age_band="80+")

    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")

    row = html.split("80 år eller eldre</th>")[1].split("</tr>")[0]
    assert "skjult" in row and ">2<" not in row
    row_67 = html.split("67–79 år</th>")[1].split("</tr>")[0]
    assert "skjult" in row_67  # the complement: 19 answered - 6 - 6 would give 80+ away


def test_a_withdrawn_self_description_leaves_the_view(facilitator: Any, workshop: Workshop) -> None:
    teenagers = described(workshop, 5, age_band="13-17")
    before = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    assert "Ingen under 18 år har deltatt" not in before
    phone = Client()
    phone.cookies[workshop_authorizers.cookie_name(workshop)] = (
        workshop_authorizers.sign_participant(teenagers[0])
    )

    response = phone.post(f"/d/{workshop.join_code}/om-meg/slett/")

    assert response.status_code == 302
    teenagers[0].refresh_from_db()
    assert not teenagers[0].has_description
    after = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    row = after.split("13–17 år</th>")[1].split("</tr>")[0]
    assert "skjult" in row  # 4 left: fewer than 5 are never shown


def test_the_process_view_filters_by_session(
    organisation: Any, facilitator: Any, workshop: Workshop
) -> None:
    school = open_workshop(organisation, facilitator, title="Skoleøkt", session="Samling 2")
    described(school, 7, age_band="13-17")

    only_first = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/?okt={workshop.pk}")
    both = _page(
        facilitator, f"/inkludering/verksted/{workshop.pk}/?okt={workshop.pk}&okt={school.pk}"
    )

    assert "17 deltakere" in only_first and "Ingen under 18 år har deltatt" in only_first
    assert "24 deltakere" in both and "Ingen under 18 år har deltatt" not in both
    assert "Skoleøkt – Samling 2" in both


def test_htmx_gets_only_the_report(facilitator: Any, workshop: Workshop) -> None:
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/", HX_Request="true")
    assert html.lstrip().startswith('<div id="inclusion-report"')


def test_a_paper_sheet_is_entered_as_an_assisted_participant(
    facilitator: Any, workshop: Workshop
) -> None:
    statement = workshop.activities.get().contributions.first()
    client = Client()
    client.force_login(facilitator)
    form = {"key": "sheet-1", "age_band": "80+", "lives_here": "ja", f"stmt_{statement.pk}": "1"}

    first = client.post(f"/inkludering/verksted/{workshop.pk}/papir/", form)
    again = client.post(f"/inkludering/verksted/{workshop.pk}/papir/", form)

    assert first.status_code == again.status_code == 302
    paper = Participant.objects.get(workshop=workshop, assisted=True)
    assert paper.entered_by == facilitator
    assert paper.age_band == "80+" and paper.lives_here == "ja"
    vote = StatementVote.objects.get(participant=paper)
    assert vote.statement == statement and vote.vote == 1
    html = _page(facilitator, f"/inkludering/verksted/{workshop.pk}/")
    assert "Papirsvar skrevet inn av fasilitator: færre enn 5" in html


def test_an_empty_paper_sheet_is_refused(facilitator: Any, workshop: Workshop) -> None:
    client = Client()
    client.force_login(facilitator)
    response = client.post(f"/inkludering/verksted/{workshop.pk}/papir/", {"key": "k"})
    assert response.status_code == 200
    assert "Fyll inn minst ett svar" in response.content.decode()
    assert not Participant.objects.filter(assisted=True).exists()


@pytest.mark.parametrize(
    ("persona", "view_status", "paper_status"),
    [("facilitator", 200, 200), ("colleague", 200, 403), ("outsider", 403, 403)],
)
def test_who_may_see_and_enter(
    request: pytest.FixtureRequest,
    workshop: Workshop,
    persona: str,
    view_status: int,
    paper_status: int,
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/inkludering/verksted/{workshop.pk}/").status_code == view_status
    assert client.get(f"/inkludering/verksted/{workshop.pk}/papir/").status_code == paper_status


def test_participants_and_anonymous_visitors_are_sent_to_log_in(workshop: Workshop) -> None:
    response = Client().get(f"/inkludering/verksted/{workshop.pk}/")
    assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
