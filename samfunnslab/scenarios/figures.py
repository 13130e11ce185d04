"""Charts of the future: band to 2050, pyramid now vs 2040, 80+ by year, workforce need and supply.

Specs are plain Vega-Lite dicts; core.charts renders them to accessible SVG and caches by spec.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samfunnslab.core.charts import PALETTE, Figure
from samfunnslab.municipalities.figures import make_figure, spec
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.card import decimal, persons
from samfunnslab.scenarios.engine import Outcome
from samfunnslab.scenarios.svgchart import Series, line_chart

PYRAMID_GROUPS = [(a, a + 4) for a in range(0, 90, 5)] + [(90, 105)]
CALCULATION = "Beregning, ikke prognose."


def source_line(outcome: Outcome) -> str:
    """Return the source and assumption line shown under every projected figure."""
    return _(
        "%(calc)s Samfunnslabens framskriving, alternativ %(alt)s (%(series)s), basisår "
        "%(year)s. Kilde: Statistisk sentralbyrå (SSB), lisens CC BY 4.0. Tallene er bearbeidet."
    ) % {
        "calc": CALCULATION,
        "alt": outcome.alternative,
        "series": outcome.series_label,
        "year": engine.BASE_YEAR,
    }


def band_figure(outcome: Outcome, name: str) -> Figure:
    """Registered population, the default projection and the LLML–HHMH band, to 2050."""
    years, registered = engine.registered_totals(outcome.code)
    band = engine.band_totals(outcome.code)
    points: list[dict[str, Any]] = [
        {"year": int(y), "value": float(v), "series": _("Registrert")}
        for y, v in zip(years, registered, strict=True)
        if np.isfinite(v)
    ]
    projected = outcome.years.tolist()
    names = [_("Registrert"), _("Framskrevet (MMMM)")]
    points += [
        {"year": y, "value": float(v), "series": _("Framskrevet (MMMM)")}
        for y, v in zip(projected, band["MMMM"], strict=True)
    ]
    area = [
        {"year": y, "low": float(lo), "high": float(hi)}
        for y, lo, hi in zip(projected, band["LLML"], band["HHMH"], strict=True)
    ]
    chart = spec(
        layer=[
            {
                "data": {"values": area},
                "mark": {"type": "area", "color": "#9DB9E0", "opacity": 0.6},
                "encoding": {
                    "x": {"field": "year", "type": "quantitative", "title": _("År"),
                          "axis": {"format": "d"}},
                    "y": {"field": "low", "type": "quantitative", "title": _("Innbyggere"),
                          "scale": {"zero": False}},
                    "y2": {"field": "high"},
                },
            },
            {
                "data": {"values": points},
                "mark": {"type": "line", "strokeWidth": 2.5},
                "encoding": {
                    "x": {"field": "year", "type": "quantitative"},
                    "y": {"field": "value", "type": "quantitative"},
                    "color": {"field": "series", "type": "nominal", "title": None,
                              "scale": {"domain": names, "range": [PALETTE[1], PALETTE[0]]}},
                    "strokeDash": {"field": "series", "type": "nominal", "legend": None,
                                   "scale": {"domain": names, "range": [[1, 0], [6, 3]]}},
                },
            },
        ]
    )  # fmt: skip
    rows = [
        (y, persons(band["LLML"][i]), persons(band["MMMM"][i]), persons(band["HHMH"][i]))
        for i, y in enumerate(projected)
        if y in (engine.BASE_YEAR, *engine.KEY_YEARS)
    ]
    last = band["MMMM"][-1]
    return make_figure(
        id="framtid-folketall",
        title=_("Folketallet i %(name)s til 2050") % {"name": name},
        summary=_(
            "Registrert folketall fram til %(base)s og beregnet folketall til 2050: %(last)s i "
            "hovedalternativet, mellom %(low)s (lav vekst) og %(high)s (høy vekst)."
        ) % {"base": engine.BASE_YEAR, "last": persons(last), "low": persons(band["LLML"][-1]),
             "high": persons(band["HHMH"][-1])},
        spec=chart,
        headers=[_("År"), _("Lav (LLML)"), _("Hoved (MMMM)"), _("Høy (HHMH)")],
        rows=rows,
        source=source_line(outcome),
        notes=[_("Det skraverte feltet viser spennet mellom SSBs lave og høye alternativ.")],
    )  # fmt: skip


def _pyramid_rows(outcome: Outcome, year: int) -> list[tuple[str, float, float]]:
    """Return (age group label, women, men) for the pyramid groups in a year."""
    i = outcome.index(year)
    rows = []
    for low, high in PYRAMID_GROUPS:
        label = f"{low}–{high}" if high < 105 else f"{low}+"
        women = float(outcome.population[i, 0, low : high + 1].sum())
        men = float(outcome.population[i, 1, low : high + 1].sum())
        rows.append((label, women, men))
    return rows


def pyramid_figure(outcome: Outcome, name: str, year: int = engine.CARD_YEAR) -> Figure:
    """Population pyramid: bars for the later year, outlines for the base year."""
    order = [f"{lo}–{hi}" if hi < 105 else f"{lo}+" for lo, hi in PYRAMID_GROUPS][::-1]
    values = []
    for y, style in (
        (year, _("%(y)s (beregnet)") % {"y": year}),
        (engine.BASE_YEAR, _("%(y)s (registrert)") % {"y": engine.BASE_YEAR}),
    ):
        for label, women, men in _pyramid_rows(outcome, y):
            values.append({"age": label, "sex": _("Kvinner"), "value": -women, "year": style})
            values.append({"age": label, "sex": _("Menn"), "value": men, "year": style})
    bar_year = _("%(y)s (beregnet)") % {"y": year}
    enc = {
        "y": {"field": "age", "type": "ordinal", "sort": order, "title": _("Alder")},
        "x": {"field": "value", "type": "quantitative", "title": _("Kvinner ← innbyggere → Menn"),
              "axis": {"labelExpr": "format(abs(datum.value), ',')"}},
    }  # fmt: skip
    chart = spec(
        height=320,
        layer=[
            {"data": {"values": [v for v in values if v["year"] == bar_year]},
             "mark": {"type": "bar", "color": PALETTE[0], "opacity": 0.75}, "encoding": enc},
            {"data": {"values": [v for v in values if v["year"] != bar_year]},
             "mark": {"type": "bar", "filled": False, "stroke": PALETTE[1], "strokeWidth": 1.5},
             "encoding": enc},
        ],
    )  # fmt: skip
    now, later = _pyramid_rows(outcome, engine.BASE_YEAR), _pyramid_rows(outcome, year)
    rows = [
        (a, persons(w0), persons(m0), persons(w1), persons(m1))
        for (a, w0, m0), (_a, w1, m1) in zip(now, later, strict=True)
    ]
    return make_figure(
        id="framtid-pyramide",
        title=_("Befolkningspyramide %(name)s, %(y0)s og %(y1)s")
        % {"name": name, "y0": engine.BASE_YEAR, "y1": year},
        summary=_(
            "Blå søyler viser beregnet befolkning i %(y1)s etter alder og kjønn; de oransje "
            "omrissene viser %(y0)s. Innbyggere 80 år og eldre: %(o0)s i %(y0)s og %(o1)s i %(y1)s."
        ) % {"y0": engine.BASE_YEAR, "y1": year, "o0": persons(outcome.aged(engine.BASE_YEAR, 80)),
             "o1": persons(outcome.aged(year, 80))},
        spec=chart,
        headers=[_("Alder"), _("Kvinner %(y)s") % {"y": engine.BASE_YEAR},
                 _("Menn %(y)s") % {"y": engine.BASE_YEAR}, _("Kvinner %(y)s") % {"y": year},
                 _("Menn %(y)s") % {"y": year}],
        rows=rows,
        source=source_line(outcome),
    )  # fmt: skip


def workforce_figure(
    outcome: Outcome, name: str, baseline: Outcome | None = None, id: str = "framtid-arbeidskraft"
) -> Figure:
    """Care FTE need against supply at today's share of the workforce (and the baseline need)."""
    wf = outcome.workforce
    years = outcome.years.tolist()
    series = [
        Series(_("Årsverk som trengs"), PALETTE[0], wf.demand_fte.tolist()),
        Series(_("Årsverk med dagens andel"), PALETTE[2], wf.supply_fte.tolist(), "6 3"),
    ]
    if baseline is not None:
        series.append(
            Series(
                _("Trengs i referansebanen"),
                PALETTE[1],
                baseline.workforce.demand_fte.tolist(),
                "2 2",
            )
        )
    title = _("Årsverk i omsorgstjenestene i %(name)s") % {"name": name}
    svg = mark_safe(line_chart(years, series, title=title, x_title=_("År"), y_title=_("Årsverk")))  # noqa: S308 - built from numbers and escaped labels
    rows = []
    for year in (engine.BASE_YEAR, *engine.KEY_YEARS):
        at = wf.at(year)
        rows.append(
            (
                year,
                persons(at["demand_fte"]),
                persons(at["supply_fte"]),
                persons(at["gap_fte"]),
                decimal(at["every_nth"]),
            )
        )
    at = wf.at(engine.CARD_YEAR)
    return Figure(
        id=id,
        title=title,
        summary=_(
            "I %(y)s trengs %(need)s årsverk; med dagens andel av arbeidskraften er det %(supply)s. "
            "Da må hver %(nth)s. person i arbeid jobbe i omsorgen."
        ) % {"y": engine.CARD_YEAR, "need": persons(at["demand_fte"]),
             "supply": persons(at["supply_fte"]), "nth": decimal(at["every_nth"])},
        svg=svg,
        headers=[_("År"), _("Trengs"), _("Tilbud med dagens andel"), _("Mangler"),
                 _("Hver n-te i arbeid")],
        rows=rows,
        source=source_line(outcome),
        formula=_("behov = Σ innbyggere × brukerandel × årsverk per bruker; "
                  "tilbud = andel i omsorgen × årsverk i arbeid 20–66"),
    )  # fmt: skip
