from __future__ import annotations

from pathlib import Path

import pytest

from opinion import Vote
from samfunnslab.opinions.polis_io import (
    PolisFileError,
    compare_with_polis,
    read_conversation,
    read_moderated_out,
    read_polis_groups,
    read_votes,
    replay,
    tick_ends,
)
from samfunnslab.opinions.tests.polis_files import VOTES_HEADER, write_conversation


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_votes_in_time_order(tmp_path: Path) -> None:
    path = _write(tmp_path / "votes.csv", VOTES_HEADER + "20,b,1,7,-1\n10,a,1,7,1\n15,c,2,8,0\n")
    assert read_votes(path) == [Vote(7, 1, 1), Vote(8, 2, 0), Vote(7, 1, -1)]


def test_a_missing_votes_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PolisFileError, match=r"votes\.csv: file not found"):
        read_votes(tmp_path / "votes.csv")


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "votes.csv", "timestamp,comment-id,vote\n1,2,1\n")
    with pytest.raises(PolisFileError, match=r"votes\.csv, line 1: missing column\(s\) voter-id"):
        read_votes(path)


def test_a_bad_vote_value_names_file_line_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path / "votes.csv", VOTES_HEADER + "1,a,1,7,1\n2,b,1,8,yes\n")
    with pytest.raises(PolisFileError, match=r"votes\.csv, line 3: column vote has 'yes'"):
        read_votes(path)


def test_a_bad_voter_id_names_file_line_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path / "votes.csv", VOTES_HEADER + "1,a,1,x7,1\n")
    with pytest.raises(PolisFileError, match=r"line 2: column voter-id has 'x7'"):
        read_votes(path)


def test_rejected_comments_are_moderated_out(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "comments.csv",
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "1,a,0,1,0,0,1,ok\n2,b,1,1,0,0,-1,spam\n3,c,2,1,0,0,0,new\n",
    )
    assert read_moderated_out(path) == frozenset({1})


def test_metadata_comments_are_left_out_as_polis_leaves_them_out(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "comments.csv",
        "timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,comment-body\n"
        "1,0,1,0,0,1,false,true,ok\n2,1,1,0,0,1,true,true,I am under 30\n"
        "3,2,1,0,0,-1,false,false,spam\n4,3,1,0,0,1,,false,new\n",
    )
    assert read_moderated_out(path) == frozenset({1, 2})


def test_a_bad_metadata_flag_names_file_line_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path / "comments.csv", "comment-id,moderated,is-meta\n0,1,maybe\n")
    with pytest.raises(PolisFileError, match=r"line 2: column is-meta has 'maybe'"):
        read_moderated_out(path)


def test_polis_groups_skip_participants_without_a_group(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "participants-votes.csv",
        "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0\n0,1,0,1,1,0,1\n1,,0,1,0,0,0\n",
    )
    assert read_polis_groups(path) == {0: 1}


def test_the_comparison_scores_matching_groups_as_one(tmp_path: Path) -> None:
    result = compare_with_polis(read_conversation(write_conversation(tmp_path / "demo")))
    assert result.compared == 24
    assert result.groups == 2
    assert result.ari == pytest.approx(1.0)


def test_the_replayed_comparison_also_finds_the_groups(tmp_path: Path) -> None:
    conversation = read_conversation(write_conversation(tmp_path / "demo"))
    result = compare_with_polis(conversation, tick_seconds=0.5)
    assert result.ari == pytest.approx(1.0)


def test_a_tick_ends_when_a_vote_comes_a_tick_after_the_last_tick_began() -> None:
    assert tick_ends([0, 400, 1000, 1100, 2500], tick_seconds=1) == [2, 4, 5]


def test_no_votes_make_no_ticks() -> None:
    assert tick_ends([], tick_seconds=1) == []


def test_replay_keeps_every_vote(tmp_path: Path) -> None:
    conversation = read_conversation(write_conversation(tmp_path / "demo"))
    assert len(replay(conversation, tick_seconds=0.05).participants) == 24


def test_votes_without_timestamps_keep_file_order(tmp_path: Path) -> None:
    path = _write(tmp_path / "votes.csv", "comment-id,voter-id,vote\n1,7,1\n1,7,-1\n")
    assert read_votes(path) == [Vote(7, 1, 1), Vote(7, 1, -1)]


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (VOTES_HEADER + "1,a,1,7,1\n").encode())
    assert read_votes(path) == [Vote(7, 1, 1)]


def test_a_blank_timestamp_names_file_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path / "votes.csv", VOTES_HEADER + ",a,1,7,1\n")
    with pytest.raises(PolisFileError, match=r"line 2: column timestamp has ''"):
        read_votes(path)


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes(VOTES_HEADER.encode() + b"1,\xff\xfe,1,7,1\n")
    with pytest.raises(PolisFileError, match=r"votes\.csv: not UTF-8 text"):
        read_votes(path)


def test_an_empty_file_is_reported_as_missing_its_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "votes.csv", "")
    with pytest.raises(PolisFileError, match="found no header"):
        read_votes(path)
