from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_library(sender: AppConfig, **kwargs: Any) -> None:
    """Keep the step library and process templates in step with the content files after migrate."""
    from django.db import connections

    from samfunnslab.methods.services import library_sync

    if (
        "methods_methodstep"
        in connections[kwargs.get("using", "default")].introspection.table_names()
    ):
        library_sync()


class MethodsConfig(AppConfig):
    name = "samfunnslab.methods"
    label = "methods"
    verbose_name = _("Metodebiblioteket")

    def ready(self) -> None:
        post_migrate.connect(_sync_library, sender=self, dispatch_uid="methods_library_sync")
