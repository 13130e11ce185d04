"""Typed inputs and outputs of the opinion map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Key = int | str
Direction = Literal["agree", "disagree"]

# Sign convention of Polis's CSV export (and of this package): agree = +1.
# Polis's internal database uses the opposite sign; flip before calling if you read that.
AGREE = 1
DISAGREE = -1
PASS = 0


@dataclass(frozen=True)
class Vote:
    """One vote: +1 agree, -1 disagree, 0 pass. Later votes replace earlier ones."""

    participant: Key
    statement: Key
    value: int


@dataclass(frozen=True)
class StatementStat:
    """How one audience (a group or everyone) voted on one statement."""

    statement: Key
    direction: Direction
    n_success: int
    n_trials: int
    p_success: float
    p_test: float


@dataclass(frozen=True)
class RepresentativeStatement:
    """A statement that sets a group apart from the other groups."""

    statement: Key
    direction: Direction
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    best_agree: bool = False


@dataclass(frozen=True)
class Group:
    """An opinion group: named by its statements, never by its members."""

    id: int
    members: tuple[Key, ...]
    center: tuple[float, float]
    showable: bool
    representative: tuple[RepresentativeStatement, ...]

    @property
    def size(self) -> int:
        """Return the number of members."""
        return len(self.members)


@dataclass(frozen=True)
class Consensus:
    """Statements most participants agree (or disagree) with, over all participants."""

    agree: tuple[StatementStat, ...]
    disagree: tuple[StatementStat, ...]


@dataclass(frozen=True)
class ClusterHistory:
    """Base-cluster membership, group centres per k and the k-smoother, from the last tick."""

    base_members: dict[Key, int]
    group_centers: dict[int, tuple[tuple[float, float], ...]]
    last_k: int
    streak: int
    smoothed_k: int


@dataclass(frozen=True)
class MapState:
    """Carry-over between recomputes; pass it back as `previous=` to keep groups stable."""

    components: dict[Key, tuple[float, float]]
    history: ClusterHistory | None


@dataclass(frozen=True)
class OpinionMap:
    """Everything the opinion map shows, computed from one snapshot of votes."""

    participants: tuple[Key, ...]
    statements: tuple[Key, ...]
    positions: dict[Key, tuple[float, float]]
    clustered: frozenset[Key]
    groups: tuple[Group, ...]
    group_of: dict[Key, int]
    silhouette: float
    consensus: Consensus
    group_informed_consensus: dict[Key, float]
    extremity: dict[Key, float]
    priority: dict[Key, float]
    moderated_out: frozenset[Key]
    state: MapState

    @property
    def showable_groups(self) -> tuple[Group, ...]:
        """Return the groups large enough to be shown."""
        return tuple(g for g in self.groups if g.showable)
