"""Language selection: Norwegian bokmål unless the user has chosen another language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class LanguageMiddleware:
    """Activate the language from the language cookie, else bokmål.

    Django's LocaleMiddleware would also follow the browser's Accept-Language header, which would
    show an English page to a Norwegian politician on an English-language laptop. The product is
    Norwegian first; nynorsk and English are a deliberate choice made with the language switch.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # Restore the thread's language afterwards: request threads are long-lived (core/asgi.py),
        # and code that runs on them outside a request must not inherit the last visitor's choice.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
