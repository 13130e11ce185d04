"""Back-test the projection on registered data (2011→2021, 2016→2026, 2018→2026) and report MAPE."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samfunnslab.core import statistics
from samfunnslab.scenarios.backtest import (
    BACKTESTS,
    LONG_RUN,
    SSB_REGIONAL,
    compare_variants,
    intervals_payload,
    long_run,
    method_notes,
    municipalities,
    parse_pairs,
    read_regional_reference,
    render_intervals,
    render_long_run,
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
            "--intervals-out", type=Path, default=None,
            help="JSON file for the empirical intervals, e.g. data/reference/projection_intervals.json",
        )  # fmt: skip
        parser.add_argument(
            "--reference-dir", type=Path, default=None,
            help=f"folder with {SSB_REGIONAL} (default: data/reference); skipped if absent",
        )  # fmt: skip
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
            comparison = self._long_run(snapshot_dir, options["reference_dir"])
        except (ValueError, KeyError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        names = {code: m.name for code, m in municipalities(snapshot_dir).items()}
        intervals = intervals_payload(results)
        notes = render_intervals(intervals) + "\n" + method_notes(table, comparison)
        report = render_report(results, names, notes)
        if options["intervals_out"]:
            options["intervals_out"].parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(intervals, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            options["intervals_out"].write_text(text, "utf-8")
        self.stdout.write(report)
        if options["out"]:
            options["out"].parent.mkdir(parents=True, exist_ok=True)
            options["out"].write_text(report, "utf-8")

    def _long_run(self, snapshot_dir: Path, reference_dir: Path | None) -> str:
        """Return the 2026 → 2050 comparison with SSB's regional projection, or "" without it."""
        path = (reference_dir or Path(settings.BASE_DIR) / "data" / "reference") / SSB_REGIONAL
        if not path.is_file():
            self.stderr.write(
                f"{path} not found: the report leaves out the 2050 comparison with SSB's regional "
                "projection (data/reference/README.md says how to supply the file)."
            )
            return ""
        last_year = int(statistics.population_at(snapshot_dir).years[-1])
        if last_year != LONG_RUN[0]:
            return ""  # the comparison is for the 2026 base year
        chosen = variants()[:2]  # the default and the previous default
        runs = [long_run(snapshot_dir, v) for v in chosen]
        return render_long_run(runs, read_regional_reference(path))
