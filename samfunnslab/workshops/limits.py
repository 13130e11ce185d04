"""Cache-based rate limits: per participant, per IP address, and for guessing join codes.

Fixed windows in the shared cache (Redis when REDIS_URL is set), so every server process counts
together. Limits are generous per IP because a whole school class may share one address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from samfunnslab.workshops.errors import Refusal


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


def _limit(name: str, count: int, seconds: int) -> Limit:
    overrides = getattr(settings, "WORKSHOP_RATE_LIMITS", {})
    count, seconds = overrides.get(name, (count, seconds))
    return Limit(name, count, seconds)


def submit_per_participant() -> Limit:
    return _limit("submit_participant", 30, 60)


def submit_per_ip() -> Limit:
    return _limit("submit_ip", 3000, 60)


def join_per_ip() -> Limit:
    return _limit("join_ip", 600, 600)


def code_failures_per_ip() -> Limit:
    return _limit("code_failures_ip", 20, 600)


def _key(limit: Limit, who: str) -> str:
    return f"workshops:rate:{limit.name}:{who}"


def hit(limit: Limit, who: str) -> int:
    """Count one event for `who` in the current window and return the count so far."""
    key = _key(limit, who)
    if cache.add(key, 1, timeout=limit.seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, timeout=limit.seconds)
        return 1


def exceeded(limit: Limit, who: str) -> bool:
    """Return True when `who` has used up the limit in the current window (without counting)."""
    return int(cache.get(_key(limit, who), 0)) >= limit.count


def check_submit(*, participant_id: int, ip: str) -> None:
    """Count one submission and refuse it when the participant or the address sends too fast."""
    if hit(submit_per_participant(), str(participant_id)) > submit_per_participant().count:
        raise Refusal(_("Du sender veldig mange svar. Vent et minutt og prøv igjen."), status=429)
    if ip and hit(submit_per_ip(), ip) > submit_per_ip().count:
        raise Refusal(
            _("Det kommer veldig mange svar fra dette nettverket. Vent litt og prøv igjen."),
            status=429,
        )


def check_join(*, ip: str) -> None:
    """Count one join from the address and refuse when there are far too many."""
    if ip and hit(join_per_ip(), ip) > join_per_ip().count:
        raise Refusal(
            _(
                "Det har kommet veldig mange nye deltakere fra dette nettverket. Vent litt "
                "og prøv igjen."
            ),
            status=429,
        )


def check_code_guessing(*, ip: str) -> None:
    """Refuse code look-ups from an address that has typed too many wrong codes."""
    if ip and exceeded(code_failures_per_ip(), ip):
        raise Refusal(
            _(
                "Du har prøvd mange koder som ikke finnes. Vent ti minutter og prøv "
                "igjen, eller spør den som leder verkstedet om koden."
            ),
            status=429,
        )


def record_code_failure(*, ip: str) -> None:
    """Remember a wrong join code typed from this address."""
    if ip:
        hit(code_failures_per_ip(), ip)
