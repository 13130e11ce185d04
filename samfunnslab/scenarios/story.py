"""A short story in plain Norwegian from the card's numbers (pure, template sentences only).

Rules: every number comes from the card's formatted figures; no sentence states anything the card
does not hold; the last sentence says it is a calculation, not a forecast.
"""

from __future__ import annotations

from samfunnslab.scenarios.card import Card, persons

CLOSING = "Dette er en beregning av hva som skjer hvis forutsetningene holder, ikke en prognose."


def _elderly(card: Card) -> str:
    m = card.metrics["over_80"]
    return (
        f"I {card.year} kan det bo {m.scenario_text} personer som er 80 år eller eldre i "
        f"{card.name}, mot {m.now_text} i {card.base_year}."
    )


def _support(card: Card) -> str:
    m = card.metrics["aldersbaereevne"]
    return (
        f"For hver person som er 67 år eller eldre, blir det {m.scenario_text} personer i "
        f"arbeidsfør alder (20–66 år). I {card.base_year} er tallet {m.now_text}."
    )


def _care(card: Card) -> str:
    need, gap, nth = card.metrics["behov"], card.metrics["gap"], card.metrics["hver_nte"]
    first = (
        f"Omsorgstjenestene trenger {need.scenario_text} årsverk i {card.year}, mot "
        f"{need.now_text} i {card.base_year}. Da må hver {nth.scenario_text}. person i arbeid "
        "jobbe i omsorgen."
    )
    if gap.scenario > 0:
        return first + (
            f" Hvis omsorgen får like stor del av arbeidskraften som i dag, mangler det "
            f"{gap.scenario_text} årsverk."
        )
    return first + (
        f" Hvis omsorgen får like stor del av arbeidskraften som i dag, er det "
        f"{persons(-gap.scenario)} årsverk til overs."
    )


def _choices(card: Card) -> str:
    if not card.shifts:
        return (
            "Dette er referansebanen uten egne valg. Ta stilling til påstandene og veivalgene "
            "for å se hva som kan endre bildet."
        )
    gap, workers = card.metrics["gap"], card.metrics["arbeidsfor"]
    direction = "mindre" if gap.change < 0 else "større" if gap.change > 0 else "like stort"
    amount = "" if gap.change == 0 else f"{persons(abs(gap.change))} årsverk "
    titles = sorted({s.title for s in card.shifts if s.source == "veivalg"})
    lead = (
        f"Veivalgene deres ({', '.join(titles)}) og svarene på påstandene"
        if titles
        else "Svarene deres på påstandene"
    )
    return (
        f"{lead} gjør gapet {amount}{direction} enn i referansebanen, og gir "
        f"{workers.change_text} innbyggere i alderen 20–66 år i {card.year}."
    )


def story(card: Card) -> list[str]:
    """Return the story's sentences, built from the card's figures."""
    return [_elderly(card), _support(card), _care(card), _choices(card), CLOSING]
