"""Search and filters over the step library."""

from __future__ import annotations

from samfunnslab.methods.selectors import StepFilter, step_search


def _numbers(criteria: StepFilter) -> set[int]:
    return {step.number for step in step_search(criteria)}


def test_90_minutes_with_15_youths_finds_suitable_steps(db):
    found = step_search(StepFilter(minutes=90, participants=15, audience="ungdom"))
    numbers = {step.number for step in found}
    assert {6, 8, 11} <= numbers
    for step in found:
        assert step.minutes_min <= 90
        assert step.participants_min <= 15
        assert step.participants_max is None or step.participants_max >= 15
        assert "ungdom" in step.audiences


def test_steps_that_need_more_time_or_a_small_group_are_left_out(db):
    numbers = _numbers(StepFilter(minutes=90, participants=15, audience="ungdom"))
    assert 0 not in numbers  # a project group of at most 10
    assert 15 not in numbers  # needs at least 120 minutes


def test_it_searches_name_and_purpose(db):
    assert _numbers(StepFilter(query="framtidshjulet")) == {6}
    assert 7 in _numbers(StepFilter(query="isfjellet"))
    assert 17 in _numbers(StepFilter(query="baklengs"))


def test_it_finds_a_step_by_its_nynorsk_name(db):
    assert _numbers(StepFilter(query="føresetnadene")) == {8}


def test_it_filters_by_phase(db):
    assert _numbers(StepFilter(phase="teste")) == {15}


def test_no_filters_returns_everything(db):
    assert len(step_search(StepFilter())) == 22
