"""Typed helpers for reading settings from the environment; they fail loudly on bad values."""

from __future__ import annotations

import os


def envbool(name: str, default: bool) -> bool:
    """Read a boolean ("1/0", "true/false", "yes/no", "on/off")."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no or on/off)")


def envint(name: str, default: int) -> int:
    """Read an integer."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not an integer") from None


def envstr(name: str, default: str) -> str:
    """Read a string, falling back to the default when unset or empty."""
    return os.environ.get(name) or default


def envlist(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def insecure_secret_key(value: str, *, dev_key: str) -> bool:
    """Tell whether a SECRET_KEY is unfit for production (Django's own W009 rule, plus our dev key)."""
    return (
        value == dev_key
        or value.startswith("django-insecure")
        or len(value) < 50
        or len(set(value)) < 5
    )
