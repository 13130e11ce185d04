from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from samfunnslab.community_models.models import CommunityModel
from samfunnslab.opinions import live
from samfunnslab.opinions.tests.test_live import (
    CAMP_A,
    CAMP_B,
    SHARED,
    make_statements_activity,
    statements_by_text,
    vote_camp,
)
from samfunnslab.workshops import authorizers as workshop_authorizers
from samfunnslab.workshops import services
from samfunnslab.workshops.models import Activity


@pytest.fixture(autouse=True)
def _mounted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run map refreshes at once (config/urls.py mounts /meningskart/ itself)."""
    monkeypatch.setattr(live, "run_in_background", lambda job: job())


@pytest.fixture
def activity(organisation: Any, facilitator: Any) -> Activity:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=10)
    vote_camp(activity, camp="B", people=10)
    return activity


def _client(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_map_page_shows_groups_unity_and_division_as_text(
    facilitator: Any, activity: Activity
) -> None:
    response = _client(facilitator).get(f"/meningskart/{activity.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dette samler oss" in html and "Her er vi uenige" in html
    assert "Gruppe A (10 personer)" in html and "Gruppe B (10 personer)" in html
    assert SHARED[0] in html
    assert 'role="img"' in html and "<desc" in html


def test_the_fragment_is_only_the_live_part(facilitator: Any, activity: Activity) -> None:
    response = _client(facilitator).get(f"/meningskart/{activity.pk}/innhold/")

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="map-live"')
    assert "<html" not in html


@pytest.mark.parametrize(
    ("persona", "status"), [("facilitator", 200), ("colleague", 200), ("outsider", 403)]
)
def test_who_may_see_the_map(
    request: pytest.FixtureRequest, activity: Activity, persona: str, status: int
) -> None:
    user = request.getfixturevalue(persona)
    assert _client(user).get(f"/meningskart/{activity.pk}/kart.json").status_code == status


def test_anonymous_visitors_are_sent_to_log_in(activity: Activity) -> None:
    response = _client(None).get(f"/meningskart/{activity.pk}/")
    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]


def test_the_json_has_no_participant_ids(facilitator: Any, activity: Activity) -> None:
    data = _client(facilitator).get(f"/meningskart/{activity.pk}/kart.json").json()

    assert data["ready"] is True
    assert len(data["map"]["dots"]) == 20
    assert all(set(dot) == {"x", "y", "group"} for dot in data["map"]["dots"])


def test_a_participant_gets_a_statement_they_have_not_voted_on(
    organisation: Any, facilitator: Any, activity: Activity
) -> None:
    participant = services.participant_join(workshop=activity.workshop)
    by_text = statements_by_text(activity)
    voted = CAMP_A + CAMP_B
    for text in voted:
        services.statement_vote(participant=participant, statement=by_text[text], vote=1)
    client = Client()
    client.cookies[workshop_authorizers.cookie_name(activity.workshop)] = (
        workshop_authorizers.sign_participant(participant)
    )

    data = client.get(f"/meningskart/{activity.pk}/neste/").json()

    assert data["ok"] is True
    assert data["remaining"] == len(SHARED)
    assert data["statement"]["text"] in SHARED


def test_someone_who_has_not_joined_gets_no_statement(activity: Activity) -> None:
    assert Client().get(f"/meningskart/{activity.pk}/neste/").status_code == 403


def test_a_facilitator_forms_one_model_team_per_group_in_one_click(
    facilitator: Any, activity: Activity
) -> None:
    client = _client(facilitator)
    page = client.get(f"/meningskart/{activity.pk}/modeller/").content.decode()
    assert "Gruppe A (10 personer) mener:" in page
    assert "Ingen sammenslåing" in page and "Minoritetsmodellen skal med" in page

    response = client.post(f"/meningskart/{activity.pk}/modeller/")

    assert response.status_code == 302
    models = CommunityModel.objects.filter(source_activity_id=activity.pk).order_by("source_group")
    assert [m.source_group for m in models] == ["A", "B"]
    assert all(m.source_workshop_id == activity.workshop_id for m in models)
    assert all(m.name.startswith(f"Visjon {m.source_group}: ") for m in models)
    assert all("Modellene slås ikke sammen" in m.story for m in models)
    assert not any(m.is_minority_model for m in models)  # two groups of ten: no minority
    after = client.get(response["Location"]).content.decode()
    assert all(m.name in after for m in models)
    assert "Se modellene side om side (uten rangering)" in after


def test_a_second_click_makes_no_second_set_of_teams(facilitator: Any, activity: Activity) -> None:
    client = _client(facilitator)
    client.post(f"/meningskart/{activity.pk}/modeller/")
    response = client.post(f"/meningskart/{activity.pk}/modeller/", follow=True)

    assert CommunityModel.objects.filter(source_activity_id=activity.pk).count() == 2
    assert "allerede laget" in response.content.decode()


def test_each_team_model_shows_its_team_and_the_minority_model(
    facilitator: Any, activity: Activity
) -> None:
    client = _client(facilitator)
    client.post(f"/meningskart/{activity.pk}/modeller/")
    first, second = CommunityModel.objects.filter(source_activity_id=activity.pk).order_by(
        "source_group"
    )
    html = client.get(f"/modeller/{first.pk}/").content.decode()
    assert "Modellteam fra meningskartet: gruppe A" in html
    assert second.name in html


def test_a_viewer_may_read_the_seeds_but_not_create_models(
    colleague: Any, activity: Activity
) -> None:
    client = _client(colleague)
    assert client.get(f"/meningskart/{activity.pk}/modeller/").status_code == 200
    assert client.post(f"/meningskart/{activity.pk}/modeller/").status_code == 403
    assert not CommunityModel.objects.exists()


def test_only_statement_activities_have_a_map(facilitator: Any, activity: Activity) -> None:
    other = services.activity_add(
        workshop=activity.workshop, kind="choice", prompt="Hva?", options=["a", "b"]
    )
    assert _client(facilitator).get(f"/meningskart/{other.pk}/").status_code == 404


def test_a_nynorsk_activitys_prompt_and_seeded_statements_are_marked_nynorsk_on_a_bokmal_map(
    facilitator: Any, activity: Activity
) -> None:
    Activity.objects.filter(pk=activity.pk).update(text_lang="nn")
    written_by_a_participant = statements_by_text(activity)[SHARED[0]]
    written_by_a_participant.participant = activity.workshop.participants.first()
    written_by_a_participant.save()

    html = _client(facilitator).get(f"/meningskart/{activity.pk}/").content.decode()

    assert 'Meningskart: <span lang="nn">Hva mener du?</span></h1>' in html
    assert any(f'<span lang="nn">{text}</span>' in html for text in CAMP_A + CAMP_B)
    assert f"<li>{SHARED[0]} " in html  # a participant's statement: language unknown, unmarked


def test_a_bokmal_activity_on_a_bokmal_map_has_no_lang_of_its_own(
    facilitator: Any, activity: Activity
) -> None:
    html = _client(facilitator).get(f"/meningskart/{activity.pk}/").content.decode()

    assert "Meningskart: Hva mener du?</h1>" in html
    assert '<span lang="' not in html


def test_a_bokmal_activity_is_marked_bokmal_on_an_english_map(
    facilitator: Any, activity: Activity
) -> None:
    client = _client(facilitator)
    client.cookies["django_language"] = "en"

    html = client.get(f"/meningskart/{activity.pk}/innhold/").content.decode()

    assert f'<span lang="nb">{SHARED[0]}</span>' in html
