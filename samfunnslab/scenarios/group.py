"""Group mode arithmetic (pure): distribution of views per statement and the median choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median_low

from samfunnslab.core import disclosure
from samfunnslab.scenarios.choices import (
    DONT_KNOW,
    PATH_CHOICES,
    SCALE,
    STATEMENTS,
    Choices,
)

MIN_PARTICIPANTS = disclosure.MIN_CELL
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
    """Hide small counts by the one rule for every breakdown of people (`core.disclosure`).

    When the counts add up to a total that is shown (`total_known`), the complements and the
    zeros beside a hidden count are hidden too; paths (several may be chosen) have no such total,
    so each count under MIN_PARTICIPANTS is hidden, zero included.
    """
    if total_known:
        return disclosure.protect(counts, min_cell=MIN_PARTICIPANTS).counts
    return disclosure.protect_each(counts, min_cell=MIN_PARTICIPANTS)


def _distribution(key: str, text: str, responses: Sequence[Choices]) -> Distribution:
    """Count answers to one statement; unanswered counts as "vet ikke"; small cells hidden."""
    counts = {str(v): 0 for v in SCALE} | {DONT_KNOW: 0}
    values = []
    for response in responses:
        value = response.answers.get(key)
        counts[DONT_KNOW if value is None else str(value)] += 1
        if value is not None:
            values.append(value)
    return Distribution(
        key, text, suppress_small(counts, total_known=True), median_low(values) if values else None
    )


@dataclass(frozen=True)
class Segment:
    """One part of a statement's bar: a position and its count, or the hidden small cells pooled.

    `share` is the part of all participants (0–1); `count` is None for the pooled hidden cells,
    whose sum is already known from the total and the shown cells, so pooling gives nothing away.
    """

    key: str
    count: int | None
    share: float


HIDDEN = "skjult"


def bar_segments(distribution: Distribution, participants: int) -> tuple[Segment, ...]:
    """Return the bar of one statement: shown positions in scale order, then the hidden pool."""
    if participants <= 0:
        return ()
    shown = [(k, v) for k, v in distribution.counts.items() if v is not None]
    segments = [Segment(k, v, v / participants) for k, v in shown if v > 0]
    hidden = participants - sum(v for _k, v in shown)
    if hidden > 0:
        segments.append(Segment(HIDDEN, None, hidden / participants))
    return tuple(segments)


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
    return GroupSummary(
        n, distributions, suppress_small(votes, total_known=False), Choices(medians, majority)
    )
