"""The Kommune 1.0 / 2.0 / 3.0 seed table (Kobro, samskapingskonferansen i Askim 2018), shown as help.

Source: /shared/seeds/samskapingskonferanse-askim-2018-notater.txt ("Fra myndighet til
servicevirksomhet til lokalt fellesskap"). Kept verbatim in Norwegian: it is quoted material.
"""

from __future__ import annotations

SOURCE = (
    "Lars Ueland Kobro (SESAM), samskapingskonferansen i Askim 18. oktober 2018: "
    "«Fra myndighet til servicevirksomhet til lokalt fellesskap»"
)

VERSIONS: tuple[tuple[str, str, str], ...] = (
    ("1.0", "Kommune 1.0", "Fram til ca. 1970"),
    ("2.0", "Kommune 2.0", "Ca. 1970–2007"),
    ("3.0", "Kommune 3.0", "Fra 2007"),
)

SEED_TABLE: tuple[tuple[str, str, str, str], ...] = (
    ("Kommunen er", "en myndighet", "en organisasjon", "et lokalsamfunn"),
    (
        "Kommunen møter innbyggerne som",
        "undersåtter",
        "kunder",
        "ressurssterke, aktive samfunnsborgere",
    ),
    (
        "Politikernes oppgave er",
        "å avgjøre enkeltsaker",
        "å styre organisasjonen",
        "å lede lokalsamfunnet",
    ),
    (
        "Politikernes virke er",
        "å behandle saker på formelle møter med formelle dagsordener",
        "å sette mål og økonomiske rammer i dialog med fagfolk og kunder",
        "å prege dagsordenene og stimulere aktiviteten i lokalsamfunnet",
    ),
    (
        "Politikerne har kontakt med",
        "få innbyggere gjennom avgjørelser av enkeltsaker",
        "flere innbyggere gjennom dialog med brukerråd og borgerinvolvering i planlegging",
        "mange flere innbyggere gjennom møteplasser, aktiviteter og hendelser og ved at aktive "
        "borgere involverer kommunen",
    ),
    (
        "Suksesskriteriet for den gode kommunen er",
        "rettssikkerhet",
        "faglig kvalitet, kundetilfredshet og effektivitet",
        "et attraktivt og innovativt lokalsamfunn, hvor alles ressurser er i spill",
    ),
    (
        "Den gode medarbeider er faglig dyktig og er",
        "opptatt av det korrekte og rettferdige",
        "serviceinnstilt, imøtekommende og kan leve seg inn i innbyggernes behov",
        "opptatt av å finne ressurser hos alle, bringe mennesker sammen i fellesskap, fasilitere "
        "og støtte",
    ),
    ("Den gode leder er", "god til å huske reglene", "god til styring", "god til ledelse"),
)

SHORT: dict[str, str] = {
    "1.0": "myndighet – «kommunen bestemmer»",
    "2.0": "organisasjon – «brukeren bestiller»",
    "3.0": "lokalsamfunn – «vi lager løsninger sammen»",
}
