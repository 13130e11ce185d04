"""Suggest themes for a contribution from keyword lists: a default vocabulary or the facilitator's own."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textsort.cleaning import tokens, words
from textsort.lemmas import fold

EXACT = 1.0
PHRASE = 1.5  # "stille stemme" says more than "stemme" alone
PART_OF_COMPOUND = 0.8
MIN_PREFIX = 4
MIN_SUFFIX = 6


@dataclass(frozen=True)
class Theme:
    """A theme with the (folded, lower-case) keywords that point to it."""

    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ThemeSuggestion:
    """A suggested theme, a confidence (0–1) and the words that matched."""

    theme: str
    confidence: float
    matched: tuple[str, ...]


def _theme(name: str, keywords: str) -> Theme:
    return Theme(name=name, keywords=tuple(_keyword(k) for k in keywords.split(",") if k.strip()))


def _keyword(text: str) -> str:
    return " ".join(fold(word) for word in words(text))


# Drawn from the dialogue meetings and the co-creation conference; written for this project.
DEFAULT_THEMES: tuple[Theme, ...] = (
    _theme(
        "eldreomsorg",
        "eldre, eldreomsorg, omsorg, sykehjem, hjemmetjeneste, hjemmesykepleie, "
        "pensjonist, senior, seniorsenter, demens, pårørende, omsorgsbolig, velferdsteknologi, "
        "aldring, alderdom, 80+, 67+, eldrebølge, seniortrakk, omsorgsarbeid",
    ),
    _theme(
        "barn og unge",
        "barn, unge, ungdom, barn og unge, barnehage, barnefamilie, ungdomsråd, "
        "ungdomsklubb, fritidsklubb, barnevern, oppvekst, tenåring, elev, familie, foreldre, "
        "småbarn, barnetråkk, ungdomstid",
    ),
    _theme(
        "frivillighet",
        "frivillig, frivillighet, dugnad, forening, lag og forening, "
        "frivilligsentral, ildsjel, idrettslag, velforening, engasjement",
    ),
    _theme(
        "samskaping",
        "samskaping, samskapende, samarbeid, medskaping, partnerskap, "
        "sosial entreprenør, sosial innovasjon, kommune 3.0, sammen med, felles løsning, "
        "samproduksjon, tverrsektoriell",
    ),
    _theme(
        "bolig",
        "bolig, husvære, leilighet, utleie, bostad, boligbygging, boligmarked, "
        "bofellesskap, kollektiv bolig, hus, eneboliger, tomt, bokostnad, husleie, nabolag",
    ),
    _theme(
        "mobilitet og transport",
        "transport, mobilitet, kollektivtransport, buss, tog, ferje, "
        "bil, sykkel, sykkelvei, gange, gangvei, vei, parkering, pendling, bildeling, "
        "samkjøring, reisevei, skolevei, bestillingstransport, avstand",
    ),
    _theme(
        "arbeid og næring",
        "arbeid, arbeidsplass, jobb, næring, næringsliv, bedrift, "
        "gründer, arbeidskraft, sysselsetting, ledighet, handel, butikk, landbruk, industri, "
        "reiseliv, verdiskaping, lønn, kompetanse, rekruttering",
    ),
    _theme(
        "helse",
        "helse, folkehelse, lege, fastlege, sykehus, helsestasjon, psykisk helse, "
        "rus, pasient, helsetjeneste, helsepersonell, sykepleier, rehabilitering, "
        "forebygging, ensomhet, livskvalitet, trening",
    ),
    _theme(
        "kultur",
        "kultur, kunst, musikk, bibliotek, museum, festival, konsert, teater, "
        "kulturhus, kino, kreativitet, kunstner, scene, idrett, fritid",
    ),
    _theme(
        "skole",
        "skole, grunnskole, videregående, lærer, elev, undervisning, utdanning, "
        "læring, skolefritidsordning, sfo, leksehjelp, pensum, skolebygg, opplæring",
    ),
    _theme(
        "digitalisering",
        "digital, digitalisering, app, nettside, internett, bredbånd, data, "
        "kunstig intelligens, ki, teknologi, plattform, verktøy, digitale verktøy, skjerm, "
        "velferdsteknologi, e-helse",
    ),
    _theme(
        "demokrati og medvirkning",
        "demokrati, lokaldemokrati, medvirkning, medbestemmelse, "
        "innbyggerinvolvering, involvering, folkemøte, folkepanel, fokusgruppe, høring, "
        "valg, politiker, politikk, kommunestyre, stemme, innflytelse, deltakelse, dialog, "
        "åpenhet, tillit, beslutning",
    ),
    _theme(
        "klima og miljø",
        "klima, miljø, bærekraft, bærekraftig, utslipp, klimagass, energi, "
        "fornybar, gjenbruk, avfall, natur, naturmangfold, grønt, sirkulær, forurensning, "
        "flom, klimatilpasning, strøm",
    ),
    _theme(
        "inkludering",
        "inkludering, inkluderende, utenforskap, innvandrer, flyktning, "
        "integrering, mangfold, språk, minoritet, funksjonsnedsettelse, universell utforming, "
        "tilgjengelighet, stille stemme, fattigdom, lavinntekt, ensom, likeverd",
    ),
    _theme(
        "stedsutvikling og møteplasser",
        "sentrum, sentrumsliv, sted, stedsutvikling, "
        "møteplass, torg, park, nærmiljø, lokalsamfunn, bygd, tettsted, byrom, "
        "ledige lokaler, attraktiv, stedstilhørighet, kafé, allmenning",
    ),
    _theme(
        "økonomi og rammebetingelser",
        "økonomi, budsjett, finansiering, kostnad, penger, "
        "skatt, inntektssystem, rammebetingelse, lov, regelverk, forskrift, forsøk, "
        "forsøksloven, anskaffelse, tilskudd, ressurs, effektivisering",
    ),
)


def themes_from_names(
    names: Iterable[str], *, base: Sequence[Theme] = DEFAULT_THEMES
) -> tuple[Theme, ...]:
    """Build themes from the facilitator's lines: "navn" or "navn: nøkkelord, nøkkelord"."""
    result = []
    for line in names:
        name, _, listed = line.partition(":")
        name = " ".join(name.split())
        if not name:
            continue
        own = [_keyword(name), *(_keyword(k) for k in listed.split(",") if k.strip())]
        own += [t for t in tokens(name) if len(t) >= MIN_PREFIX]
        borrowed = [k for theme in base if _overlaps(theme, own) for k in theme.keywords]
        result.append(
            Theme(name=name, keywords=tuple(dict.fromkeys(k for k in own + borrowed if k)))
        )
    return tuple(result)


def _overlaps(theme: Theme, keywords: Sequence[str]) -> bool:
    return _keyword(theme.name) in keywords or any(k in theme.keywords for k in keywords)


def _match_weight(keyword: str, text_tokens: Sequence[str], joined: str) -> float:
    if " " in keyword:
        return PHRASE if f" {keyword} " in joined else 0.0
    best = 0.0
    for token in text_tokens:
        if token == keyword:
            return EXACT
        prefix = len(keyword) >= MIN_PREFIX and token.startswith(keyword)
        suffix = len(keyword) >= MIN_SUFFIX and token.endswith(keyword)
        if prefix or suffix:
            best = PART_OF_COMPOUND
    return best


def score_theme(theme: Theme, text: str) -> ThemeSuggestion:
    """Score one theme against a text; each keyword counts once."""
    all_words = [fold(word) for word in words(text)]
    joined = f" {' '.join(all_words)} "
    content = tokens(text)
    weights = {k: _match_weight(k, content, joined) for k in theme.keywords}
    matched = tuple(k for k, weight in weights.items() if weight > 0)
    confidence = 1.0 - math.exp(-sum(weights.values()))
    return ThemeSuggestion(theme=theme.name, confidence=round(confidence, 2), matched=matched)


def suggest_themes(
    text: str,
    themes: Sequence[Theme] = DEFAULT_THEMES,
    *,
    limit: int = 2,
    min_confidence: float = 0.5,
) -> list[ThemeSuggestion]:
    """Return up to `limit` themes for text, most likely first; empty when nothing matches well."""
    scored = [score_theme(theme, text) for theme in themes]
    order = sorted(range(len(scored)), key=lambda i: (-scored[i].confidence, i))
    return [scored[i] for i in order if scored[i].confidence >= min_confidence][:limit]
