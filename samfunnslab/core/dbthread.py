"""Database work from async code for the hot path: connections checked at most once a second.

Channels' `database_sync_to_async` runs `close_old_connections()` before and after every call.
With `CONN_HEALTH_CHECKS` that makes the next query start with a health check (`SELECT 1` on
PostgreSQL): one extra round trip to the database per call. A room answering at once sends
hundreds of answers a second through the one database thread of a process, and on PostgreSQL
that check was one round trip in five of every answer.

`seldom_checked_sync_to_async` tidies the connections (age, health, a broken transaction) before a
call only when a second has passed since the last tidy-up on that thread, and at once after a call
that raised: a connection that broke is dropped before the next call, which opens a fresh one. On
SQLite a health check costs nothing, so only PostgreSQL gains.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from asgiref.sync import SyncToAsync
from django.db import close_old_connections

TIDY_EVERY_SECONDS = 1.0

_tidied_at: dict[int, float] = {}  # per thread (connections belong to threads)


def clock() -> float:
    return time.monotonic()


def _tidy_if_due() -> None:
    now = clock()
    if now - _tidied_at.get(threading.get_ident(), float("-inf")) >= TIDY_EVERY_SECONDS:
        tidy_now()


def tidy_now() -> None:
    """Tidy this thread's connections now (and start counting the second again)."""
    close_old_connections()
    _tidied_at[threading.get_ident()] = clock()


class SeldomCheckedSyncToAsync(SyncToAsync):  # type: ignore[misc]
    """`database_sync_to_async` that tidies connections at most once a second, and after errors."""

    def thread_handler(self, loop: Any, *args: Any, **kwargs: Any) -> Any:
        _tidy_if_due()
        try:
            return super().thread_handler(loop, *args, **kwargs)
        except BaseException:
            tidy_now()
            raise


seldom_checked_sync_to_async = SeldomCheckedSyncToAsync
