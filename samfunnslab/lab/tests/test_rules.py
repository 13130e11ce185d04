from __future__ import annotations

from samfunnslab.lab import rules


def test_spread_is_zero_for_a_single_rater() -> None:
    assert rules.spread([4]) == 0


def test_mean_is_none_without_ratings() -> None:
    assert rules.mean([]) is None
    assert rules.mean([2, 5]) == 3.5


def test_scores_outside_one_to_five_are_invalid() -> None:
    assert rules.valid_score(1) and rules.valid_score(5)
    assert not rules.valid_score(0) and not rules.valid_score(6)


def test_it_flags_findings_under_kommuneloven() -> None:
    assert rules.check_limits("LOV-2018-06-22-83 § 17-1", "Oppgavefellesskap").flagged


def test_it_flags_case_handling_words() -> None:
    check = rules.check_limits("LOV-2011-06-24-30 § 3-1", "Frivillige fatter enkeltvedtak")
    assert check.forvaltningsloven and not check.kommuneloven


def test_it_leaves_ordinary_sector_rules_unflagged() -> None:
    assert not rules.check_limits("LOV-2011-06-24-30 § 3-1", "Nabolaget gir omsorg").flagged


def test_forsok_lasts_at_most_four_plus_two_years() -> None:
    assert rules.valid_forsok_duration(4, 2)
    assert not rules.valid_forsok_duration(5, 0)
    assert not rules.valid_forsok_duration(4, 3)
