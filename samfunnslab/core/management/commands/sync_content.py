"""`manage.py sync_content`: load the content files shipped with the code into the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samfunnslab.core.content import content_sync


class Command(BaseCommand):
    help = "Load the method library, the framework-conditions register and the initiatives (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for label, result in content_sync().items():
            self.stdout.write(f"{label}: {result}")
