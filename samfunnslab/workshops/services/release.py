"""The tallies the room sees move in steps of MIN_CELL answers (docs/privacy.md).

A live tally that grows one answer at a time tells everyone watching what the newest person
answered: the difference of two tallies is one person. So phones and the projector see a
*released* tally, stored when the count of answer events (a new or a changed answer) reaches a
multiple of MIN_CELL, inside the writing transaction. The counter is bumped before the answer is
written, which locks the row, so writers are serialised and each released tally holds exactly the
events counted up to it: two released tallies differ by at least MIN_CELL events. A statement's
agree/disagree/pass counts are released the same way, one statement at a time (a person voting
through a deck would otherwise be laid bare vote by vote). The console and the exports count live.
"""

from __future__ import annotations

from django.db.models import F

from samfunnslab.core.disclosure import MIN_CELL
from samfunnslab.workshops import selectors
from samfunnslab.workshops.models import Activity, Contribution, StatementVote


def next_answer_event(activity: Activity) -> int:
    """Count one answer event on the activity (locking its row) and return the new count."""
    Activity.objects.filter(pk=activity.pk).update(answer_events=F("answer_events") + 1)
    activity.answer_events = Activity.objects.values_list("answer_events", flat=True).get(
        pk=activity.pk
    )
    return activity.answer_events


def release_results_if_due(activity: Activity, event: int) -> None:
    """Store the tally the room sees when `event` is a multiple of MIN_CELL."""
    if event % MIN_CELL == 0:
        activity.released_results = selectors.activity_results(activity)
        Activity.objects.filter(pk=activity.pk).update(released_results=activity.released_results)


def next_vote_event(statement_id: int) -> int:
    """Count one vote event on the statement (locking its row) and return the new count."""
    Contribution.objects.filter(pk=statement_id).update(vote_events=F("vote_events") + 1)
    return Contribution.objects.values_list("vote_events", flat=True).get(pk=statement_id)


def release_votes_if_due(statement_id: int, event: int) -> None:
    """Store the statement's vote counts the room sees when `event` is a multiple of MIN_CELL."""
    if event % MIN_CELL == 0:
        counts = selectors.statement_vote_counts(statement_id)
        Contribution.objects.filter(pk=statement_id).update(released_votes=counts)


def release_all(activity: Activity) -> None:
    """Release the activity's tallies as they stand (after an import, which has no room)."""
    activity.answer_events = activity.responses.count()
    activity.released_results = (
        selectors.activity_results(activity) if activity.answer_events else None
    )
    Activity.objects.filter(pk=activity.pk).update(
        answer_events=activity.answer_events, released_results=activity.released_results
    )
    for statement_id in activity.contributions.values_list("pk", flat=True):
        votes = StatementVote.objects.filter(statement_id=statement_id).count()
        Contribution.objects.filter(pk=statement_id).update(
            vote_events=votes,
            released_votes=selectors.statement_vote_counts(statement_id) if votes else None,
        )
