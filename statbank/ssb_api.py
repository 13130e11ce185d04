"""What SSB's PxWebApi v2 says about itself and its refusals, as plain data (no HTTP here).

- `parse_config` reads the `/config` answer (the API's own limits: data cells per query, calls per
  time window) into `ApiLimits`; `ApiLimits()` holds the fallback values used only when `/config`
  cannot be read.
- `explain` turns an error answer into a sentence a facilitator or a municipal IT person can act on,
  telling apart "too many cells", "no such table", "address too long", "too many requests" and
  "SSB is down", and keeping SSB's own words in brackets.

The shapes follow the PxWebApi 2 specification (PxTools/PxApiSpecs, `PxAPI-2.yml`: `ConfigResponse`,
`Problem`, responses 400/403/404/429) and the reference implementation (PxTools/PxWebApi,
`ProblemUtility.cs`: titles such as "Non-existent table" and "Too many cells selected").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from statbank.errors import StatInputError

# Fallbacks, used only when /config cannot be read. SSB's user guide for PxWebApi v2 gives
# 800,000 cells per query and 30 calls per 60 seconds per IP address. The URL length is not part
# of /config: SSB's web server answers 404 to addresses longer than about 2,100 characters.
DEFAULT_MAX_CELLS = 800_000
DEFAULT_MAX_CALLS = 30
DEFAULT_TIME_WINDOW = 60.0
MAX_URL_LENGTH = 2_000
# Colleagues behind the same IP address share SSB's quota: use at most 80 % of it.
SHARE_OF_QUOTA = 0.8

TOO_MANY_CELLS = "too many cells selected"
NO_SUCH_TABLE = "non-existent table"


@dataclass(frozen=True)
class ApiLimits:
    """The limits the client keeps to; `source` says where they came from."""

    max_cells: int = DEFAULT_MAX_CELLS
    max_calls: int = DEFAULT_MAX_CALLS
    time_window: float = DEFAULT_TIME_WINDOW
    max_url_length: int = MAX_URL_LENGTH
    source: str = "built-in defaults"

    @property
    def min_interval(self) -> float:
        """Seconds between two requests so that a time window holds at most 80 % of the quota."""
        return self.time_window / (self.max_calls * SHARE_OF_QUOTA)


def _positive_int(config: dict[str, Any], key: str, source: str) -> int:
    value = config.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise StatInputError(source, "expected a positive whole number", dimension=key, value=value)
    return value


def parse_config(body: bytes | str, source: str = "/config") -> ApiLimits:
    """Read the limits from a PxWebApi v2 `/config` answer; errors name the field."""
    try:
        config = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise StatInputError(source, "not valid JSON", dimension="config", value=None) from None
    if not isinstance(config, dict):
        raise StatInputError(source, "expected a JSON object", dimension="config", value=None)
    return ApiLimits(
        max_cells=_positive_int(config, "maxDataCells", source),
        max_calls=_positive_int(config, "maxCallsPerTimeWindow", source),
        time_window=float(_positive_int(config, "timeWindow", source)),
        source=f"{source} (API {config.get('apiVersion', '?')}, app {config.get('appVersion', '?')})",
    )


@dataclass(frozen=True)
class Problem:
    """SSB's explanation of an error answer (RFC 7807 problem+json, or plain text)."""

    title: str = ""
    detail: str = ""
    from_api: bool = False  # True when the statistics API itself answered (problem+json)

    def words(self) -> str:
        """SSB's own words, shortened, for the end of a message."""
        return "; ".join(part for part in (self.title, self.detail) if part)[:300]


def read_problem(content: bytes, content_type: str = "") -> Problem:
    """Read a problem+json body; anything else (HTML from a proxy, plain text) is kept as text."""
    try:
        body = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        text = content.decode("utf-8", "replace").strip()
        return Problem(detail=" ".join(text.split())[:300])
    if isinstance(body, dict) and ("title" in body or "status" in body):
        return Problem(str(body.get("title") or ""), str(body.get("detail") or ""), from_api=True)
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return Problem(detail="; ".join(str(i.get("message") or i) for i in body), from_api=True)
    return Problem(detail=json.dumps(body)[:300])


@dataclass(frozen=True)
class Refused:
    """What was asked when SSB refused: used to word the explanation."""

    status: int
    url: str
    table: str
    limits: ApiLimits
    attempts: int = 1
    waited: float = 0.0


def explain(refused: Refused, problem: Problem) -> str:
    """A plain-language message for an error answer from SSB, with SSB's words at the end."""
    status, table, limits = refused.status, refused.table, refused.limits
    title = problem.title.strip().lower()
    said = f" (SSB said: {problem.words()})" if problem.words() else ""
    if status == 403 or title == TOO_MANY_CELLS:
        return (
            f"SSB refused the query for table {table}: it asks for more data cells than SSB "
            f"allows in one query ({limits.max_cells:,} according to {limits.source}). "
            "Select fewer regions, ages or years, or run again so the limit is read anew."
            f"{said}"
        )
    if title == NO_SUCH_TABLE or (status == 404 and problem.from_api):
        return (
            f"SSB has no table {table}. Check the table number in SSB's statistics bank "
            f"(ssb.no/statbank); tables are sometimes replaced by new numbers.{said}"
        )
    if status == 404:
        length = len(refused.url)
        if length > limits.max_url_length:
            return (
                f"SSB's web server did not accept an address of {length:,} characters (it "
                f"refuses addresses longer than about {limits.max_url_length:,}). "
                "This is a fault in the client: data queries should be sent with POST."
            )
        return (
            f"SSB's web server did not find {refused.url} and the statistics API gave no "
            "reason. Check the address of the API (BASE_URL) and the table number."
            f"{said}"
        )
    if status == 429:
        return (
            "SSB says this internet address has sent too many requests (SSB allows "
            f"{limits.max_calls} per {limits.time_window:g} seconds, shared by everyone behind "
            f"the same address). Gave up after {refused.attempts} attempts and "
            f"{refused.waited:g} seconds of waiting; try again in a few minutes.{said}"
        )
    if status >= 500:
        return (
            f"SSB's statistics service has a problem right now (HTTP {status}; tried "
            f"{refused.attempts} times). Try again later; the embedded snapshot keeps working "
            f"offline.{said}"
        )
    if status == 400:
        return f"SSB did not accept the query for table {table}{said or '.'}"
    return f"SSB answered HTTP {status} for {refused.url}{said}"
