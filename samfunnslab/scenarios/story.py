"""A short story in plain Norwegian from the card's numbers (pure, template sentences only).

Rules: every number comes from the card's formatted figures; no sentence states anything the card
does not hold; the last sentence says it is a calculation, not a forecast.

Translation without Django: every sentence is a literal template with named placeholders, passed
through `translate` before the numbers are filled in. The Django layer passes `gettext`; the
templates are marked with `_(…)` so `makemessages` finds them.
"""

from __future__ import annotations

from collections.abc import Callable

from samfunnslab.scenarios.card import NORWEGIAN, Card, NumberStyle, persons

Translate = Callable[[str], str]


def _(text: str) -> str:
    """Mark a template for `makemessages`; the real translation happens through `translate`."""
    return text


CLOSING = _("Dette er en beregning av hva som skjer hvis forutsetningene holder, ikke en prognose.")


def _keep(text: str) -> str:
    return text


def _elderly(card: Card, t: Translate) -> str:
    m = card.metrics["over_80"]
    return t(
        _(
            "I {year} kan det bo {scenario} personer som er 80 år eller eldre i {name}, "
            "mot {now} i {base_year}."
        )
    ).format(
        year=card.year, scenario=m.scenario_text, name=card.name, now=m.now_text,
        base_year=card.base_year,
    )  # fmt: skip


def _support(card: Card, t: Translate) -> str:
    m = card.metrics["aldersbaereevne"]
    return t(
        _(
            "For hver person som er 67 år eller eldre, blir det {scenario} personer i "
            "arbeidsfør alder (20–66 år). I {base_year} er tallet {now}."
        )
    ).format(scenario=m.scenario_text, base_year=card.base_year, now=m.now_text)


def every_nth_text(value: float, style: NumberStyle = NORWEGIAN) -> str:
    """Return the ordinal for «hver n-te person» as a whole number (13, not 13,0)."""
    return persons(max(1, round(value)), style)


def _care(card: Card, t: Translate) -> str:
    need, gap, nth = card.metrics["behov"], card.metrics["gap"], card.metrics["hver_nte"]
    first = t(
        _(
            "Omsorgstjenestene trenger {need} årsverk i {year}, mot {need_now} i {base_year}. "
            "Da må omtrent hver {nth}. person i arbeid jobbe i omsorgen."
        )
    ).format(
        need=need.scenario_text, year=card.year, need_now=need.now_text,
        base_year=card.base_year, nth=every_nth_text(nth.scenario, card.style),
    )  # fmt: skip
    missing = round(gap.scenario)
    if missing == 0:
        rest = t(
            _(
                "Hvis omsorgen får like stor del av arbeidskraften som i dag, er behovet "
                "omtrent dekket."
            )
        )
    elif missing > 0:
        rest = t(
            _one_or_more(
                missing,
                _(
                    "Hvis omsorgen får like stor del av arbeidskraften som i dag, mangler det "
                    "ett årsverk."
                ),
                _(
                    "Hvis omsorgen får like stor del av arbeidskraften som i dag, mangler det "
                    "{gap} årsverk."
                ),
            )
        ).format(gap=gap.scenario_text)
    else:
        rest = t(
            _one_or_more(
                -missing,
                _(
                    "Hvis omsorgen får like stor del av arbeidskraften som i dag, er det ett "
                    "årsverk til overs."
                ),
                _(
                    "Hvis omsorgen får like stor del av arbeidskraften som i dag, er det "
                    "{surplus} årsverk til overs."
                ),
            )
        ).format(surplus=persons(-gap.scenario, card.style))
    return f"{first} {rest}"


def _one_or_more(count: int, one: str, more: str) -> str:
    """Pick the template for exactly one (written as a word, so English gets its singular)."""
    return one if count == 1 else more


def _choices(card: Card, t: Translate) -> str:
    if not card.shifts:
        return t(
            _(
                "Dette er referansebanen uten egne valg. Ta stilling til påstandene og "
                "veivalgene for å se hva som kan endre bildet."
            )
        )
    gap, workers = card.metrics["gap"], card.metrics["arbeidsfor"]
    gap_change, worker_change = round(gap.change), round(workers.change)
    titles = sorted({s.title for s in card.shifts if s.source == "veivalg"})
    if titles:
        lead = t(_("Veivalgene deres ({titles}) og svarene på påstandene")).format(
            titles=", ".join(titles)
        )
    else:
        lead = t(_("Svarene deres på påstandene"))
    if gap_change < 0:
        effect = t(
            _one_or_more(
                -gap_change,
                _("gjør gapet ett årsverk mindre enn i referansebanen"),
                _("gjør gapet {amount} årsverk mindre enn i referansebanen"),
            )
        ).format(amount=persons(-gap_change, card.style))
    elif gap_change > 0:
        effect = t(
            _one_or_more(
                gap_change,
                _("gjør gapet ett årsverk større enn i referansebanen"),
                _("gjør gapet {amount} årsverk større enn i referansebanen"),
            )
        ).format(amount=persons(gap_change, card.style))
    else:
        effect = t(_("endrer nesten ikke gapet i forhold til referansebanen"))
    if worker_change > 0:
        workers_text = t(_("og gir {amount} flere innbyggere i alderen 20–66 år i {year}")).format(
            amount=persons(worker_change, card.style), year=card.year
        )
    elif worker_change < 0:
        workers_text = t(_("og gir {amount} færre innbyggere i alderen 20–66 år i {year}")).format(
            amount=persons(-worker_change, card.style), year=card.year
        )
    else:
        workers_text = t(
            _("og gir omtrent like mange innbyggere i alderen 20–66 år i {year}")
        ).format(year=card.year)
    return f"{lead} {effect}, {workers_text}."


def story(card: Card, translate: Translate = _keep) -> list[str]:
    """Return the story's sentences, built from the card's figures (translated by `translate`)."""
    return [
        _elderly(card, translate),
        _support(card, translate),
        _care(card, translate),
        _choices(card, translate),
        translate(CLOSING),
    ]
