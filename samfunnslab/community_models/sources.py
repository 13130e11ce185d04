"""Workshop contributions as plain references: the one place that reads the workshops app.

A `ContributionRef` carries what a model part needs to link back: workshop, activity, contribution
id and the text as the participant wrote it. A `PhotoRef` adds an approved photo from a phone (its
description is the text). The workshops app is read through its selectors only.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import IO, Any

from django.core.files.storage import default_storage


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
class PhotoRef:
    """An approved photo from a phone that can be put on a model: where it came from, the stored
    file's name (read with `open_photo`) and its size."""

    ref: ContributionRef
    picture: str
    width: int
    height: int


@dataclass(frozen=True)
class WorkshopRef:
    """A workshop the user may pull contributions from."""

    id: int
    title: str


KIND_NAMES = {
    "wordcloud": "word",
    "statements": "statement",
    "ideas": "idea",
    "open": "idea",
    "qa": "question",
    "photo": "photo",
}


def _workshop_selectors() -> ModuleType | None:
    """Return the workshops selectors module, or None where that app is not installed."""
    try:
        return importlib.import_module("samfunnslab.workshops.selectors")
    except ModuleNotFoundError:
        return None


def workshops_for(user: Any) -> list[WorkshopRef]:
    """Return the workshops whose contributions the user may pull into a model."""
    selectors = _workshop_selectors()
    if selectors is None:
        return []
    return [WorkshopRef(id=w.pk, title=w.title) for w in selectors.workshops_for_user(user)]


def contributions_for(user: Any, workshop_id: int) -> list[ContributionRef]:
    """Return the visible ideas, statements and words of a workshop of the user's organisations."""
    selectors = _workshop_selectors()
    if selectors is None:
        return []
    workshop = selectors.workshops_for_user(user).filter(pk=workshop_id).first()
    if workshop is None:
        return []
    return [
        _as_ref(workshop, c)
        for c in selectors.contributions_of(workshop).exclude(activity__kind="photo")
    ]


def contribution_get(user: Any, workshop_id: int, contribution_id: int) -> ContributionRef | None:
    """Return one visible contribution of a workshop the user may see, or None."""
    for ref in contributions_for(user, workshop_id):
        if ref.contribution_id == contribution_id:
            return ref
    return None


def photos_for(user: Any, *, contribution_id: int | None = None) -> list[PhotoRef]:
    """Return the approved photos from phones in the workshops the user may see, newest first
    (with `contribution_id`, only that one)."""
    selectors = _workshop_selectors()
    if selectors is None:
        return []
    found = selectors.approved_photos(
        selectors.workshops_for_user(user), contribution_id=contribution_id
    )
    return [
        PhotoRef(
            ref=_as_ref(c.activity.workshop, c),
            picture=c.picture.name,
            width=c.picture_width,
            height=c.picture_height,
        )
        for c in found
    ]


def photo_get(user: Any, contribution_id: int | None) -> PhotoRef | None:
    """Return one approved photo the user may put on a model, or None."""
    if contribution_id is None:
        return None
    return next(iter(photos_for(user, contribution_id=contribution_id)), None)


def open_photo(photo: PhotoRef) -> IO[bytes]:
    """Open the stored picture of an approved photo for reading."""
    return default_storage.open(photo.picture, "rb")


def _as_ref(workshop: Any, contribution: Any) -> ContributionRef:
    """Convert a workshops Contribution into a ContributionRef (ids and text as they are)."""
    activity = contribution.activity
    return ContributionRef(
        workshop_id=workshop.pk,
        workshop_title=workshop.title,
        activity_id=activity.pk,
        activity_title=activity.prompt,
        contribution_id=contribution.pk,
        text=contribution.text,
        kind=KIND_NAMES.get(activity.kind, activity.kind),
    )
