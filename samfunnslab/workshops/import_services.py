"""The writes of an import: checked table rows become activities, answers, cards and votes.

`imports` reads and checks a file; `table_import` stores what it found, in one transaction, with
the same cleaning typed answers get (whitespace, normalised words for counting, profanity held for
moderation, answers checked by the activity kind's own rules). What our export wrote comes back
as it was: a poll as a poll with its options and answers, idea cards on their group's board, Q&A
questions with their upvotes and «besvart», statements with their votes, map pins.

Votes and poll answers need someone who gave them: an import creates anonymous participants with
no self-description, one per answer number of the file (`svarnummer`), with a token derived from
the workshop and that number so that importing the same file again finds them and adds nothing.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.workshops import kinds, services
from samfunnslab.workshops import text as textrules
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    CONTRIBUTION_KINDS,
    OPTION_KINDS,
    RESPONSE_KINDS,
    Activity,
    ActivityKind,
    BreakoutGroup,
    Contribution,
    ContributionStatus,
    Participant,
    Response,
    StatementVote,
    Upvote,
    Vote,
    Workshop,
)
from samfunnslab.workshops.services import release
from samfunnslab.workshops.table import ImportRow

IMPORT_KEY_PREFIX = "import:"
OPTION_SEPARATOR = " | "
ANSWERED = "besvart"
MAX_ACTIVITY = 300
_PARTICIPANT_NAMESPACE = uuid.UUID("6f7e2a52-3c55-4e0e-9a53-5b1d0c1f2e11")


class RowRefusal(Exception):
    """A row that passed the checks but cannot be stored (an unknown option, a broken ranking)."""

    def __init__(self, line: int, column: str, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass
class Stored:
    """How many rows were created and how many were there already, and the activities used."""

    created: int = 0
    duplicates: int = 0
    activities: list[str] = field(default_factory=list)


def import_keys(rows: Sequence[ImportRow]) -> list[str]:
    """Key each row by its content and how often that content came before in the file.

    Importing the same file again finds the same keys (nothing is added twice), while two people
    who wrote the same words in one file stay two rows.
    """
    seen: Counter[str] = Counter()
    keys = []
    for row in rows:
        parts = [
            row.activity,
            row.text,
            row.type,
            row.answer,
            row.theme,
            row.subtheme,
            row.time.isoformat() if row.time else "",
        ]
        if row.kind or row.group:
            parts += [row.kind, row.group]
        content = "\x1f".join(parts)
        keys.append(
            IMPORT_KEY_PREFIX
            + hashlib.sha256(f"{content}\x1e{seen[content]}".encode()).hexdigest()[:40]
        )
        seen[content] += 1
    return keys


# ------------------------------------------------------------------ activities


@dataclass
class _Plan:
    """One activity of the file: its prompt, kind and what its rows say about its options."""

    prompt: str
    kind: str
    rows: list[ImportRow] = field(default_factory=list)

    def options(self) -> list[str]:
        listed = next((r.options for r in self.rows if r.options), "")
        if listed and self.kind != ActivityKind.SCALE:
            return [o.strip() for o in listed.split(OPTION_SEPARATOR.strip()) if o.strip()]
        return list(dict.fromkeys(r.option for r in self.rows if r.option))

    def scale_max(self) -> int:
        found = re.fullmatch(r"\s*1\s*[-–]\s*(\d+)\s*", next((r.options for r in self.rows), ""))
        if found:
            return int(found.group(1))
        return max([5, *(r.value or 0 for r in self.rows)])

    def themes(self) -> list[str]:
        return sorted({r.theme for r in self.rows} - {""})

    def text_lang(self) -> str:
        """The language the file gives the activity (`aktivitetsspråk`), bokmål when it has none."""
        return next((r.text_lang for r in self.rows if r.text_lang), "nb")


def _plans(rows: Sequence[ImportRow], fallback: str) -> dict[tuple[str, str], _Plan]:
    plans: dict[tuple[str, str], _Plan] = {}
    for row in rows:
        key = (row.activity or fallback, row.kind)
        plans.setdefault(key, _Plan(prompt=key[0], kind=row.kind)).rows.append(row)
    return plans


def _activity_for(workshop: Workshop, plan: _Plan) -> Activity:
    """Return the workshop's activity with this prompt and kind, creating it if needed."""
    kinds_wanted = CONTRIBUTION_KINDS if not plan.kind else (plan.kind,)
    existing = (
        workshop.activities.filter(prompt=plan.prompt, kind__in=kinds_wanted)
        .order_by("position", "id")
        .first()
    )
    if existing is not None:
        return existing
    kind = plan.kind or ActivityKind.OPEN
    try:
        return services.activity_add(
            workshop=workshop,
            kind=kind,
            prompt=plan.prompt,
            options=plan.options() if kind in (*OPTION_KINDS, ActivityKind.MAP) else (),
            scale_max=plan.scale_max() if kind == ActivityKind.SCALE else 5,
            themes=plan.themes(),
            moderated=False,
            text_lang=plan.text_lang(),
        )
    except Refusal as refusal:
        raise RowRefusal(plan.rows[0].line, "aktivitet", refusal.message) from None


# ------------------------------------------------------------------ people


def _imported_participant(workshop: Workshop, number: int) -> Participant:
    """The anonymous participant who gave answer `number` of an imported file."""
    token = uuid.uuid5(_PARTICIPANT_NAMESPACE, f"{workshop.pk}:{number}")
    participant, _created = Participant.objects.get_or_create(
        token=token, defaults={"workshop": workshop}
    )
    return participant


def _group(workshop: Workshop, name: str, cache: dict[str, BreakoutGroup]) -> BreakoutGroup:
    if name not in cache:
        cache[name] = workshop.groups.filter(name=name).first() or BreakoutGroup.objects.create(
            workshop=workshop, name=name[:100], position=workshop.groups.count()
        )
    return cache[name]


# ------------------------------------------------------------------ contributions


def contribution_import(
    *,
    activity: Activity,
    row: ImportRow,
    key: str,
    source: str,
    group: BreakoutGroup | None = None,
) -> Contribution:
    """Store one imported text with the cleaning a typed one gets; the file's time is kept."""
    text = " ".join(row.text.split())
    answered = activity.kind == ActivityKind.QA and row.answer == ANSWERED
    held = activity.kind != ActivityKind.WORDCLOUD and textrules.is_profane(text)
    contribution = Contribution.objects.create(
        activity=activity,
        participant=None,
        group=group,
        text=text,
        normalised=textrules.normalise(text)[:500],
        contribution_type=row.type,
        theme=row.theme,
        subtheme=row.subtheme,
        comment="" if answered else row.answer,
        answered=answered,
        imported_from=source[:200] or "import",
        idempotency_key=key,
        **_pin_fields(activity, row),
        status=ContributionStatus.PENDING if held else ContributionStatus.VISIBLE,
    )
    if row.time is not None:  # created_at is set on insert; the original time wins
        Contribution.objects.filter(pk=contribution.pk).update(created_at=row.time)
    _restore_votes(contribution, row)
    return contribution


def _pin_fields(activity: Activity, row: ImportRow) -> dict[str, Any]:
    if activity.kind != ActivityKind.MAP:
        return {}
    return {"category": row.option, "latitude": row.latitude, "longitude": row.longitude}


def _restore_votes(contribution: Contribution, row: ImportRow) -> None:
    workshop = contribution.activity.workshop
    if contribution.activity.kind == ActivityKind.QA and row.votes:
        for number in range(1, row.votes + 1):
            Upvote.objects.get_or_create(
                contribution=contribution, participant=_imported_participant(workshop, number)
            )
    if contribution.activity.kind == ActivityKind.STATEMENTS:
        number = 0
        for vote, count in (
            (Vote.AGREE, row.agree),
            (Vote.DISAGREE, row.disagree),
            (Vote.PASS, row.passed),
        ):
            for _i in range(count or 0):
                number += 1
                StatementVote.objects.update_or_create(
                    statement=contribution,
                    participant=_imported_participant(workshop, number),
                    defaults={"vote": vote},
                )


# ------------------------------------------------------------------ answers


def _answer_value(activity: Activity, rows: Sequence[ImportRow]) -> dict[str, Any]:
    """Turn the rows of one imported answer back into the value the phone would have sent."""
    options = [str(o) for o in activity.options]

    def index(row: ImportRow) -> int:
        if row.option in options:
            return options.index(row.option)
        raise RowRefusal(
            row.line,
            "alternativ",
            _("«%(option)s» er ikke et av alternativene til «%(prompt)s».")
            % {"option": row.option[:60], "prompt": activity.prompt[:60]},
        )

    first = rows[0]
    if activity.kind == ActivityKind.CHOICE:
        if first.option:
            return {"choice": index(first)}
        return {"choice": (first.value or 0) - 1}
    if activity.kind == ActivityKind.SCALE:
        return {"value": kinds.DONT_KNOW if first.value is None else first.value}
    if activity.kind == ActivityKind.RANKING:
        places = sorted((row.value or 0, index(row)) for row in rows)
        return {"order": [i for _place, i in places]}
    points = [0] * len(options)
    for row in rows:
        points[index(row)] = row.value or 0
    return {"points": points}


def response_import(
    *, activity: Activity, number: int, rows: Sequence[ImportRow], key: str
) -> Response | None:
    """Store one imported answer, checked by the kind's rules; None when it is there already."""
    participant = _imported_participant(activity.workshop, number)
    if Response.objects.filter(activity=activity, participant=participant).exists():
        return None
    try:
        value = kinds.clean_response(activity, _answer_value(activity, rows))
    except Refusal as refusal:
        raise RowRefusal(rows[0].line, "verdi", refusal.message) from None
    response = Response.objects.create(
        activity=activity, participant=participant, value=value, idempotency_key=key
    )
    if rows[0].time is not None:
        Response.objects.filter(pk=response.pk).update(created_at=rows[0].time)
    return response


def _answers(rows: Iterable[ImportRow]) -> dict[int, list[ImportRow]]:
    """Group the rows of a poll by answer number; a row without one is an answer of its own."""
    grouped: dict[int, list[ImportRow]] = defaultdict(list)
    next_free = max([0, *(r.answer_number or 0 for r in rows)])
    for row in rows:
        if row.answer_number is None:
            next_free += 1
        grouped[row.answer_number or next_free].append(row)
    return grouped


# ------------------------------------------------------------------ the whole table


@transaction.atomic
def table_import(*, workshop: Workshop, rows: Sequence[ImportRow], source: str) -> Stored:
    """Store checked rows in the workshop: all of them, or none when one is refused."""
    stored = Stored()
    fallback = (_("Importert fra %(file)s") % {"file": source or _("fil")})[:MAX_ACTIVITY]
    existing = set(
        Contribution.objects.filter(
            activity__workshop=workshop, idempotency_key__startswith=IMPORT_KEY_PREFIX
        ).values_list("idempotency_key", flat=True)
    )
    keys = dict(zip((id(r) for r in rows), import_keys(rows), strict=True))
    groups: dict[str, BreakoutGroup] = {}
    for plan in _plans(rows, fallback).values():
        activity = _activity_for(workshop, plan)
        stored.activities.append(plan.prompt)
        if activity.kind in RESPONSE_KINDS:
            for number, answer_rows in _answers(plan.rows).items():
                made = response_import(
                    activity=activity, number=number, rows=answer_rows, key=keys[id(answer_rows[0])]
                )
                stored.created += len(answer_rows) if made else 0
                stored.duplicates += 0 if made else len(answer_rows)
        else:
            for row in plan.rows:
                key = keys[id(row)]
                if key in existing:
                    stored.duplicates += 1
                    continue
                group = _group(workshop, row.group, groups) if row.group else None
                contribution_import(activity=activity, row=row, key=key, source=source, group=group)
                stored.created += 1
        release.release_all(activity)
    return stored
