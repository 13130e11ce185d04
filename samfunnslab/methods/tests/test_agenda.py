"""Clock times, sums per meeting and sub-step scaling."""

from __future__ import annotations

import datetime

import pytest

from samfunnslab.methods.agenda import Slot, meeting_sums, scale_minutes, schedule


def test_it_gives_clock_times_from_the_start():
    timed = schedule([Slot(1, "A", 10), Slot(1, "B", 60), Slot(1, "C", 15)], datetime.time(18, 0))
    assert [(t.starts.strftime("%H:%M"), t.ends.strftime("%H:%M")) for t in timed] == [
        ("18:00", "18:10"),
        ("18:10", "19:10"),
        ("19:10", "19:25"),
    ]


def test_each_meeting_starts_at_the_start_time():
    timed = schedule([Slot(1, "A", 90), Slot(2, "B", 30)], datetime.time(9, 0))
    assert timed[1].starts == datetime.time(9, 0)


def test_it_wraps_past_midnight():
    assert schedule([Slot(1, "A", 90)], datetime.time(23, 0))[0].ends == datetime.time(0, 30)


def test_it_sums_minutes_per_meeting_and_reports_overruns():
    sums = meeting_sums([Slot(1, "A", 100), Slot(1, "B", 100), Slot(2, "C", 50)], 180)
    assert [(s.meeting, s.minutes, s.overrun) for s in sums] == [(1, 200, 20), (2, 50, 0)]


@pytest.mark.parametrize("total", [7, 30, 75, 120, 481])
def test_scaled_minutes_always_sum_to_the_total(total):
    scaled = scale_minutes([10, 30, 20, 15, 20], total)
    assert sum(scaled) == total
    assert all(minutes >= 1 for minutes in scaled)


def test_scaling_keeps_proportions():
    assert scale_minutes([10, 30, 20], 30) == [5, 15, 10]


def test_scaling_refuses_fewer_minutes_than_parts():
    with pytest.raises(ValueError):
        scale_minutes([10, 10, 10], 2)


def test_sub_steps_never_go_below_their_minimum():
    from samfunnslab.methods.agenda import SubStepTime, fit_sub_steps

    parts = [SubStepTime(20, 12), SubStepTime(10, 8), SubStepTime(30, 20)]
    fitted = fit_sub_steps(parts, 45)
    assert sum(fitted) == 45
    assert all(m >= p.minimum for m, p in zip(fitted, parts, strict=True))


def test_a_skippable_sub_step_is_dropped_when_the_minimums_do_not_fit():
    from samfunnslab.methods.agenda import SubStepTime, fit_sub_steps

    parts = [SubStepTime(15, 10), SubStepTime(15, 10, skippable=True), SubStepTime(15, 10)]
    assert fit_sub_steps(parts, 25) == [12, None, 13] or fit_sub_steps(parts, 25) == [13, None, 12]


def test_too_little_time_for_the_required_sub_steps_is_refused():
    import pytest

    from samfunnslab.methods.agenda import SubStepTime, fit_sub_steps

    with pytest.raises(ValueError):
        fit_sub_steps([SubStepTime(15, 10), SubStepTime(15, 10)], 15)


def test_more_time_than_usual_is_shared_in_proportion():
    from samfunnslab.methods.agenda import SubStepTime, fit_sub_steps

    assert fit_sub_steps([SubStepTime(10, 5), SubStepTime(20, 10)], 60) == [20, 40]
