"""Compute opinion groups from a Polis votes export and write participant,group."""

from __future__ import annotations

import csv
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from opinion import OpinionMap, compute_map
from samfunnslab.opinions.polis_io import PolisFileError, read_moderated_out, read_votes


class Command(BaseCommand):
    help = (
        "Read a Polis votes.csv (1 agree, -1 disagree, 0 pass; latest vote per comment counts), "
        "compute opinion groups and write a CSV of participant,group "
        "(group is blank for participants with too few votes to be placed in a group)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--votes", required=True, type=Path, help="Polis votes.csv")
        parser.add_argument("--out", required=True, type=Path, help="CSV file to write")
        parser.add_argument(
            "--comments",
            type=Path,
            help="Polis comments.csv; comments with moderated = -1 are left out of the map "
            "(default: the comments.csv next to the votes file, if there is one)",
        )
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")

    def handle(self, *args: Any, **options: Any) -> None:
        comments = options["comments"] or sibling_comments(options["votes"])
        try:
            votes = read_votes(options["votes"])
            moderated = read_moderated_out(comments) if comments else ()
        except PolisFileError as error:
            raise CommandError(str(error)) from error
        if not votes:
            raise CommandError(f"{options['votes']}: no votes found")
        result = compute_map(votes, seed=options["seed"], moderated_out=moderated)
        write_groups(result, options["out"])
        sizes = ", ".join(f"group {g.id}: {g.size}" for g in result.groups)
        self.stdout.write(
            f"Wrote {len(result.participants)} participants to {options['out']} "
            f"({len(result.clustered)} in groups; {sizes or 'no groups'})."
        )


def sibling_comments(votes: Path) -> Path | None:
    """Return the comments.csv in the votes file's folder, as opinion_report reads it, if any."""
    candidate = votes.parent / "comments.csv"
    return candidate if candidate.is_file() else None


def write_groups(result: OpinionMap, path: Path) -> None:
    """Write participant,group rows in first-vote order; blank group when not clustered."""
    if not path.parent.is_dir():
        raise CommandError(f"{path}: folder {path.parent} does not exist")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "group"])
        for participant in result.participants:
            writer.writerow([participant, result.group_of.get(participant, "")])
