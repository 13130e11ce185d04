"""Temporary index pages for parts that are still being built (replaced app by app)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def coming_soon(title: str):  # type: ignore[no-untyped-def]
    """Return a view that shows an 'under construction' page with the given title."""

    def view(request: HttpRequest) -> HttpResponse:
        return render(request, "core/coming_soon.html", {"title": title})

    return view
