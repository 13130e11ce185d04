"""Agenda arithmetic: clock times, time sums and overruns, and sub-steps scaled to new minutes (pure)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    meeting: int
    title: str
    minutes: int


@dataclass(frozen=True)
class TimedSlot:
    meeting: int
    title: str
    minutes: int
    starts: datetime.time
    ends: datetime.time
    index: int


@dataclass(frozen=True)
class MeetingSum:
    meeting: int
    minutes: int
    target: int

    @property
    def overrun(self) -> int:
        """Return how many minutes the meeting runs over its target (0 when it fits)."""
        return max(0, self.minutes - self.target)


def _add_minutes(start: datetime.time, minutes: int) -> datetime.time:
    """Return the clock time `minutes` after `start` (wrapping past midnight)."""
    moment = datetime.datetime.combine(datetime.date(2000, 1, 1), start)
    return (moment + datetime.timedelta(minutes=minutes)).time()


def schedule(slots: Sequence[Slot], start: datetime.time) -> list[TimedSlot]:
    """Give each slot a start and end time; every meeting starts at `start`."""
    timed, elapsed, current = [], 0, None
    for index, slot in enumerate(slots):
        if slot.meeting != current:
            current, elapsed = slot.meeting, 0
        starts = _add_minutes(start, elapsed)
        elapsed += slot.minutes
        timed.append(
            TimedSlot(
                slot.meeting, slot.title, slot.minutes, starts, _add_minutes(start, elapsed), index
            )
        )
    return timed


def meeting_sums(slots: Sequence[Slot], target: int) -> list[MeetingSum]:
    """Sum the minutes of each meeting and compare with the target duration."""
    totals: dict[int, int] = {}
    for slot in slots:
        totals[slot.meeting] = totals.get(slot.meeting, 0) + slot.minutes
    return [MeetingSum(meeting, minutes, target) for meeting, minutes in sorted(totals.items())]


def scale_minutes(parts: Sequence[int], total: int) -> list[int]:
    """Share `total` minutes between parts in proportion, each at least 1, summing exactly to total."""
    if not parts:
        return []
    if total < len(parts):
        raise ValueError("too few minutes for the parts")
    weight = sum(parts)
    scaled = [max(1, round(part * total / weight)) for part in parts]
    difference = total - sum(scaled)
    order = sorted(range(len(parts)), key=lambda i: -scaled[i])
    i = 0
    while difference != 0:
        index = order[i % len(order)]
        if difference > 0:
            scaled[index] += 1
            difference -= 1
        elif scaled[index] > 1:
            scaled[index] -= 1
            difference += 1
        i += 1
    return scaled


@dataclass(frozen=True)
class SubStepTime:
    minutes: int  # the usual length
    minimum: int  # never shorter than this
    skippable: bool = False


def fit_sub_steps(parts: Sequence[SubStepTime], total: int) -> list[int | None]:
    """Share `total` minutes between sub-steps without going below any minimum.

    More time than usual is shared in proportion. Less time shortens every sub-step toward its
    minimum; when even the minimums do not fit, skippable sub-steps are dropped from the end
    (None). Raises ValueError when the non-skippable minimums alone do not fit.
    """
    if not parts:
        return []
    usual = sum(p.minutes for p in parts)
    if total >= usual:
        return list(scale_minutes([p.minutes for p in parts], total))
    kept = list(range(len(parts)))
    while sum(parts[i].minimum for i in kept) > total:
        skippable = [i for i in kept if parts[i].skippable]
        if not skippable:
            raise ValueError("the minimum times do not fit")
        kept.remove(skippable[-1])
    minimum = sum(parts[i].minimum for i in kept)
    room = sum(parts[i].minutes - parts[i].minimum for i in kept)
    extra = total - minimum
    result: list[int | None] = [None] * len(parts)
    shares = [(parts[i].minutes - parts[i].minimum) * extra / room if room else 0 for i in kept]
    given = [parts[i].minimum + int(share) for i, share in zip(kept, shares, strict=True)]
    leftover = total - sum(given)
    order = sorted(range(len(kept)), key=lambda k: -(shares[k] - int(shares[k])))
    for k in order[:leftover]:
        given[k] += 1
    for i, minutes in zip(kept, given, strict=True):
        result[i] = minutes
    return result
