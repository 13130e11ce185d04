"""Page contexts: put selectors, figures and maps together for each page (no HTTP here)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samfunnslab.core import attribution, statistics
from samfunnslab.core.charts import Figure
from samfunnslab.municipalities import figures, maps, norway2040
from samfunnslab.municipalities import formatting as fmt
from samfunnslab.municipalities import selectors as sel
from samfunnslab.municipalities.search import Candidate, Hit, search
from statbank.classifications import MunicipalityInfo

FUTURE_TEMPLATE = "scenarios/includes/municipality_future.html"
# Two charts per municipality and language; the shared cache (LocMem keeps 300 entries by default)
# would evict them before a second visit, so the finished figures are also kept in the process.
FIGURE_CACHE_SIZE = 1024


@dataclass(frozen=True)
class Link:
    """A named link to another page."""

    code: str
    name: str
    url: str
    note: str = ""


class StatCard(TypedDict):
    """One headline number: label, formatted value, detail line; blank when there is no figure."""

    label: str
    value: str
    detail: str
    blank: bool


@dataclass(frozen=True)
class StatRow:
    """One labelled row of a side-by-side table: a label and one formatted value per area."""

    label: str
    values: tuple[str, ...]
    formula: str = ""


@statistics.per_snapshot(maxsize=1)
def _infos() -> dict[str, MunicipalityInfo]:
    """Return the municipalities by code."""
    return {m.code: m for m in statistics.snapshot().municipalities}


@statistics.per_snapshot(maxsize=1)
def _candidates() -> tuple[Candidate, ...]:
    """Return the search candidates (name, number and county of every municipality)."""
    return tuple(
        Candidate(m.code, m.name, m.county_name) for m in statistics.snapshot().municipalities
    )


def search_hits(query: str) -> list[Hit]:
    """Search the 357 municipalities; a former number (0101, 1507) finds today's municipality."""
    return _former_code_hits(query) or search(query, _candidates())


def _former_code_hits(query: str) -> list[Hit]:
    """Return today's municipality (or the parts of a split one) for a number no longer in use."""
    text = query.strip()
    if not text.isdigit() or len(text) > 4:
        return []
    code = text.zfill(4)
    targets = statistics.resolve_code(code)
    if not targets or targets == (code,):
        return []
    infos = _infos()
    # One successor is an exact answer (the search goes straight there); parts of a split are not.
    exact = 1.0 if len(targets) == 1 else 0.95
    return [
        Hit(
            target,
            infos[target].name,
            _("tidligere kommunenummer %(code)s, %(county)s")
            % {"code": code, "county": infos[target].county_name},
            exact,
        )
        for target in targets
        if target in infos
    ]


def municipality_links(codes: Iterable[str], note: str = "") -> list[Link]:
    """Return links to the detail pages of these municipalities."""
    infos = _infos()
    return [
        Link(c, infos[c].name, reverse("municipalities:detail", args=[c]), note)
        for c in codes
        if c in infos
    ]


def county_links() -> list[Link]:
    """Return links to the 15 county pages."""
    return [
        Link(c, n, reverse("municipalities:county", args=[c]))
        for c, n in statistics.snapshot().counties
    ]


def _future_template() -> str | None:
    """Return the template that shows projections on Min kommune, once another app provides it."""
    try:
        get_template(FUTURE_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return FUTURE_TEMPLATE


def _neighbour_links(code: str) -> list[Link]:
    """Return bordering municipalities, or the others in the BA region while outlines are missing."""
    if borders := maps.neighbours(code):
        return municipality_links(borders, _("nabokommune"))
    info = _infos()[code]
    same_region = [
        m.code
        for m in statistics.snapshot().municipalities
        if m.ba_region_code == info.ba_region_code and m.code != code
    ]
    return municipality_links(same_region, _("samme BA-region"))


def _key_stats(profile: sel.AreaProfile) -> list[StatCard]:
    """Return the headline numbers of an area as label/value/detail cards (blank: no figure)."""
    year = profile.latest_year
    cards: list[StatCard] = [
        {
            "label": _("Innbyggere 1. januar %(year)s") % {"year": year},
            "value": fmt.persons(profile.latest_total),
            "detail": "",
            "blank": profile.latest_total is None,
        },
        {
            "label": _("Endring %(y0)s–%(y1)s") % {"y0": profile.earlier_year, "y1": year},
            "value": fmt.percent(profile.growth, 1, signed=True),
            "detail": _("P(%(y1)s) / P(%(y0)s) − 1") % {"y0": profile.earlier_year, "y1": year},
            "blank": profile.growth is None,
        },
    ]
    for group in profile.elderly:
        cards.append(
            {
                "label": _("Innbyggere %(group)s") % {"group": group.label},
                "value": fmt.persons(group.count),
                "detail": _("%(share)s av befolkningen") % {"share": fmt.percent(group.share, 1)},
                "blank": group.count is None,
            }
        )
    return cards


def _indicator_text(ind: sel.IndicatorValue, value: float | None) -> str:
    """Format an indicator value the same way on every page (the fraction with two decimals)."""
    return fmt.decimal(value, 2 if ind.key == "forsorgerbrok_eldre" else 1)


def _indicator_rows(profile: sel.AreaProfile) -> list[dict[str, str]]:
    """Return the indicator table rows with formulas, earlier and latest values."""
    return [
        {
            "name": fmt.indicator_name(ind.key, ind.name),
            "formula": fmt.formula(ind.formula),
            "earlier": _indicator_text(ind, ind.earlier),
            "latest": _indicator_text(ind, ind.latest),
        }
        for ind in profile.indicators
    ]


@statistics.per_snapshot(maxsize=FIGURE_CACHE_SIZE)
def _profile(code: str) -> sel.AreaProfile:
    """Return a municipality's profile (computed once per process: the data never change)."""
    return sel.municipality_profile(statistics.snapshot().population, code)


@statistics.per_snapshot(maxsize=FIGURE_CACHE_SIZE)
def _population_figure(code: str, language: str) -> Figure:
    """Return a municipality's population chart (kept per process: the data never change)."""
    profile = _profile(code)
    return figures.population_figure(id="folketall", name=_infos()[code].name, profile=profile)


@statistics.per_snapshot(maxsize=FIGURE_CACHE_SIZE)
def _pyramid_figure(code: str, id: str, language: str) -> Figure:
    """Return a municipality's pyramid chart (kept per process: the data never change)."""
    profile = _profile(code)
    return figures.pyramid_figure(id=id, name=_infos()[code].name, profile=profile)


def detail_context(code: str) -> dict[str, object]:
    """Return everything Min kommune shows for one municipality."""
    info = _infos()[code]
    profile = _profile(code)
    return {
        "municipality": info,
        "profile": profile,
        "stats": _key_stats(profile),
        "indicator_rows": _indicator_rows(profile),
        "population_figure": _population_figure(code, get_language()),
        "pyramid_figure": _pyramid_figure(code, "pyramide", get_language()),
        "locator_map": maps.locator_map(
            code, label=_("Kart over %(name)s og nabokommunene") % {"name": info.name}
        ),
        "neighbours": _neighbour_links(code),
        "neighbours_share_border": bool(maps.neighbours(code)),
        "future_template": _future_template(),
        "attribution_sources": (attribution.SSB, attribution.KARTVERKET),
    }


def chooser_context(code: str) -> dict[str, object]:
    """Return the municipality and its suggested comparisons."""
    return {
        "municipality": _infos()[code],
        "neighbours": _neighbour_links(code),
        "neighbours_share_border": bool(maps.neighbours(code)),
    }


def _base_year(profiles: Iterable[sel.AreaProfile]) -> int:
    """Return the earliest year from which all areas have figures, at most ten years back."""
    candidates = []
    for profile in profiles:
        known = [p.year for p in profile.population if p.total is not None]
        candidates.append(max(profile.earlier_year, known[0]))
    return max(candidates)


def compare_context(code: str, other: str) -> dict[str, object]:
    """Return two municipalities side by side."""
    infos = _infos()
    pair = [(infos[c], _profile(c)) for c in (code, other)]
    base = _base_year(p for _, p in pair)
    rows = [
        StatRow(card["label"], tuple(_key_stats(p)[i]["value"] for _, p in pair))
        for i, card in enumerate(_key_stats(pair[0][1]))
    ]
    for i, ind in enumerate(pair[0][1].indicators):
        rows.append(
            StatRow(
                fmt.indicator_name(ind.key, ind.name),
                tuple(_indicator_text(ind, p.indicators[i].latest) for _, p in pair),
                fmt.formula(ind.formula),
            )
        )
    rows.append(
        StatRow(
            _("Sentralitetsklasse (1 = mest sentral)"),
            tuple(str(i.centrality_class) for i, _ in pair),
        )
    )
    return {
        "first": pair[0][0],
        "second": pair[1][0],
        "rows": rows,
        "index_figure": figures.index_figure(
            id="indeks", series=[(i.name, p.population) for i, p in pair], base_year=base
        ),
        "pyramids": [
            figures.pyramid_figure(
                id=f"pyramide-{i.code}",
                name=i.name,
                profile=p,
                share_reach=figures.shared_reach([p for _i, p in pair]),
            )
            for i, p in pair
        ],  # fmt: skip
        "neighbours": _neighbour_links(code),
        "attribution_sources": (attribution.SSB,),
        "future": _future_rows([i for i, _p in pair]),
        "accuracy": _past_accuracy([i for i, _p in pair]),
    }


def _past_accuracy(infos: Sequence[MunicipalityInfo]) -> list[dict[str, object]]:
    """Return, per municipality, how far past projections of its size class were off.

    The same empirical intervals and sentences as Min kommune (`scenarios.intervals`).
    """
    from samfunnslab.scenarios import engine, intervals

    return [
        {
            "name": info.name,
            "items": intervals.past_accuracy(
                engine.run(info.code).total(engine.BASE_YEAR), engine.BASE_YEAR
            ),
        }
        for info in infos
        if engine.is_known(info.code)
    ]


def _future_rows(infos: Sequence[MunicipalityInfo]) -> list[dict[str, object]]:
    """Return each area's projected population in 2030/2040/2050 (MMMM, LLML–HHMH) and 80+.

    The same engine and alternatives as Min kommune and Scenariofabrikken.
    """
    from samfunnslab.scenarios import engine

    rows = []
    for year in engine.KEY_YEARS:
        cells = []
        for info in infos:
            if not engine.is_known(info.code):
                cells.append({"total": fmt.no_figure(), "band": "", "over_80": fmt.no_figure()})
                continue
            band = engine.band_totals(info.code)
            i = engine.index_of(year)
            outcome = engine.run(info.code)
            cells.append({
                "total": fmt.persons(band[engine.DEFAULT_ALTERNATIVE][i]),
                "band": f"{fmt.persons(band['LLML'][i])}–{fmt.persons(band['HHMH'][i])}",
                "over_80": fmt.persons(outcome.aged(year, 80)),
            })  # fmt: skip
        rows.append({"year": year, "cells": cells})
    return rows


def _member_rows(codes: Iterable[str]) -> list[dict[str, object]]:
    """Return member municipalities with their latest population and ten-year change."""
    cube = statistics.snapshot().population
    last = int(cube.years[-1])
    changes = {
        c.code: c
        for c in sel.municipality_changes(
            cube,
            [m for m in statistics.snapshot().municipalities if m.code in set(codes)],
            last - 10,
            last,
        )
    }
    return [
        {
            "link": link,
            "population": fmt.persons(changes[link.code].end),
            "change": fmt.percent(changes[link.code].change, 1, signed=True),
        }
        for link in municipality_links(sorted(changes))
    ]


def _region_context(
    kind: str, code: str, name: str, block: sel.FloatArray, members: list[str]
) -> dict[str, object]:
    """Return the shared context of a county or BA-region page."""
    from samfunnslab.scenarios.pages import area_future_context

    years = statistics.snapshot().population.years
    profile = sel.area_profile([int(y) for y in years], block)
    known = {p.year: float(p.total) for p in profile.population if p.total is not None}
    return {
        "future": area_future_context(name, members, known),
        "kind": kind,
        "code": code,
        "name": name,
        "profile": profile,
        "stats": _key_stats(profile),
        "indicator_rows": _indicator_rows(profile),
        "population_figure": figures.population_figure(id="folketall", name=name, profile=profile),
        "pyramid_figure": figures.pyramid_figure(id="pyramide", name=name, profile=profile),
        "members": _member_rows(members),
        "attribution_sources": (attribution.SSB,),
    }


def county_context(code: str) -> dict[str, object]:
    """Return a county page (figures from SSB's county totals; KeyError if unknown)."""
    names = dict(statistics.snapshot().counties)
    block = statistics.regions().county(code)
    members = [m.code for m in statistics.snapshot().municipalities if m.county_code == code]
    context = _region_context(_("Fylke"), code, names[code], block, members)
    context["note"] = _("Fylkestallene er SSBs egne tall for fylket med 2024-grenser.")
    return context


def ba_region_context(code: str) -> dict[str, object]:
    """Return a BA-region page (sum of member municipalities; KeyError if unknown)."""
    members = [m for m in statistics.snapshot().municipalities if m.ba_region_code == code]
    if not members:
        raise KeyError(code)
    block = sel.members_block(statistics.snapshot().population, [m.code for m in members])
    context = _region_context(
        _("BA-region"), code, members[0].ba_region_name, block, [m.code for m in members]
    )
    context["note"] = _(
        "Tallene for BA-regionen er summen av kommunene i regionen. Et år uten "
        "sammenlignbare tall for én av kommunene er vist som «ingen sammenlignbare tall»."
    )
    return context


def norway_2040_context() -> dict[str, object]:
    """Return the Norge 2040 page (computed once per process and language)."""
    return _norway_2040_context(get_language())


@statistics.per_snapshot(maxsize=4)
def _norway_2040_context(language: str) -> dict[str, object]:
    """Build the Norge 2040 page for one language."""
    return norway2040.norway_2040()
