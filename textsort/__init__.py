"""Sort Norwegian workshop text: word-cloud terms, profanity flags, kinds, themes and similar groups.

Pure and offline: standard library and numpy only. Everything here is a *suggestion* for a
facilitator to accept or change. Public API (decisions in docs/workshop-data.md):

    words(text), tokens(text), normalise(text)     normalisation (NFC, no HTML, folded lemmas)
    fold(word)                                     conservative bokmål/nynorsk lemma folding
    split_answer(answer), count_terms(answers)     word clouds (1–3 words per answer)
    find_profanity(text), is_profane(text)         flag, never drop
    suggest_kind(text) -> KindSuggestion           spørsmål / innspill / forslag + confidence
    suggest_themes(text, themes) -> [ThemeSuggestion]; themes_from_names(lines)
    group_similar(texts) -> [Group]                TF-IDF + character n-grams, average linkage
"""

from __future__ import annotations

from textsort.cleaning import clean, normalise, strip_html, tokens, words
from textsort.grouping import Group, group_similar, similarity_matrix
from textsort.kinds import Kind, KindSuggestion, suggest_kind
from textsort.lemmas import fold
from textsort.profanity import Flag, find_profanity, is_profane
from textsort.stopwords import STOP_WORDS
from textsort.themes import (
    DEFAULT_THEMES,
    Theme,
    ThemeSuggestion,
    score_theme,
    suggest_themes,
    themes_from_names,
)
from textsort.wordcloud import TermCount, count_terms, split_answer

__all__ = [
    "DEFAULT_THEMES",
    "STOP_WORDS",
    "Flag",
    "Group",
    "Kind",
    "KindSuggestion",
    "TermCount",
    "Theme",
    "ThemeSuggestion",
    "clean",
    "count_terms",
    "find_profanity",
    "fold",
    "group_similar",
    "normalise",
    "is_profane",
    "score_theme",
    "similarity_matrix",
    "split_answer",
    "strip_html",
    "suggest_kind",
    "suggest_themes",
    "themes_from_names",
    "tokens",
    "words",
]
