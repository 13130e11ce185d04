"""A small hand-written SVG line chart for the scenario card (pure, ~1 ms).

The card's chart changes with every choice, so it cannot come from the SVG cache; vl-convert takes
100–300 ms per chart, this takes about a millisecond. Same look as core.charts: palette, labels,
role="img" with a label on the <svg>, and the data table beside it in the Figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 560, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 84
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Series:
    """One line: its name, colour, dash pattern and y values (one per x)."""

    name: str
    colour: str
    values: Sequence[float]
    dash: str = ""


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return round tick values covering low–high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(int(math.ceil((high - first) / step)) + 1)]


def _number(value: float) -> str:
    """Format an axis label with a non-breaking space as thousands separator."""
    return f"{value:,.0f}".replace(",", "\u00a0")


def _axes(
    xs: Sequence[int],
    ticks: list[float],
    sx: Callable[[float], float],
    sy: Callable[[float], float],
    x_title: str,
    y_title: str,
) -> list[str]:
    """Return the SVG elements of the grid, axes, tick labels and titles."""
    parts = []
    for t in ticks:
        y = sy(t)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_number(t)}</text>')
    for x in xs:
        if x % 5 == 0 or x == xs[0]:
            px = sx(x)
            parts.append(
                f'<text x="{px:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{x}</text>'
            )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - BOTTOM + 38}" '
        f'text-anchor="middle" font-weight="600">{escape(x_title)}</text>'
    )
    parts.append(
        f'<text transform="translate(14 {(TOP + HEIGHT - BOTTOM) / 2}) rotate(-90)" '
        f'text-anchor="middle" font-weight="600">{escape(y_title)}</text>'
    )
    return parts


def _legend_width(series: Series) -> float:
    """Return the approximate width of one legend entry (line, gap, text, spacing)."""
    return 30 + 6.8 * len(series.name) + 18


def _legend_rows(series: Sequence[Series]) -> int:
    """Return how many legend rows the entries need."""
    rows, x = 1, 8.0
    for s in series:
        if x + _legend_width(s) > WIDTH:
            rows, x = rows + 1, 8.0
        x += _legend_width(s)
    return rows


def line_chart(
    xs: Sequence[int], series: Sequence[Series], *, title: str, x_title: str, y_title: str
) -> str:
    """Return an SVG line chart with a legend under the plot."""
    values = [v for s in series for v in s.values if math.isfinite(v)]
    ticks = nice_ticks(min(values), max(values))
    x0, x1 = xs[0], xs[-1]

    def sx(x: float) -> float:
        return LEFT + (x - x0) / max(x1 - x0, 1) * (WIDTH - LEFT - RIGHT)

    def sy(y: float) -> float:
        return TOP + (ticks[-1] - y) / (ticks[-1] - ticks[0]) * (HEIGHT - TOP - BOTTOM)

    parts = _axes(xs, ticks, sx, sy, x_title, y_title)
    lx, ly = 8.0, HEIGHT - 8.0 - (14 if _legend_rows(series) > 1 else 0)
    for s in series:
        points = " ".join(f"{sx(x):.1f},{sy(v):.1f}" for x, v in zip(xs, s.values, strict=True))
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{s.colour}" '
            f'stroke-width="2.5"{dash}/>'
        )
        if lx + _legend_width(s) > WIDTH:
            lx, ly = 8.0, ly + 16
        parts.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{s.colour}" stroke-width="2.5"{dash}/>'
        )
        parts.append(f'<text x="{lx + 30}" y="{ly}">{escape(s.name)}</text>')
        lx += _legend_width(s)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="{escape(title)}" focusable="false" '
        f'font-family="{FONT}" font-size="12" fill="#222">' + "".join(parts) + "</svg>"
    )
