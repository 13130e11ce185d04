"""Build the embedded snapshot from source files in SSB's and Kartverket's own formats."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from statbank.errors import StatInputError
from statbank.snapshot import build_snapshot

BUILDERS = (
    "statbank.snapshot.build_population",
    "statbank.snapshot.build_classifications",
    "statbank.national.build_national",
    "statbank.geo.build_geo",
    "statbank.headline.build_headline",
)


def _resolve(dotted: str) -> Any:
    module_name, _, attr = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), attr)


class Command(BaseCommand):
    help = "Build data/snapshot/ from the source files (default: the shared data folder)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=Path, default=settings.SHARED_DATA_DIR)
        parser.add_argument("--out", type=Path, default=settings.SNAPSHOT_DIR)

    def handle(self, *args: Any, source: Path, out: Path, **options: Any) -> None:
        if not source.is_dir():
            raise CommandError(f"Source folder {source} does not exist.")
        builders = [_resolve(dotted) for dotted in BUILDERS]
        try:
            written = build_snapshot(source, out, builders)
        except StatInputError as exc:
            raise CommandError(f"The snapshot was not changed. {exc}") from exc
        for path in written:
            self.stdout.write(f"wrote {path} ({path.stat().st_size:,} bytes)")
        self.stdout.write(self.style.SUCCESS(f"Snapshot built in {out}"))
