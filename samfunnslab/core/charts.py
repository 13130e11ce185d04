"""Server-rendered, accessible SVG charts: Vega-Lite (Altair) → SVG via vl-convert.

Every figure carries a title, one sentence saying what it shows, a data-table alternative, its source
and, where relevant, its formula. Render with `{% include "core/includes/figure.html" %}`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import vl_convert as vlc
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

# Colours that keep 3:1 contrast against white for graphical objects (WCAG 1.4.11).
PALETTE = ("#1E5AA8", "#B3471A", "#2E7D32", "#6A3D9A", "#8C6D00", "#00707A")
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
CACHE_SECONDS = 60 * 60 * 24

_SVG_OPEN = re.compile(r"<svg\b([^>]*)>", re.S)
_INNER_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


@dataclass(frozen=True)
class Figure:
    """A chart with everything needed to read it without seeing it."""

    id: str
    title: str
    summary: str
    svg: SafeString
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    source: str
    formula: str = ""
    notes: Sequence[str] = field(default_factory=tuple)


def base_config() -> dict[str, Any]:
    """Return the Vega-Lite config shared by all charts (fonts, sizes, no ARIA on marks)."""
    return {
        "font": FONT,
        "aria": False,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 13,
            "labelColor": "#333",
            "titleColor": "#222",
        },
        "legend": {"labelFontSize": 12, "titleFontSize": 13, "orient": "bottom"},
        "range": {"category": list(PALETTE)},
    }


def spec_to_svg(spec: dict[str, Any], *, title: str) -> SafeString:
    """Render a Vega-Lite spec (dict) to SVG, cached by content, with role="img" and a label."""
    spec = {**spec, "config": {**base_config(), **spec.get("config", {})}}
    key = (
        "svg:" + hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = vlc.vegalite_to_svg(spec)
        cache.set(key, svg, CACHE_SECONDS)
    return mark_safe(_label_svg(svg, title))  # noqa: S308 - produced by vl-convert from our spec


def _label_svg(svg: str, title: str) -> str:
    safe_title = (
        title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )

    # The figure is one image with one label: Vega's own roles and labels on inner marks would
    # make axe-core (rightly) ask for alternatives on each of them.
    svg = _INNER_ARIA.sub("", svg)

    def replace(match: re.Match[str]) -> str:
        return f'<svg{match.group(1)} role="img" aria-label="{safe_title}" focusable="false">'

    return _SVG_OPEN.sub(replace, svg, count=1)


def chart_figure(
    *,
    id: str,
    title: str,
    summary: str,
    spec: dict[str, Any] | Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    source: str,
    formula: str = "",
    notes: Sequence[str] = (),
) -> Figure:
    """Build a Figure from an Altair chart or a Vega-Lite dict."""
    spec_dict = spec.to_dict() if hasattr(spec, "to_dict") else spec
    return Figure(
        id=id,
        title=title,
        summary=summary,
        svg=spec_to_svg(spec_dict, title=title),
        headers=headers,
        rows=rows,
        source=source,
        formula=formula,
        notes=tuple(notes),
    )
