"""Charts of the future: band to 2050, pyramid now vs 2040, workforce need and supply (core.svg)."""

from __future__ import annotations

from functools import partial

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projection.workforce import printed_gap
from samfunnslab.core import svg
from samfunnslab.core.charts import PALETTE, SEX, YEAR, Figure, figure
from samfunnslab.municipalities.figures import axis_number
from samfunnslab.municipalities.formatting import decimal, persons
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.engine import AreaProjection, FloatArray, Outcome

Projected = Outcome | AreaProjection

PYRAMID_GROUPS = [(a, a + 4) for a in range(0, 90, 5)] + [(90, 105)]
CALCULATION = gettext_lazy("Beregning, ikke prognose.")


def source_line(outcome: Projected) -> str:
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
    known = {int(y): float(v) for y, v in zip(years, registered, strict=True) if np.isfinite(v)}
    return future_band_figure(outcome, name, known, engine.band_totals(outcome.code))


def future_band_figure(
    outcome: Projected,
    name: str,
    known: dict[int, float],
    band: dict[str, FloatArray],
    id: str = "framtid-folketall",
) -> Figure:
    """Registered totals (`known`, year → persons) and the projected band of any area, to 2050."""
    projected = outcome.years.tolist()
    xs = sorted(set(known) | set(projected))
    ahead = {y: float(v) for y, v in zip(projected, band["MMMM"], strict=True)}
    low = {y: float(v) for y, v in zip(projected, band["LLML"], strict=True)}
    high = {y: float(v) for y, v in zip(projected, band["HHMH"], strict=True)}
    title = _("Folketallet i %(name)s til 2050") % {"name": name}
    draw = partial(
        svg.line_chart,
        xs,
        [
            svg.Line(_("Registrert"), YEAR["registered"], [known.get(y) for y in xs]),
            svg.Line(_("Framskrevet (MMMM)"), YEAR["projected"], [ahead.get(y) for y in xs], "6 3"),
        ],
        band=svg.Band(
            _("Spenn lav–høy vekst (LLML–HHMH)"),
            [low.get(y) for y in xs],
            [high.get(y) for y in xs],
        ),
        marker=(engine.BASE_YEAR, str(engine.BASE_YEAR)),
        title=title,
        x_title=_("År (1. januar)"),
        y_title=_("Innbyggere"),
        number=axis_number,
    )
    rows = [
        (y, persons(band["LLML"][i]), persons(band["MMMM"][i]), persons(band["HHMH"][i]))
        for i, y in enumerate(projected)
        if y in (engine.BASE_YEAR, *engine.KEY_YEARS)
    ]
    last = band["MMMM"][-1]
    return figure(
        id=id,
        title=title,
        summary=_(
            "Registrert folketall fram til %(base)s og beregnet folketall til 2050: %(last)s i "
            "hovedalternativet, mellom %(low)s (lav vekst) og %(high)s (høy vekst)."
        ) % {"base": engine.BASE_YEAR, "last": persons(last), "low": persons(band["LLML"][-1]),
             "high": persons(band["HHMH"][-1])},
        draw=draw,
        headers=[_("År"), _("Lav (LLML)"), _("Hoved (MMMM)"), _("Høy (HHMH)")],
        rows=rows,
        source=source_line(outcome),
        formula=_("folketall = summen av alle aldre og begge kjønn 1. januar; spenn = fra lav "
                  "vekst (LLML) til høy vekst (HHMH)"),
        notes=[_("Det skraverte feltet viser spennet mellom SSBs lave og høye alternativ.")],
    )  # fmt: skip


def _pyramid_rows(outcome: Projected, year: int) -> list[tuple[str, float, float]]:
    """Return (age group label, women, men) for the pyramid groups in a year."""
    i = outcome.index(year)
    rows = []
    for low, high in PYRAMID_GROUPS:
        label = f"{low}–{high}" if high < 105 else f"{low}+"
        women = float(outcome.population[i, 0, low : high + 1].sum())
        men = float(outcome.population[i, 1, low : high + 1].sum())
        rows.append((label, women, men))
    return rows


def pyramid_figure(
    outcome: Projected,
    name: str,
    year: int = engine.CARD_YEAR,
    *,
    reach: float | None = None,
    id: str = "framtid-pyramide",
) -> Figure:
    """Population pyramid: bars by sex for the later year, black outlines for the base year.

    `reach` fixes the scale (share of the population in percent when `share` pyramids are
    compared side by side).
    """
    now, later = _pyramid_rows(outcome, engine.BASE_YEAR), _pyramid_rows(outcome, year)
    women, men = _("Kvinner"), _("Menn")
    title = _("Befolkningspyramide %(name)s, %(y0)s og %(y1)s") % {
        "name": name, "y0": engine.BASE_YEAR, "y1": year,
    }  # fmt: skip
    draw = partial(
        svg.pyramid_chart,
        [a for a, _w, _m in later],
        svg.Side(_("Kvinner %(y)s") % {"y": year}, SEX["female"], [w for _a, w, _m in later]),
        svg.Side(_("Menn %(y)s") % {"y": year}, SEX["male"], [m for _a, _w, m in later]),
        outline=(
            _("%(y)s (registrert)") % {"y": engine.BASE_YEAR},
            [w for _a, w, _m in now],
            [m for _a, _w, m in now],
        ),
        reach=reach,
        title=title,
        x_title=_("Innbyggere i hver femårsgruppe"),
        number=axis_number,
    )
    rows = [
        (a, persons(w0), persons(m0), persons(w1), persons(m1))
        for (a, w0, m0), (_a, w1, m1) in zip(now, later, strict=True)
    ]
    return figure(
        id=id,
        title=title,
        summary=_(
            "Søylene viser beregnet befolkning i %(y1)s etter alder og kjønn; de svarte strekene "
            "viser %(y0)s. Innbyggere 80 år og eldre: %(o0)s i %(y0)s og %(o1)s i %(y1)s."
        ) % {"y0": engine.BASE_YEAR, "y1": year, "o0": persons(outcome.aged(engine.BASE_YEAR, 80)),
             "o1": persons(outcome.aged(year, 80))},
        draw=draw,
        headers=[_("Alder"), f"{women} {engine.BASE_YEAR}", f"{men} {engine.BASE_YEAR}",
                 f"{women} {year}", f"{men} {year}"],
        rows=rows,
        source=source_line(outcome),
        formula=_("innbyggere per femårsgruppe og kjønn 1. januar; 80+ = P(80–105+)"),
    )  # fmt: skip


def workforce_figure(
    outcome: Outcome, name: str, baseline: Outcome | None = None, id: str = "framtid-arbeidskraft"
) -> Figure:
    """Care FTE need against supply at today's share of the workforce (and the baseline need)."""
    wf = outcome.workforce
    years = outcome.years.tolist()
    series = [
        svg.Line(_("Årsverk som trengs"), PALETTE[0], wf.demand_fte.tolist()),
        svg.Line(_("Årsverk med dagens andel"), PALETTE[2], wf.supply_fte.tolist(), "6 3"),
    ]
    if baseline is not None:
        series.append(
            svg.Line(
                _("Trengs i referansebanen"),
                PALETTE[1],
                baseline.workforce.demand_fte.tolist(),
                "2 2",
            )
        )
    title = _("Årsverk i omsorgstjenestene i %(name)s") % {"name": name}
    draw = partial(
        svg.line_chart,
        years,
        series,
        title=title,
        x_title=_("År"),
        y_title=_("Årsverk"),
        number=axis_number,
    )
    rows = []
    for year in (engine.BASE_YEAR, *engine.KEY_YEARS):
        at = wf.at(year)
        rows.append(
            (
                year,
                persons(at["demand_fte"]),
                persons(at["supply_fte"]),
                persons(printed_gap(at["demand_fte"], at["supply_fte"])),
                decimal(at["every_nth"]),
            )
        )
    at = wf.at(engine.CARD_YEAR)
    return figure(
        id=id,
        title=title,
        summary=_(
            "I %(y)s trengs %(need)s årsverk; med dagens andel av arbeidskraften er det %(supply)s. "
            "Da må hver %(nth)s. person i arbeid jobbe i omsorgen."
        ) % {"y": engine.CARD_YEAR, "need": persons(at["demand_fte"]),
             "supply": persons(at["supply_fte"]), "nth": decimal(at["every_nth"])},
        draw=draw,
        headers=[_("År"), _("Trengs"), _("Tilbud med dagens andel"), _("Mangler"),
                 _("Hver n-te i arbeid")],
        rows=rows,
        source=source_line(outcome),
        formula=_("behov = Σ innbyggere × brukerandel × årsverk per bruker; "
                  "tilbud = andel i omsorgen × årsverk i arbeid 20–66"),
    )  # fmt: skip
