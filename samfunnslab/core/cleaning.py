"""Shared cleaners for what people type: each returns the clean value or raises `Refusal`.

Services call these on every field they store; the messages name the field (`label`) and are
translated, so a view can show `refusal.messages` next to the form as they are.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from samfunnslab.core import statistics
from samfunnslab.core.errors import Refusal


def _spaced(number: int) -> str:
    """Return a number with a space between thousands (Norwegian style)."""
    return f"{number:,}".replace(",", " ")


def clean_text(value: str | None, *, label: str, max_length: int, required: bool = False) -> str:
    """Return the stripped text, or refuse a missing or too long one with a plain message."""
    text = (value or "").strip()
    if required and not text:
        raise Refusal(_("«%(label)s» kan ikke være tomt.") % {"label": label})
    if len(text) > max_length:
        raise Refusal(
            _("«%(label)s» er for langt: %(length)s tegn. Det er plass til %(max)s tegn.")
            % {"label": label, "length": _spaced(len(text)), "max": _spaced(max_length)}
        )
    return text


def clean_choice(value: str | None, choices: Any, *, label: str, required: bool = False) -> str:
    """Return the value if it is one of the choices (blank allowed unless required)."""
    value = (value or "").strip()
    if not value and not required:
        return ""
    if value not in choices.values:
        raise Refusal(_("Velg en gyldig verdi for «%(label)s».") % {"label": label})
    return str(value)


def clean_municipality(code: str | None) -> str:
    """Return a known four-digit municipality code of the snapshot, or refuse with a plain message."""
    code = (code or "").strip()
    if not code:
        raise Refusal(_("Velg en kommune."))
    try:
        statistics.municipality(code)
    except KeyError:
        raise Refusal(
            _(
                "Fant ingen kommune med nummer «%(code)s». Bruk et firesifret kommunenummer, "
                "for eksempel 1106 for Haugesund."
            )
            % {"code": code[:10]}
        ) from None
    return code
