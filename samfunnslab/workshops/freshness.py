"""How fresh this process's view of a workshop is: change counters and the size of its room.

Read-through caches (the public activity state, the answer path's activity row) compare these
counters instead of asking the database whether something changed. The live layer writes them
(`events` after a commit, `hub` when a phone's socket comes or goes); selectors and answers only
read them. Keeping them here, below both, is what lets the selectors know nothing about sockets.
"""

from __future__ import annotations

from django.conf import settings

MIN_REFRESH_MS = 8000  # a phone re-fetches its results at most this often in a small room

_versions: dict[int, int] = {}
_workshop_versions: dict[int, int] = {}
_phones: dict[int, int] = {}  # phones per workshop in this process, readable from any thread


def touch_activity(activity_id: int) -> None:
    """Count a committed change of the activity (read-through caches compare the count)."""
    _versions[activity_id] = _versions.get(activity_id, 0) + 1


def activity_version(activity_id: int) -> int:
    """Return how many committed changes of the activity this process has seen."""
    return _versions.get(activity_id, 0)


def touch_workshop(workshop_id: int) -> None:
    """Count a change to the workshop or its activities' settings (not their answers)."""
    _workshop_versions[workshop_id] = _workshop_versions.get(workshop_id, 0) + 1


def workshop_version(workshop_id: int) -> int:
    """Return how many setting changes of the workshop this process has seen."""
    return _workshop_versions.get(workshop_id, 0)


def note_phone(workshop_id: int, change: int) -> None:
    """Count a phone's socket of the workshop coming (+1) to or leaving (-1) this process."""
    _phones[workshop_id] = max(0, _phones.get(workshop_id, 0) + change)


def fetches_per_second() -> float:
    return float(getattr(settings, "WORKSHOP_PHONE_FETCHES_PER_SECOND", 10))


def spread_ms(phones: int, floor: int) -> int:
    """Return the window over which `phones` fetches keep within the per-process budget."""
    return max(floor, int(1000 * phones / fetches_per_second()))


def refresh_ms(workshop_id: int) -> int:
    """Return how seldom each phone of the workshop in this process may fetch its results."""
    return spread_ms(_phones.get(workshop_id, 0), MIN_REFRESH_MS)


def is_crowded(workshop_id: int) -> bool:
    """True when this process holds so many phones of the workshop that their fetches are spread
    out (`refresh_ms` above the minimum); pages may then show results up to a second old."""
    return refresh_ms(workshop_id) > MIN_REFRESH_MS
