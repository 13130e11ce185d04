"""The room's tallies move in steps of five answers; the console counts live."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from samfunnslab.workshops import selectors, services
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    Participant,
    Response,
    Workshop,
)
from samfunnslab.workshops.services import release


def _answer(choice: Activity, people: list[Participant], option: int, key: str = "k") -> None:
    for person in people:
        services.response_submit(
            participant=person, activity=choice, value={"choice": option}, idempotency_key=key
        )


def _room(activity: Activity) -> dict[str, Any]:
    cut = selectors.for_audience(selectors.activity_state(activity), "presenter")
    assert cut is not None
    return cut


def _counts(results: dict[str, Any]) -> list[int]:
    return [row["value"] for row in results["rows"]]


def test_the_room_sees_the_tally_of_the_last_fifth_answer_and_how_many_have_answered(
    choice: Activity, make_participant: Callable[[], Participant]
) -> None:
    people = [make_participant() for _ in range(10)]
    _answer(choice, people[:5], option=0)
    _answer(choice, people[5:7], option=1)  # 7 answers: the 6th and 7th are not shown yet

    room = _room(choice)["results"]
    console = selectors.activity_state(choice)["results"]

    assert (room["total"], room["answered"], _counts(room)[:2]) == (5, 7, [5, 0])
    assert (console["total"], _counts(console)[:2]) == (7, [5, 2])
    _answer(choice, people[7:], option=1)
    assert _counts(_room(choice)["results"])[:2] == [5, 5]


def test_a_changed_answer_reaches_the_room_only_with_four_more_answer_events(
    choice: Activity, make_participant: Callable[[], Participant]
) -> None:
    people = [make_participant() for _ in range(9)]
    _answer(choice, people[:5], option=0)
    _answer(choice, people[:1], option=1, key="changed")

    assert _counts(_room(choice)["results"])[:2] == [5, 0]
    _answer(choice, people[5:8], option=0)
    assert _counts(_room(choice)["results"])[:2] == [5, 0]
    _answer(choice, people[8:], option=0)
    assert _counts(_room(choice)["results"])[:2] == [8, 1]


def test_a_released_tally_of_fewer_than_five_people_stays_withheld(
    choice: Activity, make_participant: Callable[[], Participant]
) -> None:
    person = make_participant()
    for key in "abcde":  # five events, one person
        _answer(choice, [person], option=0, key=key)

    assert _room(choice)["results"] == {"total": 1, "rows": [], "withheld": True}


def test_a_statements_counts_reach_the_room_in_steps_of_five_votes_on_it(
    add_activity: Callable[..., Activity], make_participant: Callable[[], Participant]
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Mer buss", "Mer sykkel"])
    bus, bike = statements.contributions.order_by("id")
    services.workshop_show_activity(workshop=statements.workshop, activity=statements)
    for person in [make_participant() for _ in range(6)]:
        services.statement_vote(participant=person, statement=bus, vote=1)
        services.statement_vote(participant=person, statement=bike, vote=-1)

    items = {i["id"]: i for i in _room(statements)["items"]}
    assert items[bus.pk]["votes"] == {"agree": 5, "disagree": 0, "pass": 0}
    assert "released_votes" not in items[bus.pk]
    console = {i["id"]: i for i in selectors.activity_state(statements)["items"]}
    assert console[bike.pk]["votes"] == {"agree": 0, "disagree": 6, "pass": 0}


def test_an_import_releases_the_tallies_as_they_stand(
    choice: Activity, make_participant: Callable[[], Participant]
) -> None:
    for index in range(7):
        Response.objects.create(
            activity=choice, participant=make_participant(), value={"choice": index % 2},
            idempotency_key=f"import:{index}",
        )  # fmt: skip

    release.release_all(choice)

    assert _counts(_room(choice)["results"])[:2] == [4, 3]
    assert Activity.objects.get(pk=choice.pk).answer_events == 7


def test_the_presenter_says_the_results_move_in_steps_of_five(
    open_workshop: Workshop, choice: Activity, facilitator: Any,
    make_participant: Callable[[], Participant],
) -> None:  # fmt: skip
    _answer(choice, [make_participant() for _ in range(7)], option=0)
    client = Client()
    client.force_login(facilitator)

    html = client.get(reverse("workshops:presenter", args=[open_workshop.pk])).content.decode()

    assert "<caption>5 svar" in html
    assert "Resultatene oppdateres for hvert femte svar. Så langt har 7 svart." in html


def test_a_statement_hidden_from_the_room_carries_no_counts(
    add_activity: Callable[..., Activity], make_participant: Callable[[], Participant]
) -> None:
    statements = add_activity(ActivityKind.STATEMENTS, statements=["Mer buss"])
    bus: Contribution = statements.contributions.get()
    services.workshop_show_activity(workshop=statements.workshop, activity=statements)
    for person in [make_participant() for _ in range(5)]:
        services.statement_vote(participant=person, statement=bus, vote=1)
    services.activity_set_results_visible(activity=statements, visible=False)

    (item,) = _room(Activity.objects.get(pk=statements.pk))["items"]
    assert "votes" not in item and "released_votes" not in item
