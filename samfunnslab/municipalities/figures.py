"""Figures for the municipality pages, drawn by core.svg (the site's one chart path)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django.utils.translation import gettext as _

from samfunnslab.core import svg
from samfunnslab.core.charts import PALETTE, SEX, Figure, figure
from samfunnslab.municipalities import formatting as fmt
from samfunnslab.municipalities.selectors import AreaProfile, YearTotal

POPULATION_TABLE = "07459"
DASHES = ("", "6 3", "2 2", "8 2 2 2", "4 4", "1 3")


def axis_number(value: float) -> str:
    """Format an axis tick: whole persons with a narrow grouping, or one decimal when needed."""
    if float(value).is_integer():
        return fmt.persons(value)
    return fmt.decimal(value, 1)


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
    known = {p["year"]: p["total"] for p in points}
    draw = partial(
        svg.line_chart,
        list(profile.years),
        [svg.Line(_("Innbyggere"), PALETTE[0], [known.get(y) for y in profile.years], dots=True)],
        title=title,
        x_title=_("År (1. januar)"),
        y_title=_("Innbyggere"),
        number=axis_number,
    )
    return figure(
        id=id,
        title=title,
        summary=_population_summary(profile),
        draw=draw,
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


def band_shares(profile: AreaProfile) -> list[tuple[float, float]]:
    """Return (women, men) per band as a percentage of the whole population."""
    total = sum((b.female or 0) + (b.male or 0) for b in profile.pyramid) or 1.0
    return [(100 * (b.female or 0) / total, 100 * (b.male or 0) / total) for b in profile.pyramid]


def shared_reach(profiles: Sequence[AreaProfile]) -> float:
    """Return the largest band share (percent) of several areas: one scale for all their pyramids."""
    return max(max(w, m) for p in profiles for w, m in band_shares(p))


def pyramid_figure(
    *, id: str, name: str, profile: AreaProfile, share_reach: float | None = None
) -> Figure:
    """Population pyramid of the latest year by sex and five-year age band.

    With `share_reach` the bars are percentages of the population on a fixed scale, so pyramids
    of areas of different size shown side by side can be compared.
    """
    women, men = _("Kvinner"), _("Menn")
    year = profile.latest_year
    title = _("Befolkningspyramide for %(name)s, 1. januar %(year)s") % {
        "name": name,
        "year": year,
    }
    if share_reach is None:
        left = [band.female or 0 for band in profile.pyramid]
        right = [band.male or 0 for band in profile.pyramid]
        x_title, number, reach = _("Personer i hver aldersgruppe"), axis_number, None
    else:
        shares = band_shares(profile)
        left, right = [w for w, _m in shares], [m for _w, m in shares]
        x_title = _("Prosent av innbyggerne, samme skala for begge")
        number, reach = (
            (lambda v: fmt.decimal(v, 0 if float(v).is_integer() else 1) + " %"),
            share_reach,
        )
    draw = partial(
        svg.pyramid_chart,
        [band.label for band in profile.pyramid],
        svg.Side(women, SEX["female"], left),
        svg.Side(men, SEX["male"], right),
        title=title,
        x_title=x_title,
        number=number,
        reach=reach,
    )
    return figure(
        id=id,
        title=title,
        summary=_("Antall kvinner og menn i hver femårs aldersgruppe i %(year)s.") % {"year": year},
        draw=draw,
        headers=[_("Alder"), women, men],
        rows=[(b.label, fmt.persons(b.female), fmt.persons(b.male)) for b in profile.pyramid],
        source=ssb_source(POPULATION_TABLE, str(year)),
        formula=_("P(a–b, kjønn) = antall personer i aldersgruppen 1. januar")
        + ("" if share_reach is None else "; " + _("andel = P(a–b, kjønn) / P(alle)")),
    )


def index_figure(
    *, id: str, series: Sequence[tuple[str, Sequence[YearTotal]]], base_year: int
) -> Figure:
    """Compare areas of different size: population as an index, base year = 100."""
    rows_by_year: dict[int, list[str]] = {}
    lines = []
    years = sorted({t.year for _name, totals in series for t in totals})
    for i, (name, totals) in enumerate(series):
        base = next((t.total for t in totals if t.year == base_year), None)
        by_year = {}
        for t in totals:
            index = 100 * t.total / base if t.total is not None and base else None
            rows_by_year.setdefault(t.year, []).append(fmt.decimal(index, 1))
            by_year[t.year] = index
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        lines.append(svg.Line(name, colour, [by_year.get(y) for y in years], dash=dash))
    names = [name for name, _totals in series]
    title = _("Folketall som indeks, %(year)s = 100") % {"year": base_year}
    return figure(
        id=id,
        title=title,
        summary=_(
            "Hvor mye folketallet har endret seg siden %(year)s, uavhengig av kommunens størrelse."
        )
        % {"year": base_year},
        draw=partial(
            svg.line_chart,
            years,
            lines,
            title=title,
            x_title=_("År (1. januar)"),
            y_title=_("Indeks (%(year)s = 100)") % {"year": base_year},
            number=axis_number,
        ),
        headers=[_("År"), *names],
        rows=[(year, *cells) for year, cells in sorted(rows_by_year.items())],
        source=ssb_source(POPULATION_TABLE, f"{min(rows_by_year)}–{max(rows_by_year)}"),
        formula=_("indeks(t) = 100 · P(t) / P(%(year)s)") % {"year": base_year},
    )
