"""Small query helpers shared by the apps."""

from __future__ import annotations

from django.db.models import Model, QuerySet


def only_match[M: Model](queryset: QuerySet[M]) -> M | None:
    """Return the one row a unique lookup finds, or None, without sorting.

    `.first()` sorts by the model's default ordering (for activities: position, then id), which
    costs a sort and, more so, Django's work to build it; a lookup by a unique key needs neither.
    These lookups run for every answer in a live workshop.
    """
    rows = list(queryset.order_by()[:1])
    return rows[0] if rows else None
