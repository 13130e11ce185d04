"""SVG maps drawn from the simplified Kartverket outlines (statbank.geo); each has a list alternative."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samfunnslab.core import statistics
from samfunnslab.core.statistics import GeoData, project_to_svg, svg_path
from samfunnslab.municipalities import formatting as fmt

NATIONAL_SIZE = (420, 640)
LOCAL_SIZE = (360, 300)
BLANK_FILL = "#bdbdbd"
STROKE = "#444"


@dataclass(frozen=True)
class ChangeClass:
    """One colour class of the change map: changes in [low, high)."""

    low: float
    high: float
    fill: str
    label: str


def change_classes(step: float = 0.05) -> tuple[ChangeClass, ...]:
    """Return the diverging colour classes for population change (red shrinks, blue grows).

    Six classes split at −2·step, −step, 0, step and 2·step (ColorBrewer RdBu, colour-blind safe).
    """
    inf = float("inf")
    bounds = (
        (-inf, -2 * step, "#b2182b"),
        (-2 * step, -step, "#ef8a62"),
        (-step, 0.0, "#fddbc7"),
        (0.0, step, "#d1e5f0"),
        (step, 2 * step, "#67a9cf"),
        (2 * step, inf, "#2166ac"),
    )
    result = []
    for low, high, fill in bounds:
        if low == -inf:
            label = _("under %(high)s") % {"high": fmt.percent(high, 0)}
        elif high == inf:
            label = _("%(low)s eller mer") % {"low": fmt.percent(low, 0, signed=True)}
        else:
            label = _("%(low)s til %(high)s") % {
                "low": fmt.percent(low, 0, signed=True),
                "high": fmt.percent(high, 0, signed=True),
            }
        result.append(ChangeClass(low, high, fill, label))
    return tuple(result)


def fill_for(change: float | None, classes: Sequence[ChangeClass]) -> str:
    """Return the fill colour for a change (grey where there is no comparable figure)."""
    if change is None:
        return BLANK_FILL
    for klass in classes:
        if klass.low <= change < klass.high:
            return klass.fill
    return BLANK_FILL


def _svg(width: int, height: int, label: str, body: str) -> SafeString:
    """Wrap paths in an accessible SVG element."""
    return mark_safe(  # noqa: S308 - every text part is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}" focusable="false">{body}</svg>'
    )


def change_map(
    changes: Mapping[str, float | None], *, label: str, step: float = 0.05
) -> SafeString | None:
    """Draw all municipalities coloured by change; None while the snapshot has no outlines."""
    geo = statistics.geo()
    if geo is None:
        return None
    return _change_map(tuple(sorted(changes.items())), label, step)


@statistics.per_snapshot(maxsize=8)
def _change_map(
    changes: tuple[tuple[str, float | None], ...], label: str, step: float
) -> SafeString:
    """Render a national change map once per process."""
    geo = _geo()
    width, height = NATIONAL_SIZE
    areas = geo.municipalities
    frame = _frame([areas[code].bbox for code in areas])
    classes = change_classes(step)
    paths = []
    for code, change in changes:
        if code not in areas:
            continue
        d = svg_path(project_to_svg(areas[code].rings, width, height, frame=frame))
        paths.append(
            f'<path d="{d}" fill="{fill_for(change, classes)}" stroke="{STROKE}" '
            f'stroke-width="0.25" fill-rule="evenodd"><title>{escape(areas[code].name)}: '
            f"{escape(fmt.percent(change, 1, signed=True))}</title></path>"
        )
    return _svg(width, height, label, "".join(paths))


def _geo() -> GeoData:
    """Return the outlines (callers have checked that they exist)."""
    geo = statistics.geo()
    if geo is None:
        raise LookupError("the snapshot has no outlines")
    return geo


def _frame(boxes: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    """Return the bounding box of several bounding boxes."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def neighbours(code: str) -> tuple[str, ...]:
    """Return the codes of the municipalities that share a border with this one (none without geo)."""
    geo = statistics.geo()
    if geo is None or code not in geo.municipalities:
        return ()
    return geo.municipalities[code].neighbours


def locator_map(code: str, *, label: str) -> SafeString | None:
    """Draw one municipality highlighted among its neighbours; None while there are no outlines."""
    geo = statistics.geo()
    if geo is None or code not in geo.municipalities:
        return None
    return _locator_map(code, label)


@statistics.per_snapshot(maxsize=512)
def _locator_map(code: str, label: str) -> SafeString:
    """Render the locator map of one municipality once per process."""
    geo = _geo()
    width, height = LOCAL_SIZE
    area = geo.municipalities[code]
    around = [geo.municipalities[c] for c in area.neighbours if c in geo.municipalities]
    frame = _frame([area.bbox, *(a.bbox for a in around)])
    parts = []
    for other in around:
        d = svg_path(project_to_svg(other.rings, width, height, frame=frame))
        parts.append(
            f'<path d="{d}" fill="#f2f2f2" stroke="{STROKE}" stroke-width="0.6" '
            f'fill-rule="evenodd"><title>{escape(other.name)}</title></path>'
        )
    d = svg_path(project_to_svg(area.rings, width, height, frame=frame))
    parts.append(
        f'<path d="{d}" fill="#1E5AA8" stroke="#0b2f5e" stroke-width="1.2" '
        f'fill-rule="evenodd"><title>{escape(area.name)}</title></path>'
    )
    return _svg(width, height, label, "".join(parts))
