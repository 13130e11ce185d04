"""The inclusion report for one workshop or several sessions: data for the template, no HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samfunnslab.core import disclosure
from samfunnslab.core.attribution import SSB
from samfunnslab.inclusion import findings, selectors
from samfunnslab.inclusion.findings import Finding
from samfunnslab.inclusion.representation import Comparison, Status
from samfunnslab.workshops.models import AgeBand, Participant, ParticipantRole, Workshop, YesNo

TITLES = {
    "age_band": gettext_lazy("Alder"),
    "new_in_norway": gettext_lazy("Ny i Norge"),
    "parent_small_child": gettext_lazy("Forelder til lite barn"),
    "lives_here": gettext_lazy("Bor i kommunen"),
    "role": gettext_lazy("Rolle"),
}
STATUS_TEXT = {
    Status.MISSING: gettext_lazy("Mangler"),
    Status.HIDDEN: gettext_lazy("Skjult (personvern)"),
    Status.UNDER: gettext_lazy("Underrepresentert"),
    Status.MATCHING: gettext_lazy("Omtrent som i befolkningen"),
    Status.OVER: gettext_lazy("Overrepresentert"),
    Status.NO_BENCHMARK: "",
}


@dataclass(frozen=True)
class Row:
    label: str
    count: str
    share: str
    population_share: str
    ratio: str
    status: str
    status_key: str
    bar: int  # participant share in whole percent, for the visual bar (0 when hidden)
    population_bar: int


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    answered: int | None
    nobody: bool  # no ended session to count yet (how many answered in one is not said below 5)
    has_population: bool
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class InclusionReport:
    place: str
    municipality_code: str
    participants: int
    described: int
    assisted: str  # protected like a breakdown (the paper channel is an attribute too)
    running: int  # sessions still taking answers: counted above, not yet in the tables
    population_year: int | None
    source: str
    tables: tuple[Table, ...]
    findings: tuple[Finding, ...]


def _labels(key: str) -> dict[str, str]:
    choices = {
        "age_band": AgeBand.choices,
        "role": ParticipantRole.choices,
    }.get(key, YesNo.choices)
    return {value: str(label) for value, label in choices}


def _paper(people: selectors.Participation) -> str:
    """Paper sheets among the ended sessions' participants, protected like any other breakdown."""
    table = disclosure.combine(
        [
            disclosure.protect({"paper": s.assisted, "phone": s.participants - s.assisted})
            for s in people.ended
        ]
    )
    count = table.counts.get("paper")
    if not people.ended:
        return "–"
    return _("skjult") if count is None else str(count)


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def _table(key: str, comparison: Comparison, nothing_ended: bool) -> Table:
    labels = _labels(key)
    rows = tuple(
        Row(
            label=labels.get(cell.category, cell.category),
            count=str(cell.count) if cell.count is not None else _("skjult"),
            share=findings.percent(cell.share),
            population_share=findings.percent(cell.population_share),
            ratio=_ratio(cell.ratio),
            status=str(STATUS_TEXT[cell.status]),
            status_key=str(cell.status),
            bar=round((cell.share or 0) * 100),
            population_bar=round((cell.population_share or 0) * 100),
        )
        for cell in comparison.cells
    )
    has_population = any(cell.population_share is not None for cell in comparison.cells)
    return Table(key, str(TITLES[key]), comparison.answered, nothing_ended, has_population, rows)


def inclusion_report(
    *, workshops: Sequence[Workshop], municipality_code: str, paper_url: str
) -> InclusionReport:
    """Compare the sessions' participants with the municipality's population and say who is missing."""
    people = selectors.participation(workshops)
    population = selectors.age_population(municipality_code)
    comparisons = selectors.compare_all(people, population)
    place = selectors.municipality_name(municipality_code)
    found = findings.findings(
        comparisons,
        place=place,
        paper_url=paper_url,
        population=population.bands if population else None,
        described=people.described,
        participants=people.participants,
    )
    source = _(
        "Befolkning 1. januar %(year)s, SSB tabell %(table)s (Befolkning, etter kommune, kjønn og "
        "alder). %(attribution)s"
    ) % {
        "year": population.year if population else "–",
        "table": selectors.POPULATION_TABLE,
        "attribution": SSB.text,
    }
    return InclusionReport(
        place=place,
        municipality_code=municipality_code,
        participants=people.participants,
        described=people.described,
        assisted=_paper(people),
        running=people.running,
        population_year=population.year if population else None,
        source=source,
        tables=tuple(
            _table(key, comparisons[key], not people.ended) for key, _order in selectors.DIMENSIONS
        ),
        findings=tuple(found),
    )


def describe_choices() -> dict[str, list[tuple[str, str]]]:
    """Return the self-description choices for the paper form, field by field."""
    return {
        field: [(value, str(label)) for value, label in Participant._meta.get_field(field).choices]
        for field, _order in selectors.DIMENSIONS
    }
