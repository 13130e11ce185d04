"""Figures: a chart from core.svg plus everything needed to read it without seeing it.

Every figure carries a title, one sentence saying what it shows, a data-table alternative, its source
and, where relevant, its formula. Build it with `figure(...)`, giving a `draw(size)` function that
returns the SVG for `size=` a core.svg size (the wide and the narrow drawing are both made), and render it
with `{% include "core/includes/figure.html" %}`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from samfunnslab.core.svg import FONT, NARROW, PALETTE, SEX, WIDE, YEAR

__all__ = ["FONT", "PALETTE", "SEX", "YEAR", "Figure", "figure"]


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
    svg_narrow: SafeString = field(default_factory=lambda: mark_safe(""))


def figure(
    *,
    id: str,
    title: str,
    summary: str,
    draw: Callable[..., str],
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    source: str,
    formula: str = "",
    notes: Sequence[str] = (),
) -> Figure:
    """Build a Figure with its wide and narrow drawings (core.svg escapes every text)."""
    return Figure(
        id=id,
        title=title,
        summary=summary,
        svg=mark_safe(draw(size=WIDE)),  # noqa: S308 - core.svg escapes every text node
        svg_narrow=mark_safe(draw(size=NARROW)),  # noqa: S308 - as above
        headers=headers,
        rows=rows,
        source=source,
        formula=formula,
        notes=tuple(notes),
    )
