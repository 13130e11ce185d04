from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "samfunnslab.portfolio"
    label = "portfolio"
    verbose_name = _("Porteføljen")
