"""Template helpers for the workshop screens."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from samfunnslab.core import lang

register = template.Library()


@register.filter
def soft_breaks(address: str) -> SafeString:
    """Let a web address wrap after its dots and before its slashes, never inside a word."""
    escaped = str(conditional_escape(address))
    return mark_safe(re.sub(r"(?<=\.)(?=\w)|(?<=\w)(?=/\w)", "<wbr>", escaped))  # noqa: S308


# Marks a text the facilitator or the method wrote with `lang` when the page speaks another language
# (`lang` is the `content_lang` of the activity, "" when the interface speaks it).
register.filter("in_lang", lang.in_lang)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """Return mapping[key], or None when the mapping or the key is missing."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def type_label(value: Any) -> str:
    """Return the translated name of a contribution type («Forslag»), never its stored code."""
    from samfunnslab.workshops.models import ContributionType

    try:
        return str(ContributionType(value).label)
    except ValueError:
        return ""


@register.filter
def kind_label(value: Any) -> str:
    """Return the translated name of an activity kind («Ordsky»), never its stored code."""
    from samfunnslab.workshops.models import ActivityKind

    try:
        return str(ActivityKind(value).label)
    except ValueError:
        return ""


@register.filter
def with_activity(item: dict[str, Any], activity: dict[str, Any]) -> dict[str, Any]:
    """Give a listed contribution its activity's kind and themes (for the one-click tools)."""
    return {**item, "kind": activity["kind"], "themes": activity["themes"]}


@register.simple_tag
def municipality_label(code: str) -> str:
    """Return «Haugesund (1106)» for a municipality code (the code alone if unknown)."""
    from samfunnslab.workshops.forms import municipality_names

    name = dict(municipality_names()).get(code, "")
    return f"{name} ({code})" if name else code


@register.inclusion_tag("workshops/_municipality_names.html")
def municipality_datalist() -> dict[str, Any]:
    """The list of municipality names a `list="municipality-names"` field picks from."""
    from samfunnslab.workshops.forms import municipality_names

    return {"form": {"municipality_names": municipality_names()}}
