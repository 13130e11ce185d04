"""The tallies the room sees move in steps of at least MIN_CELL people (docs/privacy.md).

A live tally that grows one answer at a time tells everyone watching what the newest person
answered: the difference of two tallies is one person. So phones and the projector see a
*released* tally, and a new one is released only when at least MIN_CELL answers are new or
changed since the last (each answer is one person's; `updated_at` says when it was last given):

- The check runs after the commit, when the activity's merged live event is built
  (`events.activity_changed`): at most once per merge window and server process, and nothing is
  added to the answer's own transaction, so answering costs what it did.
- The answers are read in one query (one snapshot). The release stores their tally and the
  newest answer time in it, and only if the release it started from is still the latest (a
  compare-and-set: of several server processes, one wins). An answer that commits late with an
  older time is not counted as new, but is in the next release: the difference can only grow.

A statement's agree/disagree/pass counts are released the same way, per statement (a person
voting through a deck would otherwise be laid bare vote by vote). The console and the exports
count live.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from samfunnslab.core.disclosure import MIN_CELL
from samfunnslab.workshops import selectors
from samfunnslab.workshops.models import RESPONSE_KINDS, Activity, ActivityKind, Contribution

VOTE_KEYS = {1: "agree", -1: "disagree", 0: "pass"}


def release_due(activity_id: int) -> None:
    """Release the activity's tallies that have at least MIN_CELL new or changed answers."""
    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None:
        return
    if activity.kind in RESPONSE_KINDS:
        _release_answers(activity, at_least=MIN_CELL)
    if activity.kind == ActivityKind.STATEMENTS:
        for statement_id in selectors.statements_due(activity_id, MIN_CELL):
            _release_votes(statement_id, at_least=MIN_CELL)


def release_all(activity: Activity) -> None:
    """Release the activity's tallies as they stand (after an import, which has no room)."""
    if activity.kind in RESPONSE_KINDS:
        _release_answers(activity, at_least=1)
    if activity.kind == ActivityKind.STATEMENTS:
        for statement_id in activity.contributions.values_list("pk", flat=True):
            _release_votes(statement_id, at_least=1)


def _fresh(times: Sequence[datetime], through: datetime | None) -> int:
    return sum(1 for t in times if through is None or t > through)


ATTEMPTS = 3  # a release lost to another process is tried again on the newer snapshot


def _release_answers(activity: Activity, *, at_least: int) -> None:
    _release(
        Activity, activity.pk, at_least=at_least, field="released_results",
        read=lambda: selectors.answers_with_times(activity),
        summarise=lambda values: selectors.tally(activity, values),
    )  # fmt: skip


def _release_votes(statement_id: int, *, at_least: int) -> None:
    _release(
        Contribution, statement_id, at_least=at_least, field="released_votes",
        read=lambda: selectors.votes_with_times(statement_id), summarise=_vote_counts,
    )  # fmt: skip


def _vote_counts(votes: list[int]) -> dict[str, int]:
    counts = {key: 0 for key in VOTE_KEYS.values()}
    for vote in votes:
        counts[VOTE_KEYS[vote]] += 1
    return counts


def _release(
    model: type[Activity] | type[Contribution],
    pk: int,
    *,
    at_least: int,
    field: str,
    read: Callable[[], Sequence[tuple[Any, datetime]]],
    summarise: Callable[[list[Any]], dict[str, Any]],
) -> None:
    """Store `summarise` of the rows `read` returns once at least `at_least` of them are newer
    than the last release, if that release is still the latest (else try the newer snapshot)."""
    for _attempt in range(ATTEMPTS):
        through = model.objects.values_list("released_through", flat=True).get(pk=pk)
        rows = read()
        if not rows or _fresh([t for _v, t in rows], through) < at_least:
            return
        unchanged = {"released_through": through} if through else {"released_through__isnull": True}
        newest = max(t for _v, t in rows)
        summary = summarise([value for value, _t in rows])
        if model.objects.filter(pk=pk, **unchanged).update(
            released_through=newest, **{field: summary}
        ):
            return
