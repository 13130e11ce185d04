"""The Redis cache degrades to a per-process cache while Redis is down, and recovers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache.backends.locmem import LocMemCache

from samfunnslab.core.cache import ResilientRedisCache, count_in_windows
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


def test_counting_in_windows_takes_one_round_trip_and_keeps_each_window_s_expiry(
    redis_process: RedisProcess,
) -> None:
    cache = ResilientRedisCache(redis_process.url, {"KEY_PREFIX": "t"})
    client = cache._cache.get_client(None, write=True)
    cache.set("warm", 1)  # the connection and its handshake are made before counting
    sent: list[int] = []
    execute = client.connection_pool.connection_class.send_packed_command

    def counting(connection: Any, command: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(1)
        return execute(connection, command, *args, **kwargs)

    client.connection_pool.connection_class.send_packed_command = counting
    try:
        assert cache.count_in_windows([("a", 60), ("b", 600)]) == [1, 1]
        assert cache.count_in_windows([("a", 60), ("b", 600)]) == [2, 2]
        assert cache.count_in_windows([("a", 60)]) == [3]
    finally:
        client.connection_pool.connection_class.send_packed_command = execute
    assert len(sent) == 3  # one round trip per call, however many windows
    assert cache.get("a") == 3 and cache.get("b") == 2  # plain counts, as `incr` leaves them
    assert 0 < client.ttl(cache.make_and_validate_key("a")) <= 60
    assert 540 < client.ttl(cache.make_and_validate_key("b")) <= 600


def test_counting_in_windows_goes_on_in_the_process_while_redis_is_down(
    redis_process: RedisProcess,
) -> None:
    cache = ResilientRedisCache(redis_process.url, {"KEY_PREFIX": "t"})
    redis_process.stop()
    assert cache.count_in_windows([("a", 60), ("b", 60)]) == [1, 1]
    assert cache.count_in_windows([("a", 60)]) == [2]
    assert cache.degraded


def test_any_other_cache_counts_in_windows_one_by_one() -> None:
    cache = LocMemCache("windows", {})
    assert count_in_windows(cache, [("a", 60), ("b", 60)]) == [1, 1]
    assert count_in_windows(cache, [("a", 60)]) == [2]
    cache.delete("a")  # the window ran out
    assert count_in_windows(cache, [("a", 60), ("b", 60)]) == [1, 2]
