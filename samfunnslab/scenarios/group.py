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
    counts: dict[str, int | None]  # "-2" … "2" and "vet"; None = hidden (fewer than 5)
    median: int | None


@dataclass(frozen=True)
class GroupSummary:
    """What the group said: participants, distributions (if enough), median choices."""

    participants: int
    distributions: tuple[Distribution, ...]
    path_votes: dict[str, int | None]
    median_choices: Choices

    @property
    def enough(self) -> bool:
        """Return whether enough people took part to show distributions."""
        return self.participants >= MIN_PARTICIPANTS


def suppress_small(counts: dict[str, int], *, total_known: bool) -> dict[str, int | None]:
    """Hide every count under MIN_PARTICIPANTS (zero too, so "0" and "hidden" look alike).

    When the counts add up to a total that is shown (`total_known`), one hidden cell could be
    worked out from the total and the rest, so the smallest shown cell is hidden as well
    (complementary suppression).
    """
    hidden = {k for k, v in counts.items() if v < MIN_PARTICIPANTS}
    if total_known and len(hidden) == 1 and len(counts) > 1:
        shown = sorted((v, k) for k, v in counts.items() if k not in hidden)
        hidden.add(shown[0][1])
    return {k: (None if k in hidden else v) for k, v in counts.items()}


def _distribution(key: str, text: str, responses: Sequence[Choices]) -> Distribution:
    """Count answers to one statement; unanswered counts as "vet ikke"; small cells hidden."""
    counts = {str(v): 0 for v in SCALE} | {DONT_KNOW: 0}
    values = []
    for response in responses:
        value = response.answers.get(key)
        counts[DONT_KNOW if value is None else str(value)] += 1
        if value is not None:
            values.append(value)
    return Distribution(key, text, suppress_small(counts, total_known=True),
                        median_low(values) if values else None)


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
    # Paths: several may be chosen, so the votes do not add up to the total; hide small ones.
    return GroupSummary(n, distributions, suppress_small(votes, total_known=False),
                        Choices(medians, majority))
