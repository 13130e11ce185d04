"""Page contexts of the opinion map: the styled map (shape and colour per group) for its page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from samfunnslab.community_models import selectors as community_selectors
from samfunnslab.core import lang
from samfunnslab.opinions import live, selectors
from samfunnslab.workshops import authorizers as workshop_authorizers
from samfunnslab.workshops.models import Activity

UserLike = AbstractBaseUser | AnonymousUser
SHAPES = ("circle", "square", "triangle", "diamond", "cross")
LABEL_OFFSET = 0.14  # the group letter sits above its centre, clear of the dots
COLOURS = ("#1E5AA8", "#B3471A", "#2E7D32", "#6A3D9A", "#8C6D00")  # 3:1 on white (WCAG 1.4.11)


def _styled(payload: dict[str, Any] | None) -> dict[str, Any] | None:
    """Give each group a shape and a colour for the SVG (never colour alone)."""
    if payload is None:
        return None
    style = {
        g["letter"]: {"shape": SHAPES[i], "colour": COLOURS[i]}
        for i, g in enumerate(payload["groups"])
    }
    return {
        **payload,
        "dots": [{**d, **style.get(d["group"], {})} for d in payload["dots"]],
        "groups": [
            {**g, **style[g["letter"]], "label_y": round(max(g["y"] - LABEL_OFFSET, -1.1), 3)}
            for g in payload["groups"]
        ],
    }


def _marked(payload: dict[str, Any] | None, activity: Activity, written: str) -> Any:
    """Give each statement the `lang` to mark it with: the activity's language (`written`) for
    the ones the facilitator seeded; "" for a participant's, whose language nobody knows."""
    if payload is None:
        return None
    seeded = selectors.seeded_statements(activity.pk) if written else frozenset()

    def mark(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**s, "lang": written if s["id"] in seeded else ""} for s in statements]

    return {
        **payload,
        "groups": [{**g, "statements": mark(g["statements"])} for g in payload["groups"]],
        "unites": mark(payload["unites"]),
        "divides": mark(payload["divides"]),
    }


def map_context(activity: Activity, user: UserLike) -> dict[str, Any]:
    """Return what the map page (and its live part) shows."""
    entry = live.current_map(activity.pk)
    written = lang.other_lang(activity.text_lang)
    return {
        "activity": activity,
        "workshop": activity.workshop,
        "content_lang": written,
        "map": _marked(_styled(entry["payload"]), activity, written) if entry else None,
        "can_run": workshop_authorizers.can_run_workshop(user, activity.workshop),
    }


def group_models_context(
    activity: Activity, user: UserLike, seeds: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Return what the model-team page shows: the seeds before, the teams' models after."""
    teams = community_selectors.team_models(activity.pk)
    return {
        "activity": activity,
        "workshop": activity.workshop,
        "seeds": seeds,
        "teams": teams,
        "compare_ids": [m.pk for m in teams][: community_selectors.MAX_COMPARED],
        "can_run": workshop_authorizers.can_run_workshop(user, activity.workshop),
    }
