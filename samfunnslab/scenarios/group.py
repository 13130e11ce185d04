"""Group mode arithmetic (pure): distribution of views per statement and the median choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median_low

from samfunnslab.scenarios.choices import (
    DONT_KNOW,
    PATH_CHOICES,
    SCALE,
    STATEMENTS,
    Choices,
)

MIN_PARTICIPANTS = 5
"""Below this many participants no distribution is shown, so no one's view can be singled out."""


@dataclass(frozen=True)
class Distribution:
    """How many took each position on one statement, and the median position."""

    key: str
    text: str
    counts: dict[str, int]  # "-2" … "2" and "vet"
    median: int | None


@dataclass(frozen=True)
class GroupSummary:
    """What the group said: participants, distributions (if enough), median choices."""

    participants: int
    distributions: tuple[Distribution, ...]
    path_votes: dict[str, int]
    median_choices: Choices

    @property
    def enough(self) -> bool:
        """Return whether enough people took part to show distributions."""
        return self.participants >= MIN_PARTICIPANTS


def _distribution(key: str, text: str, responses: Sequence[Choices]) -> Distribution:
    """Count answers to one statement; unanswered counts as "vet ikke"."""
    counts = {str(v): 0 for v in SCALE} | {DONT_KNOW: 0}
    values = []
    for response in responses:
        value = response.answers.get(key)
        counts[DONT_KNOW if value is None else str(value)] += 1
        if value is not None:
            values.append(value)
    return Distribution(key, text, counts, median_low(values) if values else None)


def summarise(responses: Sequence[Choices]) -> GroupSummary:
    """Return distributions, the median answer per statement and the paths most chose."""
    n = len(responses)
    distributions = tuple(_distribution(s.key, s.text, responses) for s in STATEMENTS)
    votes = {p.key: sum(1 for r in responses if p.key in r.paths) for p in PATH_CHOICES}
    majority = frozenset(k for k, v in votes.items() if n and v * 2 > n)
    medians = {d.key: d.median for d in distributions}
    if n < MIN_PARTICIPANTS:
        # With one to four answers the "median" card would give away single people's answers.
        return GroupSummary(n, (), {}, Choices())
    return GroupSummary(n, distributions, votes, Choices(medians, majority))
