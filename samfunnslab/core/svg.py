"""The site's one chart path: hand-written, accessible SVG (pure; no Django, no JavaScript).

Every chart is drawn twice, for a wide box (`WIDE`, shown from 600 CSS px) and a narrow one
(`NARROW`, 300 units, phones), so text is drawn at its real size instead of being scaled down: at 360 px a
narrow chart is shown at about 1:1, and no text is smaller than 12 CSS px. Layout is computed from
estimated text widths (`text_width`), so tick labels are thinned until they cannot collide, titles
sit above the plot instead of across the ticks, and legends wrap inside the drawing.

The SVG is one labelled image (`role="img"`, `aria-label`); the numbers are in the table under
each figure (core/includes/figure.html), so nothing inside the drawing carries a role.

Colours are fixed by meaning across the site: `SEX` for women/men, `YEAR` for the registered
(today) and projected (future) years, `PALETTE` for anything else, in order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

# Colours that keep 3:1 contrast against white for graphical objects (WCAG 1.4.11).
PALETTE = ("#1E5AA8", "#B3471A", "#2E7D32", "#6A3D9A", "#8C6D00", "#00707A")
SEX = {"female": "#B3471A", "male": "#1E5AA8"}
YEAR = {"registered": "#222222", "projected": "#1E5AA8"}
BAND_FILL = "#C9D8EE"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
TEXT = "#222"
AXIS_TEXT = "#333"
GRID = "#ddd"
AXIS_LINE = "#888"


@dataclass(frozen=True)
class Size:
    """A drawing box: width in SVG units (= CSS px at 1:1) and font sizes."""

    width: int
    plot_height: int
    font: int
    title_font: int


WIDE = Size(640, 260, 14, 15)
NARROW = Size(300, 220, 14, 14)
SIZES = (WIDE, NARROW)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return a generous estimate of a text's width in a sans-serif font."""
    return len(text) * size * (0.7 if bold else 0.64)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) covering low..high."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high <= low:
        high = low + (abs(low) * 0.1 or 1)
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _text(
    x: float,
    y: float,
    content: str,
    size: int,
    *,
    anchor: str = "start",
    fill: str = AXIS_TEXT,
    bold: bool = False,
) -> str:
    weight = ' font-weight="600"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{weight}>{escape(content)}</text>'
    )


def _fit(x: float, text: str, size: int, width: float, *, bold: bool = True) -> float:
    """Return the x of a centred text moved just enough to stay inside 0..width."""
    half = text_width(text, size, bold=bold) / 2
    return min(max(x, half), width - half)


def _title_lines(lines: Sequence[str], size: Size) -> list[str]:
    """Return an axis title set above the plot, one text per wrapped line."""
    step = size.title_font + 4
    return [
        _text(0, step * (i + 1) - 4, line, size.title_font, fill=TEXT, bold=True)
        for i, line in enumerate(lines)
    ]


def _svg(width: int, height: float, title: str, parts: Sequence[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{math.ceil(height)}" '
        f'viewBox="0 0 {width} {math.ceil(height)}" role="img" aria-label="{escape(title)}" '
        f'focusable="false" font-family="{escape(FONT)}">' + "".join(parts) + "</svg>"
    )


def wrap(text: str, size: int, width: float) -> list[str]:
    """Split a text into lines that fit `width` (words are never broken)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class LegendItem:
    """A legend entry: a name and how its swatch is drawn."""

    name: str
    colour: str
    kind: str = "line"  # line, box or outline
    dash: str = ""


def _legend(items: Sequence[LegendItem], size: Size, top: float) -> tuple[list[str], float]:
    """Flow legend entries into rows under the plot; return the parts and the height used."""
    parts: list[str] = []
    swatch, gap, pad = 22, 6, 16
    x, y = 0.0, top + size.font
    line_h = size.font + 8
    for item in items:
        room = size.width - swatch - gap
        lines = wrap(item.name, size.font, room)
        need = swatch + gap + max(text_width(line, size.font) for line in lines)
        if x > 0 and x + need > size.width:
            x, y = 0.0, y + line_h
        mid = y - size.font * 0.35
        if item.kind == "line":
            dash = f' stroke-dasharray="{item.dash}"' if item.dash else ""
            parts.append(
                f'<line x1="{x:.1f}" x2="{x + swatch:.1f}" y1="{mid:.1f}" y2="{mid:.1f}" '
                f'stroke="{item.colour}" stroke-width="3"{dash}/>'
            )
        else:
            fill = item.colour if item.kind == "box" else "none"
            parts.append(
                f'<rect x="{x + 3:.1f}" y="{mid - 7:.1f}" width="{swatch - 6}" height="14" '
                f'fill="{fill}" stroke="{item.colour}" stroke-width="2"/>'
            )
        for i, line in enumerate(lines):
            parts.append(_text(x + swatch + gap, y + i * line_h, line, size.font, fill=TEXT))
        y += (len(lines) - 1) * line_h
        x += need + pad
        if len(lines) > 1:
            x = size.width  # a wrapped entry takes its rows alone
    return parts, y - top + 6


# --------------------------------------------------------------------------- line chart


@dataclass(frozen=True)
class Line:
    """One series: one value per x (None leaves a gap)."""

    name: str
    colour: str
    values: Sequence[float | None]
    dash: str = ""
    dots: bool = False


@dataclass(frozen=True)
class Band:
    """A shaded range between two series (for example SSB's low and high alternatives)."""

    name: str
    low: Sequence[float | None]
    high: Sequence[float | None]
    colour: str = BAND_FILL


def _x_step(xs: Sequence[int], slot: float, size: int) -> int:
    """Return the label step (1, 2, 5, 10, 20 or 25 years) that keeps year labels apart."""
    label = max(text_width(str(x), size) for x in xs) + 10
    for step in (1, 2, 5, 10, 20, 25, 50):
        if slot * step >= label:
            return step
    return 100


def line_chart(
    xs: Sequence[int],
    lines: Sequence[Line],
    *,
    title: str,
    x_title: str,
    y_title: str,
    number: Callable[[float], str],
    band: Band | None = None,
    marker: tuple[int, str] | None = None,
    zero: bool = False,
    size: Size = WIDE,
) -> str:
    """Draw lines over years with an optional band, a 'now' marker and a wrapped legend."""
    f = size.font
    values = [v for line in lines for v in line.values if v is not None and math.isfinite(v)]
    if band is not None:
        values += [v for v in (*band.low, *band.high) if v is not None and math.isfinite(v)]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    ticks = nice_ticks(0.0 if zero else low, high, 5 if size is WIDE else 4)
    y_lines = wrap(y_title, size.title_font, size.width)
    top = len(y_lines) * (size.title_font + 4) + 10
    left = max(text_width(number(t), f) for t in ticks) + 10
    right = max(text_width(str(xs[-1]), f) / 2, 8) + 4
    plot_w, plot_h = size.width - left - right, size.plot_height
    x0, x1 = xs[0], xs[-1]

    def sx(x: float) -> float:
        return left + (x - x0) / max(x1 - x0, 1) * plot_w

    def sy(y: float) -> float:
        return top + (ticks[-1] - y) / (ticks[-1] - ticks[0]) * plot_h

    parts = _title_lines(y_lines, size)
    for t in ticks:
        parts.append(
            f'<line x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{sy(t):.1f}" y2="{sy(t):.1f}" '
            f'stroke="{GRID}"/>'
        )
        parts.append(_text(left - 6, sy(t) + f * 0.35, number(t), f, anchor="end"))
    bottom = top + plot_h
    parts.append(
        f'<line x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{bottom:.1f}" y2="{bottom:.1f}" '
        f'stroke="{AXIS_LINE}"/>'
    )
    step = _x_step(xs, plot_w / max(x1 - x0, 1), f)
    for x in xs:
        if x % step == 0:
            parts.append(_text(sx(x), bottom + f + 6, str(x), f, anchor="middle"))
    if band is not None:
        upper = [(x, h) for x, h in zip(xs, band.high, strict=True) if h is not None]
        lower = [(x, lo) for x, lo in zip(xs, band.low, strict=True) if lo is not None]
        if upper and lower:
            path = " ".join(f"{sx(x):.1f},{sy(v):.1f}" for x, v in (*upper, *reversed(lower)))
            parts.append(f'<polygon points="{path}" fill="{band.colour}" stroke="none"/>')
    if marker is not None:
        mx = sx(marker[0])
        parts.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" '
            f'stroke="#555" stroke-dasharray="1 3"/>'
        )
    for line in lines:
        runs: list[list[str]] = [[]]
        for x, v in zip(xs, line.values, strict=True):
            if v is None or not math.isfinite(v):
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append(f"{sx(x):.1f},{sy(v):.1f}")
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        for run in runs:
            if len(run) > 1:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{line.colour}" '
                    f'stroke-width="2.5"{dash}/>'
                )
            if line.dots or len(run) == 1:
                for point in run:
                    cx, cy = point.split(",")
                    parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{line.colour}"/>')
    y: float = bottom + f + 6 + size.title_font + 10
    parts.append(
        _text(
            _fit(left + plot_w / 2, x_title, size.title_font, size.width),
            y,
            x_title,
            size.title_font,
            anchor="middle",
            fill=TEXT,
            bold=True,
        )  # fmt: skip
    )
    items = [LegendItem(line.name, line.colour, "line", line.dash) for line in lines]
    if band is not None:
        items.append(LegendItem(band.name, band.colour, "box"))
    height: float = y + 8
    if len(items) > 1 or band is not None:
        legend, used = _legend(items, size, y + 8)
        parts += legend
        height += used
    return _svg(size.width, height, title, parts)


# --------------------------------------------------------------------------- pyramid


@dataclass(frozen=True)
class Side:
    """One side of a pyramid: its name, colour and values per band (youngest first)."""

    name: str
    colour: str
    values: Sequence[float]


def pyramid_chart(
    labels: Sequence[str],
    left: Side,
    right: Side,
    *,
    title: str,
    x_title: str,
    number: Callable[[float], str],
    outline: tuple[str, Sequence[float], Sequence[float]] | None = None,
    reach: float | None = None,
    size: Size = WIDE,
) -> str:
    """Draw a population pyramid; `outline` (name, left, right) draws another year as outlines.

    `reach` fixes the scale (for pyramids shown side by side on one scale).
    """
    f = size.font
    biggest = max([*left.values, *right.values, *(outline[1] if outline else ()),
                   *(outline[2] if outline else ()), 1e-9])  # fmt: skip
    label_w = max(text_width(label, f) for label in labels) + 6
    top = size.title_font + 14
    for count in (3, 2, 1):  # fewer ticks until their labels cannot touch
        ticks = nice_ticks(0, reach or biggest, count)
        widest = max(text_width(number(t), f) for t in ticks)
        margin = max(widest / 2, 4) + 2
        plot_left = label_w + margin
        plot_w = size.width - plot_left - margin
        half = plot_w / 2
        if half / max(len(ticks) - 1, 1) >= widest + 10:
            break
    centre = plot_left + half
    row = max(size.plot_height / len(labels), 8.0)
    label_every = math.ceil(f * 1.5 / row)  # a label's box is about 1.3 × its size high
    plot_h = row * len(labels)
    scale = ticks[-1]

    def width_of(value: float) -> float:
        return half * value / scale

    parts = [
        _text(centre - 6, size.title_font + 2, left.name, size.title_font,
              anchor="end", fill=left.colour, bold=True),
        _text(centre + 6, size.title_font + 2, right.name, size.title_font,
              fill=right.colour, bold=True),
    ]  # fmt: skip
    for t in ticks:
        for x in sorted({centre - width_of(t), centre + width_of(t)}):
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h:.1f}" '
                f'stroke="{GRID}"/>'
            )
            parts.append(_text(x, top + plot_h + f + 6, number(t), f, anchor="middle"))
    for i, label in enumerate(reversed(labels)):
        y = top + row * i
        k = len(labels) - 1 - i
        bar_h = max(row - 2, 1)
        wl, wr = width_of(left.values[k]), width_of(right.values[k])
        parts.append(
            f'<rect x="{centre - wl:.1f}" y="{y + 1:.1f}" width="{wl:.1f}" height="{bar_h:.1f}" '
            f'fill="{left.colour}"/>'
        )
        parts.append(
            f'<rect x="{centre:.1f}" y="{y + 1:.1f}" width="{wr:.1f}" height="{bar_h:.1f}" '
            f'fill="{right.colour}"/>'
        )
        if outline is not None:
            ol, orr = width_of(outline[1][k]), width_of(outline[2][k])
            parts.append(
                f'<path d="M{centre - ol:.1f},{y + 1:.1f} v{bar_h:.1f} M{centre + orr:.1f},'
                f'{y + 1:.1f} v{bar_h:.1f}" stroke="{YEAR["registered"]}" stroke-width="2.5"/>'
            )
        if k % label_every == 0:
            parts.append(_text(label_w - 4, y + row / 2 + f * 0.35, label, f, anchor="end"))
    parts.append(
        f'<line x1="{centre:.1f}" x2="{centre:.1f}" y1="{top}" y2="{top + plot_h:.1f}" '
        f'stroke="{AXIS_LINE}"/>'
    )
    y = top + plot_h + f + 6 + size.title_font + 10
    for i, line in enumerate(wrap(x_title, size.title_font, size.width)):
        parts.append(
            _text(_fit(centre, line, size.title_font, size.width), y + i * (size.title_font + 4),
                  line, size.title_font, anchor="middle", fill=TEXT, bold=True)
        )  # fmt: skip
        last = y + i * (size.title_font + 4)
    height = last + 8
    if outline is not None:
        legend, used = _legend([LegendItem(outline[0], YEAR["registered"], "line")], size, height)
        parts += legend
        height += used
    return _svg(size.width, height, title, parts)


# --------------------------------------------------------------------------- stacked bars


def stacked_bars(
    categories: Sequence[str],
    parts_of: Sequence[tuple[str, str, Sequence[float]]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    number: Callable[[float], str],
    total: float | None = None,
    size: Size = WIDE,
) -> str:
    """Draw horizontal bars, one per category, stacked from (name, colour, values) parts."""
    f = size.font
    sums = [sum(p[2][i] for p in parts_of) for i in range(len(categories))]
    ticks = nice_ticks(0, total or max(sums + [1e-9]), 4 if size is WIDE else 2)
    y_lines = wrap(y_title, size.title_font, size.width)
    top = len(y_lines) * (size.title_font + 4) + 10
    label_w = max(text_width(c, f) for c in categories) + 8
    margin = text_width(number(ticks[-1]), f) / 2 + 4
    plot_w = size.width - label_w - margin
    row = f * 2.2
    plot_h = row * len(categories)

    def sx(value: float) -> float:
        return label_w + plot_w * value / ticks[-1]

    parts = _title_lines(y_lines, size)
    for t in ticks:
        parts.append(
            f'<line x1="{sx(t):.1f}" x2="{sx(t):.1f}" y1="{top}" y2="{top + plot_h:.1f}" '
            f'stroke="{GRID}"/>'
        )
        parts.append(_text(sx(t), top + plot_h + f + 6, number(t), f, anchor="middle"))
    for i, category in enumerate(categories):
        y = top + row * i
        start = 0.0
        for _name, colour, values in parts_of:
            w = plot_w * values[i] / ticks[-1]
            parts.append(
                f'<rect x="{sx(start):.1f}" y="{y + 3:.1f}" width="{w:.1f}" '
                f'height="{row - 6:.1f}" fill="{colour}"/>'
            )
            start += values[i]
        parts.append(_text(label_w - 8, y + row / 2 + f * 0.35, category, f, anchor="end"))
    y = top + plot_h + f + 6 + size.title_font + 10
    parts.append(
        _text(_fit(label_w + plot_w / 2, x_title, size.title_font, size.width), y, x_title,
              size.title_font, anchor="middle", fill=TEXT, bold=True)
    )  # fmt: skip
    legend, used = _legend([LegendItem(n, c, "box") for n, c, _v in parts_of], size, y + 8)
    return _svg(size.width, y + 8 + used, title, [*parts, *legend])


def both(draw: Callable[[Size], str]) -> tuple[str, str]:
    """Return the wide and the narrow drawing of one chart."""
    return draw(WIDE), draw(NARROW)
