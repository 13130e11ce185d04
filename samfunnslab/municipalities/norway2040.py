"""«Norge 2040»: the national picture from SSB's registered population and national projection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

import numpy as np
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from projection.ages import OPEN_AGE
from projection.indicators import indicators
from projection.national import NationalProjection
from samfunnslab.core import attribution, statistics, svg
from samfunnslab.core.charts import PALETTE, SEX, Figure, figure
from samfunnslab.municipalities import figures, future_map, maps
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

    @property
    def source_html(self) -> SafeString:
        """Return the source name marked with its languages (English, titles in nb/nn)."""
        return source_with_languages(self.source_name)


# Titles inside the (English) source names, in the language they are written in (WCAG 3.1.2).
SOURCE_TITLES = (
    ("Sjukeheimar, heimetenester og andre omsorgstenester", "nn"),
    ("Tid for handling", "nb"),
    ("Helsepersonellkommisjonen", "nb"),
    ("Sysselsetting, registerbasert", "nb"),
)


def source_with_languages(name: str) -> SafeString:
    """Return an English source name as HTML with lang="en" and the Norwegian titles marked."""
    html = escape(name)
    for title, lang in SOURCE_TITLES:
        html = html.replace(escape(title), f'<span lang="{lang}">{escape(title)}</span>')
    return mark_safe(f'<span lang="en">{html}</span>')  # noqa: S308 - escaped above


def _share(value: str) -> float | None:
    """Return the first number in a fact value such as '13' or '>15', else None."""
    found = re.search(r"\d+(?:[.,]\d+)?", value)
    return float(found.group().replace(",", ".")) if found else None


def workforce_headline() -> Figure | None:
    """The health and care share of all FTEs: 2019 and SSB's 2060 calculations, as a bar chart."""
    facts = statistics.headline_facts()
    now, later = (
        facts.get("public_hc_share_of_fte_2019"),
        facts.get("public_hc_share_2060_scenarios"),
    )
    if now is None or later is None:
        return None
    share = _share(now.value)
    multiples = [float(m) for m in re.findall(r"(\d+(?:\.\d+)?)x", later.value)]
    if share is None or not multiples:
        return None
    labels = [now.period, *(_("%(y)s: %(m)s×") % {"y": later.period, "m": fmt.decimal(m, 0)}
                            for m in multiples)]  # fmt: skip
    values = [share / 100, *(share * m / 100 for m in multiples)]
    title = _("Andelen av alle årsverk som går til offentlig helse og omsorg")
    draw = partial(
        svg.stacked_bars,
        labels,
        [(_("Andel av alle årsverk"), PALETTE[0], values)],
        title=title,
        x_title=_("Andel av alle årsverk"),
        y_title=_("År"),
        number=lambda v: fmt.percent(v, 0),
        total=max(0.4, max(values)),
    )
    return figure(
        id="arbeidskraft-andel",
        title=title,
        summary=_(
            "Hvis bruken av tjenestene skal følge behovet, må helse og omsorg ta %(m)s ganger så stor "
            "del av arbeidsinnsatsen i %(y)s som i %(y0)s: %(a)s i stedet for %(b)s av alle årsverk."
        )
        % {
            "m": fmt.decimal(multiples[0], 0),
            "y": later.period,
            "y0": now.period,
            "a": fmt.percent(values[1], 0),
            "b": fmt.percent(values[0], 0),
        },
        draw=draw,
        headers=[_("År"), _("Andel av alle årsverk")],
        rows=[(label, fmt.percent(v, 0)) for label, v in zip(labels, values, strict=True)],
        source=_(
            "Kilde: SSBs beregninger av arbeidsinnsatsen i offentlig helse og omsorg, laget for "
            "Helsepersonellkommisjonen (NOU 2023:4). Lenkene står i listen under."
        ),
        formula=_(
            "andel = årsverk i offentlig helse og omsorg / alle årsverk; %(y)s = andel %(y0)s × "
            "SSBs faktor"
        )
        % {"y": later.period, "y0": now.period},  # fmt: skip
    )


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


PYRAMID_BANDS = [(a, a + 4) for a in range(0, 100, 5)] + [(100, OPEN_AGE)]


def _bands(block: np.ndarray) -> list[tuple[float, float]]:
    """Return (women, men) per five-year band of a (2, 106) population."""
    return [
        (float(block[0, lo : hi + 1].sum()), float(block[1, lo : hi + 1].sum()))
        for lo, hi in PYRAMID_BANDS
    ]


def pyramid_now_and_then(nation: np.ndarray, year: int) -> Figure:
    """A true pyramid (five-year bands by sex): the engine's 2040 as bars, registered now as lines.

    The 2040 population is the sum of the municipal projections (alternative MMMM, aligned to SSB's
    national projection), so the country and every municipality come from one engine.
    """
    from samfunnslab.scenarios import engine

    def at(alternative: str) -> np.ndarray:
        run = engine.baseline(alternative)
        return run.national()[int(np.flatnonzero(run.years == TARGET_YEAR)[0])]

    now, then = _bands(nation), _bands(at("MMMM"))
    low, high = _bands(at("LLML")), _bands(at("HHMH"))
    labels = [f"{lo}–{hi}" if hi < OPEN_AGE else f"{lo}+" for lo, hi in PYRAMID_BANDS]
    title = _("Befolkningspyramide for Norge: %(now)s og %(then)s") % {
        "now": year,
        "then": TARGET_YEAR,
    }
    draw = partial(
        svg.pyramid_chart,
        labels,
        svg.Side(_("Kvinner %(y)s") % {"y": TARGET_YEAR}, SEX["female"], [w for w, _m in then]),
        svg.Side(_("Menn %(y)s") % {"y": TARGET_YEAR}, SEX["male"], [m for _w, m in then]),
        outline=(_("%(y)s (registrert)") % {"y": year}, [w for w, _m in now], [m for _w, m in now]),
        title=title,
        x_title=_("Personer i hver femårsgruppe"),
        number=figures.axis_number,
    )

    def total(rows: list[tuple[float, float]], first: int, last: int) -> float:
        return sum(w + m for (lo, _hi), (w, m) in zip(PYRAMID_BANDS, rows, strict=True)
                   if first <= lo <= last)  # fmt: skip

    return figure(
        id="pyramide-2040",
        title=title,
        summary=_(
            "De eldste vokser mest: fram mot %(then)s øker gruppen 80–89 år med %(a)s og "
            "gruppen 90 år og eldre med %(b)s."
        )
        % {
            "then": TARGET_YEAR,
            "a": fmt.percent(total(then, 80, 85) / total(now, 80, 85) - 1, 0),
            "b": fmt.percent(total(then, 90, 100) / total(now, 90, 100) - 1, 0),
        },
        draw=draw,
        headers=[
            _("Alder"),
            _("Kvinner %(y)s") % {"y": year},
            _("Menn %(y)s") % {"y": year},
            _("Kvinner %(y)s") % {"y": TARGET_YEAR},
            _("Menn %(y)s") % {"y": TARGET_YEAR},
            *_band_headers(),
        ],
        rows=[
            (
                lab,
                fmt.persons(w0),
                fmt.persons(m0),
                fmt.persons(w1),
                fmt.persons(m1),
                fmt.persons(lw + lm),
                fmt.persons(hw + hm),
            )
            for lab, (w0, m0), (w1, m1), (lw, lm), (hw, hm) in zip(
                labels, now, then, low, high, strict=True
            )
        ],  # fmt: skip
        source=figures.ssb_source("07459", str(year))
        + " "
        + _(
            "%(then)s: samfunnslabens framskriving for alle kommuner (alternativ MMMM, avstemt mot "
            "SSBs nasjonale framskriving)."
        )
        % {"then": TARGET_YEAR},
        formula=_("P(alder, kjønn) i femårsgrupper; %(now)s registrert, %(then)s framskrevet")
        % {"now": year, "then": TARGET_YEAR},
        notes=[
            _("Tabellen viser også summen for begge kjønn med lav (LLML) og høy (HHMH) vekst."),
        ],
    )


def _band_headers() -> list[str]:
    """Return the table headers of the low and high alternatives for the target year."""
    return [
        _("%(year)s lav (LLML)") % {"year": TARGET_YEAR},
        _("%(year)s høy (HHMH)") % {"year": TARGET_YEAR},
    ]


def _series_rows(
    years: list[int],
    registered: dict[str, np.ndarray],
    projected: dict[str, np.ndarray],
    proj_years: np.ndarray,
) -> tuple[partial[str], list[tuple[object, ...]]]:
    """Join registered and projected series into a line drawing and table rows.

    Each series keeps its colour; registered years are solid, projected years dashed.
    """
    rows: list[tuple[object, ...]] = []
    reg, proj = _("registrert"), _("framskrevet")
    xs = sorted(set(years) | {int(y) for y in proj_years})
    for i, year in enumerate(years):
        rows.append((year, *(registered[k][i] for k in registered), reg))
    for i, year in enumerate(int(y) for y in proj_years):
        if year > years[-1]:
            rows.append((year, *(projected[k][i] for k in projected), proj))
    lines = []
    for n, key in enumerate(registered):
        colour = PALETTE[n % len(PALETTE)]
        past = dict(zip(years, (float(v) for v in registered[key]), strict=True))
        ahead = {
            int(y): float(v)
            for y, v in zip(proj_years, projected[key], strict=True)
            if int(y) >= years[-1]
        }
        lines.append(svg.Line(f"{key} ({reg})", colour, [past.get(x) for x in xs]))
        lines.append(svg.Line(f"{key} ({proj})", colour, [ahead.get(x) for x in xs], "6 3"))
    draw = partial(svg.line_chart, xs, lines, marker=(years[-1], str(years[-1])))
    return draw, rows


def elderly_growth(years: list[int], nation: np.ndarray, projection: NationalProjection) -> Figure:
    """Lines of persons 67+ and 80+, registered 2006–now and projected to 2050."""
    by_age = nation.sum(axis=1)
    keys = (_("67 år og eldre"), _("80 år og eldre"))
    registered = {keys[0]: by_age[:, 67:].sum(axis=1), keys[1]: by_age[:, 80:].sum(axis=1)}
    projected = {
        keys[0]: sel.projected_sum(projection, 67),
        keys[1]: sel.projected_sum(projection, 80),
    }
    draw, rows = _series_rows(years, registered, projected, projection.years)
    at = int(np.searchsorted(projection.years, TARGET_YEAR))
    growth = projected[keys[1]][at] / registered[keys[1]][-1] - 1
    title = _("Antall eldre %(y0)s–%(y1)s") % {"y0": years[0], "y1": int(projection.years[-1])}
    return figure(
        id="eldre",
        title=title,
        summary=_("Antallet som er 80 år og eldre øker med %(growth)s fra %(now)s til %(then)s.")
        % {"growth": fmt.percent(growth, 0), "now": years[-1], "then": TARGET_YEAR},
        draw=partial(
            draw,
            title=title,
            x_title=_("År (1. januar)"),
            y_title=_("Personer"),
            number=figures.axis_number,
        ),  # fmt: skip
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
    names = (
        fmt.indicator_name("aldersbaereevne", ""),
        fmt.indicator_name("aldersbaereevne_80", ""),
    )
    registered = {
        names[0]: registered_ind["aldersbaereevne"].values,
        names[1]: registered_ind["aldersbaereevne_80"].values,
    }
    workers = sel.projected_sum(projection, 20, 66)
    projected = {
        names[0]: workers / sel.projected_sum(projection, 67),
        names[1]: workers / sel.projected_sum(projection, 80),
    }
    draw, rows = _series_rows(years, registered, projected, projection.years)
    at = int(np.searchsorted(projection.years, TARGET_YEAR))
    title = _("Aldersbæreevne %(y0)s–%(y1)s") % {"y0": years[0], "y1": int(projection.years[-1])}
    return figure(
        id="aldersbaereevne",
        title=title,
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
        draw=partial(
            draw,
            title=title,
            x_title=_("År (1. januar)"),
            y_title=_("Personer 20–66 år per eldre"),
            number=figures.axis_number,
        ),  # fmt: skip
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
    labels = [_centrality_label(row.centrality_class) for row in rows]
    title = _("Kommuner som vokste og krympet %(y0)s–%(y1)s, etter sentralitet") % {
        "y0": start,
        "y1": end,
    }
    draw = partial(
        svg.stacked_bars,
        labels,
        [
            (grew, PALETTE[0], [row.share_grew for row in rows]),
            (shrank, PALETTE[1], [row.share_shrank for row in rows]),
        ],
        title=title,
        x_title=_("Andel av kommunene"),
        y_title=_("Sentralitet"),
        number=lambda v: fmt.percent(v, 0),
        total=1.0,
    )
    least = rows[-1]
    return figure(
        id="sentralitet",
        title=title,
        summary=_(
            "Jo mindre sentral kommunen er, jo oftere krympet folketallet: i klasse %(k)s krympet %(s)s."
        )
        % {"k": least.centrality_class, "s": fmt.percent(least.share_shrank, 0)},
        draw=draw,
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
        source=figures.ssb_source("07459", _("%(start)s og %(end)s") % {"start": start, "end": end})
        + " "
        + _("Sentralitet: SSB KLASS 128 (2024)."),
        formula=_(
            "andel som krympet = antall med P(%(y1)s) < P(%(y0)s) / antall med sammenlignbare tall"
        )
        % {"y0": start, "y1": end},
    )


@dataclass(frozen=True)
class Headline:
    """The country's headline for the front page: people 80+ now and in the target year."""

    now: int
    then: int
    over_80_now: str
    over_80_then: str
    growth: str
    workers_per_80_now: str
    workers_per_80_then: str


def national_headline() -> Headline:
    """Return 80+ and persons 20–66 per person 80+, registered now and in SSB's projection."""
    regions = statistics.regions()
    years, nation = list(regions.years), regions.nation
    projection = statistics.national_projection()
    by_age = nation[-1].sum(axis=0)
    at = int(np.searchsorted(projection.years, TARGET_YEAR))
    old_now, old_then = float(by_age[80:].sum()), float(sel.projected_sum(projection, 80)[at])
    workers_then = float(sel.projected_sum(projection, 20, 66)[at])
    return Headline(
        now=years[-1],
        then=TARGET_YEAR,
        over_80_now=fmt.persons(old_now),
        over_80_then=fmt.persons(old_then),
        growth=fmt.percent(old_then / old_now - 1, 0, signed=True),
        workers_per_80_now=fmt.decimal(float(by_age[20:67].sum()) / old_now, 1),
        workers_per_80_then=fmt.decimal(workers_then / old_then, 1),
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
            pyramid_now_and_then(nation[-1], end),
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
        "workforce_figure": workforce_headline(),
        "attribution_sources": (attribution.SSB, attribution.KARTVERKET),
        **future_map.future_map_context(),
    }
