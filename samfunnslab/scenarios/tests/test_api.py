from __future__ import annotations

import pytest
from django.test import Client

from samfunnslab.scenarios import engine
from samfunnslab.scenarios.choices import Parameters

pytestmark = pytest.mark.django_db


def test_the_api_returns_the_engines_numbers(client: Client) -> None:
    data = client.get("/api/kommuner/1106/framskriving?alternativ=MMMM&unge_voksne=3").json()
    outcome = engine.run("1106", "MMMM", Parameters(young_adult_inflow_per_1000=3.0))
    year = data["years"].index(2040)
    assert data["series"][year]["total"] == pytest.approx(outcome.total(2040))
    assert data["workforce"]["demand_fte"][year] == pytest.approx(
        outcome.workforce.at(2040)["demand_fte"]
    )
    support = next(i for i in data["indicators"] if i["key"] == "aldersbaereevne")
    assert support["formula"] == "P(20–66) / P(67+)"
    assert support["values"][year] == pytest.approx(outcome.indicator("aldersbaereevne", 2040))


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/kommuner/9999/framskriving", 404),
        ("/api/kommuner/1106/framskriving?alternativ=QQQQ", 400),
        ("/api/kommuner/1106/framskriving?fruktbarhet=9", 400),
        ("/api/kommuner/1106/framskriving?arbeidskraft=-1", 400),
        ("/api/kommuner/1106/framskriving?fruktbarhet=abc", 400),
        ("/api/kommuner/1106/framskriving?levealder=", 400),
        ("/api/kommuner/1106/framskriving?unge_voksne=nan", 400),
        ("/api/kommuner/1106/framskriving?innflytting=inf", 400),
        ("/api/kommuner/1106/framskriving?fruktbarhet=1e400", 400),
        ("/api/kommuner/1106/framskriving?alternativ=" + "M" * 10_000, 400),
        ("/api/kommuner/abc/framskriving", 404),
    ],
)
def test_bad_api_parameters_give_json_errors(client: Client, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["detail"]
    assert response["Content-Type"].startswith("application/json")


def test_a_malformed_number_names_the_parameter_in_the_detail(client: Client) -> None:
    response = client.get("/api/kommuner/1106/framskriving?fruktbarhet=abc&levealder=x")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "fruktbarhet" in detail and "levealder" in detail


def test_the_openapi_schema_documents_the_projection(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/v1/kommuner/{code}/framskriving"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"alternativ", "fruktbarhet", "unge_voksne", "standardendring"} <= names
    assert {"200", "400", "404"} <= set(operation["responses"])


def test_the_api_says_how_far_past_projections_for_this_size_were_off(client: Client) -> None:
    data = client.get("/api/kommuner/1106/framskriving").json()
    accuracy = {item["horizon"]: item for item in data["past_accuracy"]}
    assert sorted(accuracy) == [10, 15]
    ten = accuracy[10]
    assert ten["year"] == engine.BASE_YEAR + 10 and ten["in_ten"] == 8
    assert ten["size_class"] == "20 000–99 999"  # Haugesund, about 38,000 inhabitants
    assert 0 < ten["within_percent"] < 50
    assert "8 av 10 kommuner" in ten["text"] and "10 år fram" in ten["text"]


def test_the_schema_documents_what_each_endpoint_answers(client):
    schema = client.get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    projection = components["ProjectionIndicatorOut"]
    assert "values" in projection["required"]
    municipal = components["IndicatorOut"]
    assert "value" in municipal["properties"] and "values" not in municipal["properties"]
    data = client.get("/api/v1/kommuner/1106/framskriving").json()
    assert all(set(projection["required"]) <= set(i) for i in data["indicators"])
    detail = client.get("/api/v1/kommuner/1106/").json()
    assert all(set(municipal["required"]) <= set(i) for i in detail["indicators"])


def test_the_alternatives_are_an_enum_in_the_schema(client):
    schema = client.get("/api/openapi.json").json()
    path = next(p for p in schema["paths"] if p.endswith("/framskriving"))
    parameter = next(
        p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "alternativ"
    )
    enum = parameter["schema"].get("enum") or []
    assert "MMMM" in enum and "LLML" in enum and "QQQQ" not in enum
