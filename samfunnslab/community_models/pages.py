"""Page contexts of the community models: what the detail, builder and form pages show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from samfunnslab.community_models import authorizers, engine, selectors, sources
from samfunnslab.community_models.kommune_versions import SEED_TABLE, SHORT, SOURCE, VERSIONS
from samfunnslab.community_models.models import (
    ActorType,
    Archetype,
    AssumptionStatus,
    CoCreationType,
    CommunityModel,
    ElementKind,
    Formality,
    FunctionKey,
    KommuneVersion,
    LegalForm,
    Polarity,
    RelationKind,
    ResourceKind,
    RoleKind,
    Sector,
)
from samfunnslab.community_models.parameters import PARAMETERS
from samfunnslab.core import statistics
from samfunnslab.core.errors import Refusal
from samfunnslab.scenarios import plausibility


def choices() -> dict[str, Any]:
    """Return the choice lists the forms need."""
    return {
        "sectors": Sector.choices,
        "actor_types": ActorType.choices,
        "formalities": Formality.choices,
        "legal_forms": LegalForm.choices,
        "function_keys": FunctionKey.choices,
        "kommune_versions": KommuneVersion.choices,
        "co_creation_types": CoCreationType.choices,
        "resource_kinds": ResourceKind.choices,
        "role_kinds": RoleKind.choices,
        "relation_kinds": RelationKind.choices,
        "polarities": Polarity.choices,
        "assumption_statuses": AssumptionStatus.choices,
        "archetypes": Archetype.choices,
        "element_kinds": ElementKind.choices,
    }


def lens_help() -> dict[str, Any]:
    """Return the Kommune 1.0/2.0/3.0 seed table for the help panel."""
    return {"versions": VERSIONS, "rows": SEED_TABLE, "source": SOURCE, "short": SHORT}


def numbers(model: CommunityModel, code: str | None = None) -> dict[str, Any]:
    """Return the model's figures next to the baseline: in its own municipality, or in `code`."""
    code = code or model.municipality_code
    run = engine.model_figures(model, code)
    baseline = engine.baseline_figures(code)
    return {
        "figures": run,
        "baseline": baseline,
        "numbers": selectors.model_numbers(run, baseline),
        "numbers_for": statistics.municipality(code),
        "model_home": statistics.municipality(model.municipality_code),
        "plausibility": plausibility.model_checks(
            model.parameters or {}, model.horizon_year, model.municipality_code
        ),
    }


def numbers_code(raw: str | None) -> str | None:
    """Return the municipality asked for by `?kommune=` (None if none), or refuse with 404."""
    code = (raw or "").strip()
    if not code:
        return None
    known = code in {m.code for m in statistics.snapshot().municipalities}
    if not (known and engine.is_projected(code)):
        raise Refusal(
            gettext("Vi finner ingen kommune med nummeret «%(code)s». Tallene under gjelder "
                    "modellens egen kommune.") % {"code": code[:12]},
            status=404,
        )  # fmt: skip
    return code


def parameter_rows(
    model: CommunityModel, posted: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Return each engine parameter with its current (or just posted) value."""
    rows = []
    for spec in PARAMETERS:
        value = model.parameters.get(spec.key, spec.default)
        shown = (posted or {}).get(spec.key, f"{float(value):g}")
        rows.append({"spec": spec, "value": value, "shown": shown})
    return rows


def builder_announcement(context: Mapping[str, Any]) -> SafeString:
    """Return what the builder's status region says after a save: the refusal, else the news.

    Always HTML (escaped, with the makers' names marked lang="nb"), so the page shows it as it is
    and the `data-announce` attribute can take its plain text with `striptags`.
    """
    refused = [str(message) for messages in context["errors"].values() for message in messages]
    if refused:
        return escape(" ".join([gettext("Ikke lagret:"), *refused]))
    return conditional_escape(context["status_message"])


def builder_context(model: CommunityModel, **extra: Any) -> dict[str, Any]:
    """Return everything the builder page shows."""
    elements = list(model.elements.all())
    context = {
        "model": model,
        "diagram": selectors.diagram_view(model),
        "elements": elements,
        "actors": [e for e in elements if e.kind == ElementKind.ACTOR],
        "functions": [e for e in elements if e.kind == ElementKind.FUNCTION],
        "owners": [e for e in elements if e.kind in (ElementKind.ACTOR, ElementKind.INSTITUTION)],
        "roles": model.roles.select_related("actor", "function"),
        "relations": model.relations.select_related("source", "target"),
        "values": model.values.all(),
        "assumptions": model.assumptions.all(),
        "parameters": parameter_rows(model, extra.pop("posted_parameters", None)),
        "lens": lens_help(),
        "errors": {},
        "posted": {},
        "status_message": "",
        **choices(),
        **numbers(model),
        **extra,
    }
    context["announcement"] = builder_announcement(context)
    return context


def detail_context(model: CommunityModel, user: Any, *, code: str | None = None) -> dict[str, Any]:
    """Return what a model's page shows: narrative, diagram, roles, lens, numbers, provenance."""
    return {
        "model": model,
        "diagram": selectors.diagram_view(model),
        "can_edit": authorizers.can_edit_model(user, model),
        "can_fork": authorizers.can_fork_model(user, model),
        "functions": model.elements.filter(kind=ElementKind.FUNCTION),
        "parameters": parameter_rows(model),
        "lens": lens_help(),
        "pictures": model.images.all(),
        "team": selectors.team_of(model),
        **numbers(model, code),
    }


def images_context(model: CommunityModel, user: Any, *, form: Any) -> dict[str, Any]:
    """Return what the pictures page shows: the upload form, the model's pictures, and the
    approved photos from the user's workshops' phones not on the model yet."""
    pictures = model.images.all()
    linked = {p.source_contribution_id for p in pictures if p.source_contribution_id}
    return {
        "model": model,
        "form": form,
        "pictures": pictures,
        "workshop_photos": [
            p for p in sources.photos_for(user) if p.ref.contribution_id not in linked
        ],
    }
