"""Settings for running the real server with this app mounted before config includes it (e2e)."""

from __future__ import annotations

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

if "samfunnslab.inclusion" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "samfunnslab.inclusion"]
ROOT_URLCONF = "samfunnslab.inclusion.testing"
