"""Composing processes: copy, add, remove, reorder, minutes, overruns, versions and evaluations."""

from __future__ import annotations

import datetime

import pytest

from samfunnslab.core.errors import Refusal
from samfunnslab.methods import services
from samfunnslab.methods.models import MethodStep, Process, ProcessEvaluation, ProcessItem
from samfunnslab.methods.selectors import process_agenda, process_items
from samfunnslab.methods.tests.factories import copy_of

FF = "innbyggerverksted-fremtidsfrekvens"


def _titles(process: Process) -> list[str]:
    return [item.display_title for item in process_items(process)]


def test_every_template_fits_its_chosen_duration(db):
    for template in Process.objects.filter(is_template=True):
        agenda = process_agenda(template)
        assert agenda.overruns == [], template.slug


def test_the_templates_follow_the_methods_paths(db):
    def steps(slug: str) -> list[int]:
        return [i.step.number for i in process_items(Process.objects.get(slug=slug)) if i.step]

    lab = [20, 0, 3, 4, 1, 8, 7, 21, 10, 9, 11, 12, 13, 14, 16, 15, 17, 18, 19, 20]
    assert steps("full-pri-lab") == lab
    assert steps(FF) == [20, 8, 21, 11, 20]
    assert steps("kommunestyrekveld") == [20, 8, 21, 11, 20]  # no numbers walk as the opening
    assert process_agenda(Process.objects.get(slug="barn-og-unge")).total_minutes == 150
    assert Process.objects.get(slug="barn-og-unge").easy_language


def test_copying_a_template_gives_the_organisation_its_own_process(organisation, facilitator):
    process = copy_of(FF, organisation=organisation, user=facilitator)
    template = Process.objects.get(slug=FF)
    assert process.organisation == organisation and not process.is_template
    assert _titles(process) == _titles(template)
    assert process.copied_from == template
    assert process.slug != template.slug


def test_adding_a_step_uses_its_usual_minutes_and_goes_last(organisation):
    process = copy_of(FF, organisation=organisation)
    wheel = MethodStep.objects.get(number=6)
    item = services.process_item_add(process=process, step=wheel)
    assert item.minutes == wheel.minutes
    assert _titles(process)[-1] == wheel.name


def test_an_own_item_needs_a_title_and_minutes(organisation):
    process = copy_of(FF, organisation=organisation)
    with pytest.raises(Refusal, match="«Tittel» kan ikke være tomt"):
        services.process_item_add(process=process, title="   ", minutes=10)
    with pytest.raises(Refusal, match="minutter"):
        services.process_item_add(process=process, title="Kaffe")
    assert len(_titles(process)) == 10


@pytest.mark.parametrize("minutes", [-5, 0, 481, 10**9, "ti", None])
def test_it_refuses_negative_absurd_or_non_numeric_minutes(organisation, minutes):
    process = copy_of(FF, organisation=organisation)
    item = process_items(process)[2]
    with pytest.raises(Refusal):
        services.process_item_update(item=item, minutes=minutes)
    item.refresh_from_db()
    assert item.minutes == 36
    process.refresh_from_db()
    assert process.version == 1


def test_removing_an_item_closes_the_gap(organisation):
    process = copy_of(FF, organisation=organisation)
    services.process_item_remove(item=process_items(process)[3])
    assert _titles(process).count("Pause") == 1
    assert [item.position for item in process_items(process)] == list(range(9))


def test_moving_up_and_down_reorders(organisation):
    process = copy_of(FF, organisation=organisation)
    pause = process_items(process)[3]
    services.process_item_move(item=pause, direction="up")
    assert _titles(process)[2] == "Pause"
    pause.refresh_from_db()
    services.process_item_move(item=pause, direction="down")
    services.process_item_move(item=process_items(process)[3], direction="down")
    assert _titles(process)[4] == "Pause"


def test_moving_past_the_top_does_nothing(organisation):
    process = copy_of(FF, organisation=organisation)
    before = _titles(process)
    services.process_item_move(item=process_items(process)[0], direction="up")
    assert _titles(process) == before


def test_moving_across_a_meeting_edge_changes_the_meeting(organisation):
    process = copy_of("full-pri-lab", organisation=organisation)
    first_of_meeting_2 = next(i for i in process_items(process) if i.meeting == 2)
    services.process_item_move(item=first_of_meeting_2, direction="up")
    first_of_meeting_2.refresh_from_db()
    assert first_of_meeting_2.meeting == 1


def test_the_app_sums_the_time_and_warns_about_overruns(organisation):
    process = copy_of(FF, organisation=organisation)
    assert process_agenda(process).total_minutes == 180
    assert process_agenda(process).overruns == []
    services.process_item_add(process=process, step=MethodStep.objects.get(number=6), minutes=45)
    agenda = process_agenda(process)
    assert agenda.total_minutes == 225
    assert [(m.meeting, m.overrun) for m in agenda.overruns] == [(1, 45)]


def test_the_agenda_gives_clock_times_from_the_start_time(organisation):
    process = copy_of(FF, organisation=organisation)
    rows = process_agenda(process, datetime.time(17, 30)).rows
    assert [row.slot.starts.strftime("%H:%M") for row in rows] == [
        "17:30",
        "17:38",
        "17:44",
        "18:20",
        "18:32",
        "19:12",
        "19:22",
        "20:12",
        "20:18",
        "20:25",
    ]


def test_templates_cannot_be_edited(db):
    template = Process.objects.get(slug=FF)
    with pytest.raises(Refusal, match="Maler"):
        services.process_item_add(process=template, step=MethodStep.objects.get(number=6))
    assert template.items.count() == 10


def test_editing_an_unused_process_keeps_its_version(organisation):
    process = copy_of(FF, organisation=organisation)
    services.process_item_update(item=process_items(process)[1], minutes=50)
    process.refresh_from_db()
    assert process.version == 1


def test_editing_an_evaluated_process_starts_a_new_version(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    evaluation = services.process_evaluation_add(
        process=process, user=facilitator, worked="Snu antakelsene virket.", change="Mer tid."
    )
    services.process_item_update(item=process_items(process)[2], minutes=50)
    services.process_item_update(item=process_items(process)[6], minutes=85)
    process.refresh_from_db()
    assert evaluation.version == 1
    assert process.version == 2
    assert evaluation.agenda_snapshot[2] == {
        "meeting": 1,
        "title": "Snu antakelsene",
        "minutes": 36,
        "step": 8,
    }


def test_an_evaluation_needs_both_answers_and_saves_nothing_otherwise(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    with pytest.raises(Refusal, match="Hva bør endres"):
        services.process_evaluation_add(process=process, user=facilitator, worked="Bra", change=" ")
    with pytest.raises(Refusal, match="for lang"):
        services.process_evaluation_add(
            process=process, user=facilitator, worked="x" * 10_000_000, change="y"
        )
    assert ProcessEvaluation.objects.count() == 0
    process.refresh_from_db()
    assert process.last_used_version is None


def test_a_process_needs_a_name(organisation):
    with pytest.raises(Refusal, match="«Navn» kan ikke være tomt"):
        services.process_create(organisation=organisation, user=None, name="")
    with pytest.raises(Refusal, match="«Navn» er for langt"):
        services.process_create(organisation=organisation, user=None, name="x" * 201)
    assert not Process.objects.filter(organisation=organisation).exists()


def test_settings_change_name_duration_and_start(organisation):
    process = copy_of(FF, organisation=organisation)
    services.process_update(
        process=process,
        name="Kveld på Karmøy",
        summary="",
        target_minutes=150,
        start_time=datetime.time(19, 0),
        easy_language=True,
    )
    process.refresh_from_db()
    assert (process.name, process.target_minutes, process.easy_language) == (
        "Kveld på Karmøy",
        150,
        True,
    )
    assert process_agenda(process).overruns[0].overrun == 30


def test_an_item_with_a_step_shows_the_step_name(organisation):
    process = copy_of(FF, organisation=organisation)
    item = ProcessItem.objects.filter(process=process, step__number=8).get()
    assert item.display_title == "Snu antakelsene"
