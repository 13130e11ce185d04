"""JSON API for the 357 municipalities, mounted at /api/kommuner/ in config/api.py.

Numbers are the embedded snapshot's SSB figures exactly; `null` means "no comparable figure"
(municipalities split after 2006), never zero.
"""

from __future__ import annotations

import numpy as np
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from samfunnslab.core import attribution, statistics
from samfunnslab.municipalities import selectors as sel
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


def _not_found_message(code: str) -> str:
    """Explain an unknown code, naming the 2024 code(s) for an old one."""
    targets = statistics.resolve_code(code)
    if targets:
        return (
            f"Kommunenummer {code} er ikke i bruk med 2024-inndelingen. "
            f"Bruk {' eller '.join(targets)}."
        )
    return f"Fant ingen kommune med nummer {code}. Se /api/kommuner/ for alle 357 kommunene."
