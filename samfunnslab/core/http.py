"""Small helpers for views that read request parameters. One meaning each, shared by every app."""

from __future__ import annotations

from collections.abc import Iterable


def int_or_none(raw: str | None) -> int | None:
    """Return the whole number in a request parameter, or None when it is missing or not one."""
    try:
        return int((raw or "").strip())
    except ValueError:
        return None


def ints(values: Iterable[str | None]) -> list[int]:
    """Return the whole numbers among repeated request parameters (others are left out)."""
    return [number for number in map(int_or_none, values) if number is not None]
