"""The live opinion map of a statements activity: throttled, cached, computed off the request path.

How it runs (see docs/opinion-map-live.md):
- `current_map(activity_id)` never computes in the request. It returns the cached map and, when
  that is at least `OPINION_LIVE_INTERVAL_SECONDS` (default 1 s) old and no other worker is
  already on it (a cache lock), hands a refresh to a background thread.
- The refresh reads the votes, and recomputes only if they changed since the last map (a cheap
  fingerprint query). The PCA starts from the last map's components (faster, and the map does not
  mirror); the groups are computed afresh, so they are the same as any other entry point gives
  for the same votes. Letters follow group size.
- The cache is Django's default cache: shared Redis when REDIS_URL is set (then the throttle and
  the lock hold across all server processes), in-process memory otherwise.

The payload is JSON-ready and anonymous: dots carry a position and a group letter, never a
participant id; groups smaller than 5 are not shown as groups; a group is named by its statements.
No figure rests on fewer than 5 people: a group's share on a statement is shown (as a group's
statement, or in "unites" / "divides") only when at least 5 of its members voted on it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils.translation import gettext as _

from opinion import MapState, OpinionMap, Vote, compute_map
from samfunnslab.core.disclosure import MIN_CELL
from samfunnslab.opinions import selectors

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60 * 60 * 6
LOCK_SECONDS = 30
LETTERS = "ABCDE"
MIN_GROUP_SIZE = MIN_CELL
UNITES_MIN_AGREE = 0.5
# A group is only described by a statement most of its members voted that way on (the engine may
# label a 'best agree' statement 'disagree' with no one disagreeing, as Polis does).
REPRESENTATIVE_MIN_SHARE = 0.5
DIVIDES_MIN_SPREAD = 0.3
TOP = 5
# Polis's priority for a statement nobody has voted on yet (extremity 0): (0.25 * 9) ** 2.
NEW_STATEMENT_PRIORITY = 5.0625

Clock = Callable[[], float]
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="opinion-map")


def interval() -> float:
    """Return the shortest time between two recomputes of one activity's map, in seconds."""
    return float(getattr(settings, "OPINION_LIVE_INTERVAL_SECONDS", 1.0))


def _key(activity_id: int) -> str:
    return f"opinions:live:{activity_id}"


def _lock_key(activity_id: int) -> str:
    return f"opinions:live:{activity_id}:lock"


# ------------------------------------------------------------------ throttle and background work


def run_in_background(job: Callable[[], None]) -> None:
    """Run a refresh on the worker pool (tests replace this to run it at once)."""
    _executor.submit(_closing_connections, job)


def _closing_connections(job: Callable[[], None]) -> None:
    try:
        job()
    except Exception:  # a failed refresh leaves the last map in place; the next one retries
        logger.exception("could not recompute a live opinion map")
    finally:
        connections.close_all()  # this thread's connections only


def current_map(activity_id: int, *, clock: Clock = time.time) -> dict[str, Any] | None:
    """Return the cached map (None before the first one exists); schedule a refresh when due."""
    entry = cache.get(_key(activity_id))
    now = clock()
    if entry is not None and now - entry["computed_at"] < interval():
        return entry
    if cache.add(_lock_key(activity_id), now, LOCK_SECONDS):
        run_in_background(lambda: refresh(activity_id, started=now))
        entry = cache.get(_key(activity_id)) or entry  # fresh when the refresh ran at once
    return entry


def cached_priority(activity_id: int) -> dict[int, float]:
    """Return the routing priority of the last computed map; never schedules a recompute.

    For the phones' statement cards: a page load reads what the map (kept fresh by the screens
    that show it) already knows, and a statement it does not know counts as new.
    """
    entry = cache.get(_key(activity_id))
    return dict(entry["priority"]) if entry else {}


def refresh(activity_id: int, *, started: float) -> None:
    """Recompute the map if the votes changed since the last one, then release the lock."""
    try:
        entry = cache.get(_key(activity_id))
        fingerprint = selectors.votes_fingerprint(activity_id)
        if entry is not None and entry["fingerprint"] == fingerprint:
            cache.set(_key(activity_id), {**entry, "computed_at": started}, CACHE_SECONDS)
            return
        inputs = selectors.map_inputs(activity_id)
        result = compute_map(
            inputs.votes,
            seed=0,
            moderated_out=inputs.moderated_out,
            min_group_size=MIN_GROUP_SIZE,
            previous=_pca_only(entry["state"] if entry is not None else None),
        )
        cache.set(
            _key(activity_id),
            {
                "computed_at": started,
                "fingerprint": inputs.fingerprint,
                "state": result.state,
                "priority": dict(result.priority),
                "group_of": dict(result.group_of),  # server only, like "state"
                "payload": map_payload(result, inputs.votes, inputs.texts),
            },
            CACHE_SECONDS,
        )
    finally:
        cache.delete(_lock_key(activity_id))


def _pca_only(state: MapState | None) -> MapState | None:
    """Keep last map's components (a faster PCA start, same orientation) but not its groups.

    The groups are computed afresh from the votes, so the live map shows exactly the groups that
    `compute_map`, `opinion_map` and `opinion_report` give for the same votes.
    """
    return MapState(state.components, None) if state is not None else None


# ------------------------------------------------------------------ routing


def pick_next(
    candidates: Sequence[int], priority: Mapping[Any, float], rng: np.random.Generator
) -> int | None:
    """Draw one candidate with probability proportional to its priority (Polis's routing).

    Statements added since the last recompute get the priority of a statement nobody has seen.
    """
    if not candidates:
        return None
    weights = np.array([priority.get(c, NEW_STATEMENT_PRIORITY) for c in candidates], dtype=float)
    if weights.sum() <= 0:
        weights = np.ones(len(candidates))
    return int(candidates[int(rng.choice(len(candidates), p=weights / weights.sum()))])


# ------------------------------------------------------------------ the payload (pure)


def _scale(positions: Mapping[Any, tuple[float, float]]) -> float:
    spread = max((max(abs(x), abs(y)) for x, y in positions.values()), default=0.0)
    return spread if spread > 0 else 1.0


def _letters(result: OpinionMap) -> dict[int, str]:
    shown = sorted(result.showable_groups, key=lambda g: (-g.size, g.id))
    return {group.id: LETTERS[i] for i, group in enumerate(shown[: len(LETTERS)])}


def _group_shares(
    votes: Sequence[Vote], member_letter: Mapping[Any, str]
) -> dict[int, dict[str, tuple[int, int]]]:
    """Return statement → letter → (agree, seen), each participant's latest vote counted once."""
    latest: dict[tuple[Any, Any], int] = {}
    for vote in votes:
        latest[(vote.participant, vote.statement)] = vote.value
    shares: dict[int, dict[str, list[int]]] = {}
    for (participant, statement), value in latest.items():
        letter = member_letter.get(participant)
        if letter is None:
            continue
        cell = shares.setdefault(int(statement), {}).setdefault(letter, [0, 0])
        cell[0] += value == 1
        cell[1] += 1
    return {s: {g: (a, n) for g, (a, n) in by.items()} for s, by in shares.items()}


def _enough(shares: Mapping[str, tuple[int, int]], letters: Sequence[str]) -> bool:
    """Whether every group has at least MIN_CELL votes on the statement, so its share can be shown."""
    return all(shares.get(g, (0, 0))[1] >= MIN_CELL for g in letters)


def _percent(agree: int, seen: int) -> int:
    return round(100 * agree / seen) if seen else 0


def _by_group(
    shares: Mapping[str, tuple[int, int]], letters: Sequence[str]
) -> list[dict[str, Any]]:
    return [
        {"group": g, "agree": _percent(*shares.get(g, (0, 0))), "seen": shares.get(g, (0, 0))[1]}
        for g in letters
    ]


def _unites(
    result: OpinionMap, shares: Mapping[int, Mapping[str, tuple[int, int]]], letters: Sequence[str]
) -> list[int]:
    if len(result.participants) < MIN_GROUP_SIZE:  # a few people's votes would be laid bare
        return []
    if not letters:  # no groups yet: fall back on the majority over everyone
        return [int(s.statement) for s in result.consensus.agree][:TOP]
    ranked = sorted(result.group_informed_consensus.items(), key=lambda kv: (-kv[1], str(kv[0])))
    chosen = []
    for statement, _score in ranked:
        if statement in result.moderated_out:
            continue
        by = shares.get(int(statement), {})
        if _enough(by, letters) and all(by[g][0] / by[g][1] > UNITES_MIN_AGREE for g in letters):
            chosen.append(int(statement))
    return chosen[:TOP]


def _divides(
    shares: Mapping[int, Mapping[str, tuple[int, int]]], letters: Sequence[str]
) -> list[int]:
    if len(letters) < 2:
        return []
    spreads = []
    for statement, by in shares.items():
        if not _enough(by, letters):
            continue
        agree = [by[g][0] / by[g][1] for g in letters]
        if max(agree) - min(agree) >= DIVIDES_MIN_SPREAD:
            spreads.append((max(agree) - min(agree), statement))
    return [s for _spread, s in sorted(spreads, key=lambda t: (-t[0], t[1]))][:TOP]


def _statement(
    statement: int,
    texts: Mapping[int, str],
    shares: Mapping[str, tuple[int, int]],
    letters: Sequence[str],
) -> dict[str, Any]:
    return {
        "id": statement,
        "text": texts.get(statement, ""),
        "groups": _by_group(shares, letters),
    }


def map_payload(
    result: OpinionMap, votes: Sequence[Vote], texts: Mapping[int, str]
) -> dict[str, Any]:
    """Turn an engine result into what screens show: anonymous dots, named groups, unity, division."""
    letter_of = _letters(result)
    letters = sorted(letter_of.values())
    member_letter = {p: letter_of[g] for p, g in result.group_of.items() if g in letter_of}
    shares = {
        s: by
        for s, by in _group_shares(votes, member_letter).items()
        if s not in result.moderated_out
    }
    scale = _scale(result.positions)
    dots = sorted(
        (
            {"x": round(x / scale, 3), "y": round(y / scale, 3), "group": member_letter.get(p, "")}
            for p, (x, y) in result.positions.items()
        ),
        key=lambda d: (d["group"], d["x"], d["y"]),
    )
    groups = []
    for group in sorted(result.showable_groups, key=lambda g: letter_of.get(g.id, "Z")):
        if group.id not in letter_of:
            continue
        letter = letter_of[group.id]
        statements = [
            {
                "id": int(r.statement),
                "text": texts.get(int(r.statement), ""),
                "direction": r.direction,
                "percent": _percent(r.n_success, r.n_trials),
            }
            for r in group.representative
            if r.n_trials >= MIN_CELL and r.n_success / r.n_trials > REPRESENTATIVE_MIN_SHARE
        ]
        groups.append(
            {
                "letter": letter,
                "size": group.size,
                "x": round(group.center[0] / scale, 3),
                "y": round(group.center[1] / scale, 3),
                "statements": statements,
            }
        )
    return {
        "participants": len(result.participants),
        "grouped": sum(g["size"] for g in groups),
        "statements": len([s for s in result.statements if s not in result.moderated_out]),
        "dots": dots,
        "groups": groups,
        "unites": [
            _statement(s, texts, shares.get(s, {}), letters)
            for s in _unites(result, shares, letters)
        ],
        "divides": [
            _statement(s, texts, shares.get(s, {}), letters) for s in _divides(shares, letters)
        ],
    }


def _seed_line(statement: Mapping[str, Any]) -> str:
    template = _("Enig: %(text)s") if statement["direction"] == "agree" else _("Uenig: %(text)s")
    return template % {"text": statement["text"]}


def _minority_letters(groups: Sequence[Mapping[str, Any]]) -> set[str]:
    """The letters of the smallest groups, when they are smaller than the largest; with groups of
    equal size there is no minority."""
    sizes = [g["size"] for g in groups]
    if len(groups) < 2 or min(sizes) == max(sizes):
        return set()
    return {g["letter"] for g in groups if g["size"] == min(sizes)}


def model_seeds(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return one model-team seed per group: a name from its most characteristic statement, its
    statements, what the groups disagree on, the team rules, and whether it is the minority model."""
    minority = _minority_letters(payload["groups"])
    disagreements = [s["text"] for s in payload.get("divides", [])]
    rules = _(
        "Regler for modellteamene: hver gruppe lager sin egen modell. Modellene slås ikke "
        "sammen. Minoritetsmodellen (den minste gruppen) tas alltid med videre. I laben "
        "sammenlignes modellene side om side, uten rangering."
    )
    seeds = []
    for group in payload["groups"]:
        lines = [_seed_line(s) for s in group["statements"]]
        headline = lines[0] if lines else ""
        parts = [
            _("Gruppe %(letter)s (%(size)s personer) mener:") % group,
            *("– " + x for x in lines),
        ]
        if disagreements:
            parts += ["", _("Dette er vi uenige om:"), *("– " + t for t in disagreements)]
        parts += ["", rules]
        seeds.append(
            {
                "letter": group["letter"],
                "size": group["size"],
                "headline": headline,
                "name": (_("Visjon %(letter)s") % group) + (f": {headline}" if headline else ""),
                "minority": group["letter"] in minority,
                "text": "\n".join(parts),
            }
        )
    return seeds
