"""Easy-language mode for participants: the workshop's flag, or a participant's own choice.

The choice is a cookie holding only "1" (no identifier), set by `easy_language_toggle`. The
participant pages use `wants_easy_language` to pick the easy prompts and add the `easy-language`
class (larger type, more space: `static/inclusion/easy.css`).
"""

from __future__ import annotations

from django.http import HttpRequest

from samfunnslab.workshops.models import Workshop

COOKIE = "lettlest"
COOKIE_MAX_AGE = 60 * 60 * 24 * 60


def wants_easy_language(request: HttpRequest, workshop: Workshop | None) -> bool:
    """Return True when the workshop uses easy language or the participant switched it on."""
    chosen = request.COOKIES.get(COOKIE)
    if chosen in ("0", "1"):  # the participant's own choice wins over the workshop's default
        return chosen == "1"
    return bool(workshop and workshop.easy_language)
