from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabConfig(AppConfig):
    name = "samfunnslab.lab"
    label = "lab"
    verbose_name = _("Laben")
