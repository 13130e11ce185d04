"""The read-only API: a versioned path, the old path kept, CORS for any origin, cache headers."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_versioned_and_the_old_path_answer_the_same(client: Client) -> None:
    versioned = client.get("/api/v1/kommuner/")
    old = client.get("/api/kommuner/")
    assert versioned.status_code == old.status_code == 200
    assert versioned.json() == old.json()


def test_api_answers_may_be_read_by_any_page_and_cached(client: Client) -> None:
    response = client.get("/api/v1/kommuner/", headers={"Origin": "https://kommune.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Cache-Control"].startswith("public, max-age=")


def test_a_preflight_is_answered_without_touching_a_view(client: Client) -> None:
    response = client.options(
        "/api/v1/kommuner/1106/",
        headers={"Origin": "https://kommune.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_errors_and_pages_are_not_cached_and_the_docs_get_no_cors(client: Client) -> None:
    missing = client.get("/api/v1/kommuner/9999/")
    assert missing.status_code in (400, 404)
    assert "public" not in missing.get("Cache-Control", "")
    assert "Access-Control-Allow-Origin" not in client.get("/api/docs")
    assert "Access-Control-Allow-Origin" not in client.get("/")
