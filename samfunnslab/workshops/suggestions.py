"""Suggested type and theme for open contributions, from the facilitator's own themes.

Reads only. The theme list is the activity's themes plus every theme already set in the workshop
(typed by the facilitator or imported with a table); the labelled examples are the workshop's
contributions whose theme was set or that came from an imported table, plus (for types only) the
typed rows of tables imported earlier into the organisation's other workshops. The engine is
`textsort.suggest`; see docs/workshop-data.md for how it scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    ContributionType,
)
from textsort.kinds import Kind
from textsort.suggest import Example, Suggester

MAX_EXAMPLES = 600
KIND_TO_TYPE = {
    str(Kind.QUESTION): ContributionType.QUESTION,
    str(Kind.INPUT): ContributionType.INPUT,
    str(Kind.SUGGESTION): ContributionType.SUGGESTION,
}
TYPE_TO_KIND = {value: key for key, value in KIND_TO_TYPE.items()}


@dataclass(frozen=True)
class ContributionSuggestion:
    """What the console offers for one contribution: a type and/or a theme to accept in one click."""

    contribution_id: int
    workshop_id: int
    type: str  # a ContributionType value, "" when the contribution already has one
    type_label: str
    theme: str  # "" when none is close enough or one is set
    confidence: float


def _example(c: Contribution, *, with_theme: bool = True) -> Example:
    return Example(
        text=c.text,
        type=TYPE_TO_KIND.get(c.contribution_type, ""),
        theme=c.theme if with_theme else "",
    )


def suggester_for(activity: Activity) -> Suggester:
    """Build the suggester from the workshop's own themes and labelled texts."""
    workshop = activity.workshop
    here = list(
        Contribution.objects.filter(activity__workshop=workshop, activity__kind=ActivityKind.OPEN)
        .filter(~Q(theme="") | ~Q(imported_from=""))
        .order_by("-id")[:MAX_EXAMPLES]
    )
    earlier = list(
        Contribution.objects.filter(activity__workshop__organisation_id=workshop.organisation_id)
        .exclude(activity__workshop=workshop)
        .exclude(imported_from="")
        .exclude(contribution_type="")
        .order_by("-id")[: max(0, MAX_EXAMPLES - len(here))]
    )
    themes = [*activity.themes, *(c.theme for c in here if c.theme)]
    examples = [_example(c) for c in here] + [_example(c, with_theme=False) for c in earlier]
    return Suggester(themes, examples)


def suggestions_for(
    activity: Activity, contributions: Iterable[Contribution]
) -> dict[int, ContributionSuggestion]:
    """Suggest a type and theme for the open contributions that lack one (by contribution id)."""
    if activity.kind != ActivityKind.OPEN:
        return {}
    wanted = [
        c
        for c in contributions
        if c.status != ContributionStatus.HIDDEN and (not c.theme or not c.contribution_type)
    ]
    if not wanted:
        return {}
    found = suggester_for(activity).suggest_many([c.text for c in wanted])
    result = {}
    for contribution, suggestion in zip(wanted, found, strict=True):
        kind = "" if contribution.contribution_type else KIND_TO_TYPE[suggestion.type]
        theme = "" if contribution.theme else suggestion.theme
        if not kind and not theme:
            continue
        result[contribution.pk] = ContributionSuggestion(
            contribution_id=contribution.pk,
            workshop_id=activity.workshop_id,
            type=kind,
            type_label=str(ContributionType(kind).label) if kind else "",
            theme=theme,
            confidence=suggestion.type_confidence,
        )
    return result


def suggestion_for_id(
    contribution_id: int, cache: dict[int, dict[int, ContributionSuggestion]]
) -> ContributionSuggestion | None:
    """The suggestion for one contribution, computing its activity's suggestions once per cache."""
    contribution = (
        Contribution.objects.filter(pk=contribution_id).select_related("activity__workshop").first()
    )
    if contribution is None:
        return None
    activity = contribution.activity
    if activity.pk not in cache:
        pool = activity.contributions.exclude(status=ContributionStatus.HIDDEN).order_by("-id")
        cache[activity.pk] = suggestions_for(activity, pool[:MAX_EXAMPLES])
    return cache[activity.pk].get(contribution_id)


@dataclass(frozen=True)
class ThemeProposal:
    """«New theme?»: similar open contributions without a theme, and a name from their words."""

    name: str
    contribution_ids: tuple[int, ...]
    texts: tuple[str, ...]


def new_theme_proposals(activity: Activity) -> list[ThemeProposal]:
    """Group the activity's visible, unthemed contributions; groups of three or more are proposed."""
    if activity.kind != ActivityKind.OPEN:
        return []
    unthemed = list(
        activity.contributions.filter(status=ContributionStatus.VISIBLE, theme="").order_by("-id")[
            :MAX_EXAMPLES
        ]
    )
    groups = Suggester([]).new_themes([c.text for c in unthemed])
    return [
        ThemeProposal(
            name=" ".join(group.label),
            contribution_ids=tuple(unthemed[i].pk for i in group.members),
            texts=tuple(unthemed[i].text for i in group.members),
        )
        for group in groups
    ]
