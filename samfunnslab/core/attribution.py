"""Licence and attribution texts that must be shown wherever the figures appear (PROVENANCE.md §1)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attribution:
    key: str
    text: str
    licence: str
    url: str
    lang: str = "nb"  # the language the licensor's wording is in (marked with lang= in pages)


SSB = Attribution(
    key="ssb",
    text="Kilde: Statistisk sentralbyrå (SSB), lisens CC BY 4.0. Tallene er bearbeidet.",
    licence="CC BY 4.0",
    url="https://www.ssb.no/diverse/lisens",
)
KARTVERKET = Attribution(
    key="kartverket",
    text=(
        "© Kartverket. Inneholder data under CC BY 4.0 fra Kartverket. "
        "Forenklet av robhop/fylker-og-kommuner."
    ),
    licence="CC BY 4.0",
    url="https://www.kartverket.no/api-og-data/vilkar-for-bruk",
)
HFD = Attribution(
    key="hfd",
    lang="en",
    text=(
        "Human Fertility Database. Max Planck Institute for Demographic Research (Germany) and "
        "Vienna Institute of Demography (Austria). www.humanfertility.org"
    ),
    licence="CC BY 4.0",
    url="https://www.humanfertility.org",
)
HMD = Attribution(
    key="hmd",
    lang="en",
    text=(
        "HMD. Human Mortality Database. Max Planck Institute for Demographic Research (Germany), "
        "University of California, Berkeley (USA), and French Institute for Demographic Studies "
        "(France). www.mortality.org"
    ),
    licence="CC BY 4.0",
    url="https://www.mortality.org",
)
POLIS = Attribution(
    key="polis",
    lang="en",
    text=(
        "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed "
        "under CC BY 4.0 with Attribution to The Computational Democracy Project."
    ),
    licence="CC BY 4.0",
    url="https://compdemocracy.org/polis",
)
ALL = (SSB, KARTVERKET, HFD, HMD, POLIS)
