"""Fetch tables from SSB's PxWebApi v2 (data.ssb.no) as JSON-stat 2.0, politely and with a cache.

- HTTP lives in `SsbClient`; parsing is pure (`statbank.jsonstat`, `plan_queries`).
- SSB's published limits (ssb.no, "API mot statistikkbanken – brukerveiledning"): 30 queries
  per 60 seconds per IP address and 800,000 data cells per query. The client waits at least
  `MIN_INTERVAL` = 2.5 s between requests (24 a minute, below the limit, since colleagues behind
  the same IP address share it) and splits a query by year so that no part exceeds the cell limit.
- 429 and 5xx answers are retried with exponential backoff (honouring `Retry-After`).
- Answers are cached on disk, keyed by the full query, so a second run makes no requests.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import numpy.typing as npt

from statbank.cube import MAX_AGE
from statbank.errors import StatInputError
from statbank.jsonstat import Dimension, JsonStatDataset, parse_dimensions, parse_jsonstat

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
MIN_INTERVAL = 2.5  # seconds between requests (SSB allows 30 per 60 s per IP address)
MAX_CELLS = 800_000  # SSB's limit per query
MAX_RETRIES = 4
BACKOFF = 2.0  # seconds; doubled on every retry
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
TIMEOUT = httpx.Timeout(60.0, connect=10.0)

# Tables this project uses, with the selections that are not "everything".
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "07459": {"Kjonn": ("1", "2"), "ContentsCode": ("Personer1",)},  # population on 1 January
    "14288": {"Kjonn": ("1", "2")},  # municipal projections, 2024 edition
    "14746": {"Kjonn": ("1", "2")},  # municipal projections, 2026 edition
}


class FetchError(RuntimeError):
    """SSB could not be reached, or answered with an error; the message says what to do."""


@dataclass(frozen=True)
class Query:
    """One data request: a table and, per dimension, the value codes ('*' means all)."""

    table: str
    selection: tuple[tuple[str, tuple[str, ...]], ...]
    lang: str = "no"

    def params(self) -> list[tuple[str, str]]:
        """Return the query string parameters of the v2 GET data endpoint."""
        params = [("lang", self.lang), ("outputFormat", "json-stat2")]
        params += [(f"valueCodes[{dim}]", ",".join(codes)) for dim, codes in self.selection]
        return params

    def path(self) -> str:
        """Return the endpoint path below the base URL."""
        return f"/tables/{self.table}/data"

    def key(self) -> str:
        """A stable cache key for the query."""
        text = json.dumps([self.table, self.lang, sorted(self.selection)], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:20]

    def years(self) -> tuple[str, ...]:
        """The time codes asked for (empty when not restricted)."""
        return next((codes for dim, codes in self.selection if dim == "Tid"), ())


def plan_queries(
    table: str,
    dimensions: Sequence[Dimension],
    selection: Mapping[str, Sequence[str]] | None = None,
    *,
    years: Sequence[str] | None = None,
    lang: str = "no",
    max_cells: int = MAX_CELLS,
) -> list[Query]:
    """Split a request into queries of at most `max_cells` cells, cutting along the years."""
    chosen: dict[str, tuple[str, ...]] = {}
    for dim in dimensions:
        codes = tuple((selection or {}).get(dim.id, ()))
        if dim.id == "Tid" and years:
            codes = tuple(years)
        if not codes or codes == ("*",):
            codes = dim.codes
        unknown = [c for c in codes if c not in dim.codes]
        if unknown:
            raise StatInputError(
                f"SSB table {table}", "no such value code", dimension=dim.id, value=unknown[0]
            )
        chosen[dim.id] = codes
    if "Tid" not in chosen:
        raise StatInputError(
            f"SSB table {table}", "the table has no time dimension", dimension="Tid", value=None
        )
    per_year = math.prod(len(codes) for dim, codes in chosen.items() if dim != "Tid")
    if per_year > max_cells:
        raise StatInputError(
            f"SSB table {table}",
            f"one year has {per_year:,} cells, more than "
            f"SSB's limit of {max_cells:,}; select fewer regions or ages",
            dimension="Region",
            value=len(chosen.get("Region", ())),
        )
    step = max(1, max_cells // per_year)
    all_years = chosen["Tid"]
    queries = []
    for start in range(0, len(all_years), step):
        part = dict(chosen, Tid=all_years[start : start + step])
        queries.append(Query(table, tuple((d.id, part[d.id]) for d in dimensions), lang))
    return queries


def _problem(response: httpx.Response) -> str:
    """Return SSB's own explanation from an error answer (problem+json or plain text)."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:300] or response.reason_phrase
    if isinstance(body, dict):
        parts = [str(body[k]) for k in ("title", "detail") if body.get(k)]
        return "; ".join(parts) or json.dumps(body)[:300]
    if isinstance(body, list) and body and isinstance(body[0], dict):
        return "; ".join(str(item.get("message") or item) for item in body)[:300]
    return str(body)[:300]


class SsbClient:
    """A small, polite PxWebApi v2 client with an on-disk cache and retries."""

    def __init__(
        self,
        *,
        client: httpx.Client | None = None,
        cache_dir: Path | None = None,
        base_url: str = BASE_URL,
        min_interval: float = MIN_INTERVAL,
        max_retries: int = MAX_RETRIES,
        backoff: float = BACKOFF,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client or httpx.Client(
            timeout=TIMEOUT, headers={"User-Agent": "Samfunnslaben (github.com/ks; statbank.fetch)"}
        )
        self.cache_dir = cache_dir
        self.base_url = base_url.rstrip("/")
        self.min_interval = min_interval
        self.max_retries = max_retries
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock
        self.requests = 0
        self._last: float | None = None

    # ----------------------------------------------------------------- HTTP

    def _wait_for_slot(self) -> None:
        if self._last is not None:
            remaining = self.min_interval - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()

    def _retry_delay(self, response: httpx.Response | None, attempt: int) -> float:
        delay = float(self.backoff * 2**attempt)
        after = str(response.headers.get("Retry-After", "")) if response is not None else ""
        if after.isdigit():
            delay = max(delay, float(after))
        return delay

    def get(self, path: str, params: Sequence[tuple[str, str]]) -> bytes:
        """GET with rate limiting and retries; returns the body of a 200 answer."""
        url = f"{self.base_url}{path}"
        for attempt in range(self.max_retries + 1):
            self._wait_for_slot()
            self.requests += 1
            try:
                response = self.client.get(url, params=list(params))
            except httpx.ConnectError as exc:
                raise FetchError(
                    f"Cannot reach SSB at {url} ({exc}). Check the internet connection; "
                    "the embedded snapshot keeps working offline."
                ) from exc
            except httpx.TimeoutException as exc:
                if attempt == self.max_retries:
                    raise FetchError(f"SSB did not answer in time at {url} ({exc}).") from exc
                self.sleep(self._retry_delay(None, attempt))
                continue
            if response.status_code == 200:
                return response.content
            if response.status_code in RETRY_STATUS and attempt < self.max_retries:
                self.sleep(self._retry_delay(response, attempt))
                continue
            hint = " (too many requests: wait a minute)" if response.status_code == 429 else ""
            raise FetchError(
                f"SSB answered {response.status_code} for {url}{hint}: {_problem(response)}"
            )
        raise FetchError(f"SSB did not answer {url}")  # pragma: no cover - loop always returns

    def _cached(self, name: str, fetch: Callable[[], bytes]) -> bytes:
        path = self.cache_dir / name if self.cache_dir else None
        if path is not None and path.exists():
            return path.read_bytes()
        body = fetch()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(body)
            tmp.replace(path)
        return body

    # ----------------------------------------------------------------- API

    def metadata(self, table: str, lang: str = "no") -> tuple[Dimension, ...]:
        """Return the table's dimensions with all their value codes."""
        params = [("lang", lang), ("outputFormat", "json-stat2")]
        body = self._cached(
            f"{table}-metadata-{lang}.json", lambda: self.get(f"/tables/{table}/metadata", params)
        )
        return parse_dimensions(body, source=f"{self.base_url}/tables/{table}/metadata")

    def fetch_raw(self, query: Query) -> bytes:
        """Return the JSON-stat 2.0 body for a query (from the cache when possible)."""
        return self._cached(
            f"{query.table}-{query.key()}.json", lambda: self.get(query.path(), query.params())
        )

    def fetch(self, query: Query) -> JsonStatDataset:
        """Fetch and parse one query."""
        return parse_jsonstat(self.fetch_raw(query), source=f"{self.base_url}{query.path()}")

    def plan(
        self,
        table: str,
        years: Sequence[str] | None = None,
        selection: Mapping[str, Sequence[str]] | None = None,
        lang: str = "no",
    ) -> list[Query]:
        """Read the table's metadata and split the request under SSB's cell limit."""
        merged = {**TABLES.get(table, {}), **(selection or {})}
        return plan_queries(table, self.metadata(table, lang), merged, years=years, lang=lang)


def save_table(
    client: SsbClient,
    table: str,
    out_dir: Path,
    years: Sequence[str] | None = None,
    selection: Mapping[str, Sequence[str]] | None = None,
    lang: str = "no",
) -> list[Path]:
    """Fetch a table (in as many parts as needed) and save each part as a JSON-stat file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for query in client.plan(table, years, selection, lang):
        body = client.fetch_raw(query)
        parse_jsonstat(body, source=f"SSB table {table}")  # refuse to save a broken answer
        span = query.years()
        name = f"{table}_{span[0]}-{span[-1]}.json" if span else f"{table}.json"
        path = out_dir / name
        path.write_bytes(body)
        written.append(path)
    return written


def parse_years(values: Sequence[str]) -> list[str]:
    """Expand '2020-2024' and '2024' arguments into a sorted list of year codes."""
    years: set[int] = set()
    for value in values:
        for part in value.split(","):
            first, _, last = part.strip().partition("-")
            try:
                start, end = int(first), int(last or first)
            except ValueError:
                raise StatInputError(
                    "--years", "expected YYYY or YYYY-YYYY", dimension="Tid", value=part
                ) from None
            years.update(range(start, end + 1))
    return [str(y) for y in sorted(years)]


def describe(dataset: JsonStatDataset) -> dict[str, Any]:
    """A short summary of a fetched dataset (for command output)."""
    return {
        "table": dataset.table_id,
        "updated": dataset.updated,
        "shape": dict(zip(dataset.ids, dataset.values.shape, strict=True)),
    }


SEX_CODES = {"2": 0, "1": 1}  # SSB Kjonn: 2 = Kvinner (female), 1 = Menn (male)


def population_array(
    dataset: JsonStatDataset,
) -> tuple[tuple[str, ...], tuple[str, ...], npt.NDArray[np.float64]]:
    """Turn a 07459/14288/14746 answer (ages 000–104 and 105+) into (years, regions, values[years, regions, 2, 106]).

    Slices where a region is 0 throughout a year (a code that did not exist yet) become NaN.
    Any other dimension (ContentsCode, an alternative) must hold exactly one category.
    """
    data = dataset.mark_absent(("Region", "Tid"))
    for dim in data.dimensions:
        if dim.id not in ("Region", "Kjonn", "Alder", "Tid") and len(dim.codes) != 1:
            raise StatInputError(
                data.source,
                "select one category of this dimension",
                dimension=dim.id,
                value=list(dim.codes),
            )
    sexes, ages = data.dimension("Kjonn"), data.dimension("Alder")
    for code in sexes.codes:
        if code not in SEX_CODES:
            raise StatInputError(
                data.source, "expected sex codes 1 and 2", dimension="Kjonn", value=code
            )
    for code in ages.codes:
        if not code.rstrip("+").isdigit() or not 0 <= int(code.rstrip("+")) <= MAX_AGE:
            raise StatInputError(
                data.source, f"expected single ages 000–{MAX_AGE}", dimension="Alder", value=code
            )
    order = [data.axis(d) for d in ("Tid", "Region", "Kjonn", "Alder")]
    others = [i for i in range(data.values.ndim) if i not in order]
    cube = np.transpose(data.values, (*order, *others)).reshape(
        data.values.shape[order[0]], data.values.shape[order[1]], len(sexes.codes), len(ages.codes)
    )
    out = np.full((cube.shape[0], cube.shape[1], 2, MAX_AGE + 1), np.nan)
    for i, sex in enumerate(sexes.codes):
        for j, age in enumerate(ages.codes):
            out[:, :, SEX_CODES[sex], int(age.rstrip("+"))] = cube[:, :, i, j]
    return data.dimension("Tid").codes, data.dimension("Region").codes, out
