"""The short per-process cache serves an entry only while its version is current and it is young."""

from __future__ import annotations

from typing import Any

from samfunnslab.core import shortcache
from samfunnslab.core.shortcache import VersionedCache


def test_an_entry_serves_while_its_version_is_current() -> None:
    cache: VersionedCache[str] = VersionedCache()
    cache.put("a", version=1, value="state")
    assert cache.get("a", version=1, max_age=5) == "state"
    assert cache.get("a", version=2, max_age=5) is None
    assert cache.get("b", version=1, max_age=5) is None


def test_an_old_entry_is_not_served_even_with_its_version(monkeypatch: Any) -> None:
    clock = iter([100.0, 103.0])
    monkeypatch.setattr(shortcache.time, "monotonic", lambda: next(clock))
    cache: VersionedCache[str] = VersionedCache()
    cache.put("a", version=1, value="state")
    assert cache.get("a", version=1, max_age=2) is None


def test_a_crowd_may_see_a_young_entry_of_an_older_version(monkeypatch: Any) -> None:
    clock = iter([100.0, 100.5, 100.5])
    monkeypatch.setattr(shortcache.time, "monotonic", lambda: next(clock))
    cache: VersionedCache[str] = VersionedCache()
    cache.put("a", version=1, value="state")
    assert cache.get("a", version=2, max_age=2, stale_ok=1.0) == "state"
    assert cache.get("a", version=2, max_age=2, stale_ok=0.2) is None


def test_a_full_cache_starts_afresh() -> None:
    cache: VersionedCache[int] = VersionedCache(limit=2)
    cache.put("a", version=0, value=1)
    cache.put("b", version=0, value=2)
    cache.put("c", version=0, value=3)
    assert cache.get("a", version=0, max_age=5) is None
    assert cache.get("c", version=0, max_age=5) == 3
