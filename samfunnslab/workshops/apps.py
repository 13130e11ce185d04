from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "samfunnslab.workshops"
    label = "workshops"
    verbose_name = _("Verkstedet")
