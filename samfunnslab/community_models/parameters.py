"""The parameters a model gives the projection and workforce engine, with bounds and plain labels."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from samfunnslab.core.errors import Refusal


@dataclass(frozen=True)
class ParameterSpec:
    """One engine parameter: key, label, unit, bounds, default and a plain explanation.

    Labels are lazy translations (hence `Any`).
    """

    key: str
    label: Any
    unit: Any
    minimum: float
    maximum: float
    step: float
    help: Any
    default: float = 0.0


PARAMETERS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        "family_volunteer_share",
        _("Omsorg fra familie, naboer og frivillige"),
        _("prosent"),
        0,
        40,
        1,
        _(
            "Hvor stor del av dagens behov for omsorgsårsverk som dekkes av familie, naboer og "
            "frivillige i tillegg til i dag, når modellen er fullt innført i horisontåret."
        ),
    ),
    ParameterSpec(
        "welfare_technology_effect",
        _("Velferdsteknologi"),
        _("prosent"),
        0,
        30,
        1,
        _("Hvor mye mindre årsverk per bruker teknologi og nye arbeidsformer gir i horisontåret."),
    ),
    ParameterSpec(
        "employment_rate_change",
        _("Flere i arbeid"),
        _("prosentpoeng"),
        -5,
        10,
        0.5,
        _("Endring i andelen sysselsatte 20–66 år, nådd i horisontåret."),
    ),
    ParameterSpec(
        "full_time_change",
        _("Heltidskultur"),
        _("prosent"),
        0,
        20,
        1,
        _("Hvor mange prosent flere årsverk hver sysselsatt gjør, nådd i horisontåret."),
    ),
    ParameterSpec(
        "young_adult_inflow",
        _("Tilflytting av unge voksne"),
        _("personer per år"),
        -500,
        2000,
        10,
        _(
            "Flere (eller færre) 20–34-åringer som flytter til kommunen hvert år enn i "
            "framskrivingen."
        ),
    ),
)

BY_KEY: dict[str, ParameterSpec] = {spec.key: spec for spec in PARAMETERS}


def defaults() -> dict[str, float]:
    """Return every parameter at its neutral default."""
    return {spec.key: spec.default for spec in PARAMETERS}


def clean_parameters(raw: Mapping[str, object]) -> dict[str, float]:
    """Return validated parameters (all keys, floats); refuse with one plain message per field."""
    unknown = sorted(set(raw) - set(BY_KEY))
    if unknown:
        raise Refusal(_("Ukjent parameter: %(names)s.") % {"names": ", ".join(unknown)})
    cleaned, errors = defaults(), []
    for key, value in raw.items():
        spec = BY_KEY[key]
        number = _as_number(value)
        if number is None:
            errors.append(_("«%(label)s» må være et tall.") % {"label": spec.label})
        elif not spec.minimum <= number <= spec.maximum:
            errors.append(
                _("«%(label)s» må være mellom %(min)s og %(max)s %(unit)s.")
                % {
                    "label": spec.label,
                    "min": _fmt(spec.minimum),
                    "max": _fmt(spec.maximum),
                    "unit": spec.unit,
                }
            )
        else:
            cleaned[key] = number
    if errors:
        raise Refusal(errors)
    return cleaned


def _as_number(value: object) -> float | None:
    """Return a finite float from a number or a Norwegian-style decimal string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", ".").replace("\u2212", "-")
        if not value:
            return 0.0
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fmt(number: float) -> str:
    """Format a bound without a needless decimal."""
    return f"{number:g}".replace("-", "\u2212")
