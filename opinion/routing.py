"""Choose which statement to show a participant next."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from opinion.types import Key, OpinionMap


def next_statement(
    opinion_map: OpinionMap, voted: Collection[Key], rng: np.random.Generator
) -> Key | None:
    """Draw an unvoted statement with probability proportional to its priority (None if none)."""
    seen = set(voted)
    candidates = [s for s in opinion_map.statements if s not in seen]
    weights = np.array([opinion_map.priority[s] for s in candidates], dtype=np.float64)
    if not candidates or weights.sum() <= 0:
        return None
    return candidates[int(rng.choice(len(candidates), p=weights / weights.sum()))]
