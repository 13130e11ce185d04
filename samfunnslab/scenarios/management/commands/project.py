"""Project all municipalities from a base year, using only data up to that year, to a long CSV."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projection import ALTERNATIVES
from samfunnslab.scenarios.backtest import municipalities, project_from, write_long_csv


class Command(BaseCommand):
    help = "Project the population of every municipality from --base-year to --until (long CSV)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--base-year", type=int, required=True)
        parser.add_argument("--until", type=int, default=2050)
        parser.add_argument("--out", type=Path, required=True, help="CSV file, or - for stdout")
        parser.add_argument("--alternative", default="MMMM", help=f"one of {', '.join(ALTERNATIVES)}")
        parser.add_argument("--no-align", action="store_true", help="do not align to SSB's national series")
        parser.add_argument("--snapshot-dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot_dir = options["snapshot_dir"] or Path(settings.SNAPSHOT_DIR)
        try:
            result = project_from(
                options["base_year"], options["until"], snapshot_dir,
                alternative=options["alternative"], align=not options["no_align"],
            )  # fmt: skip
        except (ValueError, KeyError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        names = {code: m.name for code, m in municipalities(snapshot_dir).items()}
        for code, ok in zip(result.codes, result.included, strict=True):
            if not ok:
                self.stderr.write(f"utelatt (ingen sammenlignbare tall i {options['base_year']}): {code} {names.get(code, '')}")
        rows = self._write(result, options["out"])
        self.stdout.write(f"{rows} rader, {int(result.included.sum())} kommuner, {result.label}")

    def _write(self, result: Any, out: Path) -> int:
        """Write the CSV to a file or stdout."""
        if str(out) == "-":
            return write_long_csv(result, sys.stdout)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as handle:
            return write_long_csv(result, handle)
