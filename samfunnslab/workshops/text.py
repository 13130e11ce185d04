"""The text rules the live activities use, from the pure `textsort` package.

One small adapter so the services do not depend on textsort's whole API: normalisation (for
counting equal word-cloud answers as one), profanity, and a suggested contribution type.
"""

from __future__ import annotations

import textsort
from samfunnslab.workshops.models import ContributionType

_KIND_TO_TYPE = {
    textsort.Kind.QUESTION: ContributionType.QUESTION,
    textsort.Kind.INPUT: ContributionType.INPUT,
    textsort.Kind.SUGGESTION: ContributionType.SUGGESTION,
}


def words(text: str) -> list[str]:
    """Split a short answer into words (punctuation and emoji dropped)."""
    return textsort.words(text)


def normalise(text: str) -> str:
    """Return the folded content words, so «Trygge nabolag» and «trygt nabolag» count as one."""
    return textsort.normalise(text)


def is_profane(text: str) -> bool:
    """Return True when the text contains a word we do not show on a projector unseen."""
    return textsort.is_profane(text)


def has_content(text: str) -> bool:
    """Return False when the text is only small words such as «og» or «det»."""
    return bool(textsort.normalise(text))


def suggest_type(text: str) -> str:
    """Suggest spørsmål, innspill or forslag for a contribution whose type was not chosen."""
    return _KIND_TO_TYPE.get(textsort.suggest_kind(text).kind, ContributionType.INPUT)
