"""Exports of one model: Kumu JSON, element CSV and the PDF description."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.text import slugify

from samfunnslab.community_models import (
    authorizers,
    exports,
)
from samfunnslab.community_models.models import (
    CommunityModel,
)


def _filename(model: CommunityModel, ending: str) -> str:
    """Return a safe download file name."""
    return f"{slugify(model.name) or 'modell'}.{ending}"


def export_kumu(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the model as a Kumu blueprint (JSON)."""
    model = authorizers.get_model_for_view(request.user, pk)
    response = JsonResponse(
        exports.kumu_json(model), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(model, "kumu.json")}"'
    return response


def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Download all elements, roles, relations, values and assumptions as CSV."""
    model = authorizers.get_model_for_view(request.user, pk)
    response = HttpResponse(exports.csv_text(model), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(model, "csv")}"'
    return response


def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the printable model description (PDF) for a council meeting."""
    model = authorizers.get_model_for_view(request.user, pk)
    response = HttpResponse(exports.pdf_bytes(model), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(model, "pdf")}"'
    return response
