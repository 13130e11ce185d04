"""Pure rules of the lab (standard library only): disagreement, averages, forsøksloven limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DISAGREEMENT_SPREAD = 2
FORSOK_MAX_YEARS = 4
FORSOK_MAX_EXTENSION_YEARS = 2

# Law ids whose core rules forsøksloven § 4 keeps out of reach of a forsøk.
KOMMUNELOVEN_ID = "LOV-2018-06-22-83"
FORVALTNINGSLOVEN_ID = "LOV-1967-02-10"
FUNDAMENTAL_WORDS = (
    "kommunestyre",
    "folkevalgt",
    "valg",
    "habilitet",
    "enkeltvedtak",
    "klage",
    "saksbehandling",
    "taushetsplikt",
)


def spread(values: Sequence[int]) -> int:
    """Return the distance between the highest and lowest value (0 for fewer than two)."""
    return max(values) - min(values) if len(values) > 1 else 0


def mean(values: Sequence[int]) -> float | None:
    """Return the average, or None when nobody has rated."""
    return round(sum(values) / len(values), 1) if values else None


def valid_score(value: int) -> bool:
    """Return whether a severity or certainty score is on the 1–5 scale."""
    return 1 <= value <= 5


@dataclass(frozen=True)
class LimitCheck:
    """The forsøksloven § 4 check of one finding."""

    kommuneloven: bool
    forvaltningsloven: bool

    @property
    def flagged(self) -> bool:
        """Return whether the finding may touch rules a forsøk cannot deviate from."""
        return self.kommuneloven or self.forvaltningsloven


def check_limits(reference: str, text: str) -> LimitCheck:
    """Flag a finding whose rule or text touches kommuneloven's core or forvaltningsloven."""
    lowered = text.lower()
    words = any(word in lowered for word in FUNDAMENTAL_WORDS)
    in_kommuneloven = KOMMUNELOVEN_ID in reference or "kommuneloven" in lowered
    in_forvaltningsloven = FORVALTNINGSLOVEN_ID in reference or "forvaltningsloven" in lowered
    return LimitCheck(
        kommuneloven=in_kommuneloven or (words and "kommunestyre" in lowered),
        forvaltningsloven=in_forvaltningsloven
        or (words and any(w in lowered for w in ("habilitet", "enkeltvedtak", "klage"))),
    )


def valid_forsok_duration(years: int, extension_years: int) -> bool:
    """Return whether a forsøk lasts at most four years plus at most two years' extension."""
    return 1 <= years <= FORSOK_MAX_YEARS and 0 <= extension_years <= FORSOK_MAX_EXTENSION_YEARS
