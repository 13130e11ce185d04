"""A small per-process read-through cache for rows and states read on every request of a crowd."""

from __future__ import annotations

import time
from collections.abc import Hashable


class VersionedCache[V]:
    """Entries kept with the version of what they were built from and the time they were built.

    An entry serves while its version is still the current one and it is younger than `max_age`
    (which bounds what another server process may have changed unseen), or, whatever its version,
    while it is younger than `stale_ok` (a crowd that may see a second-old state). At `limit`
    entries the cache starts afresh.
    """

    def __init__(self, *, limit: int = 1000) -> None:
        self.limit = limit
        self._entries: dict[Hashable, tuple[float, int, V]] = {}

    def get(
        self, key: Hashable, *, version: int, max_age: float, stale_ok: float = 0.0
    ) -> V | None:
        hit = self._entries.get(key)
        if hit is None:
            return None
        age = time.monotonic() - hit[0]
        if (hit[1] == version and age < max_age) or age < stale_ok:
            return hit[2]
        return None

    def put(self, key: Hashable, *, version: int, value: V) -> None:
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[key] = (time.monotonic(), version, value)
