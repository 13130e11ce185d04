"""Fetch SSB tables (07459 population, 14288/14746 municipal projections) from PxWebApi v2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from statbank.errors import StatInputError
from statbank.fetch import MIN_INTERVAL, TABLES, FetchError, SsbClient, parse_years, save_table


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
        f"Known tables: {', '.join(TABLES)}. Requests are spaced by {MIN_INTERVAL} s "
        "(SSB allows 30 per minute) and cached."
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
        parser.add_argument("--lang", default="no", choices=["no", "en"])

    def handle(self, *args: Any, table: str, out: Path, **options: Any) -> None:
        selection: dict[str, list[str]] = {}
        if not options["all_regions"]:
            selection["Region"] = options["region"] or snapshot_codes()
        try:
            years = parse_years(options["years"]) if options["years"] else None
            client = make_client(options["cache"] or out / ".cache")
            written = save_table(
                client, table, out, years=years, selection=selection, lang=options["lang"]
            )
        except (FetchError, StatInputError) as exc:
            raise CommandError(f"Nothing was fetched from SSB. {exc}") from exc
        for path in written:
            self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Fetched SSB table {table} in {len(written)} file(s) "
                f"with {client.requests} request(s). Kilde: Statistisk sentralbyrå (SSB), CC BY 4.0."
            )
        )
