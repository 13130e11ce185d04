"""JSON API endpoints of this app, mounted in config/api.py at /api/rammebetingelser/."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from samfunnslab.lab import authorizers, selectors

router = Router()


class ConditionOut(Schema):
    """One entry of the framework-conditions register."""

    id: int
    title: str
    summary: str
    reference: str
    level: str
    type: str
    link: str
    checked: bool
    checked_by: str
    checked_on: str | None
    local: bool


@router.get("/", response=list[ConditionOut], summary="Rammebetingelser (registeret)")
def list_conditions(
    request: HttpRequest, q: str = "", level: str = "", type: str = ""
) -> list[ConditionOut]:
    """Return the register entries the caller may see, filtered by text, level and type."""
    conditions = selectors.register_search(
        authorizers.visible_conditions(request.user), q=q, level=level, type=type
    )
    return [
        ConditionOut(
            id=c.pk,
            title=c.title,
            summary=c.summary,
            reference=c.reference,
            level=c.level,
            type=c.type,
            link=c.link,
            checked=c.checked,
            checked_by=c.checked_by_name,
            checked_on=c.checked_on.isoformat() if c.checked_on else None,
            local=c.organisation_id is not None,
        )
        for c in conditions
    ]
