"""Every write in the workshops app, one module per section. Views and consumers parse, check
access and call one of these.

- `sessions`: create, open with a join code, close, show an activity, step, breakout groups
- `activities`: add, edit, results shown or hidden, lock, move, delete
- `participants`: join, self-description, breakout group
- `responses`: answers, contributions, statement votes and upvotes from phones; paper answers
- `moderation`: the facilitator's actions on contributions (moderate, theme, classify) and
  the phones' reports that hold an item for the facilitator
- `release`: the tallies phones and the projector see, released in steps of 5 answers
- `common`: limits and helpers shared by the others

Conventions: keyword-only, typed `<entity>_<action>` functions; each runs in one transaction; live
events are sent with `events.broadcast` after commit. A refused write raises `Refusal` with a plain
Norwegian message. Participant writes take an idempotency key: a retry with the same key returns the
stored answer (`created` is False) and changes nothing.

Import from the package (`from samfunnslab.workshops import services`); new sections get a module
of their own here rather than growing one of these.
"""

from __future__ import annotations

from samfunnslab.workshops.services.activities import (
    ACTIVITY_EDITABLE_FIELDS,
    activity_add,
    activity_delete,
    activity_move,
    activity_set_locked,
    activity_set_results_visible,
    activity_update,
)
from samfunnslab.workshops.services.common import (
    DEFAULT_MODERATED,
    DEFAULT_SHUFFLED,
    MAX_KEY_LENGTH,
    MAX_WORDCLOUD_WORDS,
    TEXT_LIMITS,
)
from samfunnslab.workshops.services.moderation import (
    MODERATION_ACTIONS,
    REPORTABLE_KINDS,
    contribution_classify,
    contribution_moderate,
    contribution_report,
    contribution_set_theme,
    theme_create_from_group,
    wordcloud_word_moderate,
)
from samfunnslab.workshops.services.participants import (
    DESCRIPTION_FIELDS,
    participant_choose_group,
    participant_describe,
    participant_join,
    participant_withdraw_description,
)
from samfunnslab.workshops.services.responses import (
    assisted_answer_submit,
    clean_contribution_text,
    contribution_submit,
    response_submit,
    statement_vote,
    upvote_set,
    was_shown,
)
from samfunnslab.workshops.services.sessions import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    check_municipality,
    group_add,
    new_join_code,
    normalise_join_code,
    workshop_close,
    workshop_create,
    workshop_open,
    workshop_show_activity,
    workshop_step,
)

__all__ = [
    "ACTIVITY_EDITABLE_FIELDS",
    "DEFAULT_MODERATED",
    "DEFAULT_SHUFFLED",
    "DESCRIPTION_FIELDS",
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "MAX_KEY_LENGTH",
    "MAX_WORDCLOUD_WORDS",
    "MODERATION_ACTIONS",
    "TEXT_LIMITS",
    "activity_add",
    "activity_delete",
    "activity_move",
    "activity_set_locked",
    "activity_set_results_visible",
    "activity_update",
    "assisted_answer_submit",
    "clean_contribution_text",
    "check_municipality",
    "contribution_classify",
    "contribution_moderate",
    "contribution_report",
    "REPORTABLE_KINDS",
    "contribution_set_theme",
    "contribution_submit",
    "group_add",
    "new_join_code",
    "normalise_join_code",
    "participant_choose_group",
    "participant_describe",
    "participant_join",
    "participant_withdraw_description",
    "response_submit",
    "statement_vote",
    "theme_create_from_group",
    "wordcloud_word_moderate",
    "upvote_set",
    "was_shown",
    "workshop_close",
    "workshop_create",
    "workshop_open",
    "workshop_show_activity",
    "workshop_step",
]
