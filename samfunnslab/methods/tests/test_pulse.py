"""The expectation-gap pulse: added in one click, answered by the same phones, shift shown safely."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.core.errors import Refusal
from samfunnslab.methods import pulse, selectors, services
from samfunnslab.methods.models import PulseActivity
from samfunnslab.methods.selectors import process_items
from samfunnslab.methods.tests.factories import copy_of
from samfunnslab.workshops import services as workshops
from samfunnslab.workshops.models import Activity, Workshop

FF = "innbyggerverksted-fremtidsfrekvens"


# ------------------------------------------------------------------ pure shift


def _answers(before: dict[int, object], after: dict[int, object]) -> list[tuple[str, int, object]]:
    return [("before", p, v) for p, v in before.items()] + [
        ("after", p, v) for p, v in after.items()
    ]


def test_the_shift_is_paired_when_five_people_answered_both_times():
    answers = _answers({p: 2 for p in range(6)}, {p: 4 for p in range(6)})
    shift = pulse.scale_shift("influence", answers, ("before", "after"))
    assert shift.method == "paired" and shift.n == 6
    assert (shift.mean_first, shift.mean_second, shift.change) == (2, 4, 2)


def test_dont_know_is_counted_as_a_share_and_left_out_of_the_mean():
    answers = _answers({**{p: 2 for p in range(5)}, 9: None}, {**{p: 3 for p in range(5)}, 9: 5})
    shift = pulse.scale_shift("influence", answers, ("before", "after"))
    assert shift.n == 5 and shift.change == 1
    # one person's «Vet ikke» would be a cell of one (1 of 6 = 17 %): not shown
    assert shift.dont_know_first is None and shift.dont_know_second == 0


def test_a_dont_know_share_is_shown_when_it_and_the_rest_are_five_or_more():
    before = {**{p: 2 for p in range(5)}, **{p: None for p in range(10, 15)}}
    answers = _answers(before, {p: 3 for p in range(5)})
    shift = pulse.scale_shift("influence", answers, ("before", "after"))
    assert shift.dont_know_first == 0.5


def test_without_five_pairs_the_shift_falls_back_to_all_answers():
    answers = _answers({p: 1 for p in range(5)}, {p: 3 for p in range(10, 16)})
    shift = pulse.scale_shift("influence", answers, ("before", "after"))
    assert shift.method == "aggregate" and (shift.n_first, shift.n_second) == (5, 6)
    assert shift.change == 2


def test_fewer_than_five_people_show_no_numbers():
    answers = _answers({p: 1 for p in range(4)}, {p: 5 for p in range(4)})
    shift = pulse.scale_shift("influence", answers, ("before", "after"))
    assert shift.method == "too_few"
    assert shift.mean_first is None and shift.change is None and shift.dont_know_first is None


def test_a_group_that_differs_from_a_shown_one_by_a_few_people_is_not_shown():
    guard = pulse.DisclosureGuard()
    after = _answers({p: 2 for p in range(8)}, {p: 4 for p in range(8)})
    repeat = [("before", p, 2) for p in range(8)] + [("repeat", p, 3) for p in range(6)]
    first = pulse.scale_shift("influence", after, ("before", "after"), guard)
    second = pulse.scale_shift("influence", after + repeat[8:], ("before", "repeat"), guard)
    assert first.method == "paired" and first.n == 8
    # The 6 repeat pairs differ from the 8 shown pairs by 2 people: their «before» mean would
    # reveal those two by subtraction, so the repeat is compared with the same 8 «before» answers.
    assert second.method == "aggregate" and second.n_first == 8
    assert second.mean_first == first.mean_first


def test_the_guard_refuses_a_group_a_few_people_away_from_one_shown():
    guard = pulse.DisclosureGuard()
    assert guard.claim("influence", {"before": range(8)})
    assert not guard.claim("influence", {"before": range(6)})
    assert guard.claim("influence", {"before": range(8)})
    assert guard.claim("influence", {"before": range(20, 30)})


def test_points_are_compared_option_by_option():
    options = pulse.CARE_OPTIONS
    before = {p: [60, 20, 5, 5, 5, 5] for p in range(5)}
    after = {p: [40, 20, 15, 10, 5, 10] for p in range(5)}
    shift = pulse.points_shift("care_2040", options, _answers(before, after), ("before", "after"))
    assert shift.method == "paired"
    assert shift.rows[0] == ("Kommunen", 60, 40, -20) and shift.rows[2][3] == 10


def test_the_pulse_step_in_the_library_asks_exactly_the_pulse_items():
    from samfunnslab.methods import content

    step = next(s for s in content.load_steps() if s["slug"] == "forventningspuls")
    shown = {(a["kind"], a["prompt"], a.get("prompt_easy", "")) for a in step["activities"]}
    assert shown == {(i.kind, i.prompt, i.prompt_easy) for i in pulse.ITEMS}


# ------------------------------------------------------------------ in the app


@pytest.fixture
def run(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = next(i for i in process_items(process) if i.step and i.step.number == 8)
    return services.process_run_start(item=item, user=facilitator)


def test_one_click_puts_the_pulse_first_and_last_in_the_workshop(run):
    services.pulse_add(run=run)
    activities = list(Activity.objects.filter(workshop_id=run.workshop_id).order_by("position"))
    prompts = [a.prompt for a in activities]
    first, last = prompts[: len(pulse.ITEMS)], prompts[-len(pulse.ITEMS) :]
    assert first == last == [item.prompt for item in pulse.ITEMS]
    assert (
        prompts[len(pulse.ITEMS)] == "Hva tar vi for gitt om livet her i 2045? Skriv én antakelse."
    )
    kinds = {a.prompt: a.kind for a in activities}
    assert kinds[pulse.item("care_2040").prompt] == "points"
    assert PulseActivity.objects.filter(workshop_id=run.workshop_id).count() == 2 * len(pulse.ITEMS)


def test_the_pulse_cannot_be_added_twice(run):
    services.pulse_add(run=run)
    with pytest.raises(Refusal, match="allerede"):
        services.pulse_add(run=run)


def _answer_both(workshop: Workshop, phones: int, before: int, after: int) -> None:
    rows = {
        (row.phase, row.key): row.activity_id
        for row in PulseActivity.objects.filter(workshop_id=workshop.pk)
    }
    for n in range(phones):
        phone = workshops.participant_join(workshop=workshop)
        for phase, value in (("before", before), ("after", after)):
            activity = Activity.objects.select_related("workshop").get(
                pk=rows[(phase, "influence")]
            )
            workshops.response_submit(
                participant=phone,
                activity=activity,
                value={"value": value},
                idempotency_key=f"{phase}-{n}",
            )


def test_the_process_evaluation_shows_the_paired_shift_of_the_same_phones(run):
    services.pulse_add(run=run)
    workshop = workshops.workshop_open(workshop=Workshop.objects.get(pk=run.workshop_id))
    _answer_both(workshop, phones=6, before=2, after=4)
    [version] = selectors.pulse_report(run.process)
    influence = next(row for row in version.scale_rows if row.item.key == "influence")
    [shift] = influence.shifts
    assert shift.method == "paired" and shift.n == 6 and shift.change == 2
    others = [row.shifts[0].method for row in version.scale_rows if row.item.key != "influence"]
    assert set(others) == {"too_few"}


def test_the_process_page_shows_the_shift_and_never_a_group_under_five(run, facilitator):
    services.pulse_add(run=run)
    workshop = workshops.workshop_open(workshop=Workshop.objects.get(pk=run.workshop_id))
    _answer_both(workshop, phones=4, before=1, after=5)
    client = Client()
    client.force_login(facilitator)
    url = reverse("methods:process_detail", args=[run.process.slug])
    page = client.get(url).content.decode()
    assert "For få svar til å vise" in page and "n = 4" not in page
    _answer_both(workshop, phones=1, before=1, after=5)
    page = client.get(url).content.decode()
    assert "samme person før og etter, n = 5" in page and "+4" in page


def test_the_button_adds_the_pulse_to_a_started_workshop(run, facilitator):
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("methods:process_detail", args=[run.process.slug])).content.decode()
    assert "Legg til forventningspulsen" in page
    client.post(reverse("methods:pulse_add", args=[run.process.slug, run.pk]))
    assert PulseActivity.objects.filter(workshop_id=run.workshop_id, phase="after").exists()
    page = client.get(reverse("methods:process_detail", args=[run.process.slug])).content.decode()
    assert "Gjenta pulsen etter tre måneder" in page


def test_outsiders_cannot_add_the_pulse(run, outsider):
    client = Client()
    client.force_login(outsider)
    response = client.post(reverse("methods:pulse_add", args=[run.process.slug, run.pk]))
    assert response.status_code == 403
    assert not PulseActivity.objects.exists()


def test_the_three_month_repeat_opens_the_workshop_link_again_for_the_same_phones(run):
    services.pulse_add(run=run)
    workshop = workshops.workshop_open(workshop=Workshop.objects.get(pk=run.workshop_id))
    phone = workshops.participant_join(workshop=workshop)
    workshops.workshop_close(workshop=workshop)
    services.pulse_repeat_start(run=run)
    workshop.refresh_from_db()
    assert workshop.accepts_answers and workshop.open_until is not None
    repeat = PulseActivity.objects.filter(workshop_id=workshop.pk, phase="repeat")
    assert repeat.count() == len(pulse.ITEMS)
    assert workshop.current_activity_id == repeat.first().activity_id
    activity = Activity.objects.select_related("workshop").get(pk=repeat.first().activity_id)
    workshops.response_submit(
        participant=phone, activity=activity, value={"value": 3}, idempotency_key="r"
    )


def test_the_repeat_needs_the_pulse_first(run):
    with pytest.raises(Refusal, match="før du gjentar"):
        services.pulse_repeat_start(run=run)


def test_starting_the_pulse_step_gives_a_workshop_with_the_pulse(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    from samfunnslab.methods.models import MethodStep

    item = services.process_item_add(
        process=process, step=MethodStep.objects.get(slug="forventningspuls")
    )
    run = services.process_run_start(item=item, user=facilitator)
    assert Activity.objects.filter(workshop_id=run.workshop_id).count() == 2 * len(pulse.ITEMS)
    assert PulseActivity.objects.filter(workshop_id=run.workshop_id).count() == 2 * len(pulse.ITEMS)


def test_the_indicators_count_traced_contributions_models_and_started_pilots(run, organisation):
    from samfunnslab.community_models.models import CommunityModel, Element
    from samfunnslab.methods.indicators import process_indicators
    from samfunnslab.portfolio.models import Pilot

    workshop = workshops.workshop_open(workshop=Workshop.objects.get(pk=run.workshop_id))
    phone = workshops.participant_join(workshop=workshop)
    activity = Activity.objects.select_related("workshop").filter(workshop=workshop).first()
    texts = [
        workshops.contribution_submit(
            participant=phone, activity=activity, text=t, idempotency_key=t
        )[0]
        for t in ("Nabolaget driver omsorgen", "Skolen er overalt")
    ]
    models = [
        CommunityModel.objects.create(organisation=organisation, name=n, municipality_code="1106")
        for n in ("Nabolagskooperativet", "Minoritetsmodellen")
    ]
    for model in models:
        Element.objects.create(
            model=model,
            kind="actor",
            label="Kooperativ",
            source_workshop_id=workshop.pk,
            source_contribution_id=texts[0].pk,
        )
    pilot = Pilot.objects.create(organisation=organisation, title="Kooperativ", hypothesis="h")
    pilot.community_models.add(models[0])
    [ind] = process_indicators(run.process)
    assert (ind.contributions, ind.traced, ind.models, ind.pilots_started) == (2, 1, 2, 0)
    pilot.status = "running"
    pilot.save()
    [ind] = process_indicators(run.process)
    assert ind.pilots_started == 1 and ind.traced_share == 0.5


# ------------------------------------------------------------------ in nynorsk


def test_every_pulse_item_has_nynorsk_for_each_of_its_bokmal_texts():
    for item in pulse.ITEMS:
        nynorsk = item.in_language("nn")
        assert nynorsk.key == item.key and nynorsk.prompt == item.prompt_nn != item.prompt
        assert item.prompt_easy_nn and item.prompt_easy_nn != item.prompt_easy
        assert nynorsk.prompt_easy == item.prompt_easy_nn
        assert len(nynorsk.options) == len(item.options)
    assert pulse.item("care_2040").in_language("nn").options[-1] == "Meg sjølv"
    assert pulse.item("influence").in_language("nb") == pulse.item("influence")


@pytest.mark.django_db
def test_the_pulse_asks_in_nynorsk_what_the_library_steps_nynorsk_says():
    from samfunnslab.methods.models import MethodStep

    step = MethodStep.objects.get(slug="forventningspuls").in_language("nn")
    assert step.text_lang == "nn"
    shown = {
        (a["kind"], a["prompt"], a["prompt_easy"], tuple(a.get("options", ())))
        for a in step.activities
    }
    nynorsk = [i.in_language("nn") for i in pulse.ITEMS]
    assert shown == {(i.kind, i.prompt, i.prompt_easy, i.options) for i in nynorsk}
    labels = {(a["scale_low"], a["scale_high"]) for a in step.activities if a["kind"] == "scale"}
    assert labels == {pulse.SCALE_LABELS["nn"]}


@pytest.fixture
def nynorsk_run(organisation, facilitator):
    process = copy_of(FF, organisation=organisation)
    item = next(i for i in process_items(process) if i.step and i.step.number == 8)
    return services.process_run_start(item=item, user=facilitator, language="nn")


def _pulse_activities(run, phase: str) -> list[Activity]:
    rows = PulseActivity.objects.filter(workshop_id=run.workshop_id, phase=phase)
    by_pk = Activity.objects.in_bulk([row.activity_id for row in rows])
    return [by_pk[row.activity_id] for row in rows.order_by("pk")]


def test_a_run_started_in_nynorsk_asks_the_pulse_in_nynorsk(nynorsk_run):
    services.pulse_add(run=nynorsk_run)
    for phase in ("before", "after"):
        activities = _pulse_activities(nynorsk_run, phase)
        assert [a.prompt for a in activities] == [i.prompt_nn for i in pulse.ITEMS]
        assert [a.prompt_easy for a in activities] == [i.prompt_easy_nn for i in pulse.ITEMS]
        assert {a.text_lang for a in activities} == {"nn"}
    scale = _pulse_activities(nynorsk_run, "before")[0]
    assert (scale.scale_low_label, scale.scale_high_label) == ("Heilt usamd", "Heilt samd")
    points = next(a for a in _pulse_activities(nynorsk_run, "after") if a.kind == "points")
    assert points.options == list(pulse.CARE_OPTIONS_NN)


def test_a_run_started_in_bokmal_or_english_asks_the_pulse_in_bokmal(
    run, organisation, facilitator
):
    process = copy_of(FF, organisation=organisation)
    item = next(i for i in process_items(process) if i.step and i.step.number == 8)
    english = services.process_run_start(item=item, user=facilitator, language="en")
    for started in (run, english):
        services.pulse_add(run=started)
        activities = _pulse_activities(started, "before")
        assert [a.prompt for a in activities] == [i.prompt for i in pulse.ITEMS]
        assert {a.text_lang for a in activities} == {"nb"}
        assert activities[0].scale_low_label == "Helt uenig"


def _phone(workshop: Workshop, language: str) -> str:
    phone = Client()
    phone.cookies["django_language"] = language
    phone.post(reverse("workshops:join"), {"code": workshop.join_code})
    return phone.get(reverse("workshops:participant", args=[workshop.join_code])).content.decode()


def test_a_bokmal_phone_marks_the_nynorsk_pulse_question_as_nynorsk(nynorsk_run):
    services.pulse_add(run=nynorsk_run)
    workshop = workshops.workshop_open(workshop=Workshop.objects.get(pk=nynorsk_run.workshop_id))
    first = _pulse_activities(nynorsk_run, "before")[0]
    workshops.workshop_show_activity(workshop=workshop, activity=first)
    prompt = pulse.item("services_2040").prompt_nn
    assert f'lang="nn">{prompt}</h1>' in _phone(workshop, "nb")
    on_nynorsk = _phone(workshop, "nn")
    assert f'data-size="lg">{prompt}</h1>' in on_nynorsk and 'lang="nn">' not in on_nynorsk


def test_the_pulse_button_follows_the_runs_language_not_the_clickers(nynorsk_run, facilitator):
    client = Client()
    client.force_login(facilitator)
    client.cookies["django_language"] = "nb"
    client.post(reverse("methods:pulse_add", args=[nynorsk_run.process.slug, nynorsk_run.pk]))
    assert {a.text_lang for a in _pulse_activities(nynorsk_run, "after")} == {"nn"}


def test_the_repeat_asks_in_the_same_language_as_the_first_pulse(nynorsk_run, facilitator):
    services.pulse_add(run=nynorsk_run)
    client = Client()
    client.force_login(facilitator)
    client.cookies["django_language"] = "nb"
    client.post(reverse("methods:pulse_repeat", args=[nynorsk_run.process.slug, nynorsk_run.pk]))
    repeat = _pulse_activities(nynorsk_run, "repeat")
    assert [a.prompt for a in repeat] == [i.prompt_nn for i in pulse.ITEMS]
    assert {a.text_lang for a in repeat} == {"nn"}


def test_answers_to_the_nynorsk_pulse_are_paired_by_key(nynorsk_run):
    services.pulse_add(run=nynorsk_run)
    workshop = workshops.workshop_open(workshop=Workshop.objects.get(pk=nynorsk_run.workshop_id))
    _answer_both(workshop, phones=5, before=3, after=4)
    [version] = selectors.pulse_report(nynorsk_run.process)
    influence = next(row for row in version.scale_rows if row.item.key == "influence")
    [shift] = influence.shifts
    assert shift.method == "paired" and shift.n == 5 and shift.change == 1


def _process_page(run, facilitator, language: str) -> str:
    client = Client()
    client.force_login(facilitator)
    client.cookies["django_language"] = language
    url = reverse("methods:process_detail", args=[run.process.slug])
    return client.get(url).content.decode()


def _share_points_both(workshop: Workshop, phones: int) -> None:
    rows = {
        row.phase: row.activity_id
        for row in PulseActivity.objects.filter(workshop_id=workshop.pk, key="care_2040")
    }
    for n in range(phones):
        phone = workshops.participant_join(workshop=workshop)
        for phase, points in (("before", [50, 10, 10, 10, 10, 10]), ("after", [30] + [14] * 5)):
            workshops.response_submit(
                participant=phone,
                activity=Activity.objects.select_related("workshop").get(pk=rows[phase]),
                value={"points": points},
                idempotency_key=f"points-{phase}-{n}",
            )


def test_the_process_page_names_the_pulse_items_in_the_readers_language(run, facilitator):
    services.pulse_add(run=run)
    workshop = workshops.workshop_open(workshop=Workshop.objects.get(pk=run.workshop_id))
    _answer_both(workshop, phones=5, before=2, after=3)
    _share_points_both(workshop, phones=5)
    influence = pulse.item("influence")
    care = pulse.item("care_2040")
    nynorsk = _process_page(run, facilitator, "nn")
    assert f"<caption>{influence.prompt_nn}</caption>" in nynorsk
    assert f"<caption>{care.prompt_nn}</caption>" in nynorsk
    assert '<th scope="row">Meg sjølv</th>' in nynorsk
    english = _process_page(run, facilitator, "en")
    assert f'<caption><span lang="nb">{influence.prompt}</span></caption>' in english
    assert '<th scope="row" lang="nb">Meg selv</th>' in english
    bokmal = _process_page(run, facilitator, "nb")
    assert f"<caption>{influence.prompt}</caption>" in bokmal
    assert "samme person før og etter, n = 5" in bokmal
