"""The read-only JSON API (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Each app that serves JSON owns an `api.py` with a ninja `Router`; it is mounted here.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from samfunnslab.lab.api import router as lab_router
from samfunnslab.municipalities.api import router as municipalities_router
from samfunnslab.scenarios.api import router as scenarios_router

api = NinjaAPI(
    title="Samfunnslaben API",
    version="1",
    description=(
        "Read-only access to the embedded statistics, projections and the framework register. "
        "Kilde: Statistisk sentralbyrå (SSB), lisens CC BY 4.0. Tallene er bearbeidet."
    ),
    urls_namespace="api",
)
api.add_router("/kommuner/", municipalities_router, tags=["kommuner"])
api.add_router("/kommuner/", scenarios_router, tags=["framskriving"])
api.add_router("/rammebetingelser/", lab_router, tags=["rammebetingelser"])


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Answer malformed parameters with 400 and a plain message naming each bad field."""
    fields = [".".join(str(part) for part in error.get("loc", ())[1:]) for error in exc.errors]
    return api.create_response(
        request,
        {
            "detail": "Ugyldige parametere: " + ", ".join(f for f in fields if f),
            "errors": exc.errors,
        },
        status=400,
    )
