"""CORS and cache headers for the read-only JSON API (/api/v1/…, and the older /api/…).

The API only answers GET with open statistics (CC BY 4.0) and the public framework register, and
never uses cookies or sessions, so any web page may read it: `Access-Control-Allow-Origin: *`
without credentials, preflight (OPTIONS) answered here. Answers change only when a new snapshot
is deployed, so browsers and proxies may keep them for `API_CACHE_SECONDS` (default one hour).
The interactive docs (/api/docs) are a page, not data, and get neither header.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

API_PREFIXES = ("/api/",)
NOT_DATA = ("/api/docs", "/api/v1/docs")


def is_api_data(path: str) -> bool:
    return path.startswith(API_PREFIXES) and not path.startswith(NOT_DATA)


class ApiHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api_data(request.path):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                response.headers.setdefault(
                    "Cache-Control", f"public, max-age={settings.API_CACHE_SECONDS}"
                )
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response.headers["Access-Control-Max-Age"] = "86400"
        return response
