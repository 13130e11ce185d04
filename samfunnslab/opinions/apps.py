from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "samfunnslab.opinions"
    label = "opinions"
    verbose_name = _("Meningskartet")
