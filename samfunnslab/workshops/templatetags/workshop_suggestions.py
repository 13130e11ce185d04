"""`{% contribution_suggestion contribution as s %}`: the suggested type and theme of one
contribution (a model or a console item dict), computed once per activity and render."""

from __future__ import annotations

from typing import Any

from django import template

from samfunnslab.workshops.models import Activity
from samfunnslab.workshops.suggestions import (
    ContributionSuggestion,
    ThemeProposal,
    new_theme_proposals,
    suggestion_for_id,
)

register = template.Library()
CACHE_KEY = "workshop_suggestions"


@register.simple_tag(takes_context=True)
def contribution_suggestion(context: Any, contribution: Any) -> ContributionSuggestion | None:
    """Return the suggestion for a contribution, or None when there is nothing to suggest."""
    identifier = contribution.get("id") if isinstance(contribution, dict) else contribution.pk
    if not identifier:
        return None
    cache = context.render_context.setdefault(CACHE_KEY, {})
    return suggestion_for_id(int(identifier), cache)


@register.simple_tag
def theme_proposals(activity: Any) -> list[ThemeProposal]:
    """«New theme?» proposals for an activity (a model or a console state dict)."""
    identifier = activity.get("id") if isinstance(activity, dict) else activity.pk
    found = Activity.objects.filter(pk=identifier).first() if identifier else None
    return new_theme_proposals(found) if found is not None else []
