"""A Redis cache that degrades to a per-process memory cache while Redis is unreachable.

The cache holds rate-limit counters, short-lived copies of live state and freshness stamps;
nothing in it is the only copy of anything. So when Redis stops (a restart, a failover, a
network blip) a request must not fail with 500: each operation that cannot reach Redis is done
on a process-local LocMemCache instead, and for `RETRY_SECONDS` (with jitter, so the workers do
not all knock at once) Redis is not asked again. Rate limits then count per process (a little
looser on several workers, never off); when Redis answers again the shared counters are used.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

T = TypeVar("T")
RETRY_SECONDS = 2.0


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        # Fail fast: a request waits at most this long for a Redis that is gone.
        options.setdefault("socket_connect_timeout", 1.0)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, {**params, "OPTIONS": options})
        self._fallback = LocMemCache(
            "samfunnslab-cache-fallback", {"OPTIONS": {"MAX_ENTRIES": 5000}}
        )
        self._down_until = 0.0

    @property
    def degraded(self) -> bool:
        """True while operations go to the process-local cache."""
        return time.monotonic() < self._down_until

    def _try(self, operation: Callable[[], T], fallback: Callable[[], T]) -> T:
        if self.degraded:
            return fallback()
        try:
            return operation()
        except self._lib_errors() as exc:
            if not self.degraded:
                logger.warning(
                    "Redis cache unreachable (%s); using the process cache for now",
                    type(exc).__name__,
                )
            self._down_until = time.monotonic() + RETRY_SECONDS * (1 + random.random())
            return fallback()

    @staticmethod
    def _lib_errors() -> tuple[type[BaseException], ...]:
        import redis

        return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        args = (key, value, timeout)
        return self._try(
            lambda: super(ResilientRedisCache, self).add(*args, version=version),
            lambda: self._fallback.add(*args, version=version),
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._try(
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda: self._fallback.get(key, default, version),
        )

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        args = (key, value, timeout)
        return self._try(
            lambda: super(ResilientRedisCache, self).set(*args, version=version),
            lambda: self._fallback.set(*args, version=version),
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        args = (key, timeout)
        return self._try(
            lambda: super(ResilientRedisCache, self).touch(*args, version=version),
            lambda: self._fallback.touch(*args, version=version),
        )

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._try(
            lambda: super(ResilientRedisCache, self).delete(key, version),
            lambda: self._fallback.delete(key, version),
        )

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._try(
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda: self._fallback.get_many(keys, version),
        )

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._try(
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda: self._fallback.has_key(key, version),
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        return self._try(
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            lambda: self._fallback.incr(key, delta, version),
        )

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        args = (data, timeout)
        return self._try(
            lambda: super(ResilientRedisCache, self).set_many(*args, version=version),
            lambda: self._fallback.set_many(*args, version=version),
        )

    def delete_many(self, keys: Any, version: Any = None) -> Any:
        return self._try(
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda: self._fallback.delete_many(keys, version),
        )

    def count_in_windows(self, windows: list[tuple[str, int]], version: Any = None) -> list[int]:
        """Count one event in each fixed window `(key, seconds)`; return the counts so far.

        One round trip to Redis for all of them (a pipeline of `SET key 0 EX seconds NX` and
        `INCR key` per window: the window starts with its first event, and INCR keeps its expiry).
        The generic way (`add`, then `incr`, which asks whether the key exists first) takes three
        round trips per window; a room answering at once counts two windows per answer.
        """

        def on_redis() -> list[int]:
            client = self._cache.get_client(None, write=True)
            pipeline = client.pipeline(transaction=False)
            for key, seconds in windows:
                made = self.make_and_validate_key(key, version=version)
                pipeline.set(made, 0, ex=seconds, nx=True)
                pipeline.incr(made)
            return [int(count) for count in pipeline.execute()[1::2]]

        return self._try(on_redis, lambda: count_one_by_one(self._fallback, windows, version))

    def clear(self) -> Any:
        self._fallback.clear()
        return self._try(lambda: super(ResilientRedisCache, self).clear(), lambda: None)


def count_one_by_one(
    cache: BaseCache, windows: list[tuple[str, int]], version: Any = None
) -> list[int]:
    """`count_in_windows` for any cache: `add` starts a window, `incr` counts in it."""
    counts = []
    for key, seconds in windows:
        if cache.add(key, 1, timeout=seconds, version=version):
            counts.append(1)
            continue
        try:
            counts.append(int(cache.incr(key, version=version)))
        except ValueError:  # the window expired between add and incr
            cache.add(key, 1, timeout=seconds, version=version)
            counts.append(1)
    return counts


def count_in_windows(cache: Any, windows: list[tuple[str, int]]) -> list[int]:
    """Count one event in each fixed window `(key, seconds)` of the cache; return the counts.

    `cache` may be Django's `django.core.cache.cache` proxy: its backend is asked whether it
    counts in one go (`ResilientRedisCache`), else the windows are counted one by one.
    """
    in_one_go = getattr(cache, "count_in_windows", None)
    if in_one_go is not None:
        return list(in_one_go(windows))
    return count_one_by_one(cache, windows)
