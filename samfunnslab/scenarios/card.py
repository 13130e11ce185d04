"""The scenario card as plain data: 2040 figures against the baseline, formatted once (pure).

The story (story.py) and every template read the same formatted strings, so a number in the story
is always the number on the card.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from projection.workforce import printed_gap
from samfunnslab.scenarios.choices import PARAMETERS, Contribution, Parameters


class OutcomeLike(Protocol):
    """What the card needs from an engine outcome."""

    alternative: str
    series_label: str

    def total(self, year: int) -> float: ...
    def aged(self, year: int, low: int, high: int = 105) -> float: ...
    def indicator(self, key: str, year: int) -> float: ...


class WorkforceLike(Protocol):
    """What the card needs from a workforce result."""

    def at(self, year: int) -> dict[str, float]: ...


def _(text: str) -> str:
    """Mark a label for `makemessages` (like gettext_noop); templates translate it when shown."""
    return text


@dataclass(frozen=True)
class NumberStyle:
    """How the reader's language writes numbers: thousands separator and decimal mark."""

    group: str = "\u00a0"
    decimal_mark: str = ","


NORWEGIAN = NumberStyle()


def persons(value: float, style: NumberStyle = NORWEGIAN) -> str:
    """Format a count with a thousands separator (38 663; 38,663 in English)."""
    text = f"{round(value):,}".replace(",", style.group)
    return text.replace("-", "−")


def decimal(value: float, places: int = 1, style: NumberStyle = NORWEGIAN) -> str:
    """Format a ratio with the style's decimal mark (2,6; 2.6 in English)."""
    if not math.isfinite(value):
        return "–"
    return f"{value:.{places}f}".replace(".", style.decimal_mark).replace("-", "−")


def signed(value: float, places: int = 0, style: NumberStyle = NORWEGIAN) -> str:
    """Format a difference with its sign (+1 234, −0,2)."""
    text = persons(abs(value), style) if places == 0 else decimal(abs(value), places, style)
    rounded = round(value, places)
    return ("+" if rounded > 0 else "−" if rounded < 0 else "±") + text


@dataclass(frozen=True)
class Metric:
    """One row of the card: the figure now, in the baseline and in the scenario."""

    key: str
    label: str
    formula: str
    now: float
    baseline: float
    scenario: float
    places: int = 0
    style: NumberStyle = NORWEGIAN

    def text(self, value: float) -> str:
        """Format a value of this metric."""
        if self.places == 0:
            return persons(value, self.style)
        return decimal(value, self.places, self.style)

    @property
    def now_text(self) -> str:
        return self.text(self.now)

    @property
    def baseline_text(self) -> str:
        return self.text(self.baseline)

    @property
    def scenario_text(self) -> str:
        return self.text(self.scenario)

    @property
    def change(self) -> float:
        return self.scenario - self.baseline

    @property
    def change_text(self) -> str:
        """Return the change between the shown (rounded) figures, so the columns always agree."""
        shown = round(self.scenario, self.places) - round(self.baseline, self.places)
        return signed(shown, self.places, self.style)


@dataclass(frozen=True)
class Shift:
    """One parameter change on the card: the label, how much, and which choice caused it.

    `label` and `title` are in the reader's language (build_card translates them); `source` is the
    kind of choice, "påstand" or "veivalg", a key for the templates.
    """

    label: str
    amount_text: str
    source: str
    title: str


@dataclass(frozen=True)
class Card:
    """A scenario card for one municipality, year and alternative."""

    code: str
    name: str
    year: int
    base_year: int
    alternative: str
    series_label: str
    metrics: dict[str, Metric]
    shifts: tuple[Shift, ...]
    parameters: Parameters
    style: NumberStyle = NORWEGIAN


# A parameter change in its unit; the Django layer passes gettext as `translate`.
AMOUNT_TEMPLATES = {
    "andel per år": _("{amount} % per år"),
    "endring per år": _("{amount} % per år"),
    "endring innen 2040": "{amount} %",
    "faktor": "{amount} % {births}",
    "år": _("{amount} år"),
    "personer per år per 1000 innbyggere": _("{amount} personer per år per 1000 innbyggere"),
}
PERCENT_UNITS = ("andel per år", "endring per år", "endring innen 2040")


def _keep(text: str) -> str:
    return text


def amount_text(
    parameter: str,
    amount: float,
    style: NumberStyle = NORWEGIAN,
    translate: Callable[[str], str] = _keep,
) -> str:
    """Format a parameter change in the parameter's own unit."""
    unit = PARAMETERS[parameter].unit
    if unit in PERCENT_UNITS:
        number = signed(amount * 100, 1, style)
    elif unit == "faktor":
        number = signed(amount * 100, 0, style)
    else:
        number = signed(amount, 1, style)
    template = AMOUNT_TEMPLATES.get(unit)
    if template is None:
        return f"{number} {unit}"
    return translate(template).format(amount=number, births=translate(_("fødsler")))


def build_card(
    *,
    code: str,
    name: str,
    base_year: int,
    year: int,
    baseline: OutcomeLike,
    scenario: OutcomeLike,
    baseline_workforce: WorkforceLike,
    scenario_workforce: WorkforceLike,
    contributions: list[Contribution],
    parameters: Parameters,
    style: NumberStyle = NORWEGIAN,
    translate: Callable[[str], str] = _keep,
) -> Card:
    """Collect the card's figures for `year` against the baseline, with the parameter shifts."""
    now_wf, base_wf, scen_wf = (
        baseline_workforce.at(base_year),
        baseline_workforce.at(year),
        scenario_workforce.at(year),
    )

    def trio(get: Callable[[OutcomeLike, int], float]) -> tuple[float, float, float]:
        return (get(baseline, base_year), get(baseline, year), get(scenario, year))

    def gaps() -> tuple[float, float, float]:
        """The gap as printed beside need and supply (they add up on the page)."""
        now, base, scen = (
            printed_gap(w["demand_fte"], w["supply_fte"]) for w in (now_wf, base_wf, scen_wf)
        )
        return (now, base, scen)

    def _metric(
        key: str, label: str, formula: str, values: tuple[float, float, float], places: int = 0
    ) -> Metric:
        return Metric(key, label, formula, *values, places=places, style=style)

    metrics = [
        _metric("folketall", _("Innbyggere"), "P(alle)", trio(lambda o, y: o.total(y))),
        _metric("over_80", _("Innbyggere 80 år og eldre"), "P(80+)", trio(lambda o, y: o.aged(y, 80))),
        _metric("arbeidsfor", _("Innbyggere 20–66 år"), "P(20–66)",
                trio(lambda o, y: o.aged(y, 20, 66))),
        _metric("aldersbaereevne", _("Aldersbæreevne"), "P(20–66) / P(67+)",
                trio(lambda o, y: o.indicator("aldersbaereevne", y)), places=1),
        _metric("behov", _("Årsverk som trengs i omsorgstjenestene"), _("brukere × årsverk per bruker"),
                (now_wf["demand_fte"], base_wf["demand_fte"], scen_wf["demand_fte"])),
        _metric("gap", _("Årsverk som mangler"), _("behov − tilbud"),
                gaps()),
        _metric("hver_nte", _("Hver n-te person i arbeid må jobbe i omsorgen"),
                _("årsverk i arbeid / årsverk som trengs"),
                (now_wf["every_nth"], base_wf["every_nth"], scen_wf["every_nth"]), places=1),
    ]  # fmt: skip
    shifts = tuple(
        Shift(
            translate(PARAMETERS[c.parameter].label),
            amount_text(c.parameter, c.amount, style, translate),
            c.source,
            translate(c.title),
        )
        for c in contributions
    )
    return Card(
        code=code,
        name=name,
        year=year,
        base_year=base_year,
        alternative=scenario.alternative,
        series_label=scenario.series_label,
        metrics={m.key: m for m in metrics},
        shifts=shifts,
        parameters=parameters,
        style=style,
    )
