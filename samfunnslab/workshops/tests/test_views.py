"""Pages and endpoints: joining by code, answering over HTTP, and the facilitator's screens."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import services
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    Participant,
    Response,
    Workshop,
    WorkshopStatus,
)


def joined_client(workshop: Workshop) -> Client:
    client = Client()
    response = client.post(
        reverse("workshops:participant_join", args=[workshop.join_code]),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    return client


def submit(client: Client, workshop: Workshop, **body: Any) -> Any:
    return client.post(
        reverse("workshops:participant_submit", args=[workshop.join_code]),
        data=json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


# ------------------------------------------------------------------ joining


def test_the_code_field_takes_people_to_the_workshop(open_workshop: Workshop) -> None:
    code = open_workshop.join_code.lower()
    response = Client().post(reverse("workshops:join"), {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:participant", args=[open_workshop.join_code])


def test_a_wrong_code_is_explained_in_plain_norwegian(db: Any) -> None:
    response = Client().post(reverse("workshops:join"), {"code": "XXXXXX"})
    assert response.status_code == 404
    assert "Vi finner ikke noe åpent verksted" in response.content.decode()


def test_a_draft_workshop_cannot_be_joined(workshop: Workshop) -> None:
    workshop.join_code = "ACDEFH"
    workshop.save()
    assert Client().get(reverse("workshops:participant", args=["ACDEFH"])).status_code == 404


def test_joining_needs_no_account_and_sets_a_signed_cookie(open_workshop: Workshop) -> None:
    client = Client()
    page = client.get(reverse("workshops:participant", args=[open_workshop.join_code]))
    assert "Bli med" in page.content.decode()
    response = client.post(reverse("workshops:participant_join", args=[open_workshop.join_code]))
    assert response.status_code == 302
    assert f"deltaker_{open_workshop.pk}" in response.cookies
    assert Participant.objects.filter(workshop=open_workshop).count() == 1
    client.post(reverse("workshops:participant_join", args=[open_workshop.join_code]))
    assert Participant.objects.filter(workshop=open_workshop).count() == 1


def test_the_self_description_can_be_skipped_saved_and_withdrawn(open_workshop: Workshop) -> None:
    client = joined_client(open_workshop)
    about = reverse("workshops:participant_about", args=[open_workshop.join_code])
    assert "Hopp over" in client.get(about + "?ny=1").content.decode()
    client.post(about, {"age_band": "80+", "role": "frivillig"})
    participant = Participant.objects.get()
    assert (participant.age_band, participant.role) == ("80+", "frivillig")
    client.post(reverse("workshops:participant_about_withdraw", args=[open_workshop.join_code]))
    participant.refresh_from_db()
    assert not participant.has_description


# ------------------------------------------------------------------ answering


def test_an_answer_is_acknowledged_after_it_is_stored_and_a_retry_returns_it(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = joined_client(open_workshop)
    first = submit(
        client, open_workshop, action="answer", activity=choice.pk, key="k-1", value={"choice": 1}
    )
    assert first.status_code == 200
    assert first.json()["ok"] and first.json()["created"]
    assert first.json()["message"] == "Takk! Svaret ditt er lagret."
    retry = submit(
        client, open_workshop, action="answer", activity=choice.pk, key="k-1", value={"choice": 1}
    )
    assert retry.json()["created"] is False and retry.json()["id"] == first.json()["id"]
    assert Response.objects.count() == 1


def test_points_that_do_not_sum_to_100_get_a_clear_message(
    open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    points = add_activity(ActivityKind.POINTS)
    client = joined_client(open_workshop)
    response = submit(
        client,
        open_workshop,
        action="answer",
        activity=points.pk,
        key="p",
        value={"points": [10, 10, 10]},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "Poengene må bli 100 til sammen. Nå er summen 30."


def test_answering_without_joining_is_refused(open_workshop: Workshop, choice: Activity) -> None:
    response = submit(
        Client(), open_workshop, action="answer", activity=choice.pk, key="k", value={"choice": 0}
    )
    assert response.status_code == 403
    assert "Bli med" in response.json()["error"]


def test_submissions_are_rate_limited_per_participant(
    open_workshop: Workshop, choice: Activity, settings: Any
) -> None:
    settings.WORKSHOP_RATE_LIMITS = {"submit_participant": (3, 60)}
    client = joined_client(open_workshop)
    statuses = [
        submit(
            client,
            open_workshop,
            action="answer",
            activity=choice.pk,
            key=f"k{i}",
            value={"choice": 0},
        ).status_code
        for i in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_swiping_through_many_statements_is_not_held_back_by_the_answer_budget(
    open_workshop: Workshop, add_activity: Callable[..., Activity], settings: Any
) -> None:
    settings.WORKSHOP_RATE_LIMITS = {"submit_participant": (3, 60), "vote_participant": (5, 60)}
    texts = [f"Påstand {n}." for n in range(6)]
    statements = add_activity(ActivityKind.STATEMENTS, statements=texts)
    client = joined_client(open_workshop)
    statuses = [
        submit(
            client,
            open_workshop,
            action="vote",
            activity=statements.pk,
            key=f"v{statement.pk}",
            item=statement.pk,
            vote=1,
        ).status_code
        for statement in statements.contributions.order_by("pk")
    ]
    assert statuses == [200, 200, 200, 200, 200, 429]  # votes have a budget of their own


def test_submissions_are_rate_limited_per_ip(
    open_workshop: Workshop, choice: Activity, settings: Any
) -> None:
    settings.WORKSHOP_RATE_LIMITS = {"submit_ip": (2, 60)}
    statuses = [
        submit(
            joined_client(open_workshop),
            open_workshop,
            action="answer",
            activity=choice.pk,
            key="k",
            value={"choice": 0},
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_the_plain_form_path_works_without_javascript(
    open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    ranking = add_activity(ActivityKind.RANKING)
    client = joined_client(open_workshop)
    response = client.post(
        reverse("workshops:participant_submit", args=[open_workshop.join_code]),
        {
            "action": "answer",
            "activity": ranking.pk,
            "key": "f1",
            "place_0": "3",
            "place_1": "1",
            "place_2": "2",
        },
    )
    assert response.status_code == 302
    assert Response.objects.get(activity=ranking).value == {"order": [1, 2, 0]}


def test_the_participant_page_shows_the_current_activity(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = joined_client(open_workshop)
    page = client.get(reverse("workshops:participant", args=[open_workshop.join_code]))
    html = page.content.decode()
    assert choice.prompt in html and 'name="choice"' in html and "aria-live" in html


def test_text_is_always_escaped(
    open_workshop: Workshop, add_activity: Callable[..., Activity], facilitator: Any
) -> None:
    qa = add_activity(ActivityKind.QA)
    services.workshop_show_activity(workshop=open_workshop, activity=qa)
    client = joined_client(open_workshop)
    submit(
        client,
        open_workshop,
        action="contribute",
        activity=qa.pk,
        key="x",
        text="<script>alert(1)</script>",
    )
    staff = Client()
    staff.force_login(facilitator)
    html = staff.get(reverse("workshops:presenter", args=[open_workshop.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_the_state_hides_results_while_the_facilitator_hides_them(
    open_workshop: Workshop, choice: Activity
) -> None:
    client = joined_client(open_workshop)
    state_url = reverse("workshops:participant_state", args=[open_workshop.join_code])
    assert client.get(state_url).json()["activity"]["results"]["total"] == 0
    services.activity_set_results_visible(activity=choice, visible=False)
    assert client.get(state_url).json()["activity"]["results"] is None


def test_statement_votes_and_upvotes_go_through_the_same_endpoint(
    open_workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Mer kollektivtransport."])
    statement = statements.contributions.get()
    client = joined_client(open_workshop)
    assert submit(
        client,
        open_workshop,
        action="vote",
        activity=statements.pk,
        key="v",
        item=statement.pk,
        vote=1,
    ).json()["ok"]
    assert statement.votes.get().vote == 1


# ------------------------------------------------------------------ staff


def test_the_console_needs_login_and_refuses_outsiders(workshop: Workshop, outsider: Any) -> None:
    url = reverse("workshops:console", args=[workshop.pk])
    assert Client().get(url).status_code == 302
    client = Client()
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_a_viewer_sees_the_console_but_cannot_open_the_workshop(
    workshop: Workshop, colleague: Any
) -> None:
    client = Client()
    client.force_login(colleague)
    assert client.get(reverse("workshops:console", args=[workshop.pk])).status_code == 200
    assert client.post(reverse("workshops:open", args=[workshop.pk])).status_code == 403
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.DRAFT


def test_a_facilitator_creates_adds_an_activity_and_opens_a_workshop(
    facilitator: Any, organisation: Any
) -> None:
    client = Client()
    client.force_login(facilitator)
    bad = client.post(
        reverse("workshops:create"),
        {"title": "Dialogmøte", "organisation": organisation.pk, "municipality_code": "9999"},
    )
    assert "Vi finner ingen kommune med nummer 9999" in bad.content.decode()
    response = client.post(
        reverse("workshops:create"),
        {
            "title": "Dialogmøte",
            "organisation": organisation.pk,
            "municipality_code": "1106",
            "open_days": "7",
        },
    )
    workshop = Workshop.objects.get(title="Dialogmøte")
    assert response["Location"] == reverse("workshops:console", args=[workshop.pk])
    assert workshop.open_until is not None
    client.post(
        reverse("workshops:activity_add", args=[workshop.pk]),
        {"kind": "choice", "prompt": "Hva er viktigst?", "options": "Skole\nHelse", "scale_max": 5},
    )
    client.post(reverse("workshops:open", args=[workshop.pk]))
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.OPEN and workshop.current_activity is not None
    console = client.get(reverse("workshops:console", args=[workshop.pk])).content.decode()
    assert workshop.join_code in console and "<svg" in console


def test_the_presenter_screen_shows_code_qr_and_live_results(
    open_workshop: Workshop,
    choice: Activity,
    facilitator: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = Client()
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):  # the release follows the commit
        for _index in range(5):
            participant = services.participant_join(workshop=open_workshop)
            services.response_submit(
                participant=participant, activity=choice, value={"choice": 0}, idempotency_key="k"
            )
    html = client.get(reverse("workshops:presenter", args=[open_workshop.pk])).content.decode()
    assert open_workshop.join_code in html and 'role="img"' in html
    assert "<caption>5 svar" in html


def test_the_presenter_says_results_come_from_five_answers_while_there_are_fewer(
    open_workshop: Workshop, choice: Activity, facilitator: Any
) -> None:
    client = Client()
    client.force_login(facilitator)
    for key in ("a", "b"):
        services.response_submit(
            participant=services.participant_join(workshop=open_workshop),
            activity=choice, value={"choice": 0}, idempotency_key=key,
        )  # fmt: skip
    html = client.get(reverse("workshops:presenter", args=[open_workshop.pk])).content.decode()
    assert "Resultatene vises når minst 5 har svart. Så langt har 2 svart." in html
    assert "<caption>" not in html


def test_moderating_from_the_console(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    facilitator: Any,
    participant: Participant,
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)
    pending, _ = services.contribution_submit(
        participant=participant, activity=statements, text="Ny påstand", idempotency_key="s"
    )
    client = Client()
    client.force_login(facilitator)
    console = client.get(reverse("workshops:console", args=[open_workshop.pk])).content.decode()
    assert "Ny påstand" in console
    client.post(
        reverse("workshops:moderate", args=[open_workshop.pk, pending.pk]), {"action": "approve"}
    )
    assert Contribution.objects.get(pk=pending.pk).status == "visible"


def test_the_remote_steps_through_activities(
    open_workshop: Workshop,
    choice: Activity,
    add_activity: Callable[..., Activity],
    facilitator: Any,
) -> None:
    second = add_activity(ActivityKind.SCALE)
    client = Client()
    client.force_login(facilitator)
    response = client.post(
        reverse("workshops:show", args=[open_workshop.pk]), {"direction": "1", "next": "remote"}
    )
    assert response["Location"] == reverse("workshops:remote", args=[open_workshop.pk])
    open_workshop.refresh_from_db()
    assert open_workshop.current_activity == second


@pytest.mark.parametrize("kind", [k.value for k in ActivityKind])
def test_every_kind_renders_for_participant_presenter_and_console(
    kind: str, open_workshop: Workshop, add_activity: Callable[..., Activity], facilitator: Any
) -> None:
    activity = add_activity(kind, statements=["En påstand"] if kind == "statements" else ())
    services.workshop_show_activity(workshop=open_workshop, activity=activity)
    client = joined_client(open_workshop)
    assert (
        client.get(reverse("workshops:participant", args=[open_workshop.join_code])).status_code
        == 200
    )
    staff = Client()
    staff.force_login(facilitator)
    for name in ("presenter", "console", "remote", "presenter_hx", "console_hx"):
        assert staff.get(reverse(f"workshops:{name}", args=[open_workshop.pk])).status_code == 200


def test_a_facilitator_enters_a_paper_answer_from_the_console(
    open_workshop: Workshop, choice: Activity, facilitator: Any
) -> None:
    client = Client()
    client.force_login(facilitator)
    console = client.get(reverse("workshops:console", args=[open_workshop.pk])).content.decode()
    assert "Legg inn svar fra papir" in console
    client.post(
        reverse("workshops:assisted", args=[open_workshop.pk]),
        {"activity": choice.pk, "key": "paper-1", "choice": "2"},
    )
    response = Response.objects.get(activity=choice)
    assert response.assisted and response.value == {"choice": 2}
    assert response.participant.entered_by == facilitator


def test_a_self_paced_workshop_lets_participants_move_between_activities(
    open_workshop: Workshop, choice: Activity, add_activity: Callable[..., Activity]
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    scale = add_activity(ActivityKind.SCALE, prompt="Hvor trygg er du?")
    open_workshop.open_until = timezone.now() + timedelta(days=7)
    open_workshop.save()
    client = joined_client(open_workshop)
    page = client.get(reverse("workshops:participant", args=[open_workshop.join_code]))
    assert f"?aktivitet={scale.pk}" in page.content.decode()
    second = client.get(
        reverse("workshops:participant", args=[open_workshop.join_code]) + f"?aktivitet={scale.pk}"
    )
    assert "Hvor trygg er du?" in second.content.decode()


def test_easy_language_prompts_are_shown_when_the_workshop_asks_for_them(
    open_workshop: Workshop, choice: Activity
) -> None:
    choice.prompt_easy = "Hva er viktig for deg?"
    choice.save()
    open_workshop.easy_language = True
    open_workshop.save()
    client = joined_client(open_workshop)
    html = client.get(reverse("workshops:participant", args=[open_workshop.join_code])).content
    assert "Hva er viktig for deg?" in html.decode()


# ------------------------------------------------------------------ editing, moving, deleting


def staff_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_only_those_who_run_the_workshop_may_edit_move_or_delete_activities(
    open_workshop: Workshop, choice: Activity, outsider: Any, colleague: Any
) -> None:
    args = [open_workshop.pk, choice.pk]
    edit_url = reverse("workshops:activity_edit", args=args)
    move_url = reverse("workshops:activity_move", args=args)
    delete_url = reverse("workshops:activity_delete", args=args)
    assert Client().get(edit_url).status_code == 302  # to the login page
    for user in (outsider, colleague):
        client = staff_client(user)
        assert client.get(edit_url).status_code == 403
        assert client.post(edit_url, {"prompt": "Kapret"}).status_code == 403
        assert client.post(move_url, {"direction": "1"}).status_code == 403
        assert client.get(delete_url).status_code == 403
        assert client.post(delete_url).status_code == 403
    choice.refresh_from_db()
    assert choice.prompt == "Spørsmål om choice"


def test_an_activity_is_only_found_under_its_own_workshop(
    open_workshop: Workshop, choice: Activity, facilitator: Any, organisation: Any
) -> None:
    other = services.workshop_create(
        organisation=organisation, user=facilitator, title="Et annet", municipality_code="1106"
    )
    client = staff_client(facilitator)
    args = [other.pk, choice.pk]
    assert client.get(reverse("workshops:activity_edit", args=args)).status_code == 404
    assert client.post(reverse("workshops:activity_delete", args=args)).status_code == 404
    assert Activity.objects.filter(pk=choice.pk).exists()


def test_the_edit_form_is_filled_in_and_shows_the_kind_read_only(
    open_workshop: Workshop, choice: Activity, facilitator: Any
) -> None:
    response = staff_client(facilitator).get(
        reverse("workshops:activity_edit", args=[open_workshop.pk, choice.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Spørsmål om choice"' in html
    assert "Skole\nHelse\nKultur</textarea>" in html
    assert "Flervalg" in html and 'name="kind"' not in html
    assert 'name="scale_max"' not in html  # a choice has no scale to edit
    assert "Lagre endringene" in html


def test_a_facilitator_fixes_the_wording_and_the_kind_stays(
    open_workshop: Workshop, choice: Activity, facilitator: Any
) -> None:
    client = staff_client(facilitator)
    response = client.post(
        reverse("workshops:activity_edit", args=[open_workshop.pk, choice.pk]),
        {"kind": "scale", "prompt": "Hva er viktigst for deg?", "options": "Skole\nHelse"},
    )
    console = reverse("workshops:console", args=[open_workshop.pk])
    assert response["Location"] == f"{console}#aktivitet-{choice.pk}"
    choice.refresh_from_db()
    assert (choice.kind, choice.prompt, choice.options) == (
        "choice",
        "Hva er viktigst for deg?",
        ["Skole", "Helse"],
    )
    assert "Endringene er lagret." in client.get(console).content.decode()


def test_a_refused_edit_is_explained_on_the_form(
    open_workshop: Workshop, choice: Activity, facilitator: Any, participant: Participant
) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="v"
    )
    response = staff_client(facilitator).post(
        reverse("workshops:activity_edit", args=[open_workshop.pk, choice.pk]),
        {"prompt": "Hva er viktigst?", "options": "Skole\nHelse"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ikke legge til eller fjerne svaralternativer" in html
    assert "Noen har alt svart" in html
    choice.refresh_from_db()
    assert len(choice.options) == 3


def test_the_console_moves_activities_up_and_down(
    open_workshop: Workshop,
    choice: Activity,
    add_activity: Callable[..., Activity],
    facilitator: Any,
) -> None:
    scale = add_activity(ActivityKind.SCALE)
    client = staff_client(facilitator)
    console = client.get(reverse("workshops:console", args=[open_workshop.pk])).content.decode()
    assert console.count("Flytt opp") == 1 and console.count("Flytt ned") == 1
    response = client.post(
        reverse("workshops:activity_move", args=[open_workshop.pk, scale.pk]), {"direction": "-1"}
    )
    assert response["Location"].endswith(f"#aktivitet-{scale.pk}")
    assert list(open_workshop.activities.order_by("position").values_list("pk", flat=True)) == [
        scale.pk,
        choice.pk,
    ]
    assert (
        client.get(
            reverse("workshops:activity_move", args=[open_workshop.pk, scale.pk])
        ).status_code
        == 405
    )


def test_deleting_asks_first_and_deletes_an_unanswered_activity(
    open_workshop: Workshop,
    choice: Activity,
    add_activity: Callable[..., Activity],
    facilitator: Any,
) -> None:
    scale = add_activity(ActivityKind.SCALE)
    client = staff_client(facilitator)
    url = reverse("workshops:activity_delete", args=[open_workshop.pk, scale.pk])
    page = client.get(url).content.decode()
    assert "Slett aktiviteten" in page and "Spørsmål om scale" in page
    assert Activity.objects.filter(pk=scale.pk).exists()  # asking deletes nothing
    client.post(url)
    assert not Activity.objects.filter(pk=scale.pk).exists()
    console = client.get(reverse("workshops:console", args=[open_workshop.pk])).content.decode()
    assert "Aktiviteten er slettet." in console


def test_an_answered_activity_is_not_deleted_and_locking_is_offered(
    open_workshop: Workshop, choice: Activity, facilitator: Any, participant: Participant
) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="x"
    )
    client = staff_client(facilitator)
    url = reverse("workshops:activity_delete", args=[open_workshop.pk, choice.pk])
    page = client.get(url).content.decode()
    assert "Lås aktiviteten" in page and "Slett aktiviteten" not in page
    response = client.post(url, follow=True)
    assert "svar blir aldri slettet" in response.content.decode()
    assert Response.objects.filter(activity=choice).count() == 1


@pytest.mark.parametrize("kind", [k.value for k in ActivityKind])
def test_every_kind_can_be_edited_and_saved_unchanged(
    kind: str, open_workshop: Workshop, add_activity: Callable[..., Activity], facilitator: Any
) -> None:
    activity = add_activity(kind, themes=["Bolig"], scale_low_label="Lite")
    before = Activity.objects.filter(pk=activity.pk).values().get()
    client = staff_client(facilitator)
    url = reverse("workshops:activity_edit", args=[open_workshop.pk, activity.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if name in form.fields}
    response = client.post(url, {k: v for k, v in data.items() if v not in (False, None)})
    assert response.status_code == 302
    assert Activity.objects.filter(pk=activity.pk).values().get() == before


def test_an_answered_scale_keeps_its_steps_when_edited_from_the_form(
    open_workshop: Workshop,
    add_activity: Callable[..., Activity],
    facilitator: Any,
    participant: Participant,
) -> None:
    scale = add_activity(ActivityKind.SCALE)
    services.response_submit(
        participant=participant, activity=scale, value={"value": 4}, idempotency_key="z"
    )
    client = staff_client(facilitator)
    url = reverse("workshops:activity_edit", args=[open_workshop.pk, scale.pk])
    html = client.get(url).content.decode()
    assert "skalaen kan ikke endres" in html and "disabled" in html
    client.post(
        url, {"prompt": "Hvor trygg er du?", "scale_max": "10", "scale_high_label": "Svært"}
    )
    scale.refresh_from_db()
    assert (scale.prompt, scale.scale_max, scale.scale_high_label) == (
        "Hvor trygg er du?",
        5,
        "Svært",
    )


def test_the_paper_form_marks_the_prompt_with_the_activitys_language(
    open_workshop: Workshop, choice: Activity, facilitator: Any
) -> None:
    Activity.objects.filter(pk=choice.pk).update(text_lang="nn")
    client = Client()
    client.force_login(facilitator)
    console = client.get(reverse("workshops:console", args=[open_workshop.pk])).content.decode()
    assert f'For «<span lang="nn">{choice.prompt}</span>»' in console
