"""Compare our opinion groups with Polis's own groups on real conversations (ARI table)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samfunnslab.opinions.polis_io import (
    Comparison,
    PolisFileError,
    compare_with_polis,
    read_conversation,
)

HEADER = (
    "conversation",
    "voters",
    "clustered",
    "polis_grouped",
    "compared",
    "only_polis",
    "only_us",
    "k",
    "polis_k",
    "ARI",
)


class Command(BaseCommand):
    help = (
        "For every Polis conversation folder (votes.csv, comments.csv, participants-votes.csv) "
        "in the data dir, compute our groups and print the adjusted Rand index against "
        "Polis's own group-id, over the participants both place in a group, and how many "
        "participants only Polis or only we place in a group."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="folder of conversation folders (default: SHARED_DATA_DIR/polis)",
        )
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument(
            "--replay",
            type=float,
            default=None,
            metavar="SECONDS",
            help="replay votes in ticks of this many seconds, each warm-started from the last "
            "(as Polis's math worker does) instead of computing once from all votes",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data_dir"] or Path(settings.SHARED_DATA_DIR) / "polis"
        folders = conversation_folders(data_dir)
        rows = []
        for folder in folders:
            try:
                conversation = read_conversation(folder)
            except PolisFileError as error:
                raise CommandError(str(error)) from error
            rows.append(
                compare_with_polis(
                    conversation, seed=options["seed"], tick_seconds=options["replay"]
                )
            )
        self.stdout.write(format_table(rows))


def conversation_folders(data_dir: Path) -> list[Path]:
    """Return the sub-folders that hold a votes.csv, sorted by name."""
    if not data_dir.is_dir():
        raise CommandError(f"{data_dir}: data folder not found")
    folders = sorted(p for p in data_dir.iterdir() if (p / "votes.csv").is_file())
    if not folders:
        raise CommandError(f"{data_dir}: no conversation folders with a votes.csv")
    return folders


def format_table(rows: list[Comparison]) -> str:
    """Format comparisons as an aligned plain-text table."""
    cells = [HEADER] + [
        (
            r.name,
            str(r.voters),
            str(r.clustered),
            str(r.polis_grouped),
            str(r.compared),
            str(r.only_polis),
            str(r.only_us),
            str(r.groups),
            str(r.polis_groups),
            f"{r.ari:.3f}",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)
