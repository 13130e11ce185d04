from __future__ import annotations

import pytest

from samfunnslab.lab import services

pytestmark = pytest.mark.django_db


def test_the_schema_describes_the_register(client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/rammebetingelser/" in schema["paths"]
    props = schema["components"]["schemas"]["ConditionOut"]["properties"]
    assert {"id", "title", "summary", "reference", "level", "type", "link", "checked"} <= set(props)


def test_the_register_is_served_as_json(client) -> None:
    entries = client.get("/api/rammebetingelser/").json()
    law = next(e for e in entries if e["reference"].startswith("LOV-1992-06-26-87"))
    assert law["level"] == "national" and law["type"] == "legal" and law["checked"] is False


def test_the_api_filters_by_level(client) -> None:
    entries = client.get("/api/rammebetingelser/?level=eu_eea").json()
    assert entries and {e["level"] for e in entries} == {"eu_eea"}


def test_local_entries_are_only_served_to_members(
    client, organisation, facilitator, outsider
) -> None:
    services.condition_create(
        organisation=organisation,
        user=None,
        title="Lokalt vedtak om nabolagshus",
        summary="s",
        reference="Sak 1/2026",
        level="local",
        type="organisational",
    )
    client.force_login(outsider)
    assert "Lokalt vedtak om nabolagshus" not in [
        e["title"] for e in client.get("/api/rammebetingelser/").json()
    ]
    client.force_login(facilitator)
    assert "Lokalt vedtak om nabolagshus" in [
        e["title"] for e in client.get("/api/rammebetingelser/").json()
    ]
