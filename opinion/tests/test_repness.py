from __future__ import annotations

import numpy as np

from opinion.repness import consensus, group_cells, representative
from opinion.stats import Counts


def _counts(agree: list[float], disagree: list[float], seen: list[float]) -> Counts:
    return Counts(np.array(agree), np.array(disagree), np.array(seen))


STATEMENTS = ("s0", "s1", "s2")
NONE_EXCLUDED = np.zeros(3, dtype=np.bool_)


def test_a_statement_only_the_group_agrees_with_represents_it() -> None:
    group = _counts([18, 10, 2], [1, 9, 16], [20, 20, 20])
    rest = _counts([2, 10, 17], [17, 9, 2], [20, 20, 20])
    chosen = representative(group_cells(STATEMENTS, group, rest), NONE_EXCLUDED)
    assert [(c.statement, c.direction) for c in chosen] == [("s0", "agree"), ("s2", "disagree")]
    assert chosen[0].best_agree


def test_agrees_come_before_disagrees() -> None:
    group = _counts([1, 18, 2], [18, 1, 17], [20, 20, 20])
    rest = _counts([18, 2, 17], [1, 17, 2], [20, 20, 20])
    chosen = representative(group_cells(STATEMENTS, group, rest), NONE_EXCLUDED)
    directions = [c.direction for c in chosen]
    assert directions == sorted(directions)  # "agree" < "disagree"


def test_moderated_statements_are_never_representative() -> None:
    group = _counts([18, 10, 2], [1, 9, 16], [20, 20, 20])
    rest = _counts([2, 10, 17], [17, 9, 2], [20, 20, 20])
    excluded = np.array([True, False, False])
    chosen = representative(group_cells(STATEMENTS, group, rest), excluded)
    assert "s0" not in [c.statement for c in chosen]


def test_without_significant_statements_it_falls_back_to_one() -> None:
    group = _counts([1, 1, 1], [1, 1, 1], [2, 2, 2])
    rest = _counts([1, 1, 1], [1, 1, 1], [2, 2, 2])
    chosen = representative(group_cells(STATEMENTS, group, rest), NONE_EXCLUDED)
    assert len(chosen) == 1


def test_consensus_lists_statements_most_people_agree_or_disagree_with() -> None:
    everyone = _counts([40, 20, 3], [2, 20, 38], [45, 45, 45])
    found = consensus(STATEMENTS, everyone, NONE_EXCLUDED)
    assert [s.statement for s in found.agree] == ["s0"]
    assert [s.statement for s in found.disagree] == ["s2"]
    assert found.agree[0].n_success == 40
    assert found.agree[0].p_success == (40 + 1) / (45 + 2)


def test_consensus_skips_moderated_statements() -> None:
    everyone = _counts([40, 20, 3], [2, 20, 38], [45, 45, 45])
    found = consensus(STATEMENTS, everyone, np.array([True, False, False]))
    assert found.agree == ()


def test_a_statement_everyone_agrees_with_does_not_displace_one_the_group_owns() -> None:
    # s0: everyone agrees (comes first in column order); s1: only this group agrees.
    group = _counts([15, 15, 0], [0, 0, 15], [15, 15, 15])
    rest = _counts([15, 0, 15], [0, 15, 0], [15, 15, 15])
    chosen = representative(group_cells(STATEMENTS, group, rest), NONE_EXCLUDED)
    assert (chosen[0].statement, chosen[0].direction, chosen[0].best_agree) == ("s1", "agree", True)


def test_the_best_agree_statement_is_always_presented_as_agree() -> None:
    # Everyone agrees with every statement: nothing is significant, the fallback is "best agree".
    group = _counts([15, 15, 15], [0, 0, 0], [15, 15, 15])
    rest = _counts([15, 15, 15], [0, 0, 0], [15, 15, 15])
    chosen = representative(group_cells(STATEMENTS, group, rest), NONE_EXCLUDED)
    assert [(c.direction, c.best_agree) for c in chosen] == [("agree", True)]
