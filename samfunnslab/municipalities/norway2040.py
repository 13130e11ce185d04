"""«Norge 2040»: the national picture from SSB's registered population and national projection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from projection.ages import OPEN_AGE, group_label
from projection.indicators import indicators
from projection.national import NationalProjection
from samfunnslab.core import attribution, statistics
from samfunnslab.core.charts import PALETTE, Figure
from samfunnslab.municipalities import figures, maps
from samfunnslab.municipalities import formatting as fmt
from samfunnslab.municipalities import selectors as sel

CHANGE_YEARS = 10
TARGET_YEAR = 2040


@dataclass(frozen=True)
class Fact:
    """A headline fact in Norwegian, with the source it comes from."""

    text: str
    source_name: str
    source_url: str


def _fact_texts() -> dict[str, str]:
    """Return the Norwegian wording of the headline facts we show, by fact id."""
    return {
        "hc_share_of_employed": _(
            "Helse- og omsorgstjenestene sysselsetter over 15 % av alle "
            "sysselsatte i Norge (2021) – tre ganger så stor andel som tidlig på 1970-tallet."
        ),
        "hc_employed_persons": _(
            "Mer enn 400 000 personer arbeider i helse- og omsorgstjenestene."
        ),
        "public_hc_share_2060_scenarios": _(
            "I flere av SSBs beregninger må sektorens andel av alle "
            "årsverk dobles fram mot 2060 (fra 13 % i 2019) for å dekke "
            "ønsket bruk av tjenestene; en tredobling kan ikke utelukkes."
        ),
        "care_services_fte_2023": _(
            "Omsorgstjenestene i kommunene hadde 157 076 avtalte årsverk i 2023."
        ),
        "commission_main_recommendation": _(
            "Helsepersonellkommisjonen anbefaler at det samlede "
            "personellet i helse og omsorg ikke bør øke vesentlig, fordi "
            "arbeidsstyrken i Norge ikke lenger vil vokse."
        ),
    }


def headline_facts() -> list[Fact]:
    """Return the workforce headline facts that are in the shared data, in a fixed order."""
    facts = statistics.headline_facts()
    return [
        Fact(text, facts[key].source_name, facts[key].source_url)
        for key, text in _fact_texts().items()
        if key in facts
    ]


def _source_projection(projection: NationalProjection) -> str:
    """Return the source line of the national projection."""
    return _(
        "Kilde: SSB, tabell %(table)s, nasjonal befolkningsframskriving %(edition)s, "
        "alternativ %(alt)s (middels nasjonal vekst). Lisens CC BY 4.0. Tallene er bearbeidet."
    ) % {
        "table": statistics.PROJECTION_TABLE,
        "edition": projection.edition,
        "alt": projection.alternative,
    }


def pyramid_now_and_then(nation: np.ndarray, year: int, projection: NationalProjection) -> Figure:
    """Bar chart by age group: registered now against the projection for 2040."""
    groups = projection.groups
    now = sel.grouped(nation, groups)
    then = projection.values[int(np.searchsorted(projection.years, TARGET_YEAR))]
    labels = [group_label(g).replace("-", "–") for g in groups]
    old, oldest = groups.index((80, 89)), groups.index((90, OPEN_AGE))
    now_label = _("%(year)s (registrert)") % {"year": year}
    then_label = _("%(year)s (framskrevet)") % {"year": TARGET_YEAR}
    values = [
        {"age": lab, "series": s, "persons": round(float(v))}
        for lab, a, b in zip(labels, now, then, strict=True)
        for s, v in ((now_label, a), (then_label, b))
    ]
    spec = figures.spec(
        height=320,
        data={"values": values},
        mark={"type": "bar"},
        encoding={
            "y": {
                "field": "age",
                "type": "ordinal",
                "sort": labels[::-1],
                "title": _("Aldersgruppe"),
            },
            "yOffset": {"field": "series", "sort": [now_label, then_label]},
            "x": {
                "field": "persons",
                "type": "quantitative",
                "title": _("Personer"),
                "axis": {"format": ",d"},
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "sort": [now_label, then_label],
                "scale": {"range": [PALETTE[0], PALETTE[1]]},
            },
        },
    )
    return figures.make_figure(
        id="pyramide-2040",
        title=_("Befolkningen etter alder: %(now)s og %(then)s")
        % {"now": year, "then": TARGET_YEAR},
        summary=_(
            "De eldste vokser mest: fram mot %(then)s øker gruppen 80–89 år med %(a)s og "
            "gruppen 90 år og eldre med %(b)s."
        )
        % {
            "then": TARGET_YEAR,
            "a": fmt.percent(then[old] / now[old] - 1, 0),
            "b": fmt.percent(then[oldest] / now[oldest] - 1, 0),
        },
        spec=spec,
        headers=[_("Aldersgruppe"), now_label, then_label, _("Endring"), *_band_headers()],
        rows=[
            (lab, fmt.persons(a), fmt.persons(b), fmt.percent(b / a - 1, 0, signed=True), *band)
            for lab, a, b, band in zip(labels, now, then, _band_rows(projection), strict=True)
        ],
        source=_source_projection(projection) + " " + figures.ssb_source("07459", str(year)),
        formula=_("P(aldersgruppe), begge kjønn; %(now)s registrert, %(then)s framskrevet")
        % {"now": year, "then": TARGET_YEAR},
        notes=[
            _("Aldersgruppene er ulikt brede, slik SSB publiserer framskrivingen."),
            _("Tabellen viser også SSBs alternativ med lav (LLML) og høy (HHMH) nasjonal vekst."),
        ],
    )


def _band_headers() -> list[str]:
    """Return the table headers of the low and high alternatives for the target year."""
    return [
        _("%(year)s lav (LLML)") % {"year": TARGET_YEAR},
        _("%(year)s høy (HHMH)") % {"year": TARGET_YEAR},
    ]


def _band_rows(projection: NationalProjection) -> list[tuple[str, str]]:
    """Return, per age group, the target year under the low and high alternatives."""
    series = []
    for alternative in ("LLML", "HHMH"):
        other = statistics.national_projection(projection.edition, alternative)
        if other.groups != projection.groups:
            raise ValueError(f"{alternative} has other age groups than {projection.alternative}")
        series.append(other.values[int(np.searchsorted(other.years, TARGET_YEAR))])
    return [(fmt.persons(low), fmt.persons(high)) for low, high in zip(*series, strict=True)]


def _series_rows(
    years: list[int],
    registered: dict[str, np.ndarray],
    projected: dict[str, np.ndarray],
    proj_years: np.ndarray,
) -> tuple[list[dict[str, Any]], list[tuple[object, ...]]]:
    """Join registered and projected series into chart values and table rows."""
    values, rows = [], []
    reg, proj = _("registrert"), _("framskrevet")
    for i, year in enumerate(years):
        rows.append((year, *(registered[k][i] for k in registered), reg))
        values += [
            {"year": year, "series": k, "kind": reg, "value": float(registered[k][i])}
            for k in registered
        ]
    for i, year in enumerate(int(y) for y in proj_years):
        if year > years[-1]:
            rows.append((year, *(projected[k][i] for k in projected), proj))
        if year >= years[-1]:
            values += [
                {"year": year, "series": k, "kind": proj, "value": float(projected[k][i])}
                for k in projected
            ]
    return values, rows


def _line_spec(
    values: list[dict[str, Any]], y_title: str, last_registered: int, y_format: str
) -> dict[str, Any]:
    """Lines per series, solid while registered and dashed when projected, with a rule at 'now'."""
    return figures.spec(
        layer=[
            {
                "data": {"values": values},
                "mark": {"type": "line", "strokeWidth": 2.5},
                "encoding": {
                    "x": {
                        "field": "year",
                        "type": "quantitative",
                        "title": _("År (1. januar)"),
                        "axis": {"format": "d"},
                        "scale": {"zero": False},
                    },
                    "y": {
                        "field": "value",
                        "type": "quantitative",
                        "title": y_title,
                        "axis": {"format": y_format},
                    },
                    "color": {"field": "series", "type": "nominal", "title": None},
                    "strokeDash": {
                        "field": "kind",
                        "type": "nominal",
                        "title": None,
                        "sort": [_("registrert"), _("framskrevet")],
                    },
                    "detail": {"field": "kind"},
                },
            },
            {
                "data": {"values": [{"year": last_registered}]},
                "mark": {"type": "rule", "color": "#555"},
                "encoding": {"x": {"field": "year", "type": "quantitative"}},
            },
        ],
    )


def elderly_growth(years: list[int], nation: np.ndarray, projection: NationalProjection) -> Figure:
    """Lines of persons 67+ and 80+, registered 2006–now and projected to 2050."""
    by_age = nation.sum(axis=1)
    keys = (_("67 år og eldre"), _("80 år og eldre"))
    registered = {keys[0]: by_age[:, 67:].sum(axis=1), keys[1]: by_age[:, 80:].sum(axis=1)}
    projected = {
        keys[0]: sel.projected_sum(projection, 67),
        keys[1]: sel.projected_sum(projection, 80),
    }
    values, rows = _series_rows(years, registered, projected, projection.years)
    at = int(np.searchsorted(projection.years, TARGET_YEAR))
    growth = projected[keys[1]][at] / registered[keys[1]][-1] - 1
    return figures.make_figure(
        id="eldre",
        title=_("Antall eldre %(y0)s–%(y1)s") % {"y0": years[0], "y1": int(projection.years[-1])},
        summary=_("Antallet som er 80 år og eldre øker med %(growth)s fra %(now)s til %(then)s.")
        % {"growth": fmt.percent(growth, 0), "now": years[-1], "then": TARGET_YEAR},
        spec=_line_spec(values, _("Personer"), years[-1], ",d"),
        headers=[_("År"), *keys, _("Kilde")],
        rows=[(r[0], fmt.persons(r[1]), fmt.persons(r[2]), r[3]) for r in rows],
        source=figures.ssb_source("07459", f"{years[0]}–{years[-1]}")
        + " "
        + _source_projection(projection),
        formula=_("P(67+) og P(80+); heltrukket linje er registrert, stiplet er framskrevet"),
    )


def support_ratio(years: list[int], nation: np.ndarray, projection: NationalProjection) -> Figure:
    """Lines of aldersbæreevne (20–66 per 67+ and per 80+), registered then projected."""
    registered_ind = indicators(nation)
    names = (registered_ind["aldersbaereevne"].name, registered_ind["aldersbaereevne_80"].name)
    registered = {
        names[0]: registered_ind["aldersbaereevne"].values,
        names[1]: registered_ind["aldersbaereevne_80"].values,
    }
    workers = sel.projected_sum(projection, 20, 66)
    projected = {
        names[0]: workers / sel.projected_sum(projection, 67),
        names[1]: workers / sel.projected_sum(projection, 80),
    }
    values, rows = _series_rows(years, registered, projected, projection.years)
    at = int(np.searchsorted(projection.years, TARGET_YEAR))
    return figures.make_figure(
        id="aldersbaereevne",
        title=_("Aldersbæreevne %(y0)s–%(y1)s") % {"y0": years[0], "y1": int(projection.years[-1])},
        summary=_(
            "I %(now)s gikk det %(a)s personer i alderen 20–66 år på hver person over 67; i %(then)s "
            "er tallet framskrevet til %(b)s."
        )
        % {
            "now": years[-1],
            "a": fmt.decimal(registered[names[0]][-1], 1),
            "then": TARGET_YEAR,
            "b": fmt.decimal(projected[names[0]][at], 1),
        },
        spec=_line_spec(values, _("Personer 20–66 år per eldre"), years[-1], ",.1f"),
        headers=[_("År"), *names, _("Kilde")],
        rows=[(r[0], fmt.decimal(r[1], 2), fmt.decimal(r[2], 2), r[3]) for r in rows],
        source=figures.ssb_source("07459", f"{years[0]}–{years[-1]}")
        + " "
        + _source_projection(projection),
        formula=f"{registered_ind['aldersbaereevne'].formula}; {registered_ind['aldersbaereevne_80'].formula}",
    )


def _centrality_label(klass: int) -> str:
    """Return a short axis label for a centrality class, naming the two ends."""
    if klass == 1:
        return _("1 (mest sentral)")
    if klass == 6:
        return _("6 (minst sentral)")
    return str(klass)


def centrality_figure(rows: tuple[sel.CentralityChange, ...], start: int, end: int) -> Figure:
    """Stacked bars: share of municipalities that grew and shrank, per centrality class."""
    grew, shrank = _("vokste"), _("krympet")
    values = []
    for row in rows:
        label = _centrality_label(row.centrality_class)
        values.append({"klass": label, "result": grew, "share": round(row.share_grew, 4)})
        values.append({"klass": label, "result": shrank, "share": round(row.share_shrank, 4)})
    spec = figures.spec(
        height=220,
        data={"values": values},
        mark={"type": "bar"},
        encoding={
            "y": {
                "field": "klass",
                "type": "ordinal",
                "title": _("Sentralitet"),
            },
            "x": {
                "field": "share",
                "type": "quantitative",
                "stack": "zero",
                "title": _("Andel av kommunene"),
                "axis": {"format": ".0%"},
                "scale": {"domain": [0, 1]},
            },
            "color": {
                "field": "result",
                "type": "nominal",
                "title": None,
                "sort": [grew, shrank],
                "scale": {"domain": [grew, shrank], "range": [PALETTE[0], PALETTE[1]]},
            },
            "order": {"field": "result", "sort": "descending"},
        },
    )
    least = rows[-1]
    return figures.make_figure(
        id="sentralitet",
        title=_("Kommuner som vokste og krympet %(y0)s–%(y1)s, etter sentralitet")
        % {"y0": start, "y1": end},
        summary=_(
            "Jo mindre sentral kommunen er, jo oftere krympet folketallet: i klasse %(k)s krympet %(s)s."
        )
        % {"k": least.centrality_class, "s": fmt.percent(least.share_shrank, 0)},
        spec=spec,
        headers=[
            _("Sentralitetsklasse"),
            _("Kommuner"),
            grew,
            shrank,
            _("uendret"),
            _("ingen sammenlignbare tall"),
        ],
        rows=[
            (r.centrality_class, r.municipalities, r.grew, r.shrank, r.unchanged, r.unknown)
            for r in rows
        ],
        source=figures.ssb_source("07459", f"{start} og {end}")
        + " "
        + _("Sentralitet: SSB KLASS 128 (2024)."),
        formula=_(
            "andel som krympet = antall med P(%(y1)s) < P(%(y0)s) / antall med sammenlignbare tall"
        )
        % {"y0": start, "y1": end},
    )


def norway_2040() -> dict[str, object]:
    """Return the context of the Norge 2040 page."""
    regions = statistics.regions()
    years, nation = list(regions.years), regions.nation
    projection = statistics.national_projection()
    snapshot = statistics.snapshot()
    end, start = years[-1], years[-1] - CHANGE_YEARS
    changes = sel.municipality_changes(snapshot.population, snapshot.municipalities, start, end)
    by_class = sel.changes_by_centrality(changes, snapshot.municipalities)
    shrank = sum(r.shrank for r in by_class)
    known = sum(r.municipalities - r.unknown for r in by_class)
    return {
        "now": end,
        "target": TARGET_YEAR,
        "start": start,
        "shrank": shrank,
        "known": known,
        "share_shrank": fmt.percent(shrank / known, 0),
        "figures": [
            pyramid_now_and_then(nation[-1], end, projection),
            elderly_growth(years, nation, projection),
            support_ratio(years, nation, projection),
            centrality_figure(by_class, start, end),
        ],
        "change_map": maps.change_map(
            {c.code: c.change for c in changes},
            label=_("Kart: endring i folketallet %(y0)s–%(y1)s per kommune")
            % {"y0": start, "y1": end},
        ),
        "change_classes": maps.change_classes(),
        "changes": sorted(changes, key=lambda c: (c.change is None, c.change or 0.0)),
        "change_rows": [
            (
                c.code,
                c.name,
                fmt.persons(c.start),
                fmt.persons(c.end),
                fmt.percent(c.change, 1, signed=True),
            )
            for c in sorted(changes, key=lambda c: (c.change is None, c.change or 0.0))
        ],
        "facts": headline_facts(),
        "attribution_sources": (attribution.SSB, attribution.KARTVERKET),
    }
