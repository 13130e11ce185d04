"""Workshop contributions as plain references: the one place that reads the workshops app.

A `ContributionRef` carries what a model part needs to link back: workshop, activity, contribution
id and the text as the participant wrote it. The workshops app is read through its selectors only.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class ContributionRef:
    """A workshop contribution that can be pulled into a model."""

    workshop_id: int
    workshop_title: str
    activity_id: int | None
    activity_title: str
    contribution_id: int
    text: str
    kind: str = ""
    """idea, statement or word (word-cloud word), as the workshops app names it."""


@dataclass(frozen=True)
class WorkshopRef:
    """A workshop the user may pull contributions from."""

    id: int
    title: str


def _workshop_selectors() -> ModuleType | None:
    """Return the workshops selectors module, or None while that app has none."""
    try:
        return importlib.import_module("samfunnslab.workshops.selectors")
    except ModuleNotFoundError:
        return None


def workshops_for(user: Any) -> list[WorkshopRef]:
    """Return the workshops whose contributions the user may pull into a model."""
    selectors = _workshop_selectors()
    finder = getattr(selectors, "workshops_for_user", None)
    if finder is None:
        return []
    return [WorkshopRef(id=w.id, title=str(getattr(w, "title", w))) for w in finder(user=user)]


def contributions_for(user: Any, workshop_id: int) -> list[ContributionRef]:
    """Return the ideas, statements and word-cloud words of a workshop the user may see."""
    selectors = _workshop_selectors()
    finder = getattr(selectors, "contributions_for_models", None)
    if finder is None:
        return []
    return [_as_ref(item) for item in finder(user=user, workshop_id=workshop_id)]


def contribution_get(user: Any, workshop_id: int, contribution_id: int) -> ContributionRef | None:
    """Return one contribution of a workshop the user may see, or None."""
    for ref in contributions_for(user, workshop_id):
        if ref.contribution_id == contribution_id:
            return ref
    return None


def _as_ref(item: Any) -> ContributionRef:
    """Convert what the workshops selector returns (object or mapping) into a ContributionRef."""
    get = item.get if isinstance(item, dict) else lambda key, default=None: getattr(item, key, default)
    return ContributionRef(
        workshop_id=int(get("workshop_id")),
        workshop_title=str(get("workshop_title", "")),
        activity_id=get("activity_id"),
        activity_title=str(get("activity_title", "")),
        contribution_id=int(get("contribution_id", get("id"))),
        text=str(get("text", "")),
        kind=str(get("kind", "")),
    )
