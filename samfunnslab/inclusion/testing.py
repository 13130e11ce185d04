"""Mount this app and the live opinion map until the lead adds them to config (tests and e2e only).

`ROOT_URLCONF = "samfunnslab.inclusion.testing"` serves the whole site plus `/inkludering/` and
`/meningskart/`; `DJANGO_SETTINGS_MODULE=samfunnslab.inclusion.testing_settings` does the same for
a real server. Once config/urls.py mounts both, the extra mounts are simply skipped.
"""

from __future__ import annotations

from django.urls import include, path

from config.urls import urlpatterns as site_patterns


def _mounted(prefix: str) -> bool:
    return any(str(getattr(p, "pattern", "")) == prefix for p in site_patterns)


urlpatterns = list(site_patterns)
if not _mounted("inkludering/"):
    urlpatterns.insert(0, path("inkludering/", include("samfunnslab.inclusion.urls")))
if not _mounted("meningskart/"):
    urlpatterns.insert(0, path("meningskart/", include("samfunnslab.opinions.urls")))
