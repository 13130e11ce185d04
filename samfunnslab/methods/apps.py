from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodsConfig(AppConfig):
    name = "samfunnslab.methods"
    label = "methods"
    verbose_name = _("Metodebiblioteket")
