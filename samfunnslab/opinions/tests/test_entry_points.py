"""The same votes give the same groups through every entry point, whatever the seed."""

from __future__ import annotations

import csv
from io import StringIO
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from opinion import Vote, adjusted_rand_index, compute_map
from opinion.tests.camps import camps
from samfunnslab.opinions import live
from samfunnslab.opinions.polis_io import conversation_map, read_conversation
from samfunnslab.opinions.tests.polis_files import VOTES_HEADER
from samfunnslab.workshops import services
from samfunnslab.workshops.models import Contribution, StatementVote

POLIS = Path(settings.SHARED_DATA_DIR) / "polis"
CONVERSATIONS = ("15-per-hour-seattle", "scoop-hivemind.biodiversity", "football-concussions")
MODERATED_OUT = {11}


def _votes() -> list[Vote]:
    """Three noisy camps, one rejected statement and a few light voters, in time order."""
    votes = camps((30, 20, 12), n_statements=14, seed=3)
    votes += [Vote(f"light-{i}", s, 1) for i in range(6) for s in range(3)]
    number: dict[object, int] = {}  # Polis exports number their voters
    return [
        Vote(number.setdefault(v.participant, len(number)), v.statement, v.value) for v in votes
    ]


def _write_polis(folder: Path, votes: list[Vote]) -> Path:
    folder.mkdir()
    rows = [VOTES_HEADER] + [
        f"{1000 + i},x,{v.statement},{v.participant},{v.value}\n" for i, v in enumerate(votes)
    ]
    (folder / "votes.csv").write_text("".join(rows), encoding="utf-8")
    statements = sorted({v.statement for v in votes})
    (folder / "comments.csv").write_text(
        "comment-id,moderated\n"
        + "".join(f"{s},{-1 if s in MODERATED_OUT else 1}\n" for s in statements),
        encoding="utf-8",
    )
    (folder / "participants-votes.csv").write_text("participant,group-id\n", encoding="utf-8")
    return folder


def _same_partition(a: dict[Any, int], b: dict[Any, int]) -> bool:
    return a.keys() == b.keys() and adjusted_rand_index(
        [a[p] for p in a], [b[p] for p in a]
    ) == pytest.approx(1.0)


def test_compute_map_opinion_map_and_opinion_report_give_the_same_groups(tmp_path: Path) -> None:
    votes = _votes()
    folder = _write_polis(tmp_path / "conversation", votes)
    direct = compute_map(votes, moderated_out=MODERATED_OUT).group_of
    assert len(set(direct.values())) >= 2

    call_command(
        "opinion_map", "--votes", str(folder / "votes.csv"), "--out", str(tmp_path / "g.csv")
    )
    with (tmp_path / "g.csv").open(encoding="utf-8") as handle:
        written = {
            int(r["participant"]): int(r["group"]) for r in csv.DictReader(handle) if r["group"]
        }
    reported = conversation_map(read_conversation(folder)).group_of
    (folder / "participants-votes.csv").write_text(  # Polis's groups := ours, then compare
        "participant,group-id\n" + "".join(f"{p},{g}\n" for p, g in direct.items()),
        encoding="utf-8",
    )
    out = StringIO()
    call_command("opinion_report", "--data-dir", str(tmp_path), stdout=out)
    row = dict(zip(*(line.split() for line in out.getvalue().splitlines()), strict=True))

    assert written == direct  # the command finds comments.csv next to votes.csv by itself
    assert reported == direct
    assert (row["compared"], row["only_polis"], row["only_us"]) == (str(len(direct)), "0", "0")
    assert row["ARI"] == "1.000"


def test_the_live_map_shows_the_groups_a_one_shot_computation_gives(
    organisation: Any, facilitator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "run_in_background", lambda job: job())
    votes = _votes()
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Likt kart", municipality_code="1106"
    )
    statements = sorted({v.statement for v in votes})
    activity = services.activity_add(
        workshop=workshop,
        kind="statements",
        prompt="Hva mener du?",
        statements=[f"Påstand {s}" for s in statements],
    )
    services.workshop_open(workshop=workshop)
    contribution = {
        s: c for s, c in zip(statements, activity.contributions.order_by("id"), strict=True)
    }
    Contribution.objects.filter(pk=contribution[11].pk).update(status="hidden")
    people = {
        p: services.participant_join(workshop=workshop)
        for p in dict.fromkeys(v.participant for v in votes)
    }

    half = len(votes) // 2
    for start, end, clock in ((0, half, 1000.0), (half, len(votes), 1002.0)):
        for v in votes[start:end]:  # one by one, so the stored order is the voting order
            StatementVote.objects.create(
                participant=people[v.participant], statement=contribution[v.statement], vote=v.value
            )
        entry = live.current_map(activity.pk, clock=lambda c=clock: c)  # second one warm-starts

    assert entry is not None
    by_person = {
        people[p].pk: g for p, g in compute_map(votes, moderated_out=MODERATED_OUT).group_of.items()
    }
    assert _same_partition(entry["group_of"], by_person)


def test_the_groups_hardly_depend_on_the_seed() -> None:
    votes = _votes()
    runs = [compute_map(votes, seed=seed).group_of for seed in range(10)]
    keys = list(runs[0])
    for a, b in combinations(runs, 2):
        assert adjusted_rand_index([a[p] for p in keys], [b[p] for p in keys]) >= 0.9


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_the_groups_of_each_polis_conversation_hardly_depend_on_the_seed(name: str) -> None:
    folder = POLIS / name
    if not folder.is_dir():
        pytest.skip(f"shared Polis data not found at {folder}")
    conversation = read_conversation(folder)
    runs = [conversation_map(conversation, seed=seed).group_of for seed in range(10)]
    keys = list(runs[0])
    assert len(set(runs[0].values())) >= 2
    for a, b in combinations(runs, 2):
        assert a.keys() == b.keys()
        assert adjusted_rand_index([a[p] for p in keys], [b[p] for p in keys]) >= 0.9
