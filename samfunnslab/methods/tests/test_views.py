"""The pages: library, steps, processes and editing with plain forms (no JavaScript)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.methods.models import MethodStep, Process, ProcessEvaluation
from samfunnslab.methods.selectors import process_items
from samfunnslab.methods.tests.factories import copy_of

FF = "innbyggerverksted-fremtidsfrekvens"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_library_lists_every_step(db):
    response = _client().get(reverse("methods:index"))
    assert response.status_code == 200
    assert "Framtidshjulet" in response.text and "Baklengs fra 2045" in response.text


def test_the_library_counts_its_steps_instead_of_saying_nineteen(db):
    response = _client().get(reverse("methods:index"))
    assert f"{MethodStep.objects.count()} steg for å utvikle" in response.text
    assert "Nitten" not in response.text


def test_a_step_for_one_person_or_more_says_deltaker_in_the_singular(db):
    step = MethodStep.objects.get(slug="forventningspuls")
    assert (step.participants_min, step.participants_max) == (1, None)
    response = _client().get(reverse("methods:step_detail", args=[step.slug]))
    assert "1 deltaker eller flere" in response.text
    assert "1 deltakere" not in response.text
    assert "1 deltakere" not in _client().get(reverse("methods:index")).text


def test_the_library_finds_steps_for_90_minutes_with_15_youths(db):
    response = _client().get(
        reverse("methods:index"), {"minutes": 90, "participants": 15, "audience": "ungdom"}
    )
    assert "Snu antakelsene" in response.text
    assert "Rammelab" not in response.text.split("Ferdige prosesser")[0]


def test_bad_filter_values_get_a_plain_message(db):
    response = _client().get(reverse("methods:index"), {"minutes": "-5", "participants": "mange"})
    assert response.status_code == 200
    assert "Tallet er for lite." in response.text
    assert "Skriv et helt tall." in response.text


def test_a_step_page_shows_sub_steps_and_sources(db):
    response = _client().get(reverse("methods:step_detail", args=["framtidshjulet"]))
    assert response.status_code == 200
    assert "Jerome C. Glenn" in response.text and "Første ring" in response.text
    assert "Ungdom" in response.text and "Idékort i grupper" in response.text


def test_a_step_page_cites_each_source_in_its_own_language_and_its_note_in_bokmal(db):
    html = _client().get(reverse("methods:step_detail", args=["framtidshjulet"])).text
    assert (
        '<cite lang="en">Futurizing teaching vs futures course. Social Science Record 9(3), 26–29'
        '</cite> (<span lang="nb">første publiserte beskrivelse av Futures Wheel</span>)'
    ) in html
    assert '<cite lang="nb">' not in html
    html = _client().get(reverse("methods:step_detail", args=["rammelab-stresstest"])).text
    assert '<cite lang="nb">Lov om forsøk i offentlig forvaltning (forsøksloven)</cite>' in html
    assert '<cite lang="en">Policy stress-testing facilitation worksheet</cite>' in html


def test_an_unknown_step_is_404(db):
    assert _client().get(reverse("methods:step_detail", args=["finnes-ikke"])).status_code == 404


def test_anyone_can_read_a_template(db):
    response = _client().get(reverse("methods:process_detail", args=[FF]))
    assert response.status_code == 200
    assert "18:00" in response.text


def test_it_rejects_outsider(organisation, outsider):
    process = copy_of(FF, organisation=organisation)
    client = _client(outsider)
    assert client.get(reverse("methods:process_detail", args=[process.slug])).status_code == 403
    url = reverse("methods:item_remove", args=[process.slug, process_items(process)[0].pk])
    assert client.post(url).status_code == 403
    assert len(process_items(process)) == 10


def test_a_viewer_cannot_edit(organisation, colleague):
    process = copy_of(FF, organisation=organisation)
    client = _client(colleague)
    assert client.get(reverse("methods:process_detail", args=[process.slug])).status_code == 200
    response = client.post(
        reverse("methods:item_add", args=[process.slug]), {"step": "framtidshjulet"}
    )
    assert response.status_code == 403


def test_anonymous_posts_go_to_login(db):
    response = _client().post(reverse("methods:process_copy", args=[FF]))
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_a_facilitator_composes_a_process_without_javascript(organisation, facilitator):
    client = _client(facilitator)
    response = client.post(reverse("methods:process_copy", args=[FF]), {"name": "Vår kveld"})
    process = Process.objects.get(organisation=organisation)
    assert response.status_code == 302 and process.name == "Vår kveld"
    client.post(
        reverse("methods:item_add", args=[process.slug]), {"step": "framtidshjulet", "minutes": 30}
    )
    client.post(reverse("methods:item_add", args=[process.slug]), {"title": "Kaffe", "minutes": 5})
    items = process_items(process)
    client.post(
        reverse("methods:item_move", args=[process.slug, items[-1].pk]), {"direction": "up"}
    )
    client.post(reverse("methods:item_remove", args=[process.slug, items[3].pk]))
    client.post(reverse("methods:item_update", args=[process.slug, items[2].pk]), {"minutes": 45})
    titles = [(i.display_title, i.minutes) for i in process_items(process)]
    assert titles[2:4] == [("Snu antakelsene", 45), ("Rare verdener: lev i en annen framtid", 40)]
    assert titles[-2:] == [("Kaffe", 5), ("Framtidshjulet", 30)]
    assert len(titles) == 11
    page = client.get(reverse("methods:process_detail", args=[process.slug])).text
    assert "212 minutter" in page and "32 minutter for langt" in page


def test_an_unknown_step_gets_a_message_and_nothing_is_added(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    response = _client(facilitator).post(
        reverse("methods:item_add", args=[process.slug]), {"step": "finnes-ikke"}, follow=True
    )
    assert "Fant ikke steget" in response.text
    assert len(process_items(process)) == 10


@pytest.mark.parametrize("minutes", ["-10", "0", "100000", "mye"])
def test_bad_minutes_get_a_message(organisation, facilitator, minutes):
    process = copy_of(FF, organisation=organisation)
    item = process_items(process)[2]
    response = _client(facilitator).post(
        reverse("methods:item_update", args=[process.slug, item.pk]),
        {"minutes": minutes},
        follow=True,
    )
    assert "Tallet er for" in response.text or "helt tall" in response.text
    item.refresh_from_db()
    assert item.minutes == 36


def test_an_empty_name_gets_a_message(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    response = _client(facilitator).post(
        reverse("methods:process_settings", args=[process.slug]),
        {"name": "  ", "target_minutes": 180, "start_time": "18:00"},
        follow=True,
    )
    assert "Skriv inn et navn." in response.text


def test_a_huge_paste_is_refused_and_nothing_is_saved(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    response = _client(facilitator).post(
        reverse("methods:process_evaluate", args=[process.slug]),
        {"worked": "x" * 10_000_000, "change": "mer tid"},
    )
    assert response.status_code in (302, 400)
    assert ProcessEvaluation.objects.count() == 0


def test_an_evaluation_is_kept_with_the_version(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    response = _client(facilitator).post(
        reverse("methods:process_evaluate", args=[process.slug]),
        {"worked": "Snuingen", "change": "Mer tid", "held_on": "13.03.2025", "participants": "16"},
        follow=True,
    )
    assert "versjon 1" in response.text
    evaluation = ProcessEvaluation.objects.get()
    assert (evaluation.version, evaluation.participants) == (1, 16)


def test_a_refused_evaluation_keeps_the_typed_text_and_says_what_to_fix(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    response = _client(facilitator).post(
        reverse("methods:process_evaluate", args=[process.slug]),
        {"worked": "Ungdommene deltok ivrig", "change": "Mer tid", "held_on": "7/12/2026"},
    )
    assert response.status_code == 400
    assert "Ungdommene deltok ivrig</textarea>" in response.text
    assert "Skriv datoen som dd.mm.åååå." in response.text.split('id="evaluering"')[1]
    assert ProcessEvaluation.objects.count() == 0


def test_refused_settings_keep_the_typed_purpose(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    response = _client(facilitator).post(
        reverse("methods:process_settings", args=[process.slug]),
        {"name": "", "summary": "Et nytt formål", "target_minutes": 180, "start_time": "18:00"},
    )
    assert response.status_code == 400
    assert "Et nytt formål</textarea>" in response.text
    assert "Skriv inn et navn." in response.text.split('id="innstillinger"')[1]


def test_the_guide_page_uses_the_chosen_start_time(db):
    response = _client().get(reverse("methods:process_guide", args=[FF]), {"start": "17:15"})
    assert response.status_code == 200
    assert "17:15–17:23" in response.text and "CC BY 4.0" in response.text


def test_a_bad_start_time_gets_a_message(db):
    response = _client().get(reverse("methods:process_guide", args=[FF]), {"start": "25:99"})
    assert "Skriv starttiden som tt:mm" in response.text


def test_the_process_list_shows_templates_and_own_processes(organisation, facilitator):
    copy_of(FF, organisation=organisation, name="Vår egen kveld")
    page = _client(facilitator).get(reverse("methods:process_list")).text
    assert "Full PRI-lab" in page and "Vår egen kveld" in page


def test_an_empty_process_can_be_created(organisation, facilitator):
    _client(facilitator).post(
        reverse("methods:process_new"), {"name": "Blank", "target_minutes": 120}
    )
    assert Process.objects.get(organisation=organisation).name == "Blank"
