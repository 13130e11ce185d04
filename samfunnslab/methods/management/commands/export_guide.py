"""Write a process's facilitator guide to a PDF file, or list the processes that have one."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samfunnslab.methods.guide import build_guide, render_guide_pdf
from samfunnslab.methods.models import Process


class Command(BaseCommand):
    help = "Eksporter fasilitatorveilederen for en prosess som PDF (CC BY 4.0)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--process", help="prosessens slug (se --list)")
        parser.add_argument("--out", help="filen PDF-en skal skrives til")
        parser.add_argument("--start", help="starttid tt:mm (ellers prosessens egen)")
        parser.add_argument(
            "--child-friendly", action="store_true", help="barnevennlige arbeidsark for alle steg"
        )
        parser.add_argument("--list", action="store_true", help="skriv ut slugene, én per linje")

    def handle(self, *args: Any, **options: Any) -> None:
        slugs = list(Process.objects.order_by("slug").values_list("slug", flat=True))
        if options["list"]:
            for slug in slugs:
                self.stdout.write(slug)
            return
        if not options["process"] or not options["out"]:
            raise CommandError("Oppgi både --process SLUG og --out FIL.pdf (eller --list).")
        process = Process.objects.filter(slug=options["process"]).first()
        if process is None:
            raise CommandError(
                f"Fant ingen prosess med slug «{options['process']}». Gyldige er:\n"
                + "\n".join(slugs)
            )
        start = _parse_start(options["start"])
        guide = build_guide(
            process, start=start, child_friendly=True if options["child_friendly"] else None
        )
        out = Path(options["out"])
        try:
            out.write_bytes(render_guide_pdf(guide))
        except OSError as exc:
            raise CommandError(f"Kunne ikke skrive {out}: {exc.strerror}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Skrev {out} ({process.name}, versjon {process.version})")
        )


def _parse_start(raw: str | None) -> datetime.time | None:
    """Return the start time, or raise a plain error for a bad value."""
    if not raw:
        return None
    try:
        return datetime.time.fromisoformat(raw)
    except ValueError:
        raise CommandError("Skriv starttiden som tt:mm, for eksempel 18:00.") from None
