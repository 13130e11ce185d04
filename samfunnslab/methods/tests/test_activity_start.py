"""One click in the guide's web version starts a sub-step's phone activity in a workshop."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.core.errors import Refusal
from samfunnslab.methods import services
from samfunnslab.methods.models import Process, ProcessRun
from samfunnslab.methods.selectors import process_items
from samfunnslab.methods.tests.factories import copy_of
from samfunnslab.workshops import services as workshop_services
from samfunnslab.workshops.models import Workshop

pytestmark = pytest.mark.django_db
FF = "innbyggerverksted-fremtidsfrekvens"
RETHINK = "Hvilken antakelse om i dag ble synlig – og hvilket nytt spørsmål kan vi stille nå?"


def _worlds_item(process: Process):
    return next(i for i in process_items(process) if i.step and i.step.number == 21)


def _start_url(process: Process, item, index: int = 1) -> str:
    return reverse("methods:activity_start", args=[process.slug, item.pk, index])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_without_a_workshop_one_click_makes_one_for_the_municipality_with_the_activity_on_screen(
    organisation, facilitator
):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)

    response = _client(facilitator).post(_start_url(process, item))

    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:console", args=[workshop.pk])
    assert workshop.municipality_code == "1106"
    assert workshop.current_activity.prompt == RETHINK
    assert ProcessRun.objects.get().workshop_id == workshop.pk


def test_with_one_workshop_the_activity_opens_there_without_a_copy(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    run = services.process_run_start(item=item, user=facilitator)

    _client(facilitator).post(_start_url(process, item))
    _client(facilitator).post(_start_url(process, item))

    workshop = Workshop.objects.get(pk=run.workshop_id)
    assert Workshop.objects.count() == 1
    assert workshop.activities.filter(prompt=RETHINK).count() == 1
    assert workshop.current_activity.prompt == RETHINK


def test_an_activity_missing_from_the_workshop_is_added_at_the_end(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    workshop = Workshop.objects.get(
        pk=services.process_run_start(item=item, user=facilitator).workshop_id
    )
    workshop.activities.filter(prompt=RETHINK).delete()

    _client(facilitator).post(_start_url(process, item))

    assert workshop.activities.last().prompt == RETHINK


def test_with_several_workshops_it_asks_which_and_starts_in_the_chosen_one(
    organisation, facilitator
):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    first = services.process_run_start(item=item, user=facilitator).workshop_id
    services.process_run_start(item=item, user=facilitator)
    client = _client(facilitator)

    question = client.post(_start_url(process, item))
    assert question.status_code == 200
    assert "Hvilket verksted skal aktiviteten starte i?" in question.content.decode()
    assert f'Aktiviteten «<span lang="nb">{RETHINK}</span>»' in question.content.decode()

    response = client.post(_start_url(process, item), {"workshop": str(first)})
    assert response["Location"] == reverse("workshops:console", args=[first])
    assert Workshop.objects.get(pk=first).current_activity.prompt == RETHINK


def test_a_closed_workshop_is_not_offered(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    closed = services.process_run_start(item=item, user=facilitator).workshop_id
    workshop_services.workshop_close(workshop=Workshop.objects.get(pk=closed))

    _client(facilitator).post(_start_url(process, item))

    assert Workshop.objects.count() == 2
    assert Workshop.objects.get(pk=closed).current_activity is None


def test_a_workshop_outside_the_process_is_refused(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    other = workshop_services.workshop_create(
        organisation=organisation, user=facilitator, title="Annet", municipality_code="1106"
    )
    with pytest.raises(Refusal, match="Velg et av verkstedene"):
        services.step_activity_start(item=item, index=1, user=facilitator, workshop_id=other.pk)
    assert other.activities.count() == 0


def test_a_sub_step_without_a_phone_activity_is_refused(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    with pytest.raises(Refusal, match="ingen aktivitet"):
        services.step_activity_start(item=item, index=9, user=facilitator)
    assert not Workshop.objects.exists()


def test_the_web_guide_has_a_start_button_per_phone_sub_step_and_the_template_has_none(
    organisation, facilitator
):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    client = _client(facilitator)
    html = client.get(reverse("methods:process_guide", args=[process.slug])).content.decode()
    assert "Start på mobilene: Rethink: de faste spørsmålene" in html
    assert _start_url(process, item) in html
    template = client.get(reverse("methods:process_guide", args=[FF])).content.decode()
    assert "Start på mobilene" not in template


def test_a_viewer_cannot_start_an_activity(organisation, facilitator, colleague):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    assert _client(colleague).post(_start_url(process, item)).status_code in (403, 404)
    assert not Workshop.objects.exists()


RETHINK_NN = (
    "Kva for ein føresetnad om i dag vart synleg – og kva for eit nytt spørsmål kan vi stille no?"
)


def _in_language(client: Client, language: str) -> Client:
    client.cookies["django_language"] = language
    return client


def _phone_page(workshop: Workshop, language: str = "nb") -> str:
    workshop_services.workshop_open(workshop=workshop)
    phone = _in_language(Client(), language)
    phone.post(reverse("workshops:join"), {"code": workshop.join_code})
    url = reverse("workshops:participant", args=[workshop.join_code])
    return phone.get(url).content.decode()


def test_a_nynorsk_facilitator_starts_the_activity_in_nynorsk_on_the_phones(
    organisation, facilitator
):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)

    _in_language(_client(facilitator), "nn").post(_start_url(process, item))

    workshop = Workshop.objects.get()
    assert workshop.current_activity.prompt == RETHINK_NN
    assert workshop.current_activity.text_lang == "nn"
    assert not workshop.activities.filter(prompt=RETHINK).exists()
    phone = _phone_page(workshop, "nn")
    assert f'data-size="lg">{RETHINK_NN}</h1>' in phone
    assert RETHINK not in phone


def test_a_bokmal_phone_marks_the_nynorsk_prompt_as_nynorsk(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)

    _in_language(_client(facilitator), "nn").post(_start_url(process, item))

    phone = _phone_page(Workshop.objects.get(), "nb")
    assert f'data-size="lg" lang="nn">{RETHINK_NN}</h1>' in phone


def test_a_bokmal_facilitator_still_starts_it_in_bokmal(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)

    _in_language(_client(facilitator), "nb").post(_start_url(process, item))

    workshop = Workshop.objects.get()
    assert workshop.current_activity.text_lang == "nb"
    assert f'data-size="lg">{RETHINK}</h1>' in _phone_page(workshop, "nb")


def test_in_english_the_activity_is_in_bokmal_and_marked_so(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)

    _in_language(_client(facilitator), "en").post(_start_url(process, item))

    workshop = Workshop.objects.get()
    assert workshop.current_activity.prompt == RETHINK
    assert f'data-size="lg" lang="nb">{RETHINK}</h1>' in _phone_page(workshop, "en")


def test_pressing_twice_in_nynorsk_gives_one_activity(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    client = _in_language(_client(facilitator), "nn")

    client.post(_start_url(process, item))
    client.post(_start_url(process, item))

    workshop = Workshop.objects.get()
    assert workshop.activities.filter(prompt=RETHINK_NN).count() == 1
    assert workshop.activities.count() == len(item.step.activities)


def test_an_activity_started_in_bokmal_is_found_again_from_nynorsk(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    run = services.process_run_start(item=item, user=facilitator)

    _in_language(_client(facilitator), "nn").post(_start_url(process, item))

    workshop = Workshop.objects.get(pk=run.workshop_id)
    assert workshop.current_activity.prompt == RETHINK
    assert not workshop.activities.filter(prompt=RETHINK_NN).exists()


def test_an_activity_started_in_nynorsk_is_found_again_from_bokmal(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = _worlds_item(process)
    run = services.process_run_start(item=item, user=facilitator, language="nn")

    _in_language(_client(facilitator), "nb").post(_start_url(process, item))

    workshop = Workshop.objects.get(pk=run.workshop_id)
    assert workshop.current_activity.prompt == RETHINK_NN
    assert not workshop.activities.filter(prompt=RETHINK).exists()
