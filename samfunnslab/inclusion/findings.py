"""Plain-language findings from the comparisons: who is missing, and what the facilitator can do.

Sentences are built here (not in templates) so they can be tested and translated as wholes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samfunnslab.inclusion.representation import Cell, Comparison, Status

CHILD_BANDS = ("0-12", "13-17")
AGE_PHRASES = {
    "0-12": gettext_lazy("under 13 år"),
    "13-17": gettext_lazy("mellom 13 og 17 år"),
    "18-29": gettext_lazy("mellom 18 og 29 år"),
    "30-44": gettext_lazy("mellom 30 og 44 år"),
    "45-66": gettext_lazy("mellom 45 og 66 år"),
    "67-79": gettext_lazy("mellom 67 og 79 år"),
    "80+": gettext_lazy("80 år eller eldre"),
}
LOW_DESCRIBED_SHARE = 0.5


@dataclass(frozen=True)
class Action:
    """Something the facilitator can do, with a link to the method library where it fits."""

    text: str
    url: str = ""
    link_text: str = ""


@dataclass(frozen=True)
class Finding:
    """One sentence about a missing or under-represented group, with suggested actions."""

    text: str
    actions: tuple[Action, ...] = field(default_factory=tuple)


def percent(share: float | None) -> str:
    """Format a share as a whole percentage (at least «under 1 %» for tiny shares)."""
    if share is None:
        return "–"
    if 0 < share < 0.005:
        return _("under 1 %")
    return f"{round(share * 100):d} %"


def _url(name: str, *args: str) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _age_actions(band: str, paper_url: str) -> tuple[Action, ...]:
    methods = _url("methods:index")
    if band in CHILD_BANDS:
        return (
            Action(
                _("Hold en økt på en skole eller i ungdomsrådet, og slå på lettlest modus."),
                _url("methods:process_detail", "barn-og-unge"),
                _("Prosessen «Barn og unge» i metodebiblioteket"),
            ),
        )
    if band == "18-29":
        return (
            Action(
                _(
                    "La lenken stå åpen noen dager, og del den der unge voksne er: "
                    "videregående, studiested, idrettslag."
                )
            ),
        )
    if band == "30-44":
        return (
            Action(
                _(
                    "Hold en egen økt for familier med små barn, for eksempel i barnehagen "
                    "eller tidlig på kvelden med barnepass."
                )
            ),
        )
    if band in ("67-79", "80+"):
        return (
            Action(
                _(
                    "Ta med papirskjema til et seniorsenter eller omsorgssenter, les påstandene "
                    "høyt, og skriv inn svarene etterpå som papirsvar."
                ),
                paper_url,
                _("Skriv inn papirsvar"),
            ),
            Action(
                _("Bruk de lettere variantene av stegene i metodebiblioteket."),
                methods,
                _("Metodebiblioteket"),
            ),
        )
    return (Action(_("Inviter via arbeidsplasser og lag, og la lenken stå åpen noen dager.")),)


def _age_findings(
    age: Comparison, place: str, paper_url: str, population: Mapping[str, float]
) -> list[Finding]:
    cells = {cell.category: cell for cell in age.cells}
    found: list[Finding] = []
    children_missing = all(cells[b].status == Status.MISSING for b in CHILD_BANDS if b in cells)
    if children_missing and all(b in cells for b in CHILD_BANDS):
        total = sum(population.values())
        share = sum(population[b] for b in CHILD_BANDS) / total if total else None
        found.append(
            Finding(
                _("Ingen under 18 år har deltatt, men de er %(share)s av innbyggerne i %(place)s.")
                % {"share": percent(share), "place": place},
                _age_actions("13-17", paper_url),
            )
        )
    for cell in age.cells:
        if children_missing and cell.category in CHILD_BANDS:
            continue
        text = _age_sentence(cell, place)
        if text:
            found.append(Finding(text, _age_actions(cell.category, paper_url)))
    return found


def _age_sentence(cell: Cell, place: str) -> str:
    who = AGE_PHRASES[cell.category]
    values = {"who": who, "place": place, "pop": percent(cell.population_share)}
    if cell.status == Status.MISSING:
        return (
            _("Ingen %(who)s har deltatt, men de er %(pop)s av innbyggerne i %(place)s.") % values
        )
    if cell.status == Status.UNDER and cell.count is None:
        return (
            _("Svært få %(who)s har deltatt, men de er %(pop)s av innbyggerne i %(place)s.")
            % values
        )
    if cell.status == Status.UNDER:
        return _(
            "Av dem som svarte, er %(share)s %(who)s, men de er %(pop)s av innbyggerne i %(place)s."
        ) % {**values, "share": percent(cell.share)}
    return ""


def _yes_missing(comparison: Comparison) -> bool:
    cells = {cell.category: cell for cell in comparison.cells}
    yes = cells.get("ja")
    return comparison.answered is not None and yes is not None and yes.count == 0


def findings(
    comparisons: Mapping[str, Comparison],
    *,
    place: str,
    paper_url: str,
    population: Mapping[str, float] | None,
    described: int,
    participants: int,
) -> list[Finding]:
    """Return the findings in the order a facilitator should act on them."""
    found: list[Finding] = []
    if participants and described / participants < LOW_DESCRIBED_SHARE:
        found.append(
            Finding(
                _(
                    "Bare %(described)s av %(total)s deltakere har fortalt om seg selv, så bildet "
                    "er usikkert. Minn folk på at de kan svare på «Om meg» – det er frivillig."
                )
                % {"described": described, "total": participants}
            )
        )
    age = comparisons.get("age_band")
    if age is not None and age.answered is not None and population:
        found.extend(_age_findings(age, place, paper_url, population))
    if "new_in_norway" in comparisons and _yes_missing(comparisons["new_in_norway"]):
        found.append(
            Finding(
                _("Ingen av dem som svarte, er nye i Norge."),
                (
                    Action(
                        _(
                            "Slå på lettlest modus, ha med tolk, og hold en økt i voksenopplæringen "
                            "eller introduksjonsprogrammet."
                        ),
                        _url("methods:index"),
                        _("Metodebiblioteket"),
                    ),
                ),
            )
        )
    if "parent_small_child" in comparisons and _yes_missing(comparisons["parent_small_child"]):
        found.append(
            Finding(
                _("Ingen av dem som svarte, er foreldre til små barn."),
                (Action(_age_actions("30-44", paper_url)[0].text),),
            )
        )
    return found
