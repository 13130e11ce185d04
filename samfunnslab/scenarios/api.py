"""JSON API for projections, mounted at /api/kommuner/ in config/api.py.

`GET /api/kommuner/{nr}/framskriving?alternativ=MMMM&fruktbarhet=1.1&...` returns the projected
series (totals and age groups per year), the indicators with their formulas and the workforce
figures. Results are if–then calculations, not forecasts.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from projection import ALTERNATIVES, REPORT_GROUPS, group_label
from samfunnslab.scenarios import engine, intervals, pages, selectors
from samfunnslab.scenarios.choices import PARAMETERS, Parameters

router = Router()

AGE_GROUPS = ((0, 19), (20, 66), (67, 79), (80, 89), (90, 105), *REPORT_GROUPS)
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), lisens CC BY 4.0. Tallene er bearbeidet."


# SSB's projection alternatives as an enum in the schema (the only values the API accepts).
AlternativeCode = Literal[tuple(ALTERNATIVES)]  # type: ignore[valid-type]


class Message(Schema):
    detail: str


def _lever(field: str, default: float, description: str) -> Any:
    """A lever parameter whose range in the schema is the one the projection accepts."""
    spec = PARAMETERS[LEVER_FIELDS[field]]
    return Field(default, ge=spec.low, le=spec.high, description=description)


LEVER_FIELDS = {
    "fruktbarhet": "fertility_factor",
    "levealder": "life_expectancy_shift",
    "innflytting": "migration_rate_shift",
    "unge_voksne": "young_adult_inflow_per_1000",
    "standardendring": "standard_change",
    "brukerandel": "care_use_change",
    "arbeidskraft": "labour_change",
}


class ProjectionQuery(Schema):
    """The levers, with their ranges declared (the schemathesis fuzzer found them missing)."""

    alternativ: AlternativeCode = Field(  # type: ignore[valid-type]
        "MMMM", description="SSB-alternativ, for eksempel MMMM, LLML, HHMH"
    )
    fruktbarhet: float = _lever("fruktbarhet", 1.0, "Faktor på fødsler (0,7–1,3); 1 = uendret")
    levealder: float = _lever("levealder", 0.0, "År lagt til forventet levealder (−2 til 3)")
    innflytting: float = _lever(
        "innflytting",
        0.0,
        "Ekstra netto innflytting, andel av folketallet per år (−0,01 til 0,01)",
    )
    unge_voksne: float = _lever(
        "unge_voksne", 0.0, "Ekstra innflyttere 20–34 år per 1000 innbyggere per år (0–10)"
    )
    standardendring: float = _lever(
        "standardendring", 0.0, "Årlig endring i årsverk per bruker (−0,02 til 0,02)"
    )
    brukerandel: float = _lever("brukerandel", 0.0, "Årlig endring i brukerandel (−0,02 til 0,01)")
    arbeidskraft: float = _lever(
        "arbeidskraft", 0.0, "Endring i årsverk per person i arbeid innen 2040 (−0,1 til 0,15)"
    )


class GroupValue(Schema):
    group: str = Field(description="Aldersgruppe, for eksempel «80–89 år»")
    value: float


class YearOut(Schema):
    year: int
    total: float = Field(description="Innbyggere 1. januar (beregnet, ikke avrundet)")
    groups: list[GroupValue]


class ProjectionIndicatorOut(Schema):
    """One indicator per projected year (named apart from Min kommune's IndicatorOut: the schema
    has one component per name, and sharing it documented the wrong shape for one endpoint)."""

    key: str
    name: str
    formula: str
    values: list[float | None]


class WorkforceOut(Schema):
    formula: str
    demand_fte: list[float]
    supply_fte: list[float]
    gap_fte: list[float]
    every_nth: list[float | None]
    sources: dict[str, str]


class CareBaselineOut(Schema):
    year: int = Field(description="Året tallene gjelder (basisåret for `need_base`)")
    base_year: int
    need_base: float = Field(description="Årsverk som trengs i omsorgstjenestene i basisåret")
    need: float = Field(description="Årsverk som trengs i `year`, hovedalternativet, uten valg")
    supply: float = Field(
        description="Årsverk som tilbys i `year` med dagens andel av arbeidskraften"
    )
    gap: float = Field(
        description="Årsverk som mangler i `year` (behov − tilbud), uavrundet. Sidene skriver "
        "avrundet behov minus avrundet tilbud, så de tre tallene går opp"
    )
    every_nth: float | None = Field(description="Hver n-te person i arbeid trengs i omsorgen")
    basis: str = Field(description="Nasjonale bruksrater eller kommunens egne tall")
    source: str = Field(description="Statistikken og årene tallene bygger på")


class PastAccuracyOut(Schema):
    horizon: int = Field(description="År fram fra basisåret")
    year: int
    group: str = Field(description="Aldersgruppen tallet gjelder («Total» = hele befolkningen)")
    within_percent: float = Field(
        description="± prosent som tidligere framskrivinger holdt seg innenfor"
    )
    in_ten: int = Field(description="I så mange av 10 kommuner på samme størrelse")
    size_class: str = Field(description="Størrelsesklassen (innbyggere i basisåret)")
    municipalities: int = Field(description="Antall feil (kommuner × tilbakeprøvinger) bak tallet")
    text: str


class ProjectionOut(Schema):
    code: str
    name: str
    alternative: AlternativeCode  # type: ignore[valid-type]
    series_label: str
    base_year: int
    engine: str
    note: str
    parameters: dict[str, float]
    years: list[int]
    series: list[YearOut]
    indicators: list[ProjectionIndicatorOut]
    workforce: WorkforceOut
    care_baseline: CareBaselineOut = Field(
        description="Omsorgstallene uten valg: de samme som Min kommune, scenariokortet og "
        "modellenes talltabell viser"
    )
    past_accuracy: list[PastAccuracyOut] = Field(
        description="Empirisk usikkerhet fra tilbakeprøving: hvor mye framskrivinger for kommuner "
        "av samme størrelse bommet på folketallet 10 og 15 år fram (ikke SSBs alternativspenn)"
    )
    source: str


def _finite(value: float) -> float | None:
    """Return a JSON-safe number (None for NaN or infinity)."""
    return float(value) if math.isfinite(value) else None


def _parameters(query: ProjectionQuery) -> Parameters:
    """Check every lever against its range and return the parameters (ValueError if outside)."""
    values = {}
    for field, key in LEVER_FIELDS.items():
        value = getattr(query, field)
        spec = PARAMETERS[key]
        if not (spec.low <= value <= spec.high) or not math.isfinite(value):
            raise ValueError(
                f"{field} må være mellom {spec.low:g} og {spec.high:g}, ikke {value:g}."
            )
        values[key] = value
    return Parameters(**values)


def care_baseline_out(care: selectors.CareBaseline) -> dict[str, object]:
    """Return the one care baseline as the API gives it (CareBaselineOut)."""
    return {
        "year": care.year, "base_year": care.base_year, "need_base": care.need_now,
        "need": care.need, "supply": care.supply, "gap": care.gap, "every_nth": _finite(care.every_nth),
        "basis": care.basis, "source": care.source,
    }  # fmt: skip


def _series(outcome: engine.Outcome) -> list[dict[str, object]]:
    """Return totals and age groups per year."""
    result = []
    for year in outcome.years.tolist():
        groups = [
            {"group": group_label(g), "value": outcome.aged(year, g[0], g[1])} for g in AGE_GROUPS
        ]
        result.append({"year": year, "total": outcome.total(year), "groups": groups})
    return result


@router.get(
    "/{code}/framskriving",
    response={200: ProjectionOut, 400: Message, 404: Message},
    summary="Framskriving for én kommune til 2050 (beregning, ikke prognose)",
)
def projection(
    request: HttpRequest, code: str, query: Query[ProjectionQuery]
) -> Status[dict[str, object]]:
    """Project one municipality under an alternative and levers; indicators carry formulas."""
    info = pages.municipality(code)
    if info is None:
        return Status(404, {"detail": f"Ingen kommune med nummeret «{code[:12]}»."})
    alternative = query.alternativ.strip().upper()
    if alternative not in ALTERNATIVES:
        return Status(400, {"detail": f"Alternativet «{alternative[:8]}» finnes ikke."})
    try:
        parameters = _parameters(query)
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    care = selectors.care_baseline(code=info.code, user=request.user)
    outcome = engine.run(info.code, alternative, parameters, local=care.local)
    wf = outcome.workforce
    return Status(200, {
        "code": info.code, "name": info.name, "alternative": alternative,
        "series_label": outcome.series_label, "base_year": engine.BASE_YEAR,
        "engine": engine.ENGINE_VERSION, "note": "Beregning, ikke prognose.",
        "parameters": vars(parameters), "years": outcome.years.tolist(),
        "series": _series(outcome),
        "indicators": [
            {"key": i.key, "name": i.name, "formula": i.formula,
             "values": [_finite(v) for v in i.values]}
            for i in outcome.indicators.values()
        ],
        "workforce": {
            "formula": "behov = Σ P_g × brukerandel_g × årsverk per bruker × (1 + endring)^(t − t0); "
                       "tilbud = andel i omsorgen × Σ P_g × sysselsetting_g × årsverk per sysselsatt",
            "demand_fte": wf.demand_fte.tolist(), "supply_fte": wf.supply_fte.tolist(),
            "gap_fte": wf.gap_fte.tolist(), "every_nth": [_finite(v) for v in wf.every_nth],
            "sources": wf.sources,
        },
        "care_baseline": care_baseline_out(care),
        "past_accuracy": intervals.past_accuracy(
            outcome.total(engine.BASE_YEAR), engine.BASE_YEAR
        ),
        "source": SOURCE,
    })  # fmt: skip
