"""The Redis cache degrades to a per-process cache while Redis is down, and recovers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from samfunnslab.core.cache import ResilientRedisCache
from samfunnslab.core.tests.redis_process import RedisProcess


@pytest.fixture
def redis_process(tmp_path: Path) -> Iterator[RedisProcess]:
    server = RedisProcess(tmp_path)
    server.start()
    yield server
    server.stop()


def test_cache_operations_survive_a_stopped_redis_and_use_it_again_when_back(
    redis_process: RedisProcess,
) -> None:
    cache = ResilientRedisCache(redis_process.url, {"KEY_PREFIX": "t"})
    cache.set("shared", 1)
    assert cache.get("shared") == 1 and not cache.degraded

    redis_process.stop()
    assert cache.add("limit", 1, timeout=60) is True  # no exception: the process cache took it
    assert cache.incr("limit") == 2
    assert cache.get("shared") is None  # Redis's copy is out of reach, not an error
    assert cache.degraded

    redis_process.start()
    cache._down_until = 0.0  # the retry window has passed
    cache.set("shared", 2)
    assert cache.get("shared") == 2 and not cache.degraded
