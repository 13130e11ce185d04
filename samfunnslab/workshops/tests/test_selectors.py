"""Reads: live state is capped, cut per audience, and shared between phones until it changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from samfunnslab.workshops import freshness, selectors, services
from samfunnslab.workshops.models import Activity, ActivityKind, Contribution, Participant


def test_live_state_caps_long_item_lists_but_counts_them_all(
    add_activity: Callable[..., Activity],
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)
    Contribution.objects.bulk_create(
        Contribution(activity=statements, text=f"Påstand {i}") for i in range(205)
    )
    state = selectors.activity_state(statements)
    assert len(state["items"]) == selectors.ITEMS_LIMIT
    assert state["items_total"] == 205
    assert state["items"][-1]["text"] == "Påstand 204"
    assert len(selectors.activity_state(statements, limit=None)["items"]) == 205


def test_phones_get_only_the_newest_open_contributions(
    add_activity: Callable[..., Activity],
) -> None:
    activity = add_activity(ActivityKind.OPEN)
    Contribution.objects.bulk_create(
        Contribution(activity=activity, text=f"Innspill {i}") for i in range(30)
    )
    state = selectors.activity_state(activity)
    phone = selectors.for_audience(state, "participant")
    assert phone is not None and len(phone["items"]) == selectors.PHONE_OPEN_ITEMS
    assert phone["items"][-1]["text"] == "Innspill 29"
    assert len(selectors.for_audience(state, "presenter")["items"]) == 30  # type: ignore[index]


def test_questions_come_most_upvoted_first_then_newest_first(
    add_activity: Callable[..., Activity], participant: Any
) -> None:
    qa = add_activity(ActivityKind.QA)
    old, voted, new = Contribution.objects.bulk_create(
        Contribution(activity=qa, text=text) for text in ("Gammel", "Stemt på", "Ny")
    )
    services.upvote_set(participant=participant, contribution=voted, on=True)
    texts = [item["text"] for item in selectors.activity_state(qa)["items"]]
    assert texts == ["Stemt på", "Ny", "Gammel"]


def test_a_statement_waiting_for_moderation_is_in_the_facilitators_event_only(
    add_activity: Callable[..., Activity], participant: object
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS)
    services.contribution_submit(
        participant=participant, activity=statements, text="Wait for me", idempotency_key="p"
    )  # type: ignore[arg-type]
    event = {"type": "activity", "id": "e1", "activity": selectors.activity_state(statements)}
    assert "Wait for me" in json.dumps(selectors.event_for_audience(event, "facilitator"))
    assert "Wait for me" not in json.dumps(selectors.event_for_audience(event, "presenter"))
    assert "Wait for me" not in json.dumps(selectors.event_for_audience(event, "participant"))


def test_the_public_state_is_shared_until_the_activity_changes(
    add_activity: Callable[..., Activity], participant: object, django_assert_num_queries: Any
) -> None:
    choice = add_activity(ActivityKind.CHOICE, options=["Ja", "Nei"])
    first = selectors.public_activity_state(choice, "participant")
    with django_assert_num_queries(0):
        assert selectors.public_activity_state(choice, "participant") == first
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="c"
    )  # type: ignore[arg-type]
    fresh = selectors.public_activity_state(choice, "participant")
    assert fresh["results"]["total"] == first["results"]["total"] + 1


def test_in_a_crowded_room_the_public_state_is_rebuilt_at_most_once_a_second(
    add_activity: Callable[..., Activity],
    participant: object,
    django_assert_num_queries: Any,
    monkeypatch: Any,
) -> None:

    choice = add_activity(ActivityKind.CHOICE, options=["Ja", "Nei"])
    monkeypatch.setitem(freshness._phones, choice.workshop_id, 5000)
    first = selectors.public_activity_state(choice, "participant")
    services.response_submit(
        participant=participant, activity=choice, value={"choice": 0}, idempotency_key="c"
    )  # type: ignore[arg-type]
    with django_assert_num_queries(0):
        assert selectors.public_activity_state(choice, "participant") == first
    monkeypatch.setattr(selectors, "CROWDED_STATE_SECONDS", 0.0)
    fresh = selectors.public_activity_state(choice, "participant")
    assert fresh["results"]["total"] == first["results"]["total"] + 1


def _answer(choice: Activity, make_participant: Callable[[], Participant], n: int) -> None:
    for i in range(n):
        services.response_submit(
            participant=make_participant(), activity=choice, value={"choice": i % 2},
            idempotency_key=f"k{i}",
        )  # fmt: skip


def test_a_tally_of_fewer_than_five_answers_is_withheld_from_the_room_but_not_the_console(
    choice: Activity, make_participant: Callable[[], Participant]
) -> None:
    _answer(choice, make_participant, 4)
    state = selectors.activity_state(choice)
    for audience in ("presenter", "participant"):
        cut = selectors.for_audience(state, audience)
        assert cut is not None
        assert cut["results"] == {"total": 4, "rows": [], "withheld": True}, audience
    console = selectors.for_audience(state, "facilitator")
    assert console is not None and [r["value"] for r in console["results"]["rows"]][:2] == [2, 2]


def test_the_tally_is_shown_to_everyone_from_the_fifth_answer(
    choice: Activity,
    make_participant: Callable[[], Participant],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the release follows the commit
        _answer(choice, make_participant, 5)
    choice.refresh_from_db()
    cut = selectors.for_audience(selectors.activity_state(choice), "participant")
    assert cut is not None and [r["value"] for r in cut["results"]["rows"]][:2] == [3, 2]
    assert "withheld" not in cut["results"]
