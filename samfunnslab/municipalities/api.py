"""JSON API for the 357 municipalities, mounted at /api/kommuner/ in config/api.py.

Numbers are the embedded snapshot's SSB figures exactly; `null` means "no comparable figure"
(municipalities split after 2006), never zero.
"""

from __future__ import annotations

import numpy as np
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from samfunnslab.core import attribution, statistics
from samfunnslab.municipalities import futures, story_pages
from samfunnslab.municipalities import selectors as sel
from samfunnslab.scenarios.api import CareBaselineOut, care_baseline_out
from statbank.classifications import MunicipalityInfo

router = Router()

DETAILS = ("kjonn", "alder")
# The schema says what `detaljer` accepts (a comma-separated list of DETAILS), so that a value the
# schema allows is never refused (found by the schemathesis fuzzer, core/tests/test_api_fuzz.py).
DETAILS_PATTERN = r"^\s*((kjonn|alder)\s*(,\s*(kjonn|alder)\s*)*)?$"
SOURCE = "SSB, tabell 07459 (Befolkning 1. januar, 2024-grenser)"


class Message(Schema):
    detail: str


class AttributionOut(Schema):
    text: str
    licence: str
    url: str


class MunicipalityOut(Schema):
    code: str = Field(description="Kommunenummer (2024), fire sifre")
    name: str
    county_code: str
    county_name: str
    ba_region_code: str
    ba_region_name: str
    centrality_class: int = Field(description="SSB sentralitetsklasse 1 (mest sentral) – 6")
    centrality_index: int


class AgeOut(Schema):
    age: int = Field(description="Alder 0–105; 105 betyr 105 år og eldre")
    total: int | None
    female: int | None = None
    male: int | None = None


class PopulationYearOut(Schema):
    year: int
    total: int | None = Field(description="Innbyggere 1. januar; null = ingen sammenlignbare tall")
    female: int | None = None
    male: int | None = None
    ages: list[AgeOut] | None = None


class IndicatorOut(Schema):
    key: str
    name: str
    formula: str
    year: int
    value: float | None
    previous_year: int
    previous_value: float | None
    source: str


class MunicipalityDetailOut(MunicipalityOut):
    population: list[PopulationYearOut]
    indicators: list[IndicatorOut]
    source: str
    attribution: AttributionOut


def _info_dict(info: MunicipalityInfo) -> dict[str, object]:
    """Return the classification fields of a municipality."""
    return info.as_dict()


def _count(value: float) -> int | None:
    """Return a whole number, or None for a blank cell."""
    return None if np.isnan(value) else round(float(value))


def _population(block: np.ndarray, years: list[int], details: set[str]) -> list[dict[str, object]]:
    """Return one entry per year; sex and age only when asked for (unset fields are left out)."""
    rows = []
    for year, values in zip(years, block, strict=True):
        row: dict[str, object] = {"year": year, "total": _count(values.sum())}
        if "kjonn" in details:
            row["female"], row["male"] = _count(values[0].sum()), _count(values[1].sum())
        if "alder" in details:
            row["ages"] = [_age(values, age, "kjonn" in details) for age in range(values.shape[1])]
        rows.append(row)
    return rows


def _age(values: np.ndarray, age: int, by_sex: bool) -> dict[str, object]:
    """Return one age of one year, optionally split by sex."""
    entry: dict[str, object] = {"age": age, "total": _count(values[:, age].sum())}
    if by_sex:
        entry["female"], entry["male"] = _count(values[0, age]), _count(values[1, age])
    return entry


def _indicators(profile: sel.AreaProfile) -> list[dict[str, object]]:
    """Return the indicators of the latest year and ten years before, with formulas."""
    source = f"{SOURCE}, {profile.earlier_year} og {profile.latest_year}"
    return [
        {
            "key": i.key,
            "name": i.name,
            "formula": i.formula,
            "year": profile.latest_year,
            "value": i.latest,
            "previous_year": profile.earlier_year,
            "previous_value": i.earlier,
            "source": source,
        }
        for i in profile.indicators
    ]


@router.get("/", response=list[MunicipalityOut], summary="Alle 357 kommuner")
def municipality_list(request: HttpRequest) -> list[dict[str, object]]:
    """List every municipality (2024 borders) with county, BA region and centrality."""
    return [_info_dict(info) for info in statistics.snapshot().municipalities]


@router.get(
    "/{code}/",
    response={200: MunicipalityDetailOut, 400: Message, 404: Message},
    exclude_unset=True,
    summary="Én kommune: folketall per år, nøkkeltall og kilde",
)
def municipality_detail(
    request: HttpRequest,
    code: str,
    detaljer: str = Query(
        "",
        description="Kommaseparert: kjonn, alder (f.eks. kjonn,alder)",
        pattern=DETAILS_PATTERN,
    ),
) -> Status[dict[str, object]]:
    """Return a municipality's population 2006–now (null where not comparable) and indicators."""
    details = {d.strip() for d in detaljer.split(",") if d.strip()}
    if unknown := details - set(DETAILS):
        message = (
            f"Ukjent verdi i detaljer: {', '.join(sorted(unknown))}. Bruk kjonn og/eller alder."
        )
        return Status(400, {"detail": message})
    snapshot = statistics.snapshot()
    if code not in snapshot.population.codes:
        return Status(404, {"detail": _not_found_message(code)})
    cube = snapshot.population
    years = [int(y) for y in cube.years]
    return Status(
        200,
        {
            **_info_dict(snapshot.info(code)),
            "population": _population(cube.municipality(code), years, details),
            "indicators": _indicators(sel.municipality_profile(cube, code)),
            "source": SOURCE,
            "attribution": {
                "text": attribution.SSB.text,
                "licence": attribution.SSB.licence,
                "url": attribution.SSB.url,
            },
        },
    )


class StoryStepOut(Schema):
    key: str = Field(description="intro, pyramid, you, everyday, care, ranking, turn, models")
    anchor: str = Field(description="Stegets id på siden (/kommune/{code}/2040/#anchor)")
    heading: str
    lines: list[str] = Field(description="Setningene slik siden og PDF-en skriver dem")
    source: str


class StoryYearOut(Schema):
    year: int
    total: float = Field(description="Innbyggere 1. januar (beregnet, hovedalternativet MMMM)")
    over_80: float = Field(description="Personer 80 år eller eldre")


class StoryPeerOut(Schema):
    code: str
    name: str
    value: float = Field(description="Personer 20–66 år per person 67+ i fortellingens år")


class StoryRankingOut(Schema):
    scope: str = Field(description="county: samme fylke og sentralitetsklasse; class: hele landet")
    centrality_class: int
    rank: int = Field(description="1 = flest i arbeidsfør alder per eldre")
    peers: list[StoryPeerOut]


class StoryTurnOut(Schema):
    name: str = Field(description="Eksempelmodellen hvis forutsetninger er brukt på kommunen")
    gap: float = Field(description="Årsverk som mangler i fortellingens år med modellens valg")
    every_nth: float = Field(description="Hver n-te sysselsatte trengs i helse og omsorg")
    url: str


class StoryOut(Schema):
    code: str
    name: str
    year: int
    base_year: int
    url: str = Field(description="Fortellingen på nettsiden")
    pdf_url: str = Field(description="Fortellingen som PDF (PDF/UA)")
    steps: list[StoryStepOut]
    pyramid: list[StoryYearOut]
    school_base: float = Field(description="Barn 6–15 år i basisåret")
    school: float = Field(description="Barn 6–15 år i fortellingens år")
    residents_in_institution: float | None = Field(
        description="Langtidsbeboere i institusjon (SSB), null når tallet ikke er publisert"
    )
    residents_year: int | None
    care_baseline: CareBaselineOut = Field(
        description="Den ene omsorgsgrunnlinjen: de samme tallene som siden, Min kommune, "
        "scenariokortet og modellenes talltabell"
    )
    care_printed: dict[str, str] = Field(
        description="Omsorgstallene avrundet slik alle sidene skriver dem (need_now, need, gap, "
        "every_nth_now, every_nth)"
    )
    ranking: StoryRankingOut
    turns: list[StoryTurnOut]
    source: str


def _story(code: str, birth_year: int | None) -> dict[str, object]:
    """Return the story of the page as data (same context, same selectors, same sentences)."""
    context = story_pages.story_context(code)
    if birth_year is not None:
        context["you"] = story_pages.you_context(code, birth_year)
    f: futures.Future = context["future"]  # type: ignore[assignment]
    ranking: futures.Ranking = context["ranking"]  # type: ignore[assignment]
    turns: list[dict[str, object]] = context["turns"]  # type: ignore[assignment]
    frames = futures.pyramid_frames(code)
    care = f.care
    return {
        "code": code,
        "name": statistics.municipality(code).name,
        "year": f.year,
        "base_year": f.base_year,
        "url": reverse("municipalities:story", args=[code]),
        "pdf_url": reverse("municipalities:story_pdf", args=[code]),
        "steps": [
            {
                "key": s.key,
                "anchor": s.anchor,
                "heading": s.heading,
                "lines": list(s.lines),
                "source": s.source,
            }
            for s in story_pages.story_steps(context)
        ],  # fmt: skip
        "pyramid": [
            {"year": year, "total": float(frame.sum()), "over_80": float(frame[:, 80:].sum())}
            for year, frame in zip(futures.PYRAMID_YEARS, frames, strict=True)
        ],
        "school_base": f.school_now,
        "school": f.school_then,
        "residents_in_institution": f.residents_in_institution,
        "residents_year": f.residents_year,
        "care_baseline": care_baseline_out(care),
        "care_printed": care.texts(),
        "ranking": {
            "scope": ranking.scope,
            "centrality_class": ranking.centrality_class,
            "rank": ranking.rank,
            "peers": [{"code": p.code, "name": p.name, "value": p.value} for p in ranking.peers],
        },  # fmt: skip
        "turns": [
            {
                "name": t["turn"].name,
                "gap": t["turn"].gap,
                "every_nth": t["turn"].every_nth,  # type: ignore[attr-defined]
                "url": t["url"],
            }
            for t in turns
        ],  # fmt: skip
        "source": story_pages.projection_source(),
    }


@router.get(
    "/{code}/2040",
    response={200: StoryOut, 400: Message, 404: Message},
    summary="«Kommunen i 2040»: fortellingens steg, setninger og tall (de samme som siden og PDF-en)",
)
def story(
    request: HttpRequest,
    code: str,
    fodt: int | None = Query(
        None,
        ge=futures.OLDEST_BIRTH_YEAR,
        le=futures.STORY_YEAR,
        description="Fødselsår for «Du i 2040» (valgfritt)",
    ),
) -> Status[dict[str, object]]:
    """Return the story of one municipality: every step's sentences and sources, and the numbers."""
    snapshot = statistics.snapshot()
    if code not in snapshot.population.codes:
        return Status(404, {"detail": _not_found_message(code)})
    try:
        return Status(200, _story(code, fodt))
    except KeyError:
        return Status(404, {"detail": f"Kommunen {code} har ingen framskriving."})


def _not_found_message(code: str) -> str:
    """Explain an unknown code, naming the 2024 code(s) for an old one."""
    targets = statistics.resolve_code(code)
    if targets:
        return (
            f"Kommunenummer {code} er ikke i bruk med 2024-inndelingen. "
            f"Bruk {' eller '.join(targets)}."
        )
    return f"Fant ingen kommune med nummer {code}. Se /api/kommuner/ for alle 357 kommunene."
