"""The JSON API: documented endpoints, and numbers that equal the snapshot exactly."""

from __future__ import annotations

import re

import numpy as np
import pytest

from samfunnslab.core import statistics

pytestmark = pytest.mark.django_db


def _expected(value: float) -> int | None:
    return None if np.isnan(value) else round(float(value))


def test_the_schema_documents_both_endpoints_with_response_schemas(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/kommuner/" in schema["paths"]  # the versioned path is the documented one
    detail = schema["paths"]["/api/v1/kommuner/{code}/"]["get"]
    assert set(detail["responses"]) >= {"200", "404"}
    assert "MunicipalityDetailOut" in schema["components"]["schemas"]
    assert "population" in schema["components"]["schemas"]["MunicipalityDetailOut"]["properties"]


def test_the_list_has_all_357_municipalities_with_county_and_centrality(client):
    rows = client.get("/api/kommuner/").json()
    assert len(rows) == 357
    haugesund = next(r for r in rows if r["code"] == "1106")
    assert haugesund["name"] == "Haugesund"
    assert haugesund["county_name"] == "Rogaland"
    assert haugesund["centrality_class"] == 3


def test_every_municipality_equals_the_snapshot_every_year(client):
    cube = statistics.snapshot().population
    totals = cube.values.sum(axis=(2, 3))
    for i, code in enumerate(cube.codes):
        body = client.get(f"/api/kommuner/{code}/").json()
        got = [(p["year"], p["total"]) for p in body["population"]]
        assert got == [(int(y), _expected(totals[j, i])) for j, y in enumerate(cube.years)], code


def test_haugesund_on_1_january_2024(client):
    body = client.get("/api/kommuner/1106/").json()
    assert {"year": 2024, "total": 38292} in body["population"]


def test_blank_years_are_null_not_zero(client):
    body = client.get("/api/kommuner/1580/").json()
    first = body["population"][0]
    assert first == {"year": 2006, "total": None}


def test_sex_and_age_come_on_request_and_equal_the_cube(client):
    block = statistics.snapshot().population.municipality("1106")
    body = client.get("/api/kommuner/1106/?detaljer=kjonn,alder").json()
    last = body["population"][-1]
    assert last["female"] == round(block[-1, 0].sum())
    assert last["male"] == round(block[-1, 1].sum())
    assert len(last["ages"]) == 106
    assert last["ages"][80] == {
        "age": 80,
        "total": round(block[-1, :, 80].sum()),
        "female": round(block[-1, 0, 80]),
        "male": round(block[-1, 1, 80]),
    }


def test_without_details_there_is_no_split(client):
    body = client.get("/api/kommuner/1106/").json()
    assert set(body["population"][0]) == {"year", "total"}


def test_indicators_carry_formula_and_source_and_the_answer_carries_the_licence(client):
    body = client.get("/api/kommuner/1106/").json()
    ratio = next(i for i in body["indicators"] if i["key"] == "aldersbaereevne")
    assert ratio["formula"] == "P(20–66) / P(67+)"
    assert "07459" in ratio["source"]
    block = statistics.snapshot().population.municipality("1106")[-1].sum(axis=0)
    assert ratio["value"] == pytest.approx(block[20:67].sum() / block[67:].sum())
    assert body["attribution"]["licence"] == "CC BY 4.0"


def test_an_unknown_code_is_a_404_with_a_plain_message(client):
    response = client.get("/api/kommuner/9999/")
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


def test_an_old_code_names_the_new_one(client):
    response = client.get("/api/kommuner/0101/")
    assert response.status_code == 404
    assert "3101" in response.json()["detail"]


def test_unknown_details_are_rejected(client):
    assert client.get("/api/kommuner/1106/?detaljer=inntekt").status_code == 400


def _story_page_text(client, code: str) -> str:
    html = client.get(f"/kommune/{code}/2040/?fodt=1985").content.decode()
    return re.sub(r"[\s\u00a0\u202f]+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("code", ["1106", "1151"])
def test_the_story_endpoint_says_every_sentence_the_page_says(client, code):
    body = client.get(f"/api/kommuner/{code}/2040?fodt=1985").json()
    page = _story_page_text(client, code)
    assert [s["key"] for s in body["steps"]][:3] == ["intro", "pyramid", "you"]
    for step in body["steps"]:
        assert step["heading"] in page
        for line in step["lines"]:
            assert re.sub(r"[\s\u00a0\u202f]+", " ", line) in page, line


def test_the_story_endpoint_carries_the_one_care_baseline(client):
    from samfunnslab.scenarios.selectors import care_baseline

    body = client.get("/api/kommuner/1151/2040").json()
    care = care_baseline(code="1151")
    assert body["care_printed"] == care.texts()
    assert body["care_baseline"]["need"] == pytest.approx(care.need)
    assert body["care_baseline"]["source"] == care.source
    assert "you" not in [s["key"] for s in body["steps"]]
    assert body["pdf_url"] == "/kommune/1151/2040.pdf"


def test_the_story_endpoint_is_documented_and_refuses_a_birth_year_out_of_range(client):
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]["/api/v1/kommuner/{code}/2040"]["get"]["responses"]) >= {
        "200",
        "404",
    }
    assert client.get("/api/kommuner/1151/2040?fodt=1800").status_code == 400
    assert "3101" in client.get("/api/kommuner/0101/2040").json()["detail"]
