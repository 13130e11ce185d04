"""Typo-tolerant search for municipalities by name or number (pure: standard library only).

Names are folded (lower case; æ→ae, ø→o, å→a; Sami letters and accents stripped), and a
hyphenated name such as «Kárášjohka-Karasjok» also answers to each of its parts. Scores:
exact number or name 1.0, prefix 0.9, a word starts with the query 0.85, inside the name 0.75,
otherwise difflib's similarity ratio if it is at least MIN_RATIO.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

MIN_RATIO = 0.72
LIMIT = 10
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŧ": "t", "ŋ": "n"})
_SEPARATORS = re.compile(r"\s*[-–—/]\s*|\s+")


@dataclass(frozen=True)
class Candidate:
    """A searchable municipality (code, display name and optional context such as the county)."""

    code: str
    name: str
    context: str = ""


@dataclass(frozen=True)
class Hit:
    """A search result with its score (higher is better)."""

    code: str
    name: str
    context: str
    score: float


def fold(text: str) -> str:
    """Return text in lower case without accents, with æ/ø/å spelled ae/o/a."""
    lowered = text.strip().lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=2048)
def name_keys(name: str) -> tuple[str, ...]:
    """Return the folded full name and each part of a hyphenated (e.g. Sami double) name."""
    full = fold(name)
    parts = [p for p in _SEPARATORS.split(full) if p]
    return (full, *(p for p in parts if p != full))


def _similarity(query: str, key: str) -> float:
    """Return difflib's ratio capped at 0.95, or 0 below MIN_RATIO (cheap bounds checked first)."""
    matcher = difflib.SequenceMatcher(None, query, key)
    if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
        return 0.0
    ratio = matcher.ratio()
    return min(ratio, 0.95) if ratio >= MIN_RATIO else 0.0


def _name_score(query: str, keys: tuple[str, ...]) -> float:
    """Score one folded query against the folded keys of a name."""
    best = 0.0
    for key in keys:
        if key == query:
            return 1.0
        if key.startswith(query):
            best = max(best, 0.9)
        elif query in key:
            best = max(best, 0.75)
        best = max(best, _similarity(query, key))
    if best < 0.85 and any(w.startswith(query) for w in keys[0].split()):
        best = 0.85
    return best


def score(query: str, candidate: Candidate) -> float:
    """Return how well a raw query matches a candidate (0 = not at all)."""
    text = query.strip()
    if text.isdigit():
        if candidate.code == text.zfill(4):
            return 1.0
        return 0.8 if candidate.code.startswith(text) else 0.0
    folded = fold(text)
    if not folded:
        return 0.0
    return _name_score(folded, name_keys(candidate.name))


def search(query: str, candidates: Iterable[Candidate], limit: int = LIMIT) -> list[Hit]:
    """Return the best matches for a query, best first (ties by name)."""
    hits = []
    for candidate in candidates:
        value = score(query, candidate)
        if value > 0:
            hits.append(Hit(candidate.code, candidate.name, candidate.context, value))
    hits.sort(key=lambda h: (-h.score, fold(h.name), h.code))
    return hits[:limit]
