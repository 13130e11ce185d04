"""The SSB PxWebApi v2 client, against httpx.MockTransport and saved real answers only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import httpx
import numpy as np
import pytest

from statbank.errors import StatInputError
from statbank.fetch import (
    MIN_INTERVAL,
    FetchError,
    Query,
    SsbClient,
    parse_years,
    plan_queries,
    save_table,
)
from statbank.jsonstat import parse_dimensions

HALDEN = "07459_halden_3101_2005-2026_sex_age_jsonstat2.json"
Handler = Callable[[httpx.Request], httpx.Response]


class FakeTime:
    """A clock that only moves when somebody sleeps (or the test moves it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def metadata_body(fixtures: Path) -> bytes:
    """A v2 metadata answer: the Halden answer's dimensions, without values."""
    data = json.loads((fixtures / HALDEN).read_text("utf-8"))
    del data["value"]
    return json.dumps(data).encode()


def client_for(
    handler: Handler, tmp_path: Path | None = None, time: FakeTime | None = None
) -> SsbClient:
    """A client whose HTTP goes to `handler` and whose waiting is fake."""
    fake = time or FakeTime()
    return SsbClient(
        client=httpx.Client(transport=httpx.MockTransport(handler)),
        cache_dir=tmp_path,
        sleep=fake.sleep,
        clock=fake.clock,
    )


def ssb(fixtures: Path, seen: list[httpx.Request]) -> Handler:
    """A pretend SSB that answers metadata and data requests for table 07459."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, content=metadata_body(fixtures))
        return httpx.Response(200, content=(fixtures / HALDEN).read_bytes())

    return handle


def halden_query() -> Query:
    """The query the Halden answer belongs to."""
    return Query("07459", (("Region", ("3101",)), ("Tid", ("2024",))))


def test_a_query_is_sent_as_a_v2_get_and_parsed(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    dataset = client_for(ssb(fixtures, seen)).fetch(halden_query())
    (request,) = seen
    assert request.method == "GET"
    assert str(request.url).startswith("https://data.ssb.no/api/pxwebapi/v2/tables/07459/data?")
    assert request.url.params["outputFormat"] == "json-stat2"
    assert request.url.params["valueCodes[Region]"] == "3101"
    assert request.url.params["valueCodes[Tid]"] == "2024"
    assert dataset.table_id == "07459"
    assert dataset.value(Region="3101", Kjonn="2", Alder="000", Tid="2024") == 127


def test_a_second_fetch_of_the_same_query_comes_from_the_cache(
    fixtures: Path, tmp_path: Path
) -> None:
    seen: list[httpx.Request] = []
    first = client_for(ssb(fixtures, seen), tmp_path).fetch_raw(halden_query())

    def offline(request: httpx.Request) -> httpx.Response:
        raise AssertionError("the cache should have answered")

    second_client = client_for(offline, tmp_path)
    assert second_client.fetch_raw(halden_query()) == first
    assert second_client.requests == 0 and len(seen) == 1
    other = Query("07459", (("Region", ("0301",)), ("Tid", ("2024",))))
    assert other.key() != halden_query().key()


def test_429_and_503_are_retried_with_exponential_backoff(fixtures: Path) -> None:
    answers = [
        httpx.Response(503, text="Service Unavailable"),
        httpx.Response(429, json={"title": "Too many requests"}),
        httpx.Response(200, content=(fixtures / HALDEN).read_bytes()),
    ]
    fake = FakeTime()
    client = client_for(lambda request: answers.pop(0), time=fake)
    dataset = client.fetch(halden_query())
    assert dataset.values.shape == (1, 2, 106, 1, 22)
    assert client.requests == 3
    # backoff 2 s, then the rate limit tops it up to 2.5 s, then backoff 4 s
    assert fake.sleeps == [2.0, MIN_INTERVAL - 2.0, 4.0]


def test_retry_after_is_honoured(fixtures: Path) -> None:
    answers = [
        httpx.Response(429, headers={"Retry-After": "30"}),
        httpx.Response(200, content=(fixtures / HALDEN).read_bytes()),
    ]
    fake = FakeTime()
    client_for(lambda request: answers.pop(0), time=fake).fetch(halden_query())
    assert fake.sleeps[0] == 30.0


def test_it_gives_up_after_the_last_retry_with_ssbs_message() -> None:
    fake = FakeTime()
    client = client_for(lambda request: httpx.Response(503, text="down for maintenance"), time=fake)
    with pytest.raises(FetchError, match="503.*down for maintenance"):
        client.fetch_raw(halden_query())
    assert client.requests == 5


def test_requests_are_spaced_by_the_published_rate_limit(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    fake = FakeTime()
    client = client_for(ssb(fixtures, seen), time=fake)
    client.fetch_raw(halden_query())
    client.fetch_raw(Query("07459", (("Region", ("0301",)),)))
    assert fake.sleeps == [MIN_INTERVAL]  # waited before the second request, not the first
    fake.now += 60
    client.fetch_raw(Query("07459", (("Region", ("1106",)),)))
    assert fake.sleeps == [MIN_INTERVAL]  # enough time had passed
    assert MIN_INTERVAL >= 60 / 30  # SSB: at most 30 queries per 60 seconds


def test_offline_gives_a_plain_error_message() -> None:
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)

    with pytest.raises(FetchError, match="Cannot reach SSB.*internet connection"):
        client_for(offline).fetch_raw(halden_query())


def test_an_error_answer_from_ssb_is_shown_plainly() -> None:
    def bad_request(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"type": "x", "title": "Non-existent value", "status": 400})

    with pytest.raises(FetchError, match="SSB answered 400 .*Non-existent value"):
        client_for(bad_request).fetch_raw(halden_query())


def test_a_broken_answer_is_a_named_parse_error(fixtures: Path) -> None:
    client = client_for(lambda request: httpx.Response(200, text="<html>maintenance</html>"))
    with pytest.raises(StatInputError, match="not valid JSON") as caught:
        client.fetch(halden_query())
    assert "tables/07459/data" in caught.value.path


def test_a_large_request_is_split_by_year_under_the_cell_limit(fixtures: Path) -> None:
    dims = parse_dimensions(metadata_body(fixtures))
    region = dims[0]
    many = type(region)(
        region.id,
        region.label,
        tuple(f"{i:04d}" for i in range(357)),
        tuple(f"{i:04d}" for i in range(357)),
        region.role,
    )
    queries = plan_queries("07459", (many, *dims[1:]))
    per_year = 357 * 2 * 106
    assert [len(q.years()) for q in queries] == [10, 10, 2]
    assert all(per_year * len(q.years()) <= 800_000 for q in queries)
    assert queries[0].years()[0] == "2005" and queries[-1].years()[-1] == "2026"


def test_planning_refuses_an_unknown_value_code(fixtures: Path) -> None:
    dims = parse_dimensions(metadata_body(fixtures))
    with pytest.raises(StatInputError) as caught:
        plan_queries("07459", dims, {"Region": ["9999"]})
    assert caught.value.dimension == "Region" and caught.value.value == "9999"


def test_save_table_reads_metadata_then_saves_each_part(fixtures: Path, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    client = client_for(ssb(fixtures, seen), tmp_path / "cache")
    written = save_table(client, "07459", tmp_path / "out", years=["2024", "2025"])
    assert [p.name for p in written] == ["07459_2024-2025.json"]
    assert written[0].read_bytes() == (fixtures / HALDEN).read_bytes()
    assert [r.url.path.rsplit("/", 1)[-1] for r in seen] == ["metadata", "data"]
    data_request = seen[1]
    assert data_request.url.params["valueCodes[Tid]"] == "2024,2025"
    assert data_request.url.params["valueCodes[Kjonn]"] == "1,2"
    assert data_request.url.params["valueCodes[ContentsCode]"] == "Personer1"


def test_years_accept_ranges_and_lists() -> None:
    assert parse_years(["2020-2022", "2024"]) == ["2020", "2021", "2022", "2024"]
    assert parse_years(["2025,2026"]) == ["2025", "2026"]
    with pytest.raises(StatInputError) as caught:
        parse_years(["twenty"])
    assert caught.value.value == "twenty"


def test_a_population_answer_becomes_the_snapshot_layout(
    fixtures: Path, snapshot_dir: Path
) -> None:
    from statbank.fetch import population_array
    from statbank.jsonstat import read_jsonstat
    from statbank.snapshot import load_population

    years, regions, values = population_array(read_jsonstat(fixtures / HALDEN))
    assert regions == ("3101",) and years[0] == "2005" and years[-1] == "2026"
    assert values.shape == (22, 1, 2, 106)
    assert np.isnan(values[: years.index("2024")]).all()  # 3101 did not exist: no figure, not 0
    cube = load_population(snapshot_dir)
    for year in ("2024", "2025", "2026"):
        expected = cube.municipality("3101")[cube.year_index(int(year))]
        assert np.array_equal(values[years.index(year), 0], expected)


def test_a_population_answer_with_two_alternatives_is_refused(fixtures: Path) -> None:
    from statbank.fetch import population_array
    from statbank.jsonstat import parse_jsonstat

    raw = json.loads((fixtures / HALDEN).read_text("utf-8"))
    raw["dimension"]["ContentsCode"]["category"]["index"] = {"Personer1": 0, "Personer2": 1}
    raw["size"][3] = 2
    raw["value"] = raw["value"] * 2
    with pytest.raises(StatInputError) as caught:
        population_array(parse_jsonstat(json.dumps(raw)))
    assert caught.value.dimension == "ContentsCode"
