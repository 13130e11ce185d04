"""Exports of a model: plain data (also the version snapshot), Kumu JSON, CSV and a printable PDF."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.community_models import engine, selectors
from samfunnslab.community_models.kommune_versions import SHORT
from samfunnslab.community_models.models import ELEMENT_DETAIL_FIELDS, CommunityModel, Element
from samfunnslab.community_models.parameters import PARAMETERS
from samfunnslab.core import pdf
from samfunnslab.core.spreadsheet import safe_dict


def _source(obj: Any) -> dict[str, Any] | None:
    """Return the link back to a workshop contribution, if any."""
    if obj.source_contribution_id is None:
        return None
    return {
        "workshop_id": obj.source_workshop_id,
        "workshop": obj.source_workshop_title,
        "activity_id": obj.source_activity_id,
        "activity": obj.source_activity_title,
        "contribution_id": obj.source_contribution_id,
        "text": obj.source_text,
    }


def _element_data(element: Element) -> dict[str, Any]:
    """Return one element as plain data (only the fields that apply to its kind)."""
    data: dict[str, Any] = {"id": element.pk, "kind": element.kind, "label": element.label}
    for key in ELEMENT_DETAIL_FIELDS:
        if getattr(element, key):
            data[key] = getattr(element, key)
    if element.owner_id:
        data["owner"] = element.owner_id
    if source := _source(element):
        data["source"] = source
    return data


def model_data(model: CommunityModel) -> dict[str, Any]:
    """Return the whole model as plain JSON-ready data."""
    return {
        "name": model.name,
        "pitch": model.pitch,
        "municipality_code": model.municipality_code,
        "horizon_year": model.horizon_year,
        "archetype": model.archetype,
        "story": model.story,
        "day_in_the_life": model.day_in_the_life,
        "headlines": model.headline_list,
        "parameters": model.parameters,
        "version": model.version,
        "parent": model.parent_id,
        "parent_version": model.parent_version,
        "elements": [_element_data(e) for e in model.elements.all()],
        "roles": [
            {
                "actor": r.actor_id,
                "function": r.function_id,
                "kind": r.kind,
                "share_of_effort": r.share_of_effort,
                "note": r.note,
            }
            for r in model.roles.all()
        ],
        "relations": [
            {
                "from": r.source_id,
                "to": r.target_id,
                "kind": r.kind,
                "polarity": r.polarity,
                "delay": r.delay,
                "note": r.note,
                "source": _source(r),
            }
            for r in model.relations.all()
        ],
        "values": [
            {"label": v.label, "description": v.description, "source": _source(v)}
            for v in model.values.all()
        ],
        "assumptions": [
            {"text": a.text, "status": a.status, "instead": a.instead, "source": _source(a)}
            for a in model.assumptions.all()
        ],
    }


# --------------------------------------------------------------------------- Kumu


def _kumu_labels(elements: list[Element]) -> dict[int, str]:
    """Return a unique Kumu label per element (kind added where two kinds share a name)."""
    counts: dict[str, int] = {}
    for element in elements:
        counts[element.label.lower()] = counts.get(element.label.lower(), 0) + 1
    return {
        e.pk: e.label if counts[e.label.lower()] == 1 else f"{e.label} ({e.get_kind_display()})"
        for e in elements
    }


def kumu_json(model: CommunityModel) -> dict[str, Any]:
    """Return a Kumu blueprint: {"elements": [...], "connections": [...], "loops": [...]}."""
    elements = list(model.elements.all())
    labels = _kumu_labels(elements)
    kumu_elements = []
    for element in elements:
        item = {
            "label": labels[element.pk],
            "type": str(element.get_kind_display()),
            "description": element.description,
            "tags": [element.kind],
        }
        if element.sector:
            item["sector"] = str(element.get_sector_display())
        if element.kommune_version:
            item["kommune version"] = element.kommune_version
        kumu_elements.append(item)
    connections = [
        {
            "from": labels[r.actor_id],
            "to": labels[r.function_id],
            "type": str(r.get_kind_display()),
            "direction": "directed",
            "tags": ["role"],
        }
        for r in model.roles.all()
    ]
    for relation in model.relations.all():
        item = {
            "from": labels[relation.source_id],
            "to": labels[relation.target_id],
            "type": str(relation.get_kind_display()),
            "direction": "directed",
            "tags": [relation.kind],
            "description": relation.note,
        }
        if relation.polarity:
            item["polarity"] = relation.polarity
        connections.append(item)
    loops = [
        {"label": loop.code, "type": loop.type_label, "description": loop.chain}
        for loop in selectors.loops_of(model)
    ]
    return {"elements": kumu_elements, "connections": connections, "loops": loops}


# --------------------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "del",
    "type",
    "navn",
    "beskrivelse",
    "sektor",
    "fra",
    "til",
    "rolle_eller_relasjon",
    "retning",
    "kommuneversjon",
    "verksted",
    "innspill_id",
    "innspillstekst",
)


def _row(part: str, **values: Any) -> dict[str, Any]:
    """Return a CSV row with every column present."""
    return {column: values.get(column, "") for column in CSV_COLUMNS} | {"del": part}


def _source_columns(obj: Any) -> dict[str, Any]:
    """Return the workshop link columns."""
    return {
        "verksted": obj.source_workshop_title,
        "innspill_id": obj.source_contribution_id or "",
        "innspillstekst": obj.source_text,
    }


def csv_rows(model: CommunityModel) -> list[dict[str, Any]]:
    """Return one row per element, role, relation, value and assumption."""
    rows = [
        _row(
            "element",
            type=e.get_kind_display(),
            navn=e.label,
            beskrivelse=e.description,
            sektor=e.get_sector_display() if e.sector else "",
            kommuneversjon=e.kommune_version,
            **_source_columns(e),
        )
        for e in model.elements.all()
    ]
    rows += [
        _row(
            "rolle",
            fra=r.actor.label,
            til=r.function.label,
            rolle_eller_relasjon=r.get_kind_display(),
            beskrivelse=r.note,
        )
        for r in model.roles.select_related("actor", "function")
    ]
    rows += [
        _row(
            "relasjon",
            fra=r.source.label,
            til=r.target.label,
            rolle_eller_relasjon=r.get_kind_display(),
            retning=r.polarity,
            beskrivelse=r.note,
            **_source_columns(r),
        )
        for r in model.relations.select_related("source", "target")
    ]
    rows += [
        _row("verdi", navn=v.label, beskrivelse=v.description, **_source_columns(v))
        for v in model.values.all()
    ]
    rows += [
        _row(
            "antakelse",
            type=a.get_status_display(),
            navn=a.text,
            beskrivelse=a.instead,
            **_source_columns(a),
        )
        for a in model.assumptions.all()
    ]
    return rows


def csv_text(model: CommunityModel) -> str:
    """Return the CSV of all parts of the model (UTF-8, comma separated, header row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_dict(row) for row in csv_rows(model))
    return out.getvalue()


# --------------------------------------------------------------------------- PDF


@dataclass(frozen=True)
class ReportContext:
    """Everything the printable model description shows."""

    model: CommunityModel
    municipality: str
    diagram: selectors.DiagramView
    figures: engine.Figures
    baseline: engine.Figures
    parameters: tuple[tuple[str, str, float], ...]
    functions: tuple[tuple[str, str, str], ...]
    printed: str


def report_context(model: CommunityModel) -> ReportContext:
    """Collect the model description as plain data for the PDF template."""
    from samfunnslab.core import statistics

    functions = tuple(
        (f.label, f.kommune_version, SHORT.get(f.kommune_version, ""))
        for f in model.elements.filter(kind="function")
    )
    return ReportContext(
        model=model,
        municipality=statistics.snapshot().info(model.municipality_code).name,
        diagram=selectors.diagram_view(model, svg_id="pdf-diagram"),
        figures=engine.model_figures(model),
        baseline=engine.baseline_figures(model.municipality_code),
        parameters=tuple(
            (str(s.label), str(s.unit), float(model.parameters.get(s.key, s.default)))
            for s in PARAMETERS
        ),
        functions=functions,
        printed=timezone.localdate().strftime("%d.%m.%Y"),
    )


def pdf_bytes(model: CommunityModel) -> bytes:
    """Render the printable model description (for a council meeting) as PDF bytes."""
    html = render_to_string(
        "community_models/model_pdf.html",
        {"report": report_context(model), "title": _("Modellbeskrivelse")},
    )
    return pdf.html_to_pdf(html)
