"""Small builders for lab and portfolio tests: a model with a role and a relation, an exercise."""

from __future__ import annotations

import itertools
from typing import Any

from samfunnslab.community_models import services as model_services
from samfunnslab.community_models.models import CommunityModel
from samfunnslab.lab import services
from samfunnslab.lab.models import Finding, FrameworkCondition, LabExercise


def community_model(organisation: Any, *, name: str = "Nabolagsmodellen") -> CommunityModel:
    """Return a model with an actor, a function, a role, two factors and a relation."""
    model = model_services.model_create(
        organisation=organisation, user=None, name=name, municipality_code="1106", horizon_year=2040
    )
    actor = model_services.element_add(
        model=model, kind="actor", label="Nabolagslaget", sector="civil", actor_type="volunteer"
    )
    function = model_services.element_add(
        model=model, kind="function", label="Omsorg for eldre", function_key="care_elderly"
    )
    model_services.role_add(model=model, actor=actor, function=function, kind="provides")
    a = model_services.element_add(model=model, kind="factor", label="Tillit")
    b = model_services.element_add(model=model, kind="factor", label="Frivillig innsats")
    model_services.relation_add(model=model, source=a, target=b, kind="causal", polarity="+")
    return model


def condition(key: str) -> FrameworkCondition:
    """Return a seeded register entry by its key."""
    return FrameworkCondition.objects.get(seed_key=key)


def exercise(organisation: Any, model: CommunityModel | None = None) -> LabExercise:
    """Return an exercise testing the model against three seeded laws."""
    model = model or community_model(organisation)
    return services.exercise_create(
        organisation=organisation,
        user=None,
        model=model,
        title="Øvelse",
        conditions=[
            condition("helse-og-omsorgstjenesteloven"),
            condition("kommuneloven"),
            condition("arbeidsmiljoloven"),
        ],
    )


def role_ref(model: CommunityModel) -> str:
    """Return the reference key of the model's first role."""
    return f"role:{model.roles.first().pk}"


_numbers = itertools.count(1)


def finding(ex: LabExercise, **changes: Any) -> Finding:
    """Return a barrier finding on the model's role × helse- og omsorgstjenesteloven."""
    fields: dict[str, Any] = {
        "ref": role_ref(ex.model),
        "condition": condition("helse-og-omsorgstjenesteloven"),
        "finding_type": "barrier",
        "mechanism": "requires",
        "room": "local_decision",
        "description": f"Kommunen har «sørge for»-ansvaret ({next(_numbers)}).",
        "proposed_action": "Avtale med nabolagslaget.",
    }
    fields.update(changes)
    return services.finding_create(exercise=ex, user=None, **fields)
