"""Write small Polis exports for tests."""

from __future__ import annotations

from pathlib import Path

VOTES_HEADER = "timestamp,datetime,comment-id,voter-id,vote\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_conversation(folder: Path) -> Path:
    """Write a two-camp conversation whose Polis groups match the camps."""
    folder.mkdir()
    votes, groups = [VOTES_HEADER], ["participant,group-id\n"]
    for person in range(24):
        camp = person % 2
        groups.append(f"{person},{camp}\n")
        for comment in range(8):
            value = 1 if (comment % 2 == camp) else -1
            votes.append(f"{person * 10 + comment},x,{comment},{person},{value}\n")
    _write(folder / "votes.csv", "".join(votes))
    _write(folder / "participants-votes.csv", "".join(groups))
    _write(
        folder / "comments.csv", "comment-id,moderated\n" + "".join(f"{c},1\n" for c in range(8))
    )
    return folder
