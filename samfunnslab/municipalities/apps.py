from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "samfunnslab.municipalities"
    label = "municipalities"
    verbose_name = _("Kommunestatistikk")
