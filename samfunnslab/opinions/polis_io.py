"""Read Polis CSV exports (votes.csv, comments.csv, participants-votes.csv)."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from opinion import Key, OpinionMap, Vote, adjusted_rand_index, compute_map

VOTE_COLUMNS = ("comment-id", "voter-id", "vote")  # timestamp is optional
COMMENT_COLUMNS = ("comment-id", "moderated")
PARTICIPANT_COLUMNS = ("participant", "group-id")
VOTE_VALUES = {"1": 1, "-1": -1, "0": 0}
BOOLEAN_VALUES = {
    "true": True,
    "t": True,
    "1": True,
    "false": False,
    "f": False,
    "0": False,
    "": False,
}


class PolisFileError(ValueError):
    """A Polis export that cannot be read; the message names the file, line and value."""


@dataclass(frozen=True)
class Conversation:
    """One Polis conversation: votes in time order, moderated-out comments, Polis's groups."""

    name: str
    votes: tuple[Vote, ...]
    timestamps: tuple[int, ...]
    moderated_out: frozenset[int]
    polis_groups: dict[int, int]


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV file after checking its header."""
    if not path.is_file():
        raise PolisFileError(f"{path}: file not found")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        try:
            _check_header(path, reader.fieldnames or [], required)
            for row in reader:
                yield reader.line_num, row
        except UnicodeDecodeError as error:
            raise PolisFileError(f"{path}: not UTF-8 text ({error.reason})") from None
        except csv.Error as error:
            raise PolisFileError(f"{path}, line {reader.line_num}: {error}") from None


def _check_header(path: Path, header: Sequence[str], required: tuple[str, ...]) -> None:
    """Raise an error naming the required columns the header lacks."""
    missing = [name for name in required if name not in header]
    if missing:
        raise PolisFileError(
            f"{path}, line 1: missing column(s) {', '.join(missing)}; "
            f"found {', '.join(header) or 'no header'}"
        )


def _integer(path: Path, line: int, column: str, text: str | None) -> int:
    """Parse an integer cell or raise an error naming file, line, column and value."""
    try:
        return int((text or "").strip())
    except ValueError:
        raise PolisFileError(
            f"{path}, line {line}: column {column} has {text!r}; expected a whole number"
        ) from None


def read_votes(path: Path) -> list[Vote]:
    """Read votes.csv (1 agree, -1 disagree, 0 pass) sorted by time, oldest first."""
    return [vote for _, vote in read_timed_votes(path)]


def read_timed_votes(path: Path) -> list[tuple[int, Vote]]:
    """Read votes.csv as (timestamp in ms, vote) pairs sorted by time, oldest first.

    Without a timestamp column, rows are taken as already in time order.
    """
    stamped: list[tuple[int, int, Vote]] = []
    for line, row in _rows(path, VOTE_COLUMNS):
        raw = (row["vote"] or "").strip()
        if raw not in VOTE_VALUES:
            raise PolisFileError(
                f"{path}, line {line}: column vote has {row['vote']!r}; expected 1, -1 or 0"
            )
        vote = Vote(
            participant=_integer(path, line, "voter-id", row["voter-id"]),
            statement=_integer(path, line, "comment-id", row["comment-id"]),
            value=VOTE_VALUES[raw],
        )
        stamp = _integer(path, line, "timestamp", row["timestamp"]) if "timestamp" in row else 0
        stamped.append((stamp, line, vote))
    stamped.sort(key=lambda item: (item[0], item[1]))
    return [(stamp, vote) for stamp, _, vote in stamped]


def read_moderated_out(path: Path) -> frozenset[int]:
    """Return the comment ids Polis leaves out of the map, from comments.csv.

    That is Polis's `mod-out`: comments moderators rejected (moderated = -1) and comments marked
    as metadata (is-meta = true, e.g. "I am under 30"; a column of exports since 2023).
    """
    left_out = set()
    for line, row in _rows(path, COMMENT_COLUMNS):
        comment = _integer(path, line, "comment-id", row["comment-id"])
        rejected = _integer(path, line, "moderated", row["moderated"]) == -1
        if rejected or _boolean(path, line, "is-meta", row.get("is-meta")):
            left_out.add(comment)
    return frozenset(left_out)


def _boolean(path: Path, line: int, column: str, text: str | None) -> bool:
    """Parse a true/false cell (blank or missing is false) or raise an error naming it."""
    value = (text or "").strip().lower()
    if value not in BOOLEAN_VALUES:
        raise PolisFileError(
            f"{path}, line {line}: column {column} has {text!r}; expected true or false"
        )
    return BOOLEAN_VALUES[value]


def read_polis_groups(path: Path) -> dict[int, int]:
    """Return Polis's own group id per participant from participants-votes.csv (blank skipped)."""
    groups = {}
    for line, row in _rows(path, PARTICIPANT_COLUMNS):
        text = (row["group-id"] or "").strip()
        if text:
            participant = _integer(path, line, "participant", row["participant"])
            groups[participant] = _integer(path, line, "group-id", text)
    return groups


def read_conversation(directory: Path) -> Conversation:
    """Read a conversation directory holding votes.csv, comments.csv and participants-votes.csv."""
    timed = read_timed_votes(directory / "votes.csv")
    return Conversation(
        name=directory.name,
        votes=tuple(vote for _, vote in timed),
        timestamps=tuple(stamp for stamp, _ in timed),
        moderated_out=read_moderated_out(directory / "comments.csv"),
        polis_groups=read_polis_groups(directory / "participants-votes.csv"),
    )


@dataclass(frozen=True)
class Comparison:
    """How our groups for a conversation compare with the groups Polis itself computed."""

    name: str
    voters: int
    clustered: int
    polis_grouped: int
    compared: int
    # Grouped by Polis but not by today's in-conv rule, and the other way round. Many of the
    # first point to groups stored by an older Polis rule (see docs/opinion-map.md).
    only_polis: int
    only_us: int
    groups: int
    polis_groups: int
    ari: float


def conversation_map(conversation: Conversation, *, seed: int = 0) -> OpinionMap:
    """Compute the map of a whole conversation at once, moderated-out comments left out."""
    return compute_map(conversation.votes, seed=seed, moderated_out=conversation.moderated_out)


def replay(conversation: Conversation, *, tick_seconds: float, seed: int = 0) -> OpinionMap:
    """Recompute the map tick by tick as votes arrived, each tick warm-started from the last."""
    result: OpinionMap | None = None
    for end in tick_ends(conversation.timestamps, tick_seconds):
        result = compute_map(
            conversation.votes[:end],
            seed=seed,
            moderated_out=conversation.moderated_out,
            previous=result.state if result else None,
        )
    if result is None:
        return compute_map((), seed=seed)
    return result


def tick_ends(timestamps: Sequence[int], tick_seconds: float) -> list[int]:
    """Return the vote counts at which a tick ends: when a vote comes tick_seconds after the last tick."""
    ends, tick_start = [], None
    for index, stamp in enumerate(timestamps):
        if tick_start is None:
            tick_start = stamp
        elif stamp - tick_start >= tick_seconds * 1000:
            ends.append(index)
            tick_start = stamp
    return ends + [len(timestamps)] if timestamps else []


def compare_with_polis(
    conversation: Conversation, *, seed: int = 0, tick_seconds: float | None = None
) -> Comparison:
    """Compute our opinion map (at once, or replayed in ticks) and its ARI against Polis's groups."""
    if tick_seconds is None:
        result = conversation_map(conversation, seed=seed)
    else:
        result = replay(conversation, tick_seconds=tick_seconds, seed=seed)
    both = [p for p in result.group_of if p in conversation.polis_groups]
    return Comparison(
        name=conversation.name,
        voters=len(result.participants),
        clustered=len(result.clustered),
        polis_grouped=len(conversation.polis_groups),
        compared=len(both),
        only_polis=len(conversation.polis_groups.keys() - result.group_of.keys()),
        only_us=len(result.group_of.keys() - conversation.polis_groups.keys()),
        groups=len(result.groups),
        polis_groups=len(set(conversation.polis_groups.values())),
        ari=_ari(result, conversation, both),
    )


def _ari(result: OpinionMap, conversation: Conversation, both: Sequence[Key]) -> float:
    """Return the ARI over participants both we and Polis put in a group (NaN if none)."""
    if not both:
        return float("nan")
    ours = [result.group_of[p] for p in both]
    return adjusted_rand_index(ours, [conversation.polis_groups[int(p)] for p in both])
