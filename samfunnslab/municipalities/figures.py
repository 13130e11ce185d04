"""Figures for the municipality pages: Vega-Lite specs rendered to accessible SVG by core.charts.

Specs are plain dicts (no Altair validation on the hot path); core.charts caches the SVG by spec,
so a page shown twice renders its charts once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from samfunnslab.core.charts import PALETTE, Figure, chart_figure
from samfunnslab.municipalities import formatting as fmt
from samfunnslab.municipalities import svgcharts
from samfunnslab.municipalities.selectors import AreaProfile, YearTotal

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH, HEIGHT = 540, 260
# Larger type than core's defaults, so the SVG stays legible when a phone scales it down.
AXIS = {"labelFontSize": 14, "titleFontSize": 15, "labelColor": "#333", "titleColor": "#222"}
LEGEND = {"labelFontSize": 14, "titleFontSize": 15, "orient": "bottom"}
LOCALE = {
    "number": {
        "decimal": ",",
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", " kr"],
        "minus": "−",
    }
}
POPULATION_TABLE = "07459"


def make_figure(**kwargs: Any) -> Figure:
    """Build a Figure with core.charts (which leaves the <svg> as the one labelled image)."""
    return chart_figure(**kwargs)


def spec(**parts: Any) -> dict[str, Any]:
    """Return a Vega-Lite spec with the schema, size and Norwegian number format."""
    return {
        "$schema": SCHEMA,
        "width": WIDTH,
        "height": HEIGHT,
        "config": {"locale": LOCALE, "axis": AXIS, "legend": LEGEND},
        **parts,
    }


def ssb_source(table: str, years: str) -> str:
    """Return the source line for an SSB table and years."""
    return _(
        "Kilde: SSB, tabell %(table)s (%(years)s), lisens CC BY 4.0. Tallene er bearbeidet."
    ) % {
        "table": table,
        "years": years,
    }


def population_figure(*, id: str, name: str, profile: AreaProfile) -> Figure:
    """Line chart of the registered population on 1 January, every year with a figure."""
    points = [{"year": p.year, "total": p.total} for p in profile.population if p.total is not None]
    first, last = profile.years[0], profile.years[-1]
    notes = []
    if profile.blank_years:
        notes.append(_blank_note(profile.blank_years))
    title = _("Folketall i %(name)s %(first)s–%(last)s") % {
        "name": name,
        "first": first,
        "last": last,
    }
    svg = svgcharts.line_svg(
        [(p["year"], p["total"]) for p in points],
        years=profile.years,
        title=title,
        x_title=_("År (1. januar)"),
        y_title=_("Innbyggere"),
        color=PALETTE[0],
        number=fmt.persons,
    )
    return Figure(
        id=id,
        title=title,
        summary=_population_summary(profile),
        svg=svg,
        headers=[_("År"), _("Innbyggere 1. januar")],
        rows=[(p.year, fmt.persons(p.total)) for p in profile.population],
        source=ssb_source(POPULATION_TABLE, f"{first}–{last}"),
        formula=_("P(alle) = summen av alle aldre og begge kjønn"),
        notes=tuple(notes),
    )


def _blank_note(years: Sequence[int]) -> str:
    """Explain the years that have no comparable figure."""
    return _(
        "%(first)s–%(last)s: ingen sammenlignbare tall. Kommunen ble delt, og SSB har ikke tall for "
        "den nye kommunen før delingen."
    ) % {"first": years[0], "last": years[-1]}


def _population_summary(profile: AreaProfile) -> str:
    """Say in one sentence how the population changed."""
    known = [p for p in profile.population if p.total is not None]
    if len(known) < 2:
        return _("Folketallet 1. januar hvert år.")
    return _("Folketallet gikk fra %(start)s i %(y0)s til %(end)s i %(y1)s.") % {
        "start": fmt.persons(known[0].total),
        "y0": known[0].year,
        "end": fmt.persons(known[-1].total),
        "y1": known[-1].year,
    }


def pyramid_figure(*, id: str, name: str, profile: AreaProfile) -> Figure:
    """Population pyramid of the latest year by sex and five-year age band."""
    women, men = _("Kvinner"), _("Menn")
    year = profile.latest_year
    title = _("Befolkningspyramide for %(name)s, 1. januar %(year)s") % {
        "name": name,
        "year": year,
    }
    svg = svgcharts.pyramid_svg(
        [(band.label, band.female or 0, band.male or 0) for band in profile.pyramid],
        title=title,
        x_title=_("Personer (kvinner til venstre, menn til høyre)"),
        y_title=_("Alder"),
        left_label=women,
        right_label=men,
        left_color=PALETTE[1],
        right_color=PALETTE[0],
        number=fmt.persons,
    )
    return Figure(
        id=id,
        title=title,
        summary=_("Antall kvinner og menn i hver femårs aldersgruppe i %(year)s.") % {"year": year},
        svg=svg,
        headers=[_("Alder"), women, men],
        rows=[(b.label, fmt.persons(b.female), fmt.persons(b.male)) for b in profile.pyramid],
        source=ssb_source(POPULATION_TABLE, str(year)),
        formula=_("P(a–b, kjønn) = antall personer i aldersgruppen 1. januar"),
    )


def index_figure(
    *, id: str, series: Sequence[tuple[str, Sequence[YearTotal]]], base_year: int
) -> Figure:
    """Compare areas of different size: population as an index, base year = 100."""
    values, rows_by_year = [], {}
    for name, totals in series:
        base = next((t.total for t in totals if t.year == base_year), None)
        for t in totals:
            index = 100 * t.total / base if t.total is not None and base else None
            rows_by_year.setdefault(t.year, []).append(fmt.decimal(index, 1))
            if index is not None:
                values.append({"year": t.year, "index": round(index, 2), "area": name})
    names = [name for name, _totals in series]
    chart = spec(
        data={"values": values},
        mark={"type": "line", "point": True, "strokeWidth": 2.5},
        encoding={
            "x": {"field": "year", "type": "ordinal", "title": _("År (1. januar)")},
            "y": {
                "field": "index",
                "type": "quantitative",
                "title": _("Indeks (%(year)s = 100)") % {"year": base_year},
                "scale": {"zero": False},
            },
            "color": {"field": "area", "type": "nominal", "title": _("Kommune"), "sort": names},
            "strokeDash": {"field": "area", "type": "nominal", "sort": names, "legend": None},
        },
    )
    return make_figure(
        id=id,
        title=_("Folketall som indeks, %(year)s = 100") % {"year": base_year},
        summary=_(
            "Hvor mye folketallet har endret seg siden %(year)s, uavhengig av kommunens størrelse."
        )
        % {"year": base_year},
        spec=chart,
        headers=[_("År"), *names],
        rows=[(year, *cells) for year, cells in sorted(rows_by_year.items())],
        source=ssb_source(POPULATION_TABLE, f"{min(rows_by_year)}–{max(rows_by_year)}"),
        formula=_("indeks(t) = 100 · P(t) / P(%(year)s)") % {"year": base_year},
    )
