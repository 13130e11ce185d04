"""Representative statements per group and consensus statements (Polis `repness.clj`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from opinion.stats import Z90, Counts, two_prop_test
from opinion.types import Consensus, Direction, Key, RepresentativeStatement, StatementStat

BoolArray = npt.NDArray[np.bool_]

TOP = 5


@dataclass(frozen=True)
class Cell:
    """All statistics of one statement for one group against the rest."""

    statement: Key
    na: int
    nd: int
    ns: int
    pa: float
    pd: float
    pat: float
    pdt: float
    ra: float
    rd: float
    rat: float
    rdt: float

    def passes(self) -> bool:
        """Tell whether the statement is significant for the group at 90 %, either way."""
        return (self.rat > Z90 and self.pat > Z90) or (self.rdt > Z90 and self.pdt > Z90)

    def agree_metric(self) -> float:
        """Return ra · rat · pa · pat."""
        return self.ra * self.rat * self.pa * self.pat

    def finalize(self, *, best_agree: bool = False) -> RepresentativeStatement:
        """Present the statement as agree or disagree, whichever sets the group apart more.

        The "best agree" statement is always presented as agree (Polis could label it disagree).
        """
        agree = best_agree or self.rat > self.rdt
        return RepresentativeStatement(
            statement=self.statement,
            direction="agree" if agree else "disagree",
            n_success=self.na if agree else self.nd,
            n_trials=self.ns,
            p_success=self.pa if agree else self.pd,
            p_test=self.pat if agree else self.pdt,
            repness=self.ra if agree else self.rd,
            repness_test=self.rat if agree else self.rdt,
            best_agree=best_agree,
        )


def group_cells(statements: Sequence[Key], group: Counts, rest: Counts) -> list[Cell]:
    """Compute the statistics of every statement for a group against all other groups."""
    ra = group.p_agree / rest.p_agree
    rd = group.p_disagree / rest.p_disagree
    rat = two_prop_test(group.agree, rest.agree, group.seen, rest.seen)
    rdt = two_prop_test(group.disagree, rest.disagree, group.seen, rest.seen)
    columns = [group.agree, group.disagree, group.seen, group.p_agree, group.p_disagree]
    columns += [group.agree_test, group.disagree_test, ra, rd, rat, rdt]
    rows = np.stack(columns, axis=1).tolist()
    return [_cell(s, r) for s, r in zip(statements, rows, strict=True)]


def _cell(statement: Key, row: list[float]) -> Cell:
    """Build a cell from one row of stacked statistics."""
    na, nd, ns, pa, pd, pat, pdt, ra, rd, rat, rdt = row
    return Cell(statement, int(na), int(nd), int(ns), pa, pd, pat, pdt, ra, rd, rat, rdt)


def _beats_best_agree(cell: Cell, current: Cell | None) -> bool:
    """Tell whether a statement is a better 'best agree' candidate than the current one.

    Polis's rule, plus one fix: a statement the group agrees with more than the rest (ra > 1)
    beats one it agrees with no more than the rest, whatever the column order.
    """
    if cell.na == 0 and cell.nd == 0:
        return False
    if current is not None and cell.ra > 1.0 >= current.ra:
        return True
    if current is not None and current.ra > 1.0:
        return cell.agree_metric() > current.agree_metric()
    if current is not None:
        return cell.pa * cell.pat > current.pa * current.pat
    return cell.pat > Z90 or (cell.ra > 1.0 and cell.pa > 0.5)


def _metric(item: RepresentativeStatement) -> float:
    """Return repness · repness_test · p_success · p_test."""
    return item.repness * item.repness_test * item.p_success * item.p_test


def representative(
    cells: Sequence[Cell], excluded: BoolArray
) -> tuple[RepresentativeStatement, ...]:
    """Select up to five statements that represent a group, agrees first (Polis's rules)."""
    sufficient: list[RepresentativeStatement] = []
    best: RepresentativeStatement | None = None
    best_agree: Cell | None = None
    for cell, skip in zip(cells, excluded, strict=True):
        if skip:
            continue
        if cell.passes():
            sufficient.append(cell.finalize())
        if not sufficient and (best is None or max(cell.rat, cell.rdt) > best.repness_test):
            best = cell.finalize()
        if _beats_best_agree(cell, best_agree):
            best_agree = cell
    chosen = best_agree.finalize(best_agree=True) if best_agree else None
    if not sufficient:
        fallback = chosen or best
        return (fallback,) if fallback else ()
    rest = [item for item in sufficient if chosen is None or item.statement != chosen.statement]
    rest.sort(key=_metric, reverse=True)
    selected = ([chosen] if chosen else []) + rest
    selected = selected[:TOP]
    agrees = [item for item in selected if item.direction == "agree"]
    return tuple(agrees + [item for item in selected if item.direction == "disagree"])


def consensus(statements: Sequence[Key], everyone: Counts, excluded: BoolArray) -> Consensus:
    """Select up to five statements most participants agree with, and five they disagree with."""
    agree = _consensus_side(statements, everyone, excluded, agree=True)
    disagree = _consensus_side(statements, everyone, excluded, agree=False)
    return Consensus(agree=agree, disagree=disagree)


def _consensus_side(
    statements: Sequence[Key], everyone: Counts, excluded: BoolArray, *, agree: bool
) -> tuple[StatementStat, ...]:
    """Return the top statements on one side: p > 0.5 and z > 1.2816, sorted by p · z."""
    p = everyone.p_agree if agree else everyone.p_disagree
    z = everyone.agree_test if agree else everyone.disagree_test
    n = everyone.agree if agree else everyone.disagree
    eligible = np.flatnonzero((p > 0.5) & (z > Z90) & ~excluded)
    order = eligible[np.argsort(-(p * z)[eligible], kind="stable")][:TOP]
    direction: Direction = "agree" if agree else "disagree"
    return tuple(
        StatementStat(
            statements[i], direction, int(n[i]), int(everyone.seen[i]), float(p[i]), float(z[i])
        )
        for i in order
    )
