"""Turn raw participant text into clean Norwegian word tokens: NFC, lower case, no HTML, folded lemmas."""

from __future__ import annotations

import html
import re
import unicodedata

from textsort.lemmas import fold
from textsort.stopwords import STOP_WORDS

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
# Only real tags and comments: "barn < 12 år og voksne > 80" is text, not markup.
_TAG = re.compile(r"<!--.*?-->|</?[a-zA-Z][^<>]*>", re.S)
# A word is a run of letters or digits, optionally joined by inner hyphens or apostrophes ("e-helse").
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def strip_html(text: str) -> str:
    """Remove HTML tags (and script/style bodies) and decode entities, keeping the visible text."""
    without_code = _SCRIPT_OR_STYLE.sub(" ", text)
    return html.unescape(_TAG.sub(" ", without_code))


def clean(text: str) -> str:
    """Return text as NFC, without HTML or control characters, with collapsed whitespace."""
    visible = unicodedata.normalize("NFC", strip_html(text))
    printable = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in visible)
    return " ".join(printable.split())


def words(text: str) -> list[str]:
    """Split text into lower-case words; punctuation, emoji and symbols are dropped."""
    return [match.group(0).replace("’", "'") for match in _WORD.finditer(clean(text).lower())]


def normalise(text: str) -> str:
    """Return the form used to count equal answers as one: folded content words, space-separated."""
    return " ".join(tokens(text))


def tokens(text: str, *, drop_stop_words: bool = True) -> list[str]:
    """Return the folded content words of text (stop words and lone digits removed by default)."""
    result = []
    for word in words(text):
        if drop_stop_words and (word in STOP_WORDS or word.isdigit()):
            continue
        result.append(fold(word))
    return result
