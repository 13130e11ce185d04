"""Suggest a type and a theme for open contributions, from rules and from what a facilitator set.

A `Suggester` knows the facilitator's own theme names and the contributions already typed or
themed (in this workshop and in tables imported before). For each new text it combines:

- **type**: the plain-language cues of `kinds` (a question mark, «hva/hvordan …», «bør», an
  imperative) with the votes of the most similar labelled texts (TF-IDF on words and character
  n-grams, `grouping.similarity_matrix`); the more labelled texts there are, the more they count;
- **theme**: only the facilitator's theme names. Each name matches its own words and their
  compounds (and the keywords of the built-in vocabulary the name overlaps), plus how close the
  text is to the texts already under that theme. With no theme close enough, no theme is
  suggested: a wrong theme costs the facilitator more than none.

`new_themes` groups similar texts that have no theme yet and proposes a name from their shared
words («new theme?»). `leave_one_out` scores the suggestions on a table with known answers,
each row suggested from all the other rows (see `manage.py score_suggestions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from textsort.cleaning import clean, words
from textsort.grouping import Group, group_similar, similarity_matrix
from textsort.kinds import QUESTION_VERBS, SUGGESTION_WORDS, Kind, kind_scores
from textsort.themes import score_theme, themes_from_names

NEIGHBOURS = 5
LEARNED_TYPE_WEIGHT = 0.3  # how a text is put says little across tables: the rules lead
LEARNED_THEME_WEIGHT = 2.0
EXAMPLES_FOR_FULL_WEIGHT = 20
MIN_THEME_SCORE = 0.2
MIN_NEW_THEME_SIZE = 3

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Example:
    """A text whose type and/or theme a person set (either may be empty)."""

    text: str
    type: str = ""
    theme: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A suggested type (a `Kind` value) and theme ("" for none), each with a 0–1 confidence."""

    type: str
    type_confidence: float
    theme: str
    theme_confidence: float


def _weight(count: int) -> float:
    return min(1.0, count / EXAMPLES_FOR_FULL_WEIGHT)


def _normalised(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {k: v / total for k, v in scores.items()} if total else scores


def _neighbour_votes(similarities: Sequence[float], labels: Sequence[str]) -> dict[str, float]:
    """Similarity-weighted votes of the most similar labelled texts, as shares that sum to 1."""
    ranked = sorted(
        (s, label) for s, label in zip(similarities, labels, strict=True) if label and s > 0
    )[-NEIGHBOURS:]
    votes: dict[str, float] = {}
    for similarity, label in ranked:
        votes[label] = votes.get(label, 0.0) + similarity
    return _normalised(votes)


def style(text: str) -> frozenset[str]:
    """How a text is put, not what it is about: its opening words, its end mark, its modal verbs."""
    tokens = words(clean(text))
    stripped = clean(text).rstrip()
    features = {f"end:{stripped[-1:] if stripped[-1:] in '?!.' else 'none'}"}
    if tokens:
        features.add(f"first:{tokens[0]}")
    if len(tokens) > 1:
        features.add(f"first2:{tokens[0]}_{tokens[1]}")
    features |= {f"has:{t}" for t in tokens if t in SUGGESTION_WORDS | QUESTION_VERBS}
    features.add(f"length:{min(len(tokens) // 4, 3)}")
    return frozenset(features)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


class Suggester:
    """Suggests types and themes from the facilitator's themes and labelled examples."""

    def __init__(self, themes: Sequence[str], examples: Sequence[Example] = ()) -> None:
        names = [" ".join(t.split()) for t in themes if t and t.strip()]
        names += [e.theme for e in examples if e.theme]
        self.theme_names: list[str] = list(dict.fromkeys(names))
        self.themes = themes_from_names(self.theme_names)
        self.examples = list(examples)

    # ------------------------------------------------------------ one text at a time

    def suggest_many(self, texts: Sequence[str]) -> list[Suggestion]:
        """Suggest a type and theme for each text (one similarity computation for all)."""
        if not texts:
            return []
        example_texts = [e.text for e in self.examples]
        if example_texts:
            full = similarity_matrix([*texts, *example_texts])
            cross = full[: len(texts), len(texts) :]
        else:
            cross = np.zeros((len(texts), 0))
        return [self._suggest(text, cross[i], self.examples) for i, text in enumerate(texts)]

    def leave_one_out(self) -> list[Suggestion]:
        """Suggest each example from all the other examples (for scoring against known answers)."""
        texts = [e.text for e in self.examples]
        if not texts:
            return []
        full = similarity_matrix(texts).copy()
        np.fill_diagonal(full, 0.0)
        return [
            self._suggest(
                example.text,
                full[i],
                self.examples,
                own_theme_only_from_others=i,
            )
            for i, example in enumerate(self.examples)
        ]

    def _suggest(
        self,
        text: str,
        similarities: npt.NDArray[np.float64],
        examples: Sequence[Example],
        own_theme_only_from_others: int | None = None,
    ) -> Suggestion:
        others = [e for i, e in enumerate(examples) if i != own_theme_only_from_others]
        sims = [float(s) for i, s in enumerate(similarities) if i != own_theme_only_from_others]
        kind, kind_confidence = self._type(text, sims, others)
        theme, theme_confidence = self._theme(text, sims, others)
        return Suggestion(kind, kind_confidence, theme, theme_confidence)

    def _type(
        self, text: str, sims: Sequence[float], examples: Sequence[Example]
    ) -> tuple[str, float]:
        rules = _normalised({str(k): v for k, v in kind_scores(text).items()})
        own = style(text)
        typed = [(_jaccard(own, style(e.text)), e.type) for e in examples if e.type]
        learned = _neighbour_votes([s for s, _t in typed], [t for _s, t in typed])
        weight = LEARNED_TYPE_WEIGHT * _weight(len(typed))
        combined = {
            str(k): rules.get(str(k), 0.0) + weight * learned.get(str(k), 0.0) for k in Kind
        }
        best = max(Kind, key=lambda k: (combined[str(k)], k == Kind.INPUT))
        return str(best), round(combined[str(best)] / (1.0 + weight), 2)

    def _theme(
        self, text: str, sims: Sequence[float], examples: Sequence[Example]
    ) -> tuple[str, float]:
        if not self.themes:
            return "", 0.0
        themed = [(s, e.theme) for s, e in zip(sims, examples, strict=True) if e.theme]
        weight = LEARNED_THEME_WEIGHT * _weight(len(themed))
        scores: dict[str, float] = {}
        for theme in self.themes:
            keyword = score_theme(theme, text).confidence
            close = sorted((s for s, name in themed if name == theme.name), reverse=True)[:3]
            learned = sum(close) / 3 if close else 0.0
            scores[theme.name] = keyword + weight * learned
        best = max(self.theme_names, key=lambda name: scores[name])
        score = scores[best]
        if score < MIN_THEME_SCORE:
            return "", 0.0
        return best, round(min(1.0, score / (1.0 + weight * 0.5)), 2)

    # ------------------------------------------------------------ new themes

    def new_themes(
        self, texts: Sequence[str], *, min_size: int = MIN_NEW_THEME_SIZE
    ) -> list[Group]:
        """Groups of at least `min_size` similar unthemed texts: «new theme?» proposals."""
        return [g for g in group_similar(texts) if len(g.members) >= min_size]
