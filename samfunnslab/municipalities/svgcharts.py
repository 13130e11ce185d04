"""Hand-written SVG for the two charts every municipality page shows: the population line and the pyramid.

Both are simple enough that drawing them directly is clearer and about a hundred times cheaper than
a Vega-Lite round trip through vl-convert (~30 ms per chart), which dominated the first view of a
page. The SVG is one labelled image (`role="img"`, `aria-label`); the numbers themselves are in the
table under each chart, so nothing inside the drawing carries a role.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

from samfunnslab.core.charts import FONT

TEXT = "#222"
AXIS_TEXT = "#333"
GRID = "#ddd"
AXIS_LINE = "#888"
LABEL_SIZE = 14
TITLE_SIZE = 15


def nice_ticks(low: float, high: float, count: int = 5, *, min_step: float = 1) -> list[float]:
    """Return round tick values (1, 2, 2.5 or 5 × 10ⁿ apart, at least `min_step`) over low..high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = max(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw), min_step)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "middle",
    size: int = LABEL_SIZE,
    fill: str = AXIS_TEXT,
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{extra}>{escape(content)}</text>'
    )


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'focusable="false" font-family="{escape(FONT)}">'
    )


def line_svg(
    points: Sequence[tuple[int, float]],
    *,
    years: Sequence[int],
    title: str,
    x_title: str,
    y_title: str,
    color: str,
    number: Callable[[float], str],
) -> SafeString:
    """Draw a line with dots over every year in `years`; years without a point leave a gap."""
    width, height = 620, 330
    left, right, top, bottom = 92, 16, 12, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _y, v in points]
    ticks = nice_ticks(min(values), max(values)) if values else [0.0, 1.0]
    low, high = ticks[0], ticks[-1]
    slot = plot_w / max(len(years), 1)

    def x_of(year: int) -> float:
        return left + slot * (years.index(year) + 0.5)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    parts = [_open(width, height, title)]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(left - 6, y + 5, number(tick), anchor="end"))
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{AXIS_LINE}"/>'
    )
    label_every = 1 if slot >= 32 else 2 if slot >= 16 else 5
    for i, year in enumerate(years):
        if i % label_every == 0 or i == len(years) - 1:
            x, y = x_of(year), top + plot_h + 10
            parts.append(
                _text(
                    x, y, str(year), anchor="end", extra=f' transform="rotate(-45 {x:.1f} {y:.1f})"'
                )
            )
    parts.append(_text(left + plot_w / 2, height - 6, x_title, size=TITLE_SIZE, fill=TEXT))
    mid = top + plot_h / 2
    parts.append(
        _text(
            16,
            mid,
            y_title,
            size=TITLE_SIZE,
            fill=TEXT,
            extra=f' transform="rotate(-90 16 {mid:.1f})"',
        )
    )
    known = {year: value for year, value in points}
    runs: list[list[str]] = [[]]
    for year in years:
        if year in known:
            runs[-1].append(f"{x_of(year):.1f},{y_of(known[year]):.1f}")
        elif runs[-1]:
            runs.append([])
    for run in runs:
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{color}" '
                f'stroke-width="2.5"/>'
            )
    for year, value in points:
        parts.append(
            f'<circle cx="{x_of(year):.1f}" cy="{y_of(value):.1f}" r="3.5" fill="{color}"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node is escaped above


def pyramid_svg(
    bands: Sequence[tuple[str, float, float]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    left_label: str,
    right_label: str,
    left_color: str,
    right_color: str,
    number: Callable[[float], str],
) -> SafeString:
    """Draw a population pyramid: (age label, left value, right value), youngest first."""
    width, height = 620, 420
    left, right, top, bottom = 74, 16, 30, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    biggest = max([max(a, b) for _l, a, b in bands] + [1.0])
    ticks = nice_ticks(0, biggest, 3)
    reach = ticks[-1]
    centre = left + plot_w / 2
    half = plot_w / 2
    row = plot_h / max(len(bands), 1)

    def x_of(value: float) -> float:
        return centre + half * value / reach

    parts = [_open(width, height, title)]
    for tick in ticks:
        for signed in {tick, -tick}:
            x = x_of(signed)
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{GRID}"/>'
            )
            parts.append(_text(x, top + plot_h + 18, number(tick)))
    parts.append(
        _text(
            centre - 8,
            top - 10,
            left_label,
            anchor="end",
            fill=left_color,
            size=TITLE_SIZE,
            extra=' font-weight="bold"',
        )
    )
    parts.append(
        _text(
            centre + 8,
            top - 10,
            right_label,
            anchor="start",
            fill=right_color,
            size=TITLE_SIZE,
            extra=' font-weight="bold"',
        )
    )
    for i, (label, female, male) in enumerate(reversed(bands)):
        y = top + row * i
        bar_h = max(row - 2, 1)
        w_left, w_right = half * female / reach, half * male / reach
        parts.append(
            f'<rect x="{centre - w_left:.1f}" y="{y + 1:.1f}" width="{w_left:.1f}" '
            f'height="{bar_h:.1f}" fill="{left_color}"/>'
        )
        parts.append(
            f'<rect x="{centre:.1f}" y="{y + 1:.1f}" width="{w_right:.1f}" '
            f'height="{bar_h:.1f}" fill="{right_color}"/>'
        )
        parts.append(_text(left - 6, y + row / 2 + 5, label, anchor="end", size=12))
    parts.append(
        f'<line x1="{centre:.1f}" x2="{centre:.1f}" y1="{top}" y2="{top + plot_h}" '
        f'stroke="{AXIS_LINE}"/>'
    )
    parts.append(_text(centre, height - 6, x_title, size=TITLE_SIZE, fill=TEXT))
    parts.append(_text(14, top - 10, y_title, anchor="start", size=TITLE_SIZE, fill=TEXT))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text node is escaped above
