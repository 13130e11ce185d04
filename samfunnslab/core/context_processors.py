"""Template context shared by every page: navigation and data attribution."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from samfunnslab.core import attribution


def site(request: HttpRequest) -> dict[str, object]:
    """Add the attribution texts and language list to every template."""
    return {
        "attribution_ssb": attribution.SSB,
        "attribution_kartverket": attribution.KARTVERKET,
        "site_languages": settings.LANGUAGES,
    }
