"""Flag Norwegian (and common English) swear words and slurs, including leet-speak and masking.

Nothing is removed here: the caller shows flagged answers to the facilitator, who decides.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from textsort.cleaning import clean
from textsort.stopwords import word_set

# Written for this project. Base forms; inflections are caught by the stems below.
WORDS: frozenset[str] = word_set(
    """
    faen fanden satan satans helvete helvetes jævla jævlig jævel jævlar djevlig
    javla javlig jaevla jevla jevlig jevel dritt drit drittsekk dritings møkk møkkasekk fitte fittetryne kuk
    kukhue kukk pikk pikkhue pikkhode pule pult forpult hore horer horunge hora rævhøl ræv ræva rasshøl
    rasshøll kødd køddhue hestkuk tulling tosk idiot idioten idiotar idioter fjols pappskalle
    mongo mongoloid retard neger negre nigger niggar pakkis svarting homse homsete soper fuck fucking fucked fucker motherfucker shit shitty bullshit bitch
    bitches cunt dick asshole bastard wtf stfu
    """
)

# Stems that are offensive at the start of a compound ("drittkommune", "jævlaskole").
# Kept short on purpose: "hore" would catch "hørelse", "neger" "negere", "pakkis" "Pakistan".
STEMS: tuple[str, ...] = (
    "faen",
    "helvet",
    "jævl",
    "javl",
    "jevl",
    "dritt",
    "fitte",
    "kukhue",
    "pikkhue",
    "rasshøl",
    "rævhøl",
    "fuck",
    "bitch",
    "nigger",
)

_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "i",
        "€": "e",
    }
)
_RAW_TOKEN = re.compile(r"[\w@$!|€*]+(?:[-'’][\w@$!|€*]+)*")


@dataclass(frozen=True)
class Flag:
    """An offensive fragment found in a text, as written and as matched."""

    written: str
    matched: str


def skeleton(word: str) -> str:
    """Reduce a word to a comparison key: lower case, leet undone, æøå spelled out, no repeats."""
    text = unicodedata.normalize("NFC", word.lower()).translate(_LEET)
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("'", "")
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return re.sub(r"(.)\1+", r"\1", text)


@lru_cache(maxsize=1)
def _skeletons() -> tuple[frozenset[str], tuple[str, ...]]:
    return frozenset(skeleton(w) for w in WORDS), tuple(skeleton(s) for s in STEMS)


def _match(token: str) -> str | None:
    words, stems = _skeletons()
    key = skeleton(token.replace("-", ""))
    if "*" in key:
        if len(key.replace("*", "")) < 2:
            return None
        pattern = re.compile(re.escape(key).replace(r"\*", "[a-z]+") + r"[a-z]*")
        return next((w for w in sorted(words) if len(w) >= 4 and pattern.fullmatch(w)), None)
    if key in words:
        return key
    return next((stem for stem in stems if key.startswith(stem)), None)


def _joined_letters(raw: list[str]) -> list[str]:
    """Join runs of single characters ("f a e n", "f.a.e.n") into one candidate word."""
    joined: list[str] = []
    run: list[str] = []
    for token in [*raw, ""]:
        if len(token) == 1:
            run.append(token)
            continue
        if len(run) >= 3:
            joined.append("".join(run))
        run = []
    return joined


def find_profanity(text: str) -> tuple[Flag, ...]:
    """Return every offensive fragment in text, in order of appearance."""
    raw = _RAW_TOKEN.findall(clean(text).replace("_", " "))
    flags = []
    for token in [*raw, *_joined_letters(raw)]:
        matched = _match(token)
        if matched is not None:
            flags.append(Flag(written=token, matched=matched))
    return tuple(flags)


def is_profane(text: str) -> bool:
    """Say whether text contains at least one flagged word."""
    return bool(find_profanity(text))
