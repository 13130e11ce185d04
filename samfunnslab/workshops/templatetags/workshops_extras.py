"""Template helpers for the workshop screens."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """Return mapping[key], or None when the mapping or the key is missing."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
