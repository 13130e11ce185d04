"""Back-test the projection on registered data (2011→2021, 2016→2026, 2018→2026) and report MAPE."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samfunnslab.scenarios.backtest import (
    BACKTESTS,
    compare_variants,
    method_notes,
    municipalities,
    parse_pairs,
    render_report,
    run_backtest,
    variants,
)


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # a data command: needs no URL or model checks
    help = "Write MAPE of municipal totals and age groups for the standard back-tests."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--out", type=Path, default=None, help="markdown file, e.g. docs/backtest.md"
        )
        parser.add_argument(
            "--no-variants", action="store_true", help="skip the table of method variants"
        )
        parser.add_argument("--snapshot-dir", type=Path, default=None)
        parser.add_argument(
            "--pairs", default=",".join(f"{b}:{t}" for b, t in BACKTESTS),
            help="base:target year pairs, comma-separated",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot_dir = options["snapshot_dir"] or Path(settings.SNAPSHOT_DIR)
        try:
            pairs = parse_pairs(options["pairs"])
            results = [run_backtest(base, target, snapshot_dir) for base, target in pairs]
            table = (
                "" if options["no_variants"] else compare_variants(snapshot_dir, variants(), pairs)
            )
        except (ValueError, KeyError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        names = {code: m.name for code, m in municipalities(snapshot_dir).items()}
        report = render_report(results, names, method_notes(table))
        self.stdout.write(report)
        if options["out"]:
            options["out"].parent.mkdir(parents=True, exist_ok=True)
            options["out"].write_text(report, "utf-8")
