"""Page contexts of the lab: the front page (register, exercises, start form) and the choice lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count

from samfunnslab.accounts.authorizers import UserLike, editable_organisations
from samfunnslab.community_models.authorizers import visible_models
from samfunnslab.lab import authorizers
from samfunnslab.lab.models import (
    ConditionType,
    FindingType,
    ForsokLetter,
    Level,
    Mechanism,
    Room,
    SourceKind,
    Status,
)


def choices() -> dict[str, Any]:
    """Return the choice lists the lab forms need."""
    return {
        "levels": Level.choices,
        "types": ConditionType.choices,
        "source_kinds": SourceKind.choices,
        "finding_types": FindingType.choices,
        "mechanisms": Mechanism.choices,
        "rooms": Room.choices,
        "letters": ForsokLetter.choices[1:],
        "statuses": Status.choices,
        "scores": range(1, 6),
    }


def index_context(user: UserLike, *, errors: list[str], form: Mapping[str, Any]) -> dict[str, Any]:
    """Return the lab's front page: the exercises, models and register to start from."""
    exercises = (
        authorizers.visible_exercises(user)
        .select_related("model", "organisation")
        .annotate(finding_count=Count("findings"))
    )
    return {
        "exercises": exercises,
        "models": visible_models(user).order_by("name"),
        "conditions": authorizers.visible_conditions(user).order_by("level", "title"),
        "organisations": editable_organisations(user),
        "errors": errors,
        "form": form,
    }
