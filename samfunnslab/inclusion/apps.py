from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    name = "samfunnslab.inclusion"
    label = "inclusion"
    verbose_name = _("Stille stemmer")
