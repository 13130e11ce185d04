"""Score type and theme suggestions against a table with known answers (text, type, theme).

Each row is suggested from all the *other* rows (leave-one-out), as in a workshop where the
facilitator has typed and themed the rest; the theme list is the table's own theme names. The
same is scored with the rules and theme names alone, beside two baselines: the question-mark rule
(«contains ? → spørsmål», otherwise innspill, or otherwise the table's most common other type) and
the most common theme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from textsort.kinds import Kind
from textsort.suggest import Example, Suggester


@dataclass(frozen=True)
class Accuracy:
    """Right answers out of rows with a known answer."""

    right: int
    total: int

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class Score:
    """Accuracies of the suggestions and of the baselines on one table."""

    rows: int
    themes: tuple[str, ...]
    type_learned: Accuracy
    type_rules: Accuracy
    type_question_mark: Accuracy
    type_question_mark_majority: Accuracy
    majority_other_type: str
    theme_learned: Accuracy
    theme_names: Accuracy
    theme_majority: Accuracy


def _accuracy(predicted: Sequence[str], known: Sequence[str]) -> Accuracy:
    pairs = [(p, k) for p, k in zip(predicted, known, strict=True) if k]
    return Accuracy(sum(p == k for p, k in pairs), len(pairs))


def score_table(examples: Sequence[Example]) -> Score:
    """Score suggestions on a labelled table (types as `Kind` values, themes as written)."""
    texts = [e.text for e in examples]
    types = [e.type for e in examples]
    themes = [e.theme for e in examples]
    names = tuple(dict.fromkeys(t for t in themes if t))
    learned = Suggester(names, examples).leave_one_out()
    alone = Suggester(names).suggest_many(texts)
    others = Counter(t for text, t in zip(texts, types, strict=True) if t and "?" not in text)
    majority_other = others.most_common(1)[0][0] if others else str(Kind.INPUT)
    question = str(Kind.QUESTION)
    common_theme = Counter(t for t in themes if t).most_common(1)
    return Score(
        rows=len(examples),
        themes=names,
        type_learned=_accuracy([s.type for s in learned], types),
        type_rules=_accuracy([s.type for s in alone], types),
        type_question_mark=_accuracy(
            [question if "?" in t else str(Kind.INPUT) for t in texts], types
        ),
        type_question_mark_majority=_accuracy(
            [question if "?" in t else majority_other for t in texts], types
        ),
        majority_other_type=majority_other,
        theme_learned=_accuracy([s.theme for s in learned], themes),
        theme_names=_accuracy([s.theme for s in alone], themes),
        theme_majority=_accuracy([common_theme[0][0] if common_theme else ""] * len(texts), themes),
    )
