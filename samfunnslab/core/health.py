"""Readiness checks for the load balancer and the container: database, Redis and the snapshot.

Each check returns None when healthy or a short English reason (no secrets, no stack traces); the
views in `views.py` turn them into /readyz (all must pass, else 503) and /livez (the process only).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection


def check_database() -> str | None:
    """Ask the database for one row."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        return f"database: {type(exc).__name__}"
    return None


def check_redis() -> str | None:
    """PING Redis when REDIS_URL is set (the cache and the live channel layer depend on it)."""
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # noqa: BLE001
        return f"redis: {type(exc).__name__}"
    return None


def check_snapshot() -> str | None:
    """The embedded statistics: the manifest and every file it lists must be present."""
    directory = Path(settings.SNAPSHOT_DIR)
    manifest = directory / "MANIFEST.json"
    try:
        files = json.loads(manifest.read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        return f"snapshot: no readable MANIFEST.json in {directory.name}"
    missing = [name for name in files if not (directory / name).is_file()]
    if missing:
        return f"snapshot: missing {', '.join(sorted(missing))}"
    return None


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": check_database,
    "redis": check_redis,
    "snapshot": check_snapshot,
}


def readiness() -> dict[str, str]:
    """Run every check; return {name: "ok" | reason}."""
    return {name: (check() or "ok") for name, check in CHECKS.items()}
