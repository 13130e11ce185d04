from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from samfunnslab.opinions.polis_io import compare_with_polis, read_conversation
from samfunnslab.opinions.tests.polis_files import VOTES_HEADER, write_conversation

POLIS_DATA = Path(settings.SHARED_DATA_DIR) / "polis"
# Per shared conversation: participants both we and Polis group, and the lowest ARI we accept,
# what this implementation reaches (Seattle 0.750, Scoop 0.966; docs/opinion-map.md) minus a
# margin. Seattle was 0.884 with the lowest-inertia start; Polis's own start agrees better on
# Polis's other open conversations, so we gave that up (the docs have the whole table).
AGREEMENT = {"15-per-hour-seattle": (138, 0.72), "scoop-hivemind.biodiversity": (443, 0.95)}


def test_opinion_map_writes_a_group_per_participant(tmp_path: Path) -> None:
    folder = write_conversation(tmp_path / "demo")
    out = tmp_path / "groups.csv"
    call_command(
        "opinion_map", "--votes", str(folder / "votes.csv"), "--out", str(out), stdout=StringIO()
    )
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 24
    by_camp = {int(r["participant"]) % 2: r["group"] for r in rows}
    assert by_camp[0] != by_camp[1]
    assert all(r["group"] == by_camp[int(r["participant"]) % 2] for r in rows)


def test_opinion_map_leaves_light_voters_without_a_group(tmp_path: Path) -> None:
    folder = write_conversation(tmp_path / "demo")
    with (folder / "votes.csv").open("a") as handle:
        handle.write("999999,x,0,77,1\n")
    out = tmp_path / "groups.csv"
    call_command(
        "opinion_map", "--votes", str(folder / "votes.csv"), "--out", str(out), stdout=StringIO()
    )
    rows = {r["participant"]: r["group"] for r in csv.DictReader(out.open())}
    assert rows["77"] == ""


def test_opinion_map_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="votes.csv: file not found"):
        call_command(
            "opinion_map", "--votes", str(tmp_path / "votes.csv"), "--out", str(tmp_path / "o.csv")
        )


def test_opinion_map_reports_wrong_columns(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_text("who,what\n1,2\n")
    with pytest.raises(CommandError, match="line 1: missing column"):
        call_command("opinion_map", "--votes", str(path), "--out", str(tmp_path / "o.csv"))


def test_opinion_map_reports_a_bad_vote_value(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_text(VOTES_HEADER + "1,a,0,1,1\n2,a,0,2,5\n")
    with pytest.raises(CommandError, match=r"votes\.csv, line 3: column vote has '5'"):
        call_command("opinion_map", "--votes", str(path), "--out", str(tmp_path / "o.csv"))


def test_opinion_map_reports_a_missing_output_folder(tmp_path: Path) -> None:
    folder = write_conversation(tmp_path / "demo")
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "opinion_map",
            "--votes",
            str(folder / "votes.csv"),
            "--out",
            str(tmp_path / "no" / "o.csv"),
        )


def test_opinion_report_prints_an_ari_row_perwrite_conversation(tmp_path: Path) -> None:
    write_conversation(tmp_path / "alpha")
    write_conversation(tmp_path / "beta")
    out = StringIO()
    call_command("opinion_report", "--data-dir", str(tmp_path), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[-1] == "ARI"
    assert [line.split()[0] for line in lines[1:]] == ["alpha", "beta"]
    assert all(line.split()[-1] == "1.000" for line in lines[1:])


def test_opinion_report_counts_participants_only_polis_or_only_we_group(tmp_path: Path) -> None:
    folder = write_conversation(tmp_path / "demo")
    with (folder / "votes.csv").open("a") as handle:
        handle.write("999999,x,0,77,1\n")  # one vote: below today's in-conv rule
    groups = (folder / "participants-votes.csv").read_text().replace("\n5,1\n", "\n5,\n")
    (folder / "participants-votes.csv").write_text(groups + "77,0\n")

    result = compare_with_polis(read_conversation(folder))

    assert (result.only_polis, result.only_us, result.compared) == (1, 1, 23)


def test_opinion_report_reports_an_empty_data_dir(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no conversation folders"):
        call_command("opinion_report", "--data-dir", str(tmp_path))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.skipif(
                not (POLIS_DATA / name).is_dir(),
                reason=f"shared Polis data not found at {POLIS_DATA / name}",
            ),
        )
        for name in AGREEMENT
    ],
)
def test_groups_agree_with_polis_on_the_shared_conversation(name: str) -> None:
    compared, min_ari = AGREEMENT[name]
    result = compare_with_polis(read_conversation(POLIS_DATA / name))
    assert result.compared == compared
    assert result.groups == result.polis_groups == 2
    assert result.ari >= min_ari
