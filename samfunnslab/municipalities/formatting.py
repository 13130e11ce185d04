"""Numbers as people read them in the active language (38 292; 3,6; 17,1 %); blanks spelled out."""

from __future__ import annotations

import math

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def no_figure() -> str:
    """Return the text shown for a blank cell (never zero)."""
    return _("ingen sammenlignbare tall")


def persons(value: int | float | None) -> str:
    """Format a number of persons with thousands separators."""
    if value is None or not math.isfinite(value):
        return no_figure()
    return number_format(round(value), 0, force_grouping=True)


def decimal(value: float | None, places: int = 1) -> str:
    """Format a ratio with a fixed number of decimals (rounded, not truncated)."""
    if value is None or not math.isfinite(value):
        return no_figure()
    return number_format(round(value, places), places, force_grouping=True)


def percent(value: float | None, places: int = 1, *, signed: bool = False) -> str:
    """Format a share (0.171) as a percentage (17,1 %); with signed=True, growth shows its sign."""
    if value is None:
        return no_figure()
    text = number_format(round(100 * value, places), places, force_grouping=True)
    if signed and value > 0:
        text = "+" + text
    return text.replace("-", "−") + "\u00a0%"


def formula(text: str) -> str:
    """A formula from `projection.indicators` in the interface's language (symbols stay)."""
    words = {
        "alder a der halve folketallet er yngre": _("alder a der halve folketallet er yngre"),
        "P(alle)": _("P(alle)"),
        "basisår": _("basisår"),
    }
    if text in words:
        return str(words[text])
    for word, translated in words.items():
        text = text.replace(word, str(translated))
    return text


def indicator_name(key: str, name: str) -> str:
    """An indicator's name from `projection.indicators` in the interface's language."""
    names = {
        "aldersbaereevne": _("Aldersbæreevne"),
        "aldersbaereevne_80": _("Aldersbæreevne 80+"),
        "forsorgerbrok_eldre": _("Forsørgerbrøk for eldre"),
        "omsorgskoeffisient": _("Omsorgskoeffisient"),
        "andel_67": _("Andel 67+"),
        "andel_80": _("Andel 80+"),
        "andel_90": _("Andel 90+"),
        "folketall": _("Folketall"),
        "medianalder": _("Medianalder"),
        "vekst": _("Vekst siden basisåret"),
    }
    return str(names.get(key, name))
