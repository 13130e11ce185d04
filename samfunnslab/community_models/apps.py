from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityModelsConfig(AppConfig):
    name = "samfunnslab.community_models"
    label = "community_models"
    verbose_name = _("Lokalsamfunnsmodeller")
