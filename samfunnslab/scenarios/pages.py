"""Page contexts: put engine outcomes, cards, stories and figures together (no HTTP here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from projection import ALTERNATIVES, LocalFigures
from projection.workforce import printed_gap
from samfunnslab.accounts.authorizers import UserLike
from samfunnslab.core import attribution, statistics
from samfunnslab.core.qr import qr_svg
from samfunnslab.municipalities.formatting import decimal, persons
from samfunnslab.scenarios import (
    authorizers,
    engine,
    figures,
    intervals,
    plausibility,
    selectors,
)
from samfunnslab.scenarios.card import Card, NumberStyle, amount_text, build_card
from samfunnslab.scenarios.choices import (
    PARAMETERS,
    PATH_CHOICES,
    PATH_PARAM,
    SCALE_LABELS,
    STATEMENT_PREFIX,
    STATEMENTS,
    Choices,
    contributions,
    parameters_for,
    query_items,
)
from samfunnslab.scenarios.engine import Outcome
from samfunnslab.scenarios.group import HIDDEN, MIN_PARTICIPANTS, GroupSummary, bar_segments
from samfunnslab.scenarios.models import GroupSession
from samfunnslab.scenarios.story import story
from statbank.classifications import MunicipalityInfo

SCALE_ORDER = ("-2", "-1", "0", "1", "2", "vet")


@dataclass(frozen=True)
class Assumption:
    """One line of the assumptions list: what and its value (in bokmål if `lang` is "nb")."""

    label: str
    value: str
    lang: str = ""


def municipality(code: str) -> MunicipalityInfo | None:
    """Return the municipality with this number, if the engine projects it."""
    infos = {m.code: m for m in statistics.snapshot().municipalities}
    if code not in infos or not engine.is_known(code):
        return None
    return infos[code]


def municipality_options() -> list[MunicipalityInfo]:
    """Return all municipalities the engine projects, by name."""
    return sorted(
        (m for m in statistics.snapshot().municipalities if engine.is_known(m.code)),
        key=lambda m: m.name,
    )


def alternative_options() -> list[tuple[str, str]]:
    """Return (code, label) for the alternatives offered in forms."""
    return [(code, _(ALTERNATIVES[code])) for code in engine.SHOWN_ALTERNATIVES]


def assumptions(outcome: Outcome, sources: dict[str, str]) -> list[Assumption]:
    """Return everything a reader needs to redo the calculation."""
    items = [
        Assumption(_("Alternativ"), f"{outcome.alternative} – {_(ALTERNATIVES[outcome.alternative])}"),
        Assumption(_("Avstemming"), outcome.series_label),
        Assumption(_("Basisår"), _("1. januar %(y)s (registrerte tall 2006–%(y)s, SSB 07459)")
                   % {"y": engine.BASE_YEAR}),
        Assumption(_("Motor"), engine.ENGINE_VERSION, "nb"),
    ]  # fmt: skip
    changed = [
        f"{_(PARAMETERS[k].label)}: " + amount_text(k, v - PARAMETERS[k].neutral, number_style(), _)
        for k, v in vars(outcome.parameters).items()
        if v != PARAMETERS[k].neutral
    ]
    items.append(Assumption(_("Endrede parametere"), ", ".join(changed) or _("ingen")))
    labels = {"care": _("Brukere og årsverk"), "care_fte": _("Årsverk per bruker"),
              "labour": _("Sysselsetting"), "care_share": _("Andel i omsorgen")}  # fmt: skip
    items += [Assumption(labels.get(k, k), *selectors.source_note(v)) for k, v in sources.items()]
    return items


def _elderly_rows(code: str, local: LocalFigures | None) -> list[dict[str, object]]:
    """Return 80+ and aldersbæreevne for now, 2030, 2040, 2050 under three alternatives."""
    outcomes = {alt: engine.run(code, alt, local=local) for alt in ("LLML", "MMMM", "HHMH")}
    rows = []
    for year in (engine.BASE_YEAR, *engine.KEY_YEARS):
        m = outcomes["MMMM"]
        rows.append({
            "year": year,
            "over_80": persons(m.aged(year, 80)),
            "over_80_range": f"{persons(outcomes['LLML'].aged(year, 80))}–"
                             f"{persons(outcomes['HHMH'].aged(year, 80))}",
            "aged_20_66": persons(m.aged(year, 20, 66)),
            "support": decimal(m.indicator("aldersbaereevne", year)),
            "support_80": decimal(m.indicator("aldersbaereevne_80", year)),
        })  # fmt: skip
    return rows


def _workforce_rows(outcome: Outcome) -> list[dict[str, object]]:
    """Return the workforce figures now and in the key years."""
    rows = []
    for year in (engine.BASE_YEAR, *engine.KEY_YEARS):
        at = outcome.workforce.at(year)
        rows.append({
            "year": year, "demand": persons(at["demand_fte"]), "supply": persons(at["supply_fte"]),
            "gap": persons(printed_gap(at["demand_fte"], at["supply_fte"])), "every_nth": decimal(at["every_nth"]),
            "per_1000": decimal(at["fte_per_1000_aged_20_66"]),
        })  # fmt: skip
    return rows


def future_context(code: str, user: UserLike) -> dict[str, object]:
    """Return the future section of Min kommune for one municipality."""
    info = municipality(code)
    assert info is not None
    care = selectors.care_baseline(code=code, user=user)
    outcome = care.outcome
    return {
        "municipality": info,
        "outcome": outcome,
        "care": care,
        "band_figure": figures.band_figure(outcome, info.name),
        "past_accuracy": intervals.past_accuracy(outcome.total(engine.BASE_YEAR), engine.BASE_YEAR),
        "pyramid_figure": figures.pyramid_figure(outcome, info.name),
        "workforce_figure": figures.workforce_figure(outcome, info.name),
        "elderly_rows": _elderly_rows(code, care.local),
        "workforce_rows": _workforce_rows(outcome),
        "local_entry": care.local_entry,
        "assumptions": assumptions(outcome, outcome.workforce.sources),
        "scenario_url": reverse("scenarios:index") + "?" + urlencode({"kommune": code}),
        "base_year": engine.BASE_YEAR,
        "card_year": engine.CARD_YEAR,
        "attribution_sources": (attribution.SSB, attribution.HMD, attribution.HFD),
    }


def area_future_context(
    name: str, codes: Sequence[str], known: dict[int, float]
) -> dict[str, object] | None:
    """Return the future of a county or BA region: the sum of its municipalities' projections.

    `known` holds the area's registered totals (year → persons) for the line before the base
    year. None when the engine projects none of the members.
    """
    area = engine.area_projection(name, codes)
    if area is None:
        return None
    rows = []
    for year in (engine.BASE_YEAR, *engine.KEY_YEARS):
        i = area.index(year)
        rows.append({
            "year": year,
            "total": persons(area.band[engine.DEFAULT_ALTERNATIVE][i]),
            "band": f"{persons(area.band['LLML'][i])}–{persons(area.band['HHMH'][i])}",
            "over_80": persons(area.aged(year, 80)),
            "support": decimal(area.aged(year, 20, 66) / area.aged(year, 67)),
        })  # fmt: skip
    return {
        "area": area,
        "members": len(codes),
        "band_figure": figures.future_band_figure(area, name, known, area.band),
        "pyramid_figure": figures.pyramid_figure(area, name),
        "rows": rows,
        "base_year": engine.BASE_YEAR,
    }


@dataclass(frozen=True)
class ScenarioResult:
    """A computed scenario: baseline and scenario outcomes, the card and its story."""

    baseline: Outcome
    scenario: Outcome
    card: Card
    story: list[str]
    care: selectors.CareBaseline


def number_style() -> NumberStyle:
    """Return how the active language writes numbers, for the card and its story."""
    return NumberStyle(
        group=str(get_format("THOUSAND_SEPARATOR")),
        decimal_mark=str(get_format("DECIMAL_SEPARATOR")),
    )


def compute(code: str, alternative: str, choices: Choices, user: UserLike) -> ScenarioResult:
    """Run the baseline and the scenario and build the card and its story."""
    info = municipality(code)
    assert info is not None
    care = selectors.care_baseline(code=code, user=user)
    local = care.local
    params = parameters_for(choices)
    base = (
        care.outcome
        if alternative == engine.DEFAULT_ALTERNATIVE
        else (engine.run(code, alternative, local=local))
    )
    scen = engine.run(code, alternative, params, local=local)
    card = build_card(
        code=code, name=info.name, base_year=engine.BASE_YEAR, year=engine.CARD_YEAR,
        baseline=base, scenario=scen, baseline_workforce=base.workforce,
        scenario_workforce=scen.workforce, contributions=contributions(choices),
        parameters=params, style=number_style(), translate=_,
    )  # fmt: skip
    return ScenarioResult(base, scen, card, story(card, _), care)


def permalink(code: str, alternative: str, choices: Choices) -> str:
    """Return the query string that reproduces this scenario."""
    return urlencode([("kommune", code), ("alternativ", alternative), *query_items(choices)])


def statement_rows(choices: Choices) -> list[dict[str, object]]:
    """Return the statements with their current answers for the form."""
    rows = []
    for s in STATEMENTS:
        value = choices.answers.get(s.key, "missing")
        current = "" if value == "missing" else ("vet" if value is None else str(value))
        rows.append({
            "key": s.key, "name": STATEMENT_PREFIX + s.key, "text": _(s.text), "why": _(s.why),
            "options": [(v, _(SCALE_LABELS[v]), v == current) for v in SCALE_ORDER],
        })  # fmt: skip
    return rows


def path_rows(choices: Choices) -> list[dict[str, object]]:
    """Return the path choices with whether each is chosen."""
    return [{"key": p.key, "title": _(p.title), "text": _(p.text), "why": _(p.why),
             "chosen": p.key in choices.paths, "name": PATH_PARAM} for p in PATH_CHOICES]  # fmt: skip


def card_context(
    code: str, alternative: str, choices: Choices, user: UserLike
) -> dict[str, object]:
    """Return the scenario card with its figure, story, permalink and assumptions."""
    result = compute(code, alternative, choices, user)
    query = permalink(code, alternative, choices)
    return {
        "result": result,
        "card": result.card,
        "story": result.story,
        "metrics": list(result.card.metrics.values()),
        "figure": figures.workforce_figure(
            result.scenario, result.card.name, result.baseline, id="kort-arbeidskraft"
        ),
        "query": query,
        "permalink": reverse("scenarios:index") + "?" + query,
        "report_url": reverse("scenarios:report") + "?" + query,
        "assumptions": assumptions(result.scenario, result.scenario.workforce.sources),
        "local_used": result.scenario.local_used,
        "care": result.care,
        "alternative_name": _(ALTERNATIVES[alternative]),
        "plausibility": plausibility.scenario_checks(result.scenario.parameters),
    }


def national_figures(code: str) -> list[Assumption]:
    """Return the national defaults and the municipality's published users, with sources."""
    data = engine.national_data()
    care, labour = data.care_profile(), data.labour_profile()
    assert care is not None and labour is not None
    groups = ("0–66", "67–79", "80+")
    items = [
        Assumption(
            _("Brukere per innbygger %(g)s (nasjonalt)") % {"g": g}, decimal(r * 100, 1) + " %"
        )
        for g, r in zip(groups, care.use_rates, strict=True)
    ]
    items.append(Assumption(_("Årsverk per bruker (nasjonalt)"), decimal(care.fte_per_user, 2)))
    items += [
        Assumption(
            _("Sysselsatte %(lo)s–%(hi)s år") % {"lo": lo, "hi": hi}, decimal(r * 100, 1) + " %"
        )
        for (lo, hi), r in zip(labour.groups, labour.employment_rates, strict=True)
    ]
    if published := data.local_users(code):
        items.append(
            Assumption(
                _("Publiserte brukere i kommunen (SSB)"), " / ".join(persons(u) for u in published)
            )
        )
    items += [
        Assumption(_("Kilde omsorg"), care.source),
        Assumption(_("Kilde arbeid"), labour.source),
    ]
    return items


def choice_context(
    municipality: MunicipalityInfo, alternative: str, choices: Choices
) -> dict[str, object]:
    """Return the form rows of Scenariofabrikken for the current choices."""
    return {
        "municipality": municipality,
        "alternative": alternative,
        "alternatives": alternative_options(),
        "statements": statement_rows(choices),
        "paths": path_rows(choices),
    }


def _position_labels() -> dict[str, str]:
    """Return the translated label of every position on the scale and of the hidden pool."""
    return {
        "-2": _("Helt uenig"), "-1": _("Litt uenig"), "0": _("Nøytral"), "1": _("Litt enig"),
        "2": _("Helt enig"), "vet": _("Vet ikke"), HIDDEN: _("skjulte små tall, slått sammen"),
    }  # fmt: skip


def group_bars(summary: GroupSummary) -> list[dict[str, object]]:
    """Return one bar per statement (shown positions, hidden ones pooled) for the live view."""
    labels = _position_labels()
    bars = []
    for distribution in summary.distributions:
        segments = [
            {"key": s.key, "label": labels[s.key], "count": s.count,
             "percent": round(s.share * 100, 1)}
            for s in bar_segments(distribution, summary.participants)
        ]  # fmt: skip
        bars.append({"key": distribution.key, "text": _(distribution.text), "segments": segments})
    return bars


def group_host_context(
    session: GroupSession, user: UserLike, *, join_url: str, answer_url: str = ""
) -> dict[str, object]:
    """Return a group session's results: the group's views and, once enough have answered, the
    consequences of the median choices; a QR code that opens the session on a phone."""
    summary = selectors.group_summary(session)
    context: dict[str, object] = {
        "session": session,
        "summary": summary,
        "bars": group_bars(summary) if summary.enough else [],
        "min_participants": MIN_PARTICIPANTS,
        "join_url": join_url,
        "answer_url": answer_url,
        "qr": qr_svg(answer_url, title=_("QR-kode til gruppeøkten")) if answer_url else "",
        "can_edit": authorizers.base.can_edit(user, session.organisation),
    }
    if summary.enough:
        context |= card_context(
            session.municipality_code, session.alternative, summary.median_choices, user
        )
    return context
