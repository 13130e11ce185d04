"""Number formatting for the numbers panel (Norwegian style: space thousands, comma decimals), and
the `bokmal` filter that marks a model's names as bokmål inside a translated sentence."""

from __future__ import annotations

import math

from django import template
from django.utils.safestring import SafeString

from samfunnslab.community_models import selectors

register = template.Library()

MINUS = "\u2212"
THIN_SPACE = "\u00a0"


def _format(value: float, decimals: int) -> str:
    """Format a number the Norwegian way: 12 345,6 with a real minus sign."""
    text = f"{abs(value):,.{decimals}f}".replace(",", THIN_SPACE).replace(".", ",")
    return (MINUS if value < 0 and text.strip("0,\u00a0") else "") + text


@register.filter
def number(value: float | None, decimals: int = 0) -> str:
    """Return a number with Norwegian grouping, or a dash when there is none."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return _format(float(value), int(decimals))


@register.filter
def signed(value: float | None, decimals: int = 0) -> str:
    """Return a change with its sign (+12 / −3), or a dash."""
    if value is None or not math.isfinite(float(value)):
        return "–"
    text = _format(float(value), int(decimals))
    return text if text.startswith(MINUS) or text.strip("0,\u00a0") == "" else "+" + text


@register.filter
def item(mapping: dict[str, object], key: str) -> object:
    """Return mapping[key] (or None) in a template."""
    return mapping.get(key) if mapping else None


@register.filter
def bokmal(text: str) -> SafeString:
    """Return a name written in bokmål as <span lang="nb">, escaped, for a translated sentence."""
    return selectors.bokmal(text)
