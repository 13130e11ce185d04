"""Accessible SVG figures of the portfolio: the initiatives map and the Three Horizons curves."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from samfunnslab.core import statistics
from samfunnslab.core.statistics import GeoData, project_to_svg, svg_path

MAP_SIZE = (360, 560)
BASE_FILL = "#e8e8e8"
STROKE = "#ffffff"
DOT = "#0b5394"


def _geo() -> GeoData | None:
    """Return the outlines of the snapshot, or None when it has none."""
    return statistics.geo()


def _frame(geo: GeoData) -> tuple[float, float, float, float]:
    """Return the box around all municipalities."""
    boxes = [a.bbox for a in geo.municipalities.values()]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@statistics.per_snapshot(maxsize=1)
def _base_paths() -> str:
    """Return the grey outlines of Norway once per process."""
    geo = _geo()
    if geo is None:
        return ""
    width, height = MAP_SIZE
    frame = _frame(geo)
    return "".join(
        f'<path d="{svg_path(project_to_svg(a.rings, width, height, frame=frame))}" '
        f'fill="{BASE_FILL}" stroke="{STROKE}" stroke-width="0.2" fill-rule="evenodd"/>'
        for a in geo.municipalities.values()
    )


def initiatives_map(points: Sequence[tuple[str, str]], *, title: str) -> SafeString | None:
    """Return a map of Norway with a dot per (municipality code, initiative title)."""
    geo = _geo()
    if geo is None:
        return None
    width, height = MAP_SIZE
    frame = _frame(geo)
    dots = []
    for code, label in points:
        area = geo.municipalities.get(code)
        if area is None:
            continue
        x, y = project_to_svg([[area.label]], width, height, frame=frame)[0][0]
        dots.append(
            f'<circle cx="{x}" cy="{y}" r="6" fill="{DOT}" stroke="#fff" stroke-width="1.5">'
            f'<title lang="nb">{escape(label)} ({escape(area.name)})</title></circle>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="initiatives-map-title"><title id="initiatives-map-title">{escape(title)}'
        f"</title>{_base_paths()}{''.join(dots)}</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every text inside is escaped above


def horizons_svg(
    counts: dict[str, int], *, title: str, summary: str, now: str, future: str
) -> SafeString:
    """Return the classic Three Horizons curves, labelled with how many items each holds.

    The figure shrinks to half its size on a phone, so its texts are drawn at twice the smallest
    readable size (12 px) in SVG units.
    """
    curves = (
        ("H1", "M 40 70 C 200 80, 380 200, 560 250", "#8a1c1c", (48, 52, "start")),
        (
            "H2",
            "M 40 250 C 220 240, 250 90, 330 95 S 480 230, 560 240",
            "#6b4e00",
            (300, 78, "start"),
        ),
        ("H3", "M 40 260 C 220 255, 400 200, 560 70", "#0b5394", (560, 52, "end")),
    )
    parts = []
    for key, d, colour, (lx, ly, anchor) in curves:
        n = counts.get(key, 0)
        parts.append(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="5"/>'
            f'<text x="{lx}" y="{ly}" fill="{colour}" font-size="28" font-weight="700" '
            f'text-anchor="{anchor}">{key} ({n})</text>'
        )
    axes = (
        '<line x1="40" y1="280" x2="570" y2="280" stroke="#333" stroke-width="2"/>'
        f'<text x="40" y="308" font-size="24" fill="#333">{escape(now)}</text>'
        f'<text x="570" y="308" font-size="24" fill="#333" text-anchor="end">{escape(future)}</text>'
    )
    return mark_safe(  # noqa: S308 - the only dynamic texts are escaped
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 316" role="img" '
        'aria-labelledby="horizons-title horizons-desc">'
        f'<title id="horizons-title">{escape(title)}</title>'
        f'<desc id="horizons-desc">{escape(summary)}</desc>{"".join(parts)}{axes}</svg>'
    )
