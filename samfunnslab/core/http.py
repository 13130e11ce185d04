"""Small helpers for views that read request parameters. One meaning each, shared by every app."""

from __future__ import annotations

from collections.abc import Iterable


def int_or_none(raw: object) -> int | None:
    """Return the whole number in a request parameter or a socket message's JSON value, or None
    when it is missing or not one (`" 7 "` and `7` give 7; `""`, `None`, `"7a"`, `[7]` give None)."""
    if isinstance(raw, str):
        raw = raw.strip()
    try:
        return int(raw)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None


def ints(values: Iterable[str | None]) -> list[int]:
    """Return the whole numbers among repeated request parameters (others are left out)."""
    return [number for number in map(int_or_none, values) if number is not None]
