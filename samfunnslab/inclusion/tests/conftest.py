"""Install and mount the inclusion app for its tests (until the lead adds it to config)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _inclusion_installed(settings: Any) -> None:
    if "samfunnslab.inclusion" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "samfunnslab.inclusion"]
    settings.ROOT_URLCONF = "samfunnslab.inclusion.testing"
