"""Writes: opening with a join code, answers that are never lost or duplicated, and refusals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from samfunnslab.workshops import selectors, services, suggestions
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    Participant,
    Response,
    StatementVote,
    Upvote,
    Workshop,
    WorkshopStatus,
)
from samfunnslab.workshops.services import responses


def test_it_refuses_a_municipality_code_that_is_not_in_the_snapshot(
    organisation: Any, facilitator: Any
) -> None:
    with pytest.raises(Refusal, match="9999"):
        services.workshop_create(
            organisation=organisation, user=facilitator, title="X", municipality_code="9999"
        )


def test_opening_gives_an_unambiguous_join_code_and_shows_the_first_activity(
    workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    first = add_activity(ActivityKind.WORDCLOUD)
    add_activity(ActivityKind.CHOICE)
    services.workshop_open(workshop=workshop)
    assert workshop.status == WorkshopStatus.OPEN
    assert len(workshop.join_code) == services.JOIN_CODE_LENGTH
    assert set(workshop.join_code) <= set(services.JOIN_CODE_ALPHABET)
    assert not set(workshop.join_code) & set("0O1IL2Z5S8B6G")
    assert workshop.current_activity == first


def test_join_codes_are_unique_among_open_workshops(
    workshop: Workshop, organisation: Any, facilitator: Any
) -> None:
    other = services.workshop_create(
        organisation=organisation, user=facilitator, title="B", municipality_code="1106"
    )
    services.workshop_open(workshop=workshop)
    other.join_code = workshop.join_code  # ask for the same code: it must get another one
    services.workshop_open(workshop=other)
    assert other.join_code != workshop.join_code


def test_normalising_a_join_code_ignores_case_spaces_and_dashes() -> None:
    assert services.normalise_join_code(" acd-347 ") == "ACD347"


def test_a_submitted_answer_is_stored_before_it_is_acknowledged(
    choice: Activity, participant: Participant
) -> None:
    # A failure after the row is written but before the store has finished: no acknowledgement
    # (the call raises) and nothing half-stored.
    with (
        mock.patch.object(responses, "_activity_news", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        services.response_submit(
            participant=participant, activity=choice, value={"choice": 1}, idempotency_key="k1"
        )
    assert not Response.objects.filter(participant=participant, activity=choice).exists()
    # When the call returns (the acknowledgement), the answer is already in the database.
    response, created = services.response_submit(
        participant=participant, activity=choice, value={"choice": 1}, idempotency_key="k1"
    )
    assert created
    assert Response.objects.get(pk=response.pk).value == {"choice": 1}


def test_a_retry_with_the_same_key_returns_the_same_answer_without_a_duplicate(
    choice: Activity, participant: Participant
) -> None:
    first, _ = services.response_submit(
        participant=participant, activity=choice, value={"choice": 1}, idempotency_key="same"
    )
    again, created = services.response_submit(
        participant=participant, activity=choice, value={"choice": 1}, idempotency_key="same"
    )
    assert not created
    assert again.pk == first.pk
    assert Response.objects.count() == 1


def test_a_retry_succeeds_even_after_the_activity_was_locked(
    choice: Activity, participant: Participant
) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="before-lock"
    )
    services.activity_set_locked(activity=choice, locked=True)
    _, created = services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="before-lock"
    )
    assert not created


def test_one_vote_per_participant_which_they_can_change(
    choice: Activity, participant: Participant
) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="a"
    )
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 2}, idempotency_key="b"
    )
    assert Response.objects.filter(activity=choice).count() == 1
    assert Response.objects.get(activity=choice).value == {"choice": 2}


def test_a_locked_activity_refuses_new_answers_with_a_plain_reason(
    choice: Activity, participant: Participant
) -> None:
    services.activity_set_locked(activity=choice, locked=True)
    with pytest.raises(Refusal, match="låst") as refused:
        services.response_submit(
            participant=participant, activity=choice, value={"choice": 0}, idempotency_key="late"
        )
    assert refused.value.status == 409
    assert not Response.objects.exists()


def test_a_closed_workshop_refuses_answers_and_joins(
    open_workshop: Workshop, choice: Activity, participant: Participant
) -> None:
    services.workshop_close(workshop=open_workshop)
    with pytest.raises(Refusal):
        services.response_submit(
            participant=participant, activity=choice, value={"choice": 0}, idempotency_key="x"
        )
    with pytest.raises(Refusal):
        services.participant_join(workshop=open_workshop)


def test_an_expired_asynchronous_window_closes_answering(
    open_workshop: Workshop, choice: Activity, participant: Participant
) -> None:
    open_workshop.open_until = timezone.now() - timedelta(minutes=1)
    open_workshop.save()
    choice.refresh_from_db()
    with pytest.raises(Refusal):
        services.response_submit(
            participant=participant, activity=choice, value={"choice": 0}, idempotency_key="x"
        )


def test_an_answer_without_an_idempotency_key_is_refused(
    choice: Activity, participant: Participant
) -> None:
    with pytest.raises(Refusal, match="nøkkel"):
        services.response_submit(
            participant=participant, activity=choice, value={"choice": 0}, idempotency_key=""
        )


def test_a_participant_cannot_answer_another_workshops_activity(
    choice: Activity, organisation: Any, facilitator: Any
) -> None:
    other = services.workshop_create(
        organisation=organisation, user=facilitator, title="B", municipality_code="1106"
    )
    services.workshop_open(workshop=other)
    stranger = services.participant_join(workshop=other)
    with pytest.raises(Refusal):
        services.response_submit(
            participant=stranger, activity=choice, value={"choice": 0}, idempotency_key="x"
        )


def test_word_cloud_words_are_normalised_and_retries_are_not_duplicated(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    cloud = add_activity(ActivityKind.WORDCLOUD)
    first, _ = services.contribution_submit(
        participant=participant, activity=cloud, text="  Trygge   Nabolag ", idempotency_key="w1"
    )
    again, created = services.contribution_submit(
        participant=participant, activity=cloud, text="  Trygge   Nabolag ", idempotency_key="w1"
    )
    assert not created and again.pk == first.pk
    assert first.text == "Trygge Nabolag" and first.normalised == "trygge nabolag"
    assert Contribution.objects.filter(activity=cloud).count() == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("en to tre fire", "ett, to eller tre ord"),
        ("faen", "viser vi ikke"),
        ("og det", "småord"),
        ("", "Skriv noe"),
    ],
)
def test_word_cloud_refuses_bad_words_with_a_reason(
    add_activity: Callable[..., Activity], participant: Participant, text: str, reason: str
) -> None:
    cloud = add_activity(ActivityKind.WORDCLOUD)
    with pytest.raises(Refusal, match=reason):
        services.contribution_submit(
            participant=participant, activity=cloud, text=text, idempotency_key="w"
        )


def test_word_cloud_limits_the_number_of_answers_per_participant(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    cloud = add_activity(ActivityKind.WORDCLOUD, max_entries=2)
    for i, word in enumerate(["natur", "hav"]):
        services.contribution_submit(
            participant=participant, activity=cloud, text=word, idempotency_key=f"w{i}"
        )
    with pytest.raises(Refusal, match="meste"):
        services.contribution_submit(
            participant=participant, activity=cloud, text="fjell", idempotency_key="w9"
        )


def test_text_longer_than_the_limit_is_refused(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    qa = add_activity(ActivityKind.QA)
    with pytest.raises(Refusal, match="for lang"):
        services.contribution_submit(
            participant=participant, activity=qa, text="x" * 301, idempotency_key="q"
        )


def test_open_contributions_keep_their_type_and_theme(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    activity = add_activity(ActivityKind.OPEN, themes=["Bolig", "Helse"])
    contribution, _ = services.contribution_submit(
        participant=participant,
        activity=activity,
        text="Flere bofellesskap",
        contribution_type="suggestion",
        theme="Bolig",
        idempotency_key="o1",
    )
    assert (contribution.contribution_type, contribution.theme) == ("suggestion", "Bolig")


def test_moderated_statements_wait_and_can_be_approved_hidden_and_restored(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Skolen er et møtested."])
    added, _ = services.contribution_submit(
        participant=participant,
        activity=statements,
        text="Bussen bør gå oftere.",
        idempotency_key="s",
    )
    assert added.status == ContributionStatus.PENDING
    services.contribution_moderate(contribution=added, action="approve")
    assert added.status == ContributionStatus.VISIBLE
    services.contribution_moderate(contribution=added, action="hide")
    assert Contribution.objects.get(pk=added.pk).status == ContributionStatus.HIDDEN
    services.contribution_moderate(contribution=added, action="restore")
    assert Contribution.objects.get(pk=added.pk).status == ContributionStatus.VISIBLE


def test_profanity_outside_word_clouds_is_held_for_moderation_not_lost(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    qa = add_activity(ActivityKind.QA)
    question, _ = services.contribution_submit(
        participant=participant,
        activity=qa,
        text="Hvorfor faen er bussen sen?",
        idempotency_key="q",
    )
    assert question.status == ContributionStatus.PENDING


def test_statement_votes_are_one_per_participant_and_changeable(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Skolen er et møtested."])
    statement = statements.contributions.get()
    services.statement_vote(participant=participant, statement=statement, vote=1)
    services.statement_vote(participant=participant, statement=statement, vote=-1)
    assert list(StatementVote.objects.values_list("vote", flat=True)) == [-1]


def test_participants_cannot_vote_on_statements_waiting_for_moderation(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)
    pending, _ = services.contribution_submit(
        participant=participant, activity=statements, text="Ny påstand", idempotency_key="s"
    )
    with pytest.raises(Refusal):
        services.statement_vote(participant=participant, statement=pending, vote=1)


def test_upvotes_are_one_per_participant(
    add_activity: Callable[..., Activity], make_participant: Callable[[], Participant]
) -> None:
    qa = add_activity(ActivityKind.QA)
    asker, voter = make_participant(), make_participant()
    question, _ = services.contribution_submit(
        participant=asker, activity=qa, text="Når kommer bussen?", idempotency_key="q"
    )
    for _ in range(3):
        services.upvote_set(participant=voter, contribution=question, on=True)
    assert Upvote.objects.filter(contribution=question).count() == 1
    services.upvote_set(participant=voter, contribution=question, on=False)
    assert not Upvote.objects.exists()


def test_questions_can_be_marked_answered(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    qa = add_activity(ActivityKind.QA)
    question, _ = services.contribution_submit(
        participant=participant, activity=qa, text="Når kommer bussen?", idempotency_key="q"
    )
    services.contribution_moderate(contribution=question, action="answered")
    assert Contribution.objects.get(pk=question.pk).answered


def test_idea_cards_go_to_the_participants_group_board(
    open_workshop: Workshop, add_activity: Callable[..., Activity], participant: Participant
) -> None:
    ideas = add_activity(ActivityKind.IDEAS)
    table = services.group_add(workshop=open_workshop, name="Bord 1")
    services.participant_choose_group(participant=participant, group=table)
    card, _ = services.contribution_submit(
        participant=participant, activity=ideas, text="Delebil i bygda", idempotency_key="i"
    )
    assert card.group == table


def test_self_description_is_optional_and_can_be_withdrawn(participant: Participant) -> None:
    services.participant_describe(
        participant=participant,
        age_band="13-17",
        role="innbygger",
        lives_here="ja",
        new_in_norway="",
        parent_small_child="bogus",
    )
    participant.refresh_from_db()
    assert (participant.age_band, participant.role, participant.lives_here) == (
        "13-17",
        "innbygger",
        "ja",
    )
    assert participant.parent_small_child == ""
    services.participant_withdraw_description(participant=participant)
    participant.refresh_from_db()
    assert not participant.has_description


def test_a_paper_answer_is_stored_as_an_assisted_participant(
    choice: Activity, facilitator: Any
) -> None:
    entered = services.assisted_answer_submit(
        activity=choice, user=facilitator, value={"choice": 2}, idempotency_key="paper-1"
    )
    assert entered.assisted and entered.entered_by == facilitator
    assert Response.objects.get(participant=entered).assisted


def test_retrying_a_paper_answer_with_the_same_key_stores_it_once(
    choice: Activity, facilitator: Any
) -> None:
    first = services.assisted_answer_submit(
        activity=choice, user=facilitator, value={"choice": 2}, idempotency_key="paper-1"
    )
    retry = services.assisted_answer_submit(
        activity=choice, user=facilitator, value={"choice": 2}, idempotency_key="paper-1"
    )
    assert retry == first
    assert Participant.objects.filter(assisted=True).count() == 1
    assert Response.objects.filter(activity=choice).count() == 1


def test_the_same_paper_key_from_another_facilitator_is_another_answer(
    choice: Activity, facilitator: Any, colleague: Any
) -> None:
    services.assisted_answer_submit(
        activity=choice, user=facilitator, value={"choice": 2}, idempotency_key="paper-1"
    )
    services.assisted_answer_submit(
        activity=choice, user=colleague, value={"choice": 1}, idempotency_key="paper-1"
    )
    assert Response.objects.filter(activity=choice).count() == 2


def test_retrying_a_paper_comment_with_the_same_key_stores_it_once(
    open_workshop: Workshop, add_activity: Callable[..., Activity], facilitator: Any
) -> None:
    wall = add_activity(ActivityKind.OPEN)
    for _ in range(2):
        services.assisted_answer_submit(
            activity=wall, user=facilitator, text="Flere benker i parken", idempotency_key="p-2"
        )
    assert Contribution.objects.filter(activity=wall).count() == 1
    assert Participant.objects.filter(assisted=True).count() == 1


def test_stepping_moves_to_the_next_and_previous_activity(
    open_workshop: Workshop, add_activity: Callable[..., Activity], choice: Activity
) -> None:
    second = add_activity(ActivityKind.SCALE)
    services.workshop_step(workshop=open_workshop, direction=1)
    assert open_workshop.current_activity == second
    services.workshop_step(workshop=open_workshop, direction=1)
    assert open_workshop.current_activity == second
    services.workshop_step(workshop=open_workshop, direction=-1)
    assert open_workshop.current_activity == choice


def test_events_are_broadcast_only_after_commit(
    choice: Activity,
    participant: Participant,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.WORKSHOP_EVENT_COALESCE_SECONDS = 0  # send at once, without merging
    with mock.patch("samfunnslab.workshops.events._send") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.response_submit(
                participant=participant, activity=choice, value={"choice": 0}, idempotency_key="e"
            )
        send.assert_not_called()
        for callback in callbacks:
            callback()
    workshop_id, event = send.call_args.args
    assert workshop_id == choice.workshop_id
    assert event["type"] == "activity"
    assert event["activity"]["results"]["total"] == 1


def test_a_refused_answer_sends_no_event(
    choice: Activity, participant: Participant, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(Refusal):
        services.response_submit(
            participant=participant, activity=choice, value={"choice": 99}, idempotency_key="bad"
        )
    assert callbacks == []


def test_an_open_contribution_without_a_type_stays_untyped_and_the_console_suggests_one(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    activity = add_activity(ActivityKind.OPEN)
    contribution, _ = services.contribution_submit(
        participant=participant,
        activity=activity,
        text="Hvorfor er bussen alltid sen?",
        idempotency_key="o2",
    )
    assert contribution.contribution_type == ""
    offered = suggestions.suggestions_for(activity, [contribution])[contribution.pk]
    assert offered.type == "question"


# ------------------------------------------------------------------ editing, moving, deleting


def edit(activity: Activity, **changes: Any) -> Activity:
    """Update an activity with its current values, except `changes`."""
    current = {name: getattr(activity, name) for name in services.ACTIVITY_EDITABLE_FIELDS}
    return services.activity_update(activity=activity, **{**current, **changes})


def positions(workshop: Workshop) -> list[tuple[int, int]]:
    return list(workshop.activities.order_by("position", "id").values_list("pk", "position"))


def test_editing_the_wording_keeps_the_answers(choice: Activity, participant: Participant) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 1}, idempotency_key="w"
    )
    edit(choice, prompt="  Hva er aller viktigst?  ", options=["Skolen", "Helsa", "Kulturen"])
    choice.refresh_from_db()
    assert choice.prompt == "Hva er aller viktigst?"
    assert choice.options == ["Skolen", "Helsa", "Kulturen"]
    assert Response.objects.get(activity=choice).value == {"choice": 1}
    rows = selectors.activity_results(choice)["rows"]
    assert [(row["label"], row["value"]) for row in rows][1] == ("Helsa", 1)


def test_changing_the_number_of_options_after_answers_is_refused(
    choice: Activity, participant: Participant
) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 2}, idempotency_key="n"
    )
    with pytest.raises(Refusal, match="ikke legge til eller fjerne svaralternativer") as refused:
        edit(choice, options=["Skole", "Helse"])
    assert refused.value.status == 409
    choice.refresh_from_db()
    assert choice.options == ["Skole", "Helse", "Kultur"]


def test_reordering_options_after_answers_is_refused(
    choice: Activity, participant: Participant
) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="r"
    )
    with pytest.raises(Refusal, match="Rekkefølgen"):
        edit(choice, options=["Kultur", "Helse", "Skole"])


def test_options_can_be_added_and_removed_before_anyone_answers(choice: Activity) -> None:
    edit(choice, options=["Skole", "Helse", "Kultur", "Samferdsel"])
    choice.refresh_from_db()
    assert len(choice.options) == 4


def test_changing_the_scale_after_answers_is_refused_but_its_labels_can_be_fixed(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    scale = add_activity(ActivityKind.SCALE)
    services.response_submit(
        participant=participant, activity=scale, value={"value": 5}, idempotency_key="s"
    )
    with pytest.raises(Refusal, match="skalaen"):
        edit(scale, scale_max=4)
    edit(scale, scale_low_label="Helt uenig", scale_high_label="Helt enig")
    scale.refresh_from_db()
    assert (scale.scale_max, scale.scale_high_label) == (5, "Helt enig")


def test_editing_refuses_what_adding_refuses(choice: Activity) -> None:
    with pytest.raises(Refusal, match="Skriv spørsmålet"):
        edit(choice, prompt="   ")
    with pytest.raises(Refusal, match="minst to svaralternativer"):
        edit(choice, options=["Bare ett", "  "])
    choice.refresh_from_db()
    assert choice.prompt == "Spørsmål om choice"


def test_editing_tells_every_screen_after_commit(
    choice: Activity, django_capture_on_commit_callbacks: Any
) -> None:
    with mock.patch("samfunnslab.workshops.events._send") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            edit(choice, prompt="Ny ordlyd")
        send.assert_not_called()
        for callback in callbacks:
            callback()
    sent = {event["type"]: event for _workshop_id, event in (c.args for c in send.call_args_list)}
    assert sent["activity"]["activity"]["prompt"] == "Ny ordlyd"
    assert sent["workshop"]["workshop"]["activities"][0]["prompt"] == "Ny ordlyd"


def test_moving_keeps_positions_contiguous(
    workshop: Workshop, add_activity: Callable[..., Activity]
) -> None:
    first, second, third = (add_activity(ActivityKind.SCALE, prompt=p) for p in "ABC")
    Activity.objects.filter(pk=second.pk).update(position=7)  # a gap, as older data may have
    Activity.objects.filter(pk=third.pk).update(position=7)
    services.activity_move(activity=third, direction=-1)
    assert positions(workshop) == [(first.pk, 0), (third.pk, 1), (second.pk, 2)]
    services.activity_move(activity=first, direction=-1)  # already first: stays
    services.activity_move(activity=second, direction=1)  # already last: stays
    assert positions(workshop) == [(first.pk, 0), (third.pk, 1), (second.pk, 2)]
    services.activity_move(activity=first, direction=1)
    assert positions(workshop) == [(third.pk, 0), (first.pk, 1), (second.pk, 2)]


def test_moving_goes_one_step_at_a_time(choice: Activity) -> None:
    with pytest.raises(Refusal, match="ett steg"):
        services.activity_move(activity=choice, direction=2)


def test_deleting_an_answered_activity_is_refused(
    choice: Activity, participant: Participant
) -> None:
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="d"
    )
    with pytest.raises(Refusal, match="svar blir aldri slettet") as refused:
        services.activity_delete(activity=choice)
    assert refused.value.status == 409
    assert Activity.objects.filter(pk=choice.pk).exists()
    assert Response.objects.filter(activity=choice).count() == 1


def test_votes_on_starting_statements_and_imported_texts_count_as_answers(
    add_activity: Callable[..., Activity], participant: Participant
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Bussen går for sjelden"])
    services.statement_vote(
        participant=participant, statement=statements.contributions.get(), vote=1
    )
    with pytest.raises(Refusal, match="aldri slettet"):
        services.activity_delete(activity=statements)
    wall = add_activity(ActivityKind.OPEN)
    Contribution.objects.create(activity=wall, text="Fra folkemøtet", imported_from="møte.csv")
    with pytest.raises(Refusal, match="aldri slettet"):
        services.activity_delete(activity=wall)


def test_an_unanswered_activity_is_deleted_with_its_starting_statements(
    open_workshop: Workshop, choice: Activity, add_activity: Callable[..., Activity]
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Bussen går for sjelden"])
    last = add_activity(ActivityKind.SCALE)
    services.activity_delete(activity=statements)
    assert not Contribution.objects.filter(activity_id=statements.pk).exists()
    assert positions(open_workshop) == [(choice.pk, 0), (last.pk, 1)]


def test_deleting_the_current_activity_moves_the_current_one_on(
    open_workshop: Workshop, choice: Activity, add_activity: Callable[..., Activity]
) -> None:
    middle = add_activity(ActivityKind.SCALE)
    last = add_activity(ActivityKind.OPEN)
    services.activity_delete(activity=choice)  # shown: the next one is shown instead
    open_workshop.refresh_from_db()
    assert open_workshop.current_activity == middle
    assert positions(open_workshop) == [(middle.pk, 0), (last.pk, 1)]
    services.workshop_show_activity(workshop=open_workshop, activity=last)
    services.activity_delete(activity=last)  # shown and last: the one before is shown
    open_workshop.refresh_from_db()
    assert open_workshop.current_activity == middle
    services.activity_delete(activity=middle)  # the only one: nothing is shown
    open_workshop.refresh_from_db()
    assert open_workshop.current_activity is None


def test_hiding_a_word_hides_every_answer_that_folds_to_it_and_restoring_shows_them_again(
    add_activity: Callable[..., Activity], make_participant: Callable[[], Participant]
) -> None:
    cloud = add_activity(ActivityKind.WORDCLOUD)
    for n, word in enumerate(["Ola", "ola", "Havet"]):
        services.contribution_submit(
            participant=make_participant(), activity=cloud, text=word, idempotency_key=f"w{n}"
        )
    assert services.wordcloud_word_moderate(activity=cloud, word="ola", action="hide") == 2
    assert [row["label"] for row in selectors.activity_results(cloud)["rows"]] == ["havet"]
    assert [row["label"] for row in selectors.activity_state(cloud)["hidden_words"]] == ["ola"]
    assert services.wordcloud_word_moderate(activity=cloud, word="ola", action="restore") == 2
    assert selectors.activity_results(cloud)["total"] == 3


def test_only_a_word_cloud_has_words_to_hide(add_activity: Callable[..., Activity]) -> None:
    with pytest.raises(Refusal):
        services.wordcloud_word_moderate(
            activity=add_activity(ActivityKind.QA), word="ola", action="hide"
        )
