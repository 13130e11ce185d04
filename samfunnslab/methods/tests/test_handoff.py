"""Running a process step starts a live workshop pre-filled with the step's activities."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.core.errors import Refusal
from samfunnslab.methods import services
from samfunnslab.methods.models import Process, ProcessRun
from samfunnslab.methods.selectors import process_items
from samfunnslab.methods.tests.factories import copy_of
from samfunnslab.workshops.models import Workshop

FF = "innbyggerverksted-fremtidsfrekvens"


def test_running_a_step_creates_a_workshop_with_its_activities(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = next(i for i in process_items(process) if i.step and i.step.number == 8)
    run = services.process_run_start(item=item, user=facilitator)
    workshop = Workshop.objects.get(pk=run.workshop_id)
    assert workshop.organisation == organisation and workshop.municipality_code == "1106"
    kinds = list(workshop.activities.values_list("kind", flat=True))
    assert kinds == ["open", "open", "statements"]
    assert workshop.activities.last().prompt == item.step.activities[2]["prompt"]
    assert run.version == 1 and run.workshop_url == reverse("workshops:console", args=[workshop.pk])


def test_running_marks_the_version_as_used(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    services.process_run_start(item=process_items(process)[1], user=facilitator)
    services.process_item_update(item=process_items(process)[1], minutes=50)
    process.refresh_from_db()
    assert process.version == 2


def test_an_easy_language_process_gives_an_easy_language_workshop(organisation, facilitator):
    process = copy_of("barn-og-unge", organisation=organisation)
    run = services.process_run_start(item=process_items(process)[1], user=facilitator)
    assert Workshop.objects.get(pk=run.workshop_id).easy_language


def test_own_items_cannot_be_run(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    with pytest.raises(Refusal, match="Bare steg"):
        services.process_run_start(item=process_items(process)[0], user=facilitator)
    assert not ProcessRun.objects.exists() and not Workshop.objects.exists()


def test_templates_cannot_be_run(facilitator):
    template = Process.objects.get(slug=FF)
    with pytest.raises(Refusal, match="kopi"):
        services.process_run_start(item=process_items(template)[1], user=facilitator)


def test_an_organisation_without_municipality_gets_a_message(facilitator):
    from samfunnslab.accounts.models import Role
    from samfunnslab.accounts.services import membership_set, organisation_create

    ks = organisation_create(name="KS PRI")
    membership_set(user=facilitator, organisation=ks, role=Role.FACILITATOR)
    process = copy_of(FF, organisation=ks)
    with pytest.raises(Refusal, match="kommunenummer"):
        services.process_run_start(item=process_items(process)[1], user=facilitator)
    assert not Workshop.objects.exists()


def test_the_start_button_leads_to_the_workshop_console(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    client = Client()
    client.force_login(facilitator)
    item = process_items(process)[2]
    response = client.post(reverse("methods:item_run", args=[process.slug, item.pk]))
    workshop = Workshop.objects.get()
    assert response["Location"] == reverse("workshops:console", args=[workshop.pk])


def test_a_step_started_as_a_workshop_is_for_the_municipality_the_facilitator_picks(
    organisation, facilitator
):
    process = copy_of(FF, organisation=organisation)
    client = Client()
    client.force_login(facilitator)
    item = process_items(process)[2]  # «Snu antakelsene»
    page = client.get(reverse("methods:process_detail", args=[process.slug])).content.decode()
    assert 'value="Haugesund (1106)"' in page and '<option value="Tromsø (5501)">' in page
    client.post(
        reverse("methods:item_run", args=[process.slug, item.pk]), {"municipality": "Tromsø (5501)"}
    )
    assert Workshop.objects.get().municipality_code == "5501"
    client.post(
        reverse("methods:item_run", args=[process.slug, item.pk]), {"municipality": "Atlantis"}
    )
    assert Workshop.objects.count() == 1  # refused, nothing made


def _step_item(process: Process, number: int):
    return next(i for i in process_items(process) if i.step and i.step.number == number)


def test_a_step_started_in_nynorsk_has_its_options_and_scale_labels_in_nynorsk(
    organisation, facilitator
):
    process = copy_of("full-pri-lab", organisation=organisation)
    client = Client()
    client.force_login(facilitator)
    client.cookies["django_language"] = "nn"
    for number in (4, 19):
        item = _step_item(process, number)
        client.post(reverse("methods:item_run", args=[process.slug, item.pk]))

    signals, reflection = Workshop.objects.order_by("pk")
    points = signals.activities.get(kind="points")
    assert "Busetjing og flytting" in points.options and points.text_lang == "nn"
    scale = reflection.activities.get(kind="scale")
    assert (scale.scale_low_label, scale.scale_high_label) == ("Heilt usamd", "Heilt samd")
    assert set(reflection.activities.values_list("text_lang", flat=True)) == {"nn"}


def test_a_step_started_in_bokmal_keeps_its_bokmal_options(organisation, facilitator):
    process = copy_of("full-pri-lab", organisation=organisation)
    run = services.process_run_start(item=_step_item(process, 4), user=facilitator, language="nb")
    points = Workshop.objects.get(pk=run.workshop_id).activities.get(kind="points")
    assert "Bosetting og flytting" in points.options and points.text_lang == "nb"


def test_a_workshop_started_in_nynorsk_has_the_steps_nynorsk_name_in_its_title(
    organisation, facilitator
):
    process = copy_of(FF, organisation=organisation, name="Fremtidsfrekvens Haugesund")
    run = services.process_run_start(item=_step_item(process, 8), user=facilitator, language="nn")
    title = Workshop.objects.get(pk=run.workshop_id).title
    assert title == "Fremtidsfrekvens Haugesund: Snu føresetnadene"


def test_a_workshop_started_in_bokmal_keeps_the_steps_bokmal_name_in_its_title(
    organisation, facilitator
):
    process = copy_of(FF, organisation=organisation, name="Fremtidsfrekvens Haugesund")
    for language in ("nb", "en"):
        services.process_run_start(item=_step_item(process, 8), user=facilitator, language=language)
    titles = set(Workshop.objects.values_list("title", flat=True))
    assert titles == {"Fremtidsfrekvens Haugesund: Snu antakelsene"}


def test_a_step_with_outdated_nynorsk_keeps_its_bokmal_name_in_the_title(organisation, facilitator):
    process = copy_of(FF, organisation=organisation, name="Fremtidsfrekvens Haugesund")
    item = _step_item(process, 8)
    item.step.nn = {}  # what the loader stores when the nynorsk is missing or out of date
    item.step.save(update_fields=["nn"])
    run = services.process_run_start(item=item, user=facilitator, language="nn")
    title = Workshop.objects.get(pk=run.workshop_id).title
    assert title == "Fremtidsfrekvens Haugesund: Snu antakelsene"
