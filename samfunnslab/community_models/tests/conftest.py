"""Fixtures for community model tests: a model owned by Haugesund (Alice's organisation)."""

from __future__ import annotations

from typing import Any

import pytest

from samfunnslab.community_models import services


@pytest.fixture
def model(organisation: Any, facilitator: Any) -> Any:
    """An empty model for Haugesund."""
    return services.model_create(
        organisation=organisation,
        user=facilitator,
        name="Testmodellen",
        municipality_code="1106",
        horizon_year=2040,
    )


@pytest.fixture
def built(model: Any) -> Any:
    """A small model: two actors, two functions, roles, a causal loop pair and a value."""
    add = services.element_add
    home = add(model=model, kind="actor", label="Hjemmetjenesten", sector="public")
    neighbours = add(model=model, kind="actor", label="Naboer", sector="civil")
    care = add(
        model=model,
        kind="function",
        label="Omsorg for eldre",
        function_key="care_elderly",
        kommune_version="2.0",
    )
    add(model=model, kind="function", label="Helse", function_key="health")
    volunteering = add(model=model, kind="factor", label="Frivillig innsats")
    trust = add(model=model, kind="factor", label="Tillit")
    fatigue = add(model=model, kind="factor", label="Slitasje")
    services.role_add(model=model, actor=home, function=care, kind="provides")
    services.role_add(model=model, actor=neighbours, function=care, kind="co_creates")
    services.relation_add(
        model=model, source=volunteering, target=trust, kind="causal", polarity="+"
    )
    services.relation_add(
        model=model, source=trust, target=volunteering, kind="causal", polarity="+"
    )
    services.relation_add(
        model=model, source=volunteering, target=fatigue, kind="causal", polarity="+"
    )
    services.relation_add(
        model=model, source=fatigue, target=volunteering, kind="causal", polarity="-"
    )
    services.value_add(model=model, label="Fellesskap")
    services.assumption_add(
        model=model,
        text="Skole som vi kjenner den",
        status="flipped",
        instead="Skolen er nabolagets hus",
    )
    model.refresh_from_db()
    return model
