"""Word-cloud terms: split each answer into at most a few folded content words and count them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from textsort.cleaning import tokens
from textsort.profanity import find_profanity, skeleton

MAX_TERMS_PER_ANSWER = 3
MIN_TERM_LENGTH = 2


@dataclass(frozen=True)
class TermCount:
    """One word of a word cloud, how many answers gave it, and whether it needs moderation."""

    term: str
    count: int
    flagged: bool


def split_answer(answer: str, *, limit: int = MAX_TERMS_PER_ANSWER) -> tuple[str, ...]:
    """Return the first 1–`limit` distinct content words of an answer, folded to their lemma."""
    terms: list[str] = []
    for token in tokens(answer):
        if len(token) >= MIN_TERM_LENGTH and token not in terms:
            terms.append(token)
        if len(terms) == limit:
            break
    return tuple(terms)


def count_terms(answers: Iterable[str], *, limit: int = MAX_TERMS_PER_ANSWER) -> list[TermCount]:
    """Count terms over answers (once per answer), most frequent first, ties alphabetical."""
    counts: Counter[str] = Counter()
    flagged: set[str] = set()
    for answer in answers:
        offensive = {skeleton(flag.written) for flag in find_profanity(answer)}
        for term in split_answer(answer, limit=limit):
            counts[term] += 1
            if skeleton(term) in offensive or find_profanity(term):
                flagged.add(term)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [TermCount(term=term, count=count, flagged=term in flagged) for term, count in ordered]
