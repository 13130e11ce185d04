from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samfunnslab.core"
    label = "core"
    verbose_name = _("Kjerne")
