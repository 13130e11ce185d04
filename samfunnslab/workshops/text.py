"""The small bits of text handling the live activities need, delegated to `textsort` when present.

`textsort` (a pure package owned by another part of the project) knows Norwegian normalisation,
stop words and profanity. Until it is installed in the tree this module falls back to a minimal
built-in version, so the workshops keep working either way.
"""

from __future__ import annotations

import re
import unicodedata

try:  # pragma: no cover - depends on whether textsort has landed
    import textsort as _textsort
except ImportError:  # pragma: no cover
    _textsort = None

_FALLBACK_STOP_WORDS = frozenset(
    "og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi "
    "min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal "
    "selv sjøl her alle vil bli ble blitt kunne inn når være kom noen noe ville dere deres kun ja "
    "etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen "
    "din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi "
    "før mange også slik vært båe begge siden the a an of to and".split()
)
_FALLBACK_PROFANITY = frozenset(
    "faen fan jævla jævlig helvete satan dritt drittsekk fitte kuk pikk hore hestkuk rasshøl "
    "ræva ræv idiot fuck shit bitch".split()
)
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Split a short answer into words (letters, digits, hyphen and apostrophe kept)."""
    return _WORD.findall(text)


def normalise(text: str) -> str:
    """Return the lower-case, whitespace-collapsed form used to count equal answers as one."""
    fn = getattr(_textsort, "normalise", None) or getattr(_textsort, "normalize", None)
    if fn is not None:
        return str(fn(text))
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(w.strip("-'’") for w in words(text) if w.strip("-'’"))


def is_profane(text: str) -> bool:
    """Return True when the text contains a word we do not show on a screen."""
    fn = getattr(_textsort, "is_profane", None) or getattr(_textsort, "contains_profanity", None)
    if fn is not None:
        return bool(fn(text))
    return any(word in _FALLBACK_PROFANITY for word in normalise(text).split())


def is_only_stop_words(text: str) -> bool:
    """Return True when every word is a stop word such as «og» or «det» (nothing to show)."""
    stop_words = getattr(_textsort, "STOP_WORDS", None) or _FALLBACK_STOP_WORDS
    parts = normalise(text).split()
    return bool(parts) and all(part in stop_words for part in parts)
