"""Cache-based rate limits: per participant, per device, per IP address, and for guessing codes.

Fixed windows in the shared cache (Redis when REDIS_URL is set), so every server process counts
together. Limits are generous per IP because a whole school class or a town hall may share one
address; a phone that has joined is never held back by the join-code limits (see
docs/workshops.md, "Joining and its limits", for the arithmetic).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from samfunnslab.core.cache import count_in_windows
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


def votes_per_participant() -> Limit:
    """Statement votes and upvotes per participant: one tap a card, so a deck of many statements
    swiped through in a minute is not held back by the budget for answers and texts."""
    return _limit("vote_participant", 120, 60)


VOTE_ACTIONS = ("vote", "upvote")


def submit_per_ip() -> Limit:
    return _limit("submit_ip", 3000, 60)


def join_per_ip() -> Limit:
    return _limit("join_ip", 600, 600)


def code_failures_per_ip() -> Limit:
    """Wrong codes per address in ten minutes: room for 200 people who mistype now and then."""
    return _limit("code_failures_ip", 200, 600)


def code_failures_per_ip_daily() -> Limit:
    """Wrong codes per address in a day: what keeps guessing infeasible over time."""
    return _limit("code_failures_ip_day", 1000, 24 * 60 * 60)


def joins_per_device() -> Limit:
    """New participants one browser (its device cookie) may become in one workshop per day."""
    return _limit("join_device", 5, 24 * 60 * 60)


def _key(limit: Limit, who: str) -> str:
    return f"workshops:rate:{limit.name}:{who}"


def hit(limit: Limit, who: str) -> int:
    """Count one event for `who` in the current window and return the count so far."""
    return hit_all([(limit, who)])[0]


def hit_all(events: list[tuple[Limit, str]]) -> list[int]:
    """Count one event in each of these windows (one round trip to Redis); return the counts."""
    windows = [(_key(limit, who), limit.seconds) for limit, who in events]
    return count_in_windows(cache, windows)


def exceeded(limit: Limit, who: str) -> bool:
    """Return True when `who` has used up the limit in the current window (without counting)."""
    return int(cache.get(_key(limit, who), 0)) >= limit.count


def check_submit(*, participant_id: int, ip: str, action: str = "answer") -> None:
    """Count one submission and refuse it when the participant or the address sends too fast.

    Votes (`VOTE_ACTIONS`) have a budget of their own. Both windows are counted in one go: a room
    answering at once sends hundreds a second.
    """
    per_participant = (
        votes_per_participant() if action in VOTE_ACTIONS else submit_per_participant()
    )
    per_ip = submit_per_ip()
    events = [(per_participant, str(participant_id))] + ([(per_ip, ip)] if ip else [])
    counts = hit_all(events)
    if counts[0] > per_participant.count:
        raise Refusal(_("Du sender veldig mange svar. Vent et minutt og prøv igjen."), status=429)
    if ip and counts[1] > per_ip.count:
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


def check_join_device(*, device: str, workshop_id: int) -> None:
    """Count one new participant from this browser and refuse when it makes far too many.

    A phone joins once and keeps its participant cookie; only a client that throws that cookie
    away and joins again and again comes near the limit. People on one shared network each have
    their own device cookie, so they never count against each other here.
    """
    if device and hit(joins_per_device(), f"{workshop_id}:{device}") > joins_per_device().count:
        raise Refusal(
            _(
                "Denne nettleseren har blitt med i verkstedet mange ganger i dag. Bruk "
                "svarene du alt har sendt, eller spør den som leder verkstedet."
            ),
            status=429,
        )


def check_code_guessing(*, ip: str) -> None:
    """Refuse code look-ups from an address that has typed too many wrong codes.

    Only for phones that have not joined: a participant's own cookie is checked first, so a
    room that is in is never shut out by someone else on the same network typing wrong codes.
    """
    if ip and (exceeded(code_failures_per_ip(), ip) or exceeded(code_failures_per_ip_daily(), ip)):
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
        hit(code_failures_per_ip_daily(), ip)
