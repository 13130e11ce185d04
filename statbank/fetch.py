"""Fetch tables from SSB's PxWebApi v2 (data.ssb.no) as JSON-stat 2.0, politely and with a cache.

- HTTP lives in `SsbClient`; planning and parsing are pure (`plan_queries`, `statbank.jsonstat`,
  `statbank.ssb_api`).
- Data queries are sent with POST and a JSON selection body (PxWebApi v2 `VariablesSelection`), so
  the address stays short however many regions are asked for; a dimension asked for in full is
  sent as `*`. GET is used only for the short `/config` and metadata addresses.
- The limits are read from the API's own `/config` (cells per query, calls per time window), cached
  for a day; the built-in values in `statbank.ssb_api` are a fallback only. Requests are spaced so
  that a time window holds at most 80 % of SSB's quota (colleagues behind the same IP address
  share it), and a request is split into queries under the cell limit.
- 429 and 5xx answers are retried with exponential backoff, honouring `Retry-After`; every refusal
  becomes a plain-language `FetchError` (`statbank.ssb_api.explain`).
- A region dimension can be asked for on current borders through one of SSB's code lists
  (`agg_KommSummer`: today's municipalities with earlier years summed to today's borders).
- Answers are cached on disk, keyed by the full query, so a second run makes no requests.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
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
from statbank.ssb_api import ApiLimits, Refused, explain, parse_config, read_problem

logger = logging.getLogger(__name__)

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
MAX_RETRIES = 4
BACKOFF = 2.0  # seconds; doubled on every retry
MAX_RETRY_AFTER = 300.0  # never wait longer than this on one Retry-After
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
CONFIG_MAX_AGE = 24 * 3600.0  # seconds a cached /config answer is trusted

# Code lists that give a region dimension on current municipal borders, best first.
CURRENT_BORDER_CODELISTS = ("agg_KommSummer",)
AGGREGATED_PREFIX = "K-"  # SSB's prefix on the codes of the agg_KommSummer list

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
    """One data request: a table and, per dimension, the value codes (`*` means all).

    `codelists` names a PxWebApi v2 code list per dimension (e.g. Region → agg_KommSummer);
    `cells` is the number of data cells the query asks for.
    """

    table: str
    selection: tuple[tuple[str, tuple[str, ...]], ...]
    lang: str = "no"
    codelists: tuple[tuple[str, str], ...] = ()
    cells: int = 0

    def params(self) -> list[tuple[str, str]]:
        """The query string of the POST: language, format and the output of aggregations."""
        params = [("lang", self.lang), ("outputFormat", "json-stat2")]
        params += [
            (f"outputValues[{dim}]", "aggregated")
            for dim, codelist in self.codelists
            if codelist.startswith("agg_")
        ]
        return params

    def body(self) -> dict[str, Any]:
        """The JSON selection (`VariablesSelection`) sent in the POST body."""
        codelists = dict(self.codelists)
        selection = []
        for dim, codes in self.selection:
            item: dict[str, Any] = {"variableCode": dim, "valueCodes": list(codes)}
            if dim in codelists:
                item["codelist"] = codelists[dim]
            selection.append(item)
        return {"selection": selection}

    def path(self) -> str:
        """Return the endpoint path below the base URL."""
        return f"/tables/{self.table}/data"

    def key(self) -> str:
        """A stable cache key for the query."""
        text = json.dumps(
            [self.table, self.lang, sorted(self.selection), sorted(self.codelists)], sort_keys=True
        )
        return hashlib.sha256(text.encode()).hexdigest()[:20]

    def years(self) -> tuple[str, ...]:
        """The time codes asked for (empty when not restricted)."""
        return next((codes for dim, codes in self.selection if dim == "Tid"), ())


def _choose(
    table: str, dim: Dimension, codes: Sequence[str], years: Sequence[str] | None
) -> tuple[str, ...]:
    """The codes asked for in one dimension, checked against the table's metadata."""
    chosen = tuple(years) if dim.id == "Tid" and years else tuple(codes)
    if not chosen or chosen == ("*",):
        return dim.codes
    unknown = [c for c in chosen if c not in dim.codes]
    if unknown:
        raise StatInputError(
            f"SSB table {table}", "no such value code", dimension=dim.id, value=unknown[0]
        )
    return chosen


def _split(
    chosen: dict[str, tuple[str, ...]], order: Sequence[str], max_cells: int
) -> list[dict[str, tuple[str, ...]]]:
    """Cut a selection into parts of at most `max_cells` cells, along `order` (years first)."""
    if math.prod(len(codes) for codes in chosen.values()) <= max_cells or not order:
        return [chosen]
    dim, rest = order[0], order[1:]
    others = math.prod(len(codes) for d, codes in chosen.items() if d != dim)
    step = max(1, max_cells // others)
    codes = chosen[dim]
    parts = [dict(chosen, **{dim: codes[i : i + step]}) for i in range(0, len(codes), step)]
    return [piece for part in parts for piece in _split(part, rest, max_cells)]


def plan_queries(
    table: str,
    dimensions: Sequence[Dimension],
    selection: Mapping[str, Sequence[str]] | None = None,
    *,
    years: Sequence[str] | None = None,
    lang: str = "no",
    max_cells: int = ApiLimits().max_cells,
    codelists: Mapping[str, str] | None = None,
) -> list[Query]:
    """Split a request into queries of at most `max_cells` cells, cutting along the years first.

    When one year alone is over the limit, the years are taken one at a time and the largest
    other dimensions are cut too. A dimension asked for in full (other than the years, which
    name the output files) is sent as `*`.
    """
    if max_cells < 1:
        raise StatInputError(f"SSB table {table}", "the cell limit must be positive")
    if not any(dim.id == "Tid" for dim in dimensions):
        raise StatInputError(
            f"SSB table {table}", "the table has no time dimension", dimension="Tid", value=None
        )
    chosen = {
        dim.id: _choose(table, dim, (selection or {}).get(dim.id, ()), years) for dim in dimensions
    }
    order = ["Tid"] + sorted(
        (d.id for d in dimensions if d.id != "Tid"), key=lambda d: -len(chosen[d])
    )
    full = {dim.id: dim.codes for dim in dimensions}
    queries = []
    for part in _split(chosen, order, max_cells):
        wire = tuple(
            (d.id, ("*",) if d.id != "Tid" and set(part[d.id]) == set(full[d.id]) else part[d.id])
            for d in dimensions
        )
        cells = math.prod(len(codes) for codes in part.values())
        queries.append(Query(table, wire, lang, tuple(sorted((codelists or {}).items())), cells))
    return queries


def current_border_codelist(table: str, region: Dimension) -> str:
    """The code list that gives the table's regions on current borders, or a named error."""
    for codelist in CURRENT_BORDER_CODELISTS:
        if codelist in region.codelists:
            return codelist
    raise StatInputError(
        f"SSB table {table}",
        f"no code list for current borders (wanted one of {list(CURRENT_BORDER_CODELISTS)}); "
        f"the table offers {list(region.codelists) or 'none'}",
        dimension=region.id,
        value=None,
    )


def _retry_after(response: httpx.Response, now: Callable[[], float]) -> float | None:
    """Seconds asked for by a Retry-After header (a number or an HTTP date), if any."""
    value = str(response.headers.get("Retry-After", "")).strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


class SsbClient:
    """A small, polite PxWebApi v2 client with an on-disk cache and retries."""

    def __init__(
        self,
        *,
        client: httpx.Client | None = None,
        cache_dir: Path | None = None,
        base_url: str = BASE_URL,
        min_interval: float | None = None,
        max_retries: int = MAX_RETRIES,
        backoff: float = BACKOFF,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.client = client or httpx.Client(
            timeout=TIMEOUT, headers={"User-Agent": "Samfunnslaben (statbank.fetch)"}
        )
        self.cache_dir = cache_dir
        self.base_url = base_url.rstrip("/")
        self.fixed_interval = min_interval
        self.max_retries = max_retries
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock
        self.now = now
        self.requests = 0
        self._last: float | None = None
        self._limits: ApiLimits | None = None

    # ----------------------------------------------------------------- HTTP

    @property
    def min_interval(self) -> float:
        """Seconds between two requests: fixed by the caller, or from SSB's limits."""
        if self.fixed_interval is not None:
            return self.fixed_interval
        return (self._limits or ApiLimits()).min_interval

    def _wait_for_slot(self) -> None:
        if self._last is not None:
            remaining = self.min_interval - (self.clock() - self._last)
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()

    def _retry_delay(self, response: httpx.Response | None, attempt: int) -> float:
        delay = float(self.backoff * 2**attempt)
        asked = _retry_after(response, self.now) if response is not None else None
        if asked is not None:
            delay = max(delay, min(asked, MAX_RETRY_AFTER))
        return delay

    def _send(self, request: httpx.Request, table: str) -> bytes:
        """Send with rate limiting and retries; return the body of a 200 answer."""
        url = str(request.url)
        limits = self._limits or ApiLimits()
        if request.method == "GET" and len(url) > limits.max_url_length:
            raise FetchError(explain(Refused(404, url, table, limits), read_problem(b"")))
        waited = 0.0
        for attempt in range(self.max_retries + 1):
            self._wait_for_slot()
            self.requests += 1
            try:
                response = self.client.send(request)
            except httpx.ConnectError as exc:
                raise FetchError(
                    f"Cannot reach SSB at {url} ({exc}). Check the internet connection; "
                    "the embedded snapshot keeps working offline."
                ) from exc
            except httpx.TimeoutException as exc:
                if attempt == self.max_retries:
                    raise FetchError(
                        f"SSB did not answer in time at {url} ({exc}); tried "
                        f"{attempt + 1} times. Try again later."
                    ) from exc
                delay = self._retry_delay(None, attempt)
                waited += delay
                self.sleep(delay)
                continue
            if response.status_code == 200:
                return response.content
            if response.status_code in RETRY_STATUS and attempt < self.max_retries:
                delay = self._retry_delay(response, attempt)
                waited += delay
                self.sleep(delay)
                continue
            refused = Refused(response.status_code, url, table, limits, attempt + 1, waited)
            raise FetchError(explain(refused, read_problem(response.content)))
        raise FetchError(f"SSB did not answer {url}")  # pragma: no cover - loop always returns

    def get(self, path: str, params: Sequence[tuple[str, str]], table: str = "") -> bytes:
        """GET a short address (config, metadata)."""
        request = self.client.build_request(
            "GET", f"{self.base_url}{path}", params=httpx.QueryParams(list(params))
        )
        return self._send(request, table)

    def post(self, query: Query) -> bytes:
        """POST a data query with its selection as JSON."""
        request = self.client.build_request(
            "POST",
            f"{self.base_url}{query.path()}",
            params=httpx.QueryParams(tuple(query.params())),
            json=query.body(),
        )
        return self._send(request, query.table)

    def _fresh(self, path: Path, max_age: float | None) -> bool:
        """Whether a cached answer exists and is young enough (None: any age)."""
        if not path.exists():
            return False
        return max_age is None or self.now() - path.stat().st_mtime < max_age

    def _cached(self, name: str, fetch: Callable[[], bytes], max_age: float | None = None) -> bytes:
        path = self.cache_dir / name if self.cache_dir else None
        if path is not None and self._fresh(path, max_age):
            return path.read_bytes()
        body = fetch()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(body)
            tmp.replace(path)
        return body

    # ----------------------------------------------------------------- API

    def limits(self) -> ApiLimits:
        """SSB's limits from `/config` (cached for a day); the built-in values if unreadable."""
        if self._limits is None:
            try:
                body = self._cached("config.json", lambda: self.get("/config", []), CONFIG_MAX_AGE)
                self._limits = parse_config(body, f"{self.base_url}/config")
            except (FetchError, StatInputError) as exc:
                if isinstance(exc.__cause__, httpx.ConnectError):
                    raise
                logger.warning("SSB /config could not be read, using built-in limits: %s", exc)
                self._limits = ApiLimits(source=f"built-in defaults (/config unreadable: {exc})")
        return self._limits

    def metadata(
        self, table: str, lang: str = "no", codelists: Mapping[str, str] | None = None
    ) -> tuple[Dimension, ...]:
        """Return the table's dimensions with all their value codes (of a code list if given)."""
        self.limits()
        chosen = sorted((codelists or {}).items())
        params = [("lang", lang), ("outputFormat", "json-stat2")]
        params += [(f"codelist[{dim}]", codelist) for dim, codelist in chosen]
        suffix = "".join(f"-{dim}-{codelist}" for dim, codelist in chosen)
        body = self._cached(
            f"{table}-metadata-{lang}{suffix}.json",
            lambda: self.get(f"/tables/{table}/metadata", params, table),
        )
        return parse_dimensions(body, source=f"{self.base_url}/tables/{table}/metadata")

    def fetch_raw(self, query: Query) -> bytes:
        """Return the JSON-stat 2.0 body for a query (from the cache when possible)."""
        self.limits()
        return self._cached(f"{query.table}-{query.key()}.json", lambda: self.post(query))

    def fetch(self, query: Query) -> JsonStatDataset:
        """Fetch and parse one query."""
        return parse_jsonstat(self.fetch_raw(query), source=f"{self.base_url}{query.path()}")

    def plan(
        self,
        table: str,
        years: Sequence[str] | None = None,
        selection: Mapping[str, Sequence[str]] | None = None,
        lang: str = "no",
        *,
        current_borders: bool = False,
    ) -> list[Query]:
        """Read the limits and the table's metadata, then split the request under the cell limit.

        With `current_borders`, the regions come from SSB's code list of today's municipalities
        (all of them unless `selection` names some, as codes of that list such as `K-3101`).
        """
        limits = self.limits()
        merged = {**TABLES.get(table, {}), **(selection or {})}
        codelists: dict[str, str] = {}
        if current_borders:
            region = next((d for d in self.metadata(table, lang) if d.id == "Region"), None)
            if region is None:
                raise StatInputError(
                    f"SSB table {table}", "the table has no Region dimension", dimension="Region"
                )
            codelists["Region"] = current_border_codelist(table, region)
        dimensions = self.metadata(table, lang, codelists)
        return plan_queries(
            table,
            dimensions,
            merged,
            years=years,
            lang=lang,
            max_cells=limits.max_cells,
            codelists=codelists,
        )


def save_table(
    client: SsbClient,
    table: str,
    out_dir: Path,
    years: Sequence[str] | None = None,
    selection: Mapping[str, Sequence[str]] | None = None,
    lang: str = "no",
    *,
    current_borders: bool = False,
) -> list[Path]:
    """Fetch a table (in as many parts as needed) and save each part as a JSON-stat file.

    Parts are named by their years; when one span of years needed several parts (one year over
    the cell limit), the files get `_part1`, `_part2`, … after the years.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    queries = client.plan(table, years, selection, lang, current_borders=current_borders)
    spans = [query.years() for query in queries]
    written: list[Path] = []
    for query, span in zip(queries, spans, strict=True):
        body = client.fetch_raw(query)
        parse_jsonstat(body, source=f"SSB table {table}")  # refuse to save a broken answer
        name = f"{table}_{span[0]}-{span[-1]}" if span else table
        if spans.count(span) > 1:
            name += f"_part{spans[: len(written) + 1].count(span)}"
        path = out_dir / f"{name}.json"
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
    Region codes of SSB's current-border list (`K-3101`) are given without the `K-`.
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
    regions = tuple(code.removeprefix(AGGREGATED_PREFIX) for code in data.dimension("Region").codes)
    return data.dimension("Tid").codes, regions, out
