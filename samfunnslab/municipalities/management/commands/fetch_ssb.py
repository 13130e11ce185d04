"""Fetch SSB tables (07459 population, 14288/14746 municipal projections) from PxWebApi v2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from statbank.errors import StatInputError
from statbank.fetch import TABLES, FetchError, SsbClient, parse_years, save_table


def make_client(cache_dir: Path) -> SsbClient:
    """The HTTP client the command uses (tests replace this with a mock transport)."""
    return SsbClient(cache_dir=cache_dir)


def snapshot_codes() -> list[str]:
    """The 357 municipality codes of the embedded snapshot (2024 borders)."""
    from samfunnslab.core import statistics

    return [m.code for m in statistics.snapshot().municipalities]


class Command(BaseCommand):
    help = (
        "Fetch an SSB table as JSON-stat 2.0 files from data.ssb.no (PxWebApi v2). "
        f"Known tables: {', '.join(TABLES)}. Queries are POSTed, split under the cell limit "
        "and spaced by the call limit that SSB's /config gives, and cached."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--table", required=True, help="SSB table number, e.g. 07459")
        parser.add_argument(
            "--years", nargs="*", default=None, help="e.g. 2024 2025 or 2020-2026 (default: all)"
        )
        parser.add_argument("--out", type=Path, required=True, help="folder for the JSON files")
        parser.add_argument(
            "--cache", type=Path, default=None, help="answer cache (default: OUT/.cache)"
        )
        parser.add_argument(
            "--region", nargs="*", default=None, help="region codes (default: the 357 of 2024)"
        )
        parser.add_argument(
            "--all-regions", action="store_true", help="every region code the table has"
        )
        parser.add_argument(
            "--current-borders",
            action="store_true",
            help="regions from SSB's code list of today's municipalities (agg_KommSummer), "
            "earlier years summed to today's borders; --region then takes codes like K-3101",
        )
        parser.add_argument("--lang", default="no", choices=["no", "en"])

    def handle(self, *args: Any, table: str, out: Path, **options: Any) -> None:
        selection: dict[str, list[str]] = {}
        current = options["current_borders"]
        if options["region"]:
            selection["Region"] = options["region"]
        elif not options["all_regions"] and not current:
            selection["Region"] = snapshot_codes()
        try:
            years = parse_years(options["years"]) if options["years"] else None
            client = make_client(options["cache"] or out / ".cache")
            written = save_table(
                client,
                table,
                out,
                years=years,
                selection=selection,
                lang=options["lang"],
                current_borders=current,
            )
        except (FetchError, StatInputError) as exc:
            raise CommandError(f"Nothing was fetched from SSB. {exc}") from exc
        self.stdout.write(f"Limits: {client.limits().source}")
        for path in written:
            self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Fetched SSB table {table} in {len(written)} file(s) "
                f"with {client.requests} request(s). Kilde: Statistisk sentralbyrå (SSB), CC BY 4.0."
            )
        )
