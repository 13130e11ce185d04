"""The SSB PxWebApi v2 client, replaying recorded answers through httpx.MockTransport (no network).

Data answers are real SSB JSON-stat 2.0 responses (shared/data/ssb/jsonstat_fixtures); /config and
error answers are written in the shapes of the official PxWebApi 2 specification
(fixtures/pxwebapi_v2/SOURCES.md).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from itertools import product
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from statbank.errors import StatInputError
from statbank.fetch import (
    FetchError,
    Query,
    SsbClient,
    parse_years,
    plan_queries,
    save_table,
)
from statbank.jsonstat import Dimension, parse_dimensions

HALDEN = "07459_halden_3101_2005-2026_sex_age_jsonstat2.json"
OSLO = "07459_oslo_stavanger_bodo_age80-104_2017_2024_jsonstat2.json"
HOUSE_PRICES = "07221_house_price_index_pxwebpy_fixture_jsonstat2.json"
V2 = Path(__file__).parent / "fixtures" / "pxwebapi_v2"
Handler = Callable[[httpx.Request], httpx.Response]


class FakeTime:
    """A clock that only moves when somebody sleeps (or the test moves it)."""

    def __init__(self) -> None:
        self.now = time.time()
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def v2(name: str) -> bytes:
    """A /config or error answer in the shape of the PxWebApi 2 documentation."""
    return (V2 / name).read_bytes()


def config(**changes: Any) -> bytes:
    """The /config answer, with some fields changed."""
    return json.dumps({**json.loads(v2("config.json")), **changes}).encode()


def metadata_body(fixtures: Path, codelists: tuple[str, ...] = ()) -> bytes:
    """A v2 metadata answer: the Halden answer's dimensions, without values, with code lists."""
    data = json.loads((fixtures / HALDEN).read_text("utf-8"))
    del data["value"]
    if codelists:
        data["dimension"]["Region"]["extension"]["codelists"] = [
            {"id": cid, "label": cid, "type": "Aggregation", "links": []} for cid in codelists
        ]
    return json.dumps(data).encode()


def client_for(
    handler: Handler, tmp_path: Path | None = None, fake: FakeTime | None = None
) -> SsbClient:
    """A client whose HTTP goes to `handler` and whose waiting is fake."""
    fake = fake or FakeTime()
    return SsbClient(
        client=httpx.Client(transport=httpx.MockTransport(handler)),
        cache_dir=tmp_path,
        sleep=fake.sleep,
        clock=fake.clock,
        now=fake.clock,
    )


def ssb(
    fixtures: Path,
    seen: list[httpx.Request],
    data: str = HALDEN,
    config_body: bytes | None = None,
    codelists: tuple[str, ...] = (),
) -> Handler:
    """A pretend SSB answering /config, metadata and data with recorded bodies."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/config"):
            return httpx.Response(200, content=config_body or v2("config.json"))
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, content=metadata_body(fixtures, codelists))
        return httpx.Response(200, content=(fixtures / data).read_bytes())

    return handle


def answers(*responses: httpx.Response) -> Handler:
    """A pretend SSB that answers /config, then the given responses in turn."""
    queue = list(responses)

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/config"):
            return httpx.Response(200, content=v2("config.json"))
        return queue.pop(0)

    return handle


def problem(status: int, name: str) -> httpx.Response:
    return httpx.Response(
        status, content=v2(name), headers={"Content-Type": "application/problem+json"}
    )


def halden_query() -> Query:
    """The query the Halden answer belongs to."""
    return Query("07459", (("Region", ("3101",)), ("Tid", ("2024",))))


def data_requests(seen: list[httpx.Request]) -> list[httpx.Request]:
    return [r for r in seen if r.url.path.endswith("/data")]


# ------------------------------------------------------------------ requests and answers


def test_a_query_is_sent_as_a_v2_post_with_a_json_selection_and_parsed(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    dataset = client_for(ssb(fixtures, seen)).fetch(halden_query())
    (request,) = data_requests(seen)
    assert request.method == "POST"
    assert request.url.path == "/api/pxwebapi/v2/tables/07459/data"
    assert request.url.params["outputFormat"] == "json-stat2"
    assert json.loads(request.content) == {
        "selection": [
            {"variableCode": "Region", "valueCodes": ["3101"]},
            {"variableCode": "Tid", "valueCodes": ["2024"]},
        ]
    }
    assert dataset.table_id == "07459"
    assert dataset.value(Region="3101", Kjonn="2", Alder="000", Tid="2024") == 127


def test_other_recorded_answers_are_parsed_through_the_client(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    oslo = client_for(ssb(fixtures, seen, OSLO)).fetch(halden_query())
    assert oslo.dimension("Region").codes == ("0301", "1103", "1804")
    prices = client_for(ssb(fixtures, seen, HOUSE_PRICES)).fetch(halden_query())
    assert np.isnan(prices.values).sum() == 24  # SSB's '..' cells are missing, not 0


def test_all_357_municipalities_travel_in_the_body_not_the_address(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    regions = tuple(f"{i:04d}" for i in range(357))
    query = Query("07459", (("Region", regions), ("Tid", ("2024",))))
    client_for(ssb(fixtures, seen)).fetch_raw(query)
    (request,) = data_requests(seen)
    assert len(str(request.url)) < 150  # a GET listing them would be ~2,500 characters
    assert json.loads(request.content)["selection"][0]["valueCodes"] == list(regions)


def test_a_second_fetch_of_the_same_query_comes_from_the_cache(
    fixtures: Path, tmp_path: Path
) -> None:
    seen: list[httpx.Request] = []
    first = client_for(ssb(fixtures, seen), tmp_path).fetch_raw(halden_query())

    def offline(request: httpx.Request) -> httpx.Response:
        raise AssertionError("the cache should have answered")

    second_client = client_for(offline, tmp_path)
    assert second_client.fetch_raw(halden_query()) == first
    assert second_client.requests == 0 and len(seen) == 2  # /config and the data, once
    other = Query("07459", (("Region", ("0301",)), ("Tid", ("2024",))))
    assert other.key() != halden_query().key()


# ------------------------------------------------------------------ limits from /config


def test_the_limits_are_read_from_config(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    client = client_for(ssb(fixtures, seen, config_body=config(maxDataCells=150_000)))
    limits = client.limits()
    assert (limits.max_cells, limits.max_calls, limits.time_window) == (150_000, 30, 60.0)
    assert "/config" in limits.source
    assert client.min_interval == 60 / (30 * 0.8)  # 80 % of SSB's quota
    assert [r.url.path for r in seen] == ["/api/pxwebapi/v2/config"]


def test_a_lower_cell_limit_in_config_gives_smaller_queries(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    client = client_for(ssb(fixtures, seen, config_body=config(maxDataCells=300)))
    queries = client.plan("07459", years=["2024", "2025", "2026"], selection={"Region": ["3101"]})
    assert [q.years() for q in queries] == [("2024",), ("2025",), ("2026",)]  # 212 cells a year
    assert all(q.cells <= 300 for q in queries)


def test_requests_are_spaced_by_the_window_in_config(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    fake = FakeTime()
    client = client_for(
        ssb(fixtures, seen, config_body=config(maxCallsPerTimeWindow=10)), fake=fake
    )
    client.fetch_raw(halden_query())
    client.fetch_raw(Query("07459", (("Region", ("0301",)),)))
    interval = 60 / (10 * 0.8)
    assert fake.sleeps == [interval, interval]  # before the first and second data request
    fake.now += 60
    client.fetch_raw(Query("07459", (("Region", ("1106",)),)))
    assert fake.sleeps == [interval, interval]  # enough time had passed


def test_config_is_cached_on_disk_for_a_day(fixtures: Path, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    client_for(ssb(fixtures, seen), tmp_path).limits()
    client_for(ssb(fixtures, seen), tmp_path).limits()
    assert len(seen) == 1
    later = FakeTime()
    later.now += 2 * 24 * 3600
    client_for(ssb(fixtures, seen), tmp_path, later).limits()
    assert len(seen) == 2  # a day-old /config is asked for again


def test_unreadable_config_falls_back_to_the_published_limits() -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"apiVersion": "2.0.0", "maxDataCells": "many"})

    limits = client_for(broken).limits()
    assert limits.max_cells == 800_000 and limits.max_calls == 30
    assert "built-in defaults" in limits.source and "maxDataCells" in limits.source


def test_config_answered_with_an_error_falls_back_too() -> None:
    client = client_for(lambda request: problem(404, "problem_404_no_such_table.json"))
    assert client.limits().source.startswith("built-in defaults")


# ------------------------------------------------------------------ refusals in plain words


def test_429_and_503_are_retried_with_exponential_backoff(fixtures: Path) -> None:
    fake = FakeTime()
    client = client_for(
        answers(
            httpx.Response(503, text="Service Unavailable"),
            problem(429, "problem_429_too_many_requests.json"),
            httpx.Response(200, content=(fixtures / HALDEN).read_bytes()),
        ),
        fake=fake,
    )
    dataset = client.fetch(halden_query())
    assert dataset.values.shape == (1, 2, 106, 1, 22)
    assert client.requests == 4  # /config, 503, 429, 200
    # backoff 2 s, then the 2.5 s spacing tops it up by 0.5 s, then backoff 4 s
    assert fake.sleeps == [2.5, 2.0, 0.5, 4.0]


def test_retry_after_is_honoured_in_seconds_and_as_a_date(fixtures: Path) -> None:
    fake = FakeTime()
    when = format_datetime(datetime.fromtimestamp(fake.now + 45, UTC), usegmt=True)
    client = client_for(
        answers(
            httpx.Response(429, headers={"Retry-After": "30"}),
            httpx.Response(429, headers={"Retry-After": when}),
            httpx.Response(200, content=(fixtures / HALDEN).read_bytes()),
        ),
        fake=fake,
    )
    client.fetch(halden_query())
    assert fake.sleeps[1] == 30.0
    # 45 s after the start, of which 2.5 s (spacing) and 30 s (first Retry-After) have passed
    assert fake.sleeps[2] == pytest.approx(12.5, abs=1)


def test_too_many_requests_after_every_retry_says_so_plainly() -> None:
    fake = FakeTime()
    client = client_for(
        answers(*[problem(429, "problem_429_too_many_requests.json")] * 5), fake=fake
    )
    with pytest.raises(FetchError) as caught:
        client.fetch_raw(halden_query())
    message = str(caught.value)
    assert "too many requests" in message and "30 per 60 seconds" in message
    assert "after 5 attempts" in message and "try again in a few minutes" in message
    assert client.requests == 6


def test_ssb_down_gives_up_after_the_last_retry_with_ssbs_words() -> None:
    client = client_for(answers(*[httpx.Response(503, text="down for maintenance")] * 5))
    with pytest.raises(FetchError, match="has a problem right now.*503.*down for maintenance"):
        client.fetch_raw(halden_query())


@pytest.mark.parametrize("status", [403, 400])
def test_too_many_cells_names_the_limit_not_a_missing_table(status: int) -> None:
    body = json.loads(v2("problem_403_too_many_cells.json")) | {"status": status}
    client = client_for(answers(httpx.Response(status, json=body)))
    with pytest.raises(FetchError) as caught:
        client.fetch_raw(halden_query())
    message = str(caught.value)
    assert "more data cells than SSB allows" in message and "800,000" in message
    assert "no table" not in message


def test_a_missing_table_is_named() -> None:
    client = client_for(answers(problem(404, "problem_404_no_such_table.json")))
    with pytest.raises(FetchError, match="SSB has no table 07459. Check the table number"):
        client.fetch_raw(halden_query())


def test_a_404_from_the_web_server_is_not_called_a_missing_table() -> None:
    page = httpx.Response(404, content=v2("server_404_not_problem_json.html"))
    client = client_for(answers(page))
    with pytest.raises(FetchError) as caught:
        client.fetch_raw(halden_query())
    assert "the statistics API gave no reason" in str(caught.value)
    assert "has no table" not in str(caught.value)


def test_an_address_over_the_length_limit_is_never_sent() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=v2("config.json"))

    client = client_for(record)
    client.limits()
    with pytest.raises(FetchError, match=r"address of 2,[0-9]{3} characters.*about 2,000"):
        client.get("/tables/07459/metadata", [("x", "y" * 2_100)], "07459")
    assert len(seen) == 1


def test_an_unknown_value_code_is_reported_with_ssbs_words() -> None:
    client = client_for(answers(problem(400, "problem_400_no_such_value.json")))
    with pytest.raises(FetchError, match="did not accept the query for table 07459.*Non-existent"):
        client.fetch_raw(halden_query())


def test_offline_gives_a_plain_error_message() -> None:
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)

    with pytest.raises(FetchError, match="Cannot reach SSB.*internet connection"):
        client_for(offline).fetch_raw(halden_query())


def test_a_broken_answer_is_a_named_parse_error() -> None:
    client = client_for(answers(httpx.Response(200, text="<html>maintenance</html>")))
    with pytest.raises(StatInputError, match="not valid JSON") as caught:
        client.fetch(halden_query())
    assert "tables/07459/data" in caught.value.path


# ------------------------------------------------------------------ planning


def many_regions(fixtures: Path, count: int) -> list[Dimension]:
    dims = list(parse_dimensions(metadata_body(fixtures)))
    codes = tuple(f"{i:04d}" for i in range(count))
    dims[0] = Dimension("Region", "region", codes, codes, "geo")
    return dims


def covered(queries: list[Query], dims: list[Dimension]) -> list[tuple[str, ...]]:
    """Every cell the queries ask for (with '*' expanded)."""
    full = {d.id: d.codes for d in dims}
    cells = []
    for query in queries:
        parts = [full[d] if codes == ("*",) else codes for d, codes in query.selection]
        cells += list(product(*parts))
    return cells


def test_a_large_request_is_split_by_year_under_the_cell_limit(fixtures: Path) -> None:
    dims = many_regions(fixtures, 357)
    queries = plan_queries("07459", dims)
    per_year = 357 * 2 * 106
    assert [len(q.years()) for q in queries] == [10, 10, 2]
    assert all(q.cells == per_year * len(q.years()) <= 800_000 for q in queries)
    assert queries[0].years()[0] == "2005" and queries[-1].years()[-1] == "2026"


def test_a_year_over_the_limit_is_split_by_region_too(fixtures: Path) -> None:
    dims = many_regions(fixtures, 357)
    queries = plan_queries("07459", dims, max_cells=20_000)
    assert all(q.cells <= 20_000 for q in queries)
    assert all(len(q.years()) == 1 for q in queries)
    cells = covered(queries, dims)
    assert len(cells) == len(set(cells)) == math.prod(len(d.codes) for d in dims)


def test_a_dimension_asked_for_in_full_is_sent_as_a_star(fixtures: Path) -> None:
    dims = parse_dimensions(metadata_body(fixtures))
    (query,) = plan_queries("07459", dims, {"Kjonn": ["2"]}, years=["2024"])
    sent = dict(query.selection)
    assert sent["Alder"] == ("*",) and sent["Kjonn"] == ("2",) and sent["Tid"] == ("2024",)
    assert query.cells == 1 * 1 * 106 * 1 * 1


def test_planning_refuses_an_unknown_value_code(fixtures: Path) -> None:
    dims = parse_dimensions(metadata_body(fixtures))
    with pytest.raises(StatInputError) as caught:
        plan_queries("07459", dims, {"Region": ["9999"]})
    assert caught.value.dimension == "Region" and caught.value.value == "9999"


# ------------------------------------------------------------------ current borders


def test_current_borders_use_ssbs_code_list_of_todays_municipalities(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    client = client_for(ssb(fixtures, seen, codelists=("vs_Kommun", "agg_KommSummer")))
    (query,) = client.plan("07459", years=["2024"], current_borders=True)
    metadata = [r for r in seen if r.url.path.endswith("/metadata")]
    assert metadata[-1].url.params["codelist[Region]"] == "agg_KommSummer"
    client.fetch_raw(query)
    request = data_requests(seen)[0]
    assert request.url.params["outputValues[Region]"] == "aggregated"
    region = json.loads(request.content)["selection"][0]
    assert region == {"variableCode": "Region", "valueCodes": ["*"], "codelist": "agg_KommSummer"}


def test_current_borders_on_a_table_without_such_a_code_list_is_refused(fixtures: Path) -> None:
    seen: list[httpx.Request] = []
    client = client_for(ssb(fixtures, seen, codelists=("vs_Fylker",)))
    with pytest.raises(StatInputError, match="no code list for current borders.*vs_Fylker"):
        client.plan("07459", current_borders=True)


def test_codes_of_the_current_border_list_lose_their_prefix(fixtures: Path) -> None:
    from statbank.fetch import population_array
    from statbank.jsonstat import parse_jsonstat

    raw = json.loads((fixtures / HALDEN).read_text("utf-8"))
    raw["dimension"]["Region"]["category"]["index"] = {"K-3101": 0}
    raw["dimension"]["Region"]["category"]["label"] = {"K-3101": "Halden"}
    _, regions, _ = population_array(parse_jsonstat(json.dumps(raw)))
    assert regions == ("3101",)


# ------------------------------------------------------------------ saving


def test_save_table_reads_config_and_metadata_then_saves_each_part(
    fixtures: Path, tmp_path: Path
) -> None:
    seen: list[httpx.Request] = []
    client = client_for(ssb(fixtures, seen), tmp_path / "cache")
    written = save_table(
        client, "07459", tmp_path / "out", years=["2024", "2025"], selection={"Region": ["3101"]}
    )
    assert [p.name for p in written] == ["07459_2024-2025.json"]
    assert written[0].read_bytes() == (fixtures / HALDEN).read_bytes()
    assert [r.url.path.rsplit("/", 1)[-1] for r in seen] == ["config", "metadata", "data"]
    sent = {s["variableCode"]: s["valueCodes"] for s in json.loads(seen[2].content)["selection"]}
    assert sent == {
        "Region": ["*"],  # the only region of this (recorded) table
        "Kjonn": ["*"],
        "Alder": ["*"],
        "ContentsCode": ["*"],
        "Tid": ["2024", "2025"],
    }


def test_parts_of_one_year_get_numbered_names(fixtures: Path, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    client = client_for(ssb(fixtures, seen, config_body=config(maxDataCells=106)), tmp_path)
    written = save_table(client, "07459", tmp_path / "out", years=["2024"])
    assert [p.name for p in written] == ["07459_2024-2024_part1.json", "07459_2024-2024_part2.json"]


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
