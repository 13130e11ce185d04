"""Exports: a real PDF, a Kumu blueprint and a CSV of every part."""

from __future__ import annotations

import csv
import io

import pypdf
import pytest

from samfunnslab.community_models import exports, services
from samfunnslab.community_models.sources import ContributionRef
from samfunnslab.core.tests.pdf_checks import assert_tagged

pytestmark = pytest.mark.django_db


def test_the_pdf_is_a_real_pdf_with_the_model_and_its_numbers(built):
    data = exports.pdf_bytes(built)
    assert data.startswith(b"%PDF")
    assert_tagged(data, title="Testmodellen")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Testmodellen" in text
    assert "Haugesund" in text
    assert "Hjemmetjenesten" in text
    assert "R1" in text and "B1" in text
    assert "2040" in text


def test_the_kumu_blueprint_has_elements_connections_and_loops(built):
    blueprint = exports.kumu_json(built)
    assert set(blueprint) == {"elements", "connections", "loops"}
    labels = {e["label"] for e in blueprint["elements"]}
    assert {"Hjemmetjenesten", "Omsorg for eldre", "Tillit"} <= labels
    assert all({"from", "to", "type", "direction"} <= set(c) for c in blueprint["connections"])
    assert all(c["from"] in labels and c["to"] in labels for c in blueprint["connections"])
    role = next(c for c in blueprint["connections"] if c["from"] == "Hjemmetjenesten")
    assert (role["to"], role["type"]) == ("Omsorg for eldre", "Utfører")
    assert {
        "label": "R1",
        "type": "forsterkende",
        "description": "Frivillig innsats → Tillit → Frivillig innsats",
    } in blueprint["loops"]


def test_kumu_labels_stay_unique_when_two_kinds_share_a_name(model):
    services.element_add(model=model, kind="actor", label="Frivillige", sector="civil")
    services.element_add(model=model, kind="factor", label="Frivillige")
    labels = [e["label"] for e in exports.kumu_json(model)["elements"]]
    assert sorted(labels) == ["Frivillige (Aktør)", "Frivillige (Faktor)"]


def test_the_csv_has_a_row_for_every_part_with_the_workshop_link(built):
    services.contribution_pull(
        model=built,
        as_kind="value",
        contribution=ContributionRef(1, "Verksted", 2, "Ordsky", 99, "Tillit, ja", "word"),
    )
    rows = list(csv.DictReader(io.StringIO(exports.csv_text(built))))
    parts = [row["del"] for row in rows]
    assert parts.count("element") == 7 and parts.count("rolle") == 2
    assert (
        parts.count("relasjon") == 4 and parts.count("verdi") == 2 and parts.count("antakelse") == 1
    )
    pulled = next(row for row in rows if row["innspill_id"] == "99")
    assert (pulled["navn"], pulled["verksted"], pulled["innspillstekst"]) == (
        "Tillit, ja",
        "Verksted",
        "Tillit, ja",
    )


def test_model_data_is_plain_json_ready_data(built):
    import json

    data = exports.model_data(built)
    assert json.loads(json.dumps(data))["name"] == "Testmodellen"
    assert len(data["relations"]) == 4


def test_the_csv_never_hands_a_formula_to_a_spreadsheet(model):
    services.element_add(model=model, kind="factor", label="=cmd|' /C calc'!A0")
    rows = list(csv.DictReader(io.StringIO(exports.csv_text(model))))
    labels = [value for row in rows for value in row.values()]
    assert "'=cmd|' /C calc'!A0" in labels
    assert not any(isinstance(v, str) and v.startswith("=") for v in labels)
