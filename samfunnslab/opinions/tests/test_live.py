from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from opinion import Vote, compute_map
from samfunnslab.opinions import live
from samfunnslab.workshops import services
from samfunnslab.workshops.models import (
    Activity,
    Contribution,
    Participant,
    StatementVote,
    Workshop,
)

CAMP_A = [
    "Skolen bør være åpen for alle aldre om kvelden.",
    "Frivillige lag bør få nøklene til kommunens lokaler.",
    "Naboer bør ha ansvar for hverandres handling.",
    "Eldre bør bo i bofellesskap midt i sentrum.",
    "Bibliotek og helsestasjon bør ligge i samme bygg.",
]
CAMP_B = [
    "Kommunen bør samle tjenestene i én by.",
    "Familien, ikke naboene, bør ha hovedansvaret for eldre.",
    "Hjemmetjenesten bør bruke mer velferdsteknologi.",
    "Skolen bør bare være for barn.",
    "Private bør drive flere tjenester.",
]
SHARED = ["Alle bør ha en trygg vei til skolen.", "Vi trenger flere møteplasser."]


def make_statements_activity(organisation: Any, facilitator: Any) -> Activity:
    workshop = services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Haugesund 2040",
        municipality_code="1106",
    )
    activity = services.activity_add(
        workshop=workshop,
        kind="statements",
        prompt="Hva mener du?",
        statements=CAMP_A + CAMP_B + SHARED,
    )
    services.workshop_open(workshop=workshop)
    return activity


def statements_by_text(activity: Activity) -> dict[str, Contribution]:
    return {c.text: c for c in activity.contributions.all()}


def vote_camp(activity: Activity, *, camp: str, people: int) -> list[Participant]:
    """People who agree with their camp's statements, disagree with the other's, and agree on SHARED."""
    workshop: Workshop = activity.workshop
    by_text = statements_by_text(activity)
    mine, theirs = (CAMP_A, CAMP_B) if camp == "A" else (CAMP_B, CAMP_A)
    joined = []
    for _ in range(people):
        participant = services.participant_join(workshop=workshop)
        StatementVote.objects.bulk_create(
            [
                StatementVote(participant=participant, statement=by_text[t], vote=1)
                for t in mine + SHARED
            ]
            + [
                StatementVote(participant=participant, statement=by_text[t], vote=-1)
                for t in theirs
            ]
        )
        joined.append(participant)
    return joined


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Run refreshes in the test's thread, and count how often the map is really computed."""
    calls: list[int] = []
    real = live.compute_map

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(live, "run_in_background", lambda job: job())
    monkeypatch.setattr(live, "compute_map", counting)
    return calls


def _texts(statements: list[dict[str, Any]]) -> set[str]:
    return {s["text"] for s in statements}


def test_two_camps_of_fifteen_make_two_groups_named_by_their_statements(
    organisation: Any, facilitator: Any, at_once: list[int]
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=15)
    vote_camp(activity, camp="B", people=15)

    payload = live.current_map(activity.pk, clock=lambda: 1000.0)["payload"]

    assert payload["participants"] == 30
    assert [g["size"] for g in payload["groups"]] == [15, 15]
    names = set()
    for group in payload["groups"]:
        sides = {(s["text"], s["direction"]) for s in group["statements"]}
        own_a = {(t, "agree") for t in CAMP_A + SHARED} | {(t, "disagree") for t in CAMP_B}
        own_b = {(t, "agree") for t in CAMP_B + SHARED} | {(t, "disagree") for t in CAMP_A}
        assert sides and (sides <= own_a or sides <= own_b), sides
        names.add(group["statements"][0]["text"])
    assert len(names) == 2  # each group is named by a statement of its own
    assert _texts(payload["unites"]) == set(SHARED)
    assert _texts(payload["divides"]) <= set(CAMP_A + CAMP_B)
    assert len(payload["divides"]) == 5


def test_the_dots_are_anonymous(organisation: Any, facilitator: Any, at_once: list[int]) -> None:
    activity = make_statements_activity(organisation, facilitator)
    people = vote_camp(activity, camp="A", people=8) + vote_camp(activity, camp="B", people=8)

    payload = live.current_map(activity.pk, clock=lambda: 1000.0)["payload"]

    assert len(payload["dots"]) == 16
    assert all(set(dot) == {"x", "y", "group"} for dot in payload["dots"])
    dumped = json.dumps(payload)
    assert all(str(person.token) not in dumped for person in people)
    statement_ids = set(activity.contributions.values_list("id", flat=True))
    assert set(_ids(payload)) <= statement_ids  # every id in the payload is a statement's


def _ids(node: Any) -> list[int]:
    if isinstance(node, dict):
        own = [node["id"]] if "id" in node else []
        return own + [i for v in node.values() for i in _ids(v)]
    if isinstance(node, list):
        return [i for v in node for i in _ids(v)]
    return []


def test_groups_under_five_are_not_shown_as_groups(
    organisation: Any, facilitator: Any, at_once: list[int]
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=20)
    vote_camp(activity, camp="B", people=3)

    payload = live.current_map(activity.pk, clock=lambda: 1000.0)["payload"]

    assert all(g["size"] >= 5 for g in payload["groups"])
    assert sum(1 for d in payload["dots"] if d["group"]) == payload["grouped"]
    assert payload["grouped"] <= 20  # the three who voted otherwise are never a group of their own


def test_a_second_request_within_a_second_does_not_recompute(
    organisation: Any, facilitator: Any, at_once: list[int]
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=6)
    now = [1000.0]

    first = live.current_map(activity.pk, clock=lambda: now[0])
    vote_camp(activity, camp="B", people=6)
    now[0] = 1000.9
    second = live.current_map(activity.pk, clock=lambda: now[0])

    assert len(at_once) == 1
    assert second["payload"] == first["payload"]
    assert second["payload"]["participants"] == 6

    now[0] = 1001.0
    third = live.current_map(activity.pk, clock=lambda: now[0])
    assert len(at_once) == 2
    assert third["payload"]["participants"] == 12


def test_no_new_votes_means_no_recompute_even_after_the_interval(
    organisation: Any, facilitator: Any, at_once: list[int]
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=6)

    live.current_map(activity.pk, clock=lambda: 1000.0)
    entry = live.current_map(activity.pk, clock=lambda: 1005.0)

    assert len(at_once) == 1
    assert entry["computed_at"] == 1005.0


def test_a_refresh_already_running_elsewhere_is_not_started_twice(
    organisation: Any, facilitator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    started: list[Any] = []
    monkeypatch.setattr(live, "run_in_background", started.append)  # never runs: still "busy"

    assert live.current_map(activity.pk, clock=lambda: 1000.0) is None
    assert live.current_map(activity.pk, clock=lambda: 1003.0) is None
    assert len(started) == 1


def test_hidden_statements_leave_the_map(
    organisation: Any, facilitator: Any, at_once: list[int]
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=10)
    vote_camp(activity, camp="B", people=10)
    hidden = statements_by_text(activity)[SHARED[0]]
    services.contribution_moderate(contribution=hidden, action="hide")

    payload = live.current_map(activity.pk, clock=lambda: 1000.0)["payload"]

    shown = _texts(payload["unites"]) | _texts(payload["divides"])
    shown |= {s["text"] for g in payload["groups"] for s in g["statements"]}
    assert SHARED[0] not in shown
    assert payload["statements"] == len(CAMP_A + CAMP_B + SHARED) - 1


def test_nothing_is_said_to_unite_fewer_than_five_people() -> None:
    votes = [Vote(p, s, 1) for p in range(4) for s in range(3)]
    assert live.map_payload(compute_map(votes), votes, {0: "a", 1: "b", 2: "c"})["unites"] == []
    more = [Vote(p, s, 1) for p in range(5) for s in range(3)]
    assert live.map_payload(compute_map(more), more, {0: "a", 1: "b", 2: "c"})["unites"]


def test_routing_prefers_high_priority_and_gives_new_statements_a_chance() -> None:
    rng = np.random.default_rng(0)
    draws = [live.pick_next([1, 2, 3], {1: 100.0, 2: 0.0}, rng) for _ in range(400)]
    assert draws.count(2) == 0
    assert draws.count(1) > draws.count(3) > 0  # 3 is new: Polis's priority for an unseen statement
    assert live.pick_next([], {1: 1.0}, rng) is None


def test_each_group_becomes_a_model_seed(
    organisation: Any, facilitator: Any, at_once: list[int]
) -> None:
    activity = make_statements_activity(organisation, facilitator)
    vote_camp(activity, camp="A", people=10)
    vote_camp(activity, camp="B", people=10)

    seeds = live.model_seeds(live.current_map(activity.pk, clock=lambda: 1.0)["payload"])

    assert [s["letter"] for s in seeds] == ["A", "B"]
    for seed in seeds:
        assert seed["text"].startswith(f"Gruppe {seed['letter']} (10 personer) mener:")
        assert seed["headline"] in seed["text"]


def test_a_model_seed_is_named_after_its_groups_statement_and_carries_the_team_rules() -> None:
    payload = {
        "groups": [
            {
                "letter": "A",
                "size": 12,
                "statements": [{"text": "Naboer hjelper hverandre", "direction": "agree"}],
            },
            {
                "letter": "B",
                "size": 6,
                "statements": [{"text": "Kommunen gjør alt", "direction": "disagree"}],
            },
        ],
        "divides": [{"text": "Skolen skal ligge i bygda"}],
    }

    first, second = live.model_seeds(payload)

    assert first["name"] == "Visjon A: Enig: Naboer hjelper hverandre"
    assert second["name"] == "Visjon B: Uenig: Kommunen gjør alt"
    assert (first["minority"], second["minority"]) == (False, True)
    assert "Dette er vi uenige om:\n– Skolen skal ligge i bygda" in first["text"]
    assert "Minoritetsmodellen" in second["text"]


def test_a_single_group_or_groups_of_equal_size_have_no_minority_model() -> None:
    payload = {"groups": [{"letter": "A", "size": 9, "statements": []}]}
    assert live.model_seeds(payload)[0]["minority"] is False
    equal = {"groups": [{"letter": x, "size": 9, "statements": []} for x in "AB"]}
    assert [s["minority"] for s in live.model_seeds(equal)] == [False, False]


def _camps_with_a_thinly_voted_statement(thin: int) -> tuple[list[Vote], dict[int, str]]:
    """Two camps of 8 on statements 0–9 (each statement has one pass); statement 10 is seen by
    `thin` of camp A (all agree) and by all of camp B (all disagree), so it divides them most."""
    votes = []
    for person in range(16):
        camp_a = person < 8
        for statement in range(10):
            own = (statement < 5) == camp_a
            passes = statement % 5 == person % 8
            votes.append(Vote(person, statement, 0 if passes else 1 if own else -1))
        if not camp_a or person < thin:
            votes.append(Vote(person, 10, 1 if camp_a else -1))
    return votes, {s: f"påstand {s}" for s in range(11)}


def _shown_with_a_share(payload: dict[str, Any]) -> list[int]:
    named = [s["id"] for g in payload["groups"] for s in g["statements"]]
    return named + [s["id"] for s in payload["unites"] + payload["divides"]]


@pytest.mark.parametrize("thin", [1, 4])
def test_no_group_share_rests_on_fewer_than_five_votes(thin: int) -> None:
    votes, texts = _camps_with_a_thinly_voted_statement(thin)

    payload = live.map_payload(compute_map(votes), votes, texts)

    assert [g["size"] for g in payload["groups"]] == [8, 8]
    assert 10 not in _shown_with_a_share(payload)
    assert all(entry["seen"] >= 5 for s in payload["divides"] for entry in s["groups"])


def test_a_statement_five_of_each_group_voted_on_can_divide_them() -> None:
    votes, texts = _camps_with_a_thinly_voted_statement(5)

    payload = live.map_payload(compute_map(votes), votes, texts)

    assert 10 in [s["id"] for s in payload["divides"]]
