"""Purge participant tokens and free text of workshops closed more than RETENTION_DAYS ago."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from samfunnslab.workshops.retention import participant_data_purge, retention_cutoff


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"override RETENTION_DAYS (now {settings.RETENTION_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.RETENTION_DAYS
        if days <= 0:
            self.stdout.write("RETENTION_DAYS is 0: nothing is purged.")
            return
        report = participant_data_purge(before=retention_cutoff(days=days))
        self.stdout.write(
            f"workshops closed more than {days} days ago: {report.workshops}; "
            f"participant tokens replaced: {report.tokens_replaced}; "
            f"free texts blanked: {report.texts_blanked}"
        )
