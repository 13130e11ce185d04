"""Reads: which local workforce figures apply, their history, group sessions and summaries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from projection import LocalFigures
from projection.workforce import CALIBRATED, OWN_FTE, OWN_LABOUR, OWN_USERS, printed_gap
from samfunnslab.accounts.authorizers import UserLike, organisations_for
from samfunnslab.core.statistics import CARE_SOURCE, LABOUR_SOURCE
from samfunnslab.municipalities.formatting import decimal, persons
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.choices import Choices
from samfunnslab.scenarios.group import GroupSummary, summarise
from samfunnslab.scenarios.models import GroupSession, LocalWorkforceFigures


def local_figures_entry(*, code: str, user: UserLike) -> LocalWorkforceFigures | None:
    """Return the latest figures of the user's organisation, else those of the municipality's own."""
    mine = (
        LocalWorkforceFigures.objects.filter(
            municipality_code=code, organisation__in=organisations_for(user)
        )
        .select_related("organisation")
        .first()
    )
    if mine is not None:
        return mine
    return public_entry(code)


def local_figures_history(*, code: str, user: UserLike) -> QuerySet[LocalWorkforceFigures]:
    """Return all entries for a municipality in the user's organisations, newest first."""
    return LocalWorkforceFigures.objects.filter(
        municipality_code=code, organisation__in=organisations_for(user)
    ).select_related("organisation", "created_by")


def as_local_figures(entry: LocalWorkforceFigures | None) -> LocalFigures | None:
    """Turn a stored entry into the engine's LocalFigures (blank fields keep national figures)."""
    if entry is None:
        return None
    users = (entry.users_0_66, entry.users_67_79, entry.users_80)
    return LocalFigures(
        users=tuple(float(u) for u in users) if all(u is not None for u in users) else None,
        care_fte=entry.care_fte,
        fte_per_employed=entry.fte_per_employed,
    )


def group_session_by_code(code: str) -> GroupSession | None:
    """Return the group session with this join code (case-insensitive), if any."""
    return (
        GroupSession.objects.filter(code=code.strip().upper())
        .select_related("organisation")
        .first()
    )


def group_summary(session: GroupSession) -> GroupSummary:
    """Summarise the answers of a group session."""
    responses = [
        Choices({k: v for k, v in r.answers.items()}, frozenset(r.paths))
        for r in session.responses.all()
    ]
    return summarise(responses)


# --------------------------------------------------------------------------- the care baseline


@dataclass(frozen=True)
class CareBaseline:
    """A municipality's care workforce baseline: the one set of numbers every page shows.

    Min kommune, the scenario card, the municipal report (PDF), the API and the community-model
    numbers panel all read this; `basis` says whether national use rates or the municipality's own
    figures were used, `source` names the statistics and their years.
    """

    code: str
    base_year: int
    year: int
    outcome: engine.Outcome
    local_entry: LocalWorkforceFigures | None
    source: str
    basis: str
    nurse_fte: float | None
    nurse_year: int | None

    @property
    def local(self) -> LocalFigures | None:
        """Return the engine's local figures (None: national use rates)."""
        return as_local_figures(self.local_entry)

    def _at(self, year: int, key: str) -> float:
        return self.outcome.workforce.at(year)[key]

    @property
    def need_now(self) -> float:
        return self._at(self.base_year, "demand_fte")

    @property
    def need(self) -> float:
        return self._at(self.year, "demand_fte")

    @property
    def supply(self) -> float:
        return self._at(self.year, "supply_fte")

    @property
    def gap(self) -> float:
        return self._at(self.year, "gap_fte")

    @property
    def every_nth_now(self) -> float:
        return self._at(self.base_year, "every_nth")

    @property
    def every_nth(self) -> float:
        return self._at(self.year, "every_nth")

    def texts(self) -> dict[str, str]:
        """Return the figures formatted as every page prints them."""
        return {
            "need_now": persons(self.need_now),
            "need": persons(self.need),
            "gap": persons(printed_gap(self.need, self.supply)),
            "every_nth_now": decimal(self.every_nth_now),
            "every_nth": decimal(self.every_nth),
        }


def care_source() -> str:
    """Return the short source of the national care figures with their years."""
    data = engine.national_data()
    care = data.care_profile()
    fte = data.key_figures.get("care_services_fte_total", {})
    if care is None or not fte:
        return _("grove nasjonale anslag (SSB-tallene mangler i datagrunnlaget)")
    return _("SSB 12292/11645 (brukere %(users)s) og årsverk i omsorgstjenestene %(fte)s") % {
        "users": care.base_year,
        "fte": max(fte, key=int),
    }


def source_note(note: str) -> tuple[str, str]:
    """Return an engine note on where a figure comes from, in the interface's language, and its lang.

    The pure cores write the notes in bokmål (the API gives them as they are); every note they can
    write is translated here. A note not known here is shown as written and marked bokmål ("nb").
    """
    known = _translated_source_notes()
    return (known[note], "") if note in known else (note, "nb")


def _translated_source_notes() -> dict[str, str]:
    """Return each bokmål source note of the engine with its translation."""
    year = {"year": engine.BASE_YEAR}
    notes = {
        OWN_USERS: _("kommunens egne tall (brukere)"),
        OWN_FTE: _("kommunens egne tall (årsverk)"),
        OWN_LABOUR: _("kommunens egne tall (sysselsetting)"),
        CALIBRATED.format(**year): _("kalibrert: tilbud = behov i %(year)s") % year,
        engine.AS_IN_BASELINE.format(**year): (
            _("som i referansebanen: tilbud = behov i %(year)s") % year
        ),
        LABOUR_SOURCE: _(
            "SSB 07984/07459 via evensrii/Telemark (sysselsatte/befolkning, 2025, tilnærmet); "
            "årsverk per sysselsatt = 1 (ikke i dataene)"
        ),
    }
    data = engine.national_data()
    care, fte = data.care_profile(), data.key_figures.get("care_services_fte_total", {})
    if care is not None and fte:
        fte_year = max(fte, key=int)
        figures = {"year": care.base_year, "fte_year": fte_year, "fte": f"{fte[fte_year]:.0f}"}
        notes[CARE_SOURCE.format(**figures | {"fte": fte[fte_year]})] = (
            _(
                "SSB 12292 og 11645 (brukere %(year)s); SSB årsverk i omsorgstjenestene %(fte_year)s "
                "(%(fte)s); nasjonale tall"
            )
            % figures
        )
    return notes


def _nurse_fte(code: str) -> tuple[float | None, int | None]:
    """Return the published nurse FTE in the municipality's care services and its year."""
    care = engine.national_data().care
    if not care:
        return None, None
    year = max(care, key=int)
    value = care[year].get(code, {}).get("nurse_fte_care_services")
    return (float(value), int(year)) if value is not None else (None, None)


def care_baseline(*, code: str, user: UserLike | None = None) -> CareBaseline:
    """Return the care baseline of a municipality (main alternative, no levers).

    National use rates per age group × the municipality's own population, unless the
    municipality (or the user's organisation) has entered its own figures; see docs/scenarios.md.
    """
    entry = local_figures_entry(code=code, user=user) if user is not None else public_entry(code)
    outcome = engine.run(code, local=as_local_figures(entry))
    if entry is None:
        basis = _("nasjonale bruksrater per aldersgruppe × kommunens befolkning")
    else:
        basis = _("kommunens egne tall, lagt inn av %(org)s %(date)s") % {
            "org": entry.organisation.name,
            "date": entry.created_at.strftime("%d.%m.%Y"),
        }
    nurse, nurse_year = _nurse_fte(code)
    return CareBaseline(
        code=code,
        base_year=engine.BASE_YEAR,
        year=engine.CARD_YEAR,
        outcome=outcome,
        local_entry=entry,
        source=care_source(),
        basis=basis,
        nurse_fte=nurse,
        nurse_year=nurse_year,
    )


def public_entry(code: str) -> LocalWorkforceFigures | None:
    """Return the figures the municipality's own organisation entered (shown to everyone)."""
    return (
        LocalWorkforceFigures.objects.filter(
            municipality_code=code, organisation__municipality_code=code
        )
        .select_related("organisation")
        .first()
    )
