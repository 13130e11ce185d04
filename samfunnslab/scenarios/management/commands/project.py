"""Project all municipalities from a base year, using only data up to that year, to a long CSV."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projection import ALTERNATIVES, Projection
from samfunnslab.scenarios.backtest import municipalities, project_from, write_long_csv


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # a data command: needs no URL or model checks
    help = "Project the population of every municipality from --base-year to --until (long CSV)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--base-year", type=int, required=True)
        parser.add_argument("--until", type=int, default=2050)
        parser.add_argument("--out", type=Path, required=True, help="CSV file, or - for stdout")
        parser.add_argument(
            "--alternative", default="MMMM", help=f"one of {', '.join(ALTERNATIVES)}"
        )
        parser.add_argument(
            "--no-align", action="store_true", help="do not align to SSB's national series"
        )
        parser.add_argument("--snapshot-dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot_dir = options["snapshot_dir"] or Path(settings.SNAPSHOT_DIR)
        base_year = options["base_year"]
        try:
            result = project_from(
                base_year, options["until"], snapshot_dir,
                alternative=options["alternative"], align=not options["no_align"],
            )  # fmt: skip
        except (ValueError, KeyError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        names = {code: m.name for code, m in municipalities(snapshot_dir).items()}
        for code in result.codes:
            if not result.included[result.codes.index(code)]:
                self.stderr.write(
                    f"excluded (no comparable figure in {base_year}): {code} {names.get(code, '')}"
                )
        self._write(result, options["out"])

    def _write(self, result: Projection, out: Path) -> None:
        """Write the CSV to a file or to stdout (then the summary goes to stderr)."""
        summary = f"{int(result.included.sum())} municipalities, {result.label}"
        if str(out) == "-":
            write_long_csv(result, self.stdout)
            self.stderr.write(summary)
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as handle:
            rows = write_long_csv(result, handle)
        self.stdout.write(f"{out}: {rows} rows, {summary}")
