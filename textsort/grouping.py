"""Group similar contributions: TF-IDF on words and character n-grams, cosine, average linkage.

Character n-grams make "sykehjem" and "sykehjemmet" or a typo like "sykehjme" land close together.
Everything is deterministic: no randomness, ties go to the lowest index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from textsort.cleaning import tokens

DEFAULT_THRESHOLD = 0.25
WORD_WEIGHT = 0.4
NGRAM_SIZES = (3, 4)
LABEL_WORDS = 3

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Group:
    """Indices of similar contributions (ascending) and the words that best describe them."""

    members: tuple[int, ...]
    label: tuple[str, ...]


def char_ngrams(token: str, sizes: Sequence[int] = NGRAM_SIZES) -> list[str]:
    """Return the character n-grams of a token padded with word boundaries ("<sy", "syk", …)."""
    padded = f"<{token}>"
    return [padded[i : i + n] for n in sizes for i in range(len(padded) - n + 1)]


def _tfidf(documents: Sequence[Sequence[str]]) -> tuple[Matrix, list[str]]:
    """Return L2-normalised TF-IDF rows (sublinear tf, smooth idf) and the vocabulary."""
    vocabulary = sorted({term for doc in documents for term in doc})
    index = {term: i for i, term in enumerate(vocabulary)}
    counts = np.zeros((len(documents), len(vocabulary)))
    for row, doc in enumerate(documents):
        for term, count in Counter(doc).items():
            counts[row, index[term]] = 1.0 + np.log(count)
    document_frequency = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(documents)) / (1 + document_frequency)) + 1.0
    weighted = counts * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    return np.divide(weighted, norms, out=np.zeros_like(weighted), where=norms > 0), vocabulary


def similarity_matrix(texts: Sequence[str]) -> Matrix:
    """Return the cosine similarity of every pair of texts (words and n-grams blended)."""
    words = [tokens(text) for text in texts]
    grams = [[g for token in doc for g in char_ngrams(token)] for doc in words]
    word_rows, _ = _tfidf(words)
    gram_rows, _ = _tfidf(grams)
    blended = np.hstack([np.sqrt(WORD_WEIGHT) * word_rows, np.sqrt(1 - WORD_WEIGHT) * gram_rows])
    similarity: Matrix = blended @ blended.T
    return similarity


def _row_best(similarity: Matrix, row: int, alive: npt.NDArray[np.bool_]) -> tuple[float, int]:
    candidates = np.where(alive, similarity[row], -np.inf)
    candidates[row] = -np.inf
    best = int(np.argmax(candidates))
    return float(candidates[best]), best


def average_linkage(similarity: Matrix, threshold: float) -> list[list[int]]:
    """Merge clusters while the average similarity between two of them is at least threshold."""
    size = similarity.shape[0]
    sim = similarity.astype(np.float64).copy()
    members: list[list[int]] = [[i] for i in range(size)]
    alive = np.ones(size, dtype=bool)
    best = [_row_best(sim, i, alive) for i in range(size)]
    while size > 1:
        keep = min(range(len(best)), key=lambda i: (-best[i][0] if alive[i] else np.inf, i))
        score, other = best[keep]
        if not alive[keep] or score < threshold:
            break
        keep, gone = min(keep, other), max(keep, other)
        n_keep, n_gone = len(members[keep]), len(members[gone])
        # Lance–Williams update for average linkage (UPGMA).
        sim[keep] = (n_keep * sim[keep] + n_gone * sim[gone]) / (n_keep + n_gone)
        sim[:, keep] = sim[keep]
        members[keep] += members[gone]
        alive[gone] = False
        best[gone] = (-np.inf, gone)
        for row in np.flatnonzero(alive):
            if row == keep or best[row][1] in (keep, gone) or sim[row, keep] > best[row][0]:
                best[row] = _row_best(sim, int(row), alive)
    return [sorted(members[i]) for i in np.flatnonzero(alive)]


def _label(texts: Sequence[str], members: Sequence[int]) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    for i in members:
        counts.update(set(tokens(texts[i])))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shared = tuple(term for term, count in ranked[:LABEL_WORDS] if count > 1)
    # Typos can leave no word in common; then the first contribution speaks for the group.
    return shared or tuple(dict.fromkeys(tokens(texts[members[0]])))[:LABEL_WORDS]


def group_similar(texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD) -> list[Group]:
    """Group texts that say much the same; largest groups first, singletons included."""
    if not texts:
        return []
    clusters = average_linkage(similarity_matrix(texts), threshold)
    clusters.sort(key=lambda c: (-len(c), c[0]))
    return [Group(members=tuple(c), label=_label(texts, c)) for c in clusters]
