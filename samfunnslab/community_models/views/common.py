"""What the community-model views share: the part names, element lookup, the builder renderer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samfunnslab.community_models import (
    pages,
)
from samfunnslab.community_models.models import (
    CommunityModel,
    Element,
)

ELEMENT_PARTS = ("actor", "institution", "function", "resource", "factor")
OTHER_PARTS = ("role", "relation", "value", "assumption")


def element_of(model: CommunityModel, raw: str | None) -> Element | None:
    """Return the model's element with this id, or None."""
    try:
        return model.elements.get(pk=int(raw or ""))
    except (ValueError, Element.DoesNotExist):
        return None


def render_builder(
    request: HttpRequest, model: CommunityModel, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """Render the builder: the whole page, or only its main part for HTMX."""
    template = "community_models/builder.html"
    if getattr(request, "htmx", False):
        return render(request, template + "#builder-main", pages.builder_context(model, **extra))
    return render(request, template, pages.builder_context(model, **extra), status=status)
