"""Conservative lemma folding for Norwegian (bokmål and nynorsk) nouns common in workshops.

A word is folded only onto a lemma we know, so unknown words are never mangled: "skolene" and
"skulane" become "skole", but "ordene" stays "ordene" because "ord" is not in the list.
"""

from __future__ import annotations

from functools import lru_cache

from textsort.stopwords import word_set

# Lemmas (bokmål) we fold inflected forms onto. Nouns and a few adjectives people write in workshops.
LEMMAS: frozenset[str] = word_set(
    """
    aktivitet aktør alder ansatt arbeid arbeidsplass arena arrangement avstand barn barnehage
    behov beboer bedrift befolkning bibliotek bil bolig bonde budsjett buss butikk by bydel bygd
    bygg byrde dugnad dialog digitalisering distrikt dokument eiendom eldreomsorg eldre energi
    erfaring familie fastlege felleskap fellesskap ferje festival finansiering fisk flyktning folk
    folkehelse forening forsøk fremtid framtid frivillig frivillighet fritid funksjon generasjon
    gründer gruppe hage hall handel helse helsetjeneste hjem hjemmetjeneste hus husholdning idé
    idrett initiativ innbygger innovasjon innspill innvandrer institusjon jobb kafé kirke klubb klima
    klimagass kommune konferanse konsert kontor kultur kunde kunnskap kunst kvinne lag landbruk
    lege leilighet leverandør liv lokalsamfunn lov løsning lærer marked medvirkning menneske metode
    miljø modell mulighet museum møte møteplass nabo nabolag natur nettverk næring omsorg
    område organisasjon park parkering pasient pensjonist person plan plass politiker politikk
    prosess prosjekt pårørende region ressurs rolle rom samarbeid samfunn samskaping scene senior
    sentrum skole skog sosial spørsmål sted stemme strøm styre støtte sykehjem sykehus sykkel
    sykkelvei system tema tilbud tilgang tillit tiltak tilbud tjeneste tog transport trygghet tur ulykke
    ungdom ungdomsklubb ungdomsråd utdanning utfordring utvikling vei velferd verdi verksted
    virksomhet visjon vei ønske åpenhet
    """
)

# Irregular forms (vowel change, doubled consonants) and nynorsk lemmas with a clear bokmål twin.
# fmt: off
IRREGULAR: dict[str, str] = {
    "barna": "barn", "barnet": "barn", "barnas": "barn", "barnets": "barn",
    "born": "barn", "borna": "barn", "bornet": "barn",
    "ungdommen": "ungdom", "ungdommer": "ungdom", "ungdommene": "ungdom", "ungdomar": "ungdom",
    "ungdomane": "ungdom", "ungdommens": "ungdom",
    "menn": "mann", "mennene": "mann", "kvinnfolk": "kvinne",
    "skule": "skole", "skulen": "skole", "skular": "skole", "skulane": "skole",
    "bustad": "bolig", "bustaden": "bolig", "bustader": "bolig", "bustadene": "bolig",
    "bustadane": "bolig", "bustadar": "bolig",
    "heim": "hjem", "heimen": "hjem", "heimar": "hjem", "heimane": "hjem",
    "kyrkje": "kirke", "kyrkja": "kirke", "veg": "vei", "vegen": "vei", "vegar": "vei",
    "vegane": "vei", "framtida": "fremtid", "fremtiden": "fremtid", "framtiden": "fremtid",
    "friviljug": "frivillig", "frivillige": "frivillig", "eldste": "eldre",
    "møter": "møte", "møtet": "møte", "møtene": "møte", "møta": "møte",
    "steder": "sted", "stader": "sted", "staden": "sted",
    "ideer": "idé", "idéer": "idé", "ideen": "idé", "idéen": "idé", "idé": "idé", "ide": "idé",
    "kafe": "kafé", "kafeer": "kafé", "kafeen": "kafé",
    "løysing": "løsning", "løysinga": "løsning", "løysingar": "løsning", "løysingane": "løsning",
    "bønder": "bonde", "bøndene": "bonde", "ansatte": "ansatt", "tilsette": "ansatt",
    "sosiale": "sosial", "sosialt": "sosial", "innbyggjar": "innbygger",
    "innbyggjarar": "innbygger", "innbyggjarane": "innbygger",
}
# fmt: on

# Verbs and other words that look like an inflected lemma but are not ("lage" is not "lag").
NEVER_FOLD: frozenset[str] = word_set(
    "lage love koste banke bygde parke lede huse plane rome stede ture møtte tema"
)

# (ending to remove, text to add) tried in order; a candidate counts only if it is a known lemma.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ene", ""),
    ("ene", "e"),
    ("ane", ""),
    ("ane", "e"),
    ("ne", ""),
    ("er", ""),
    ("er", "e"),
    ("ar", ""),
    ("ar", "e"),
    ("en", ""),
    ("en", "e"),
    ("et", ""),
    ("t", ""),
    ("a", ""),
    ("a", "e"),
    ("e", ""),
    ("n", ""),
    ("r", ""),
)
MIN_COMPOUND_HEAD = 2
MIN_COMPOUND_TAIL = 4
_NYNORSK_SUFFIXES: tuple[tuple[str, str], ...] = (("heita", "het"), ("heit", "het"))


def _from_endings(word: str) -> str | None:
    for ending, addition in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            candidate = word[: len(word) - len(ending)] + addition
            if candidate in LEMMAS:
                return candidate
    return None


def _fold_once(word: str) -> str | None:
    if word in LEMMAS or word in NEVER_FOLD:
        return word
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, replacement in _NYNORSK_SUFFIXES:
        if word.endswith(suffix):
            candidate = word[: -len(suffix)] + replacement
            if candidate in LEMMAS:
                return candidate
    return _from_endings(word)


def _fold_compound(word: str) -> str | None:
    """Fold the last part of a compound: "sykehjemsplassene" → "sykehjemsplass"."""
    for start in range(MIN_COMPOUND_HEAD, len(word) - MIN_COMPOUND_TAIL + 1):
        tail = _fold_once(word[start:])
        if tail is not None:
            return word[:start] + tail
    return None


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return the known lemma of a lower-case word, or the word unchanged when unsure."""
    folded = _fold_once(word)
    if folded is None and word.endswith("s") and len(word) > 4:
        # Genitive "kommunens", "innbyggernes": strip the s only if the rest folds.
        folded = _fold_once(word[:-1])
    if folded is None:
        folded = _fold_compound(word)
    return folded if folded is not None else word
