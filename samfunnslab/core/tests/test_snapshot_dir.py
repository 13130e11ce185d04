"""With SNAPSHOT_DIR set, every page family shows the numbers of that snapshot and no other.

The synthetic snapshot is the real one plus «Prøveby» (9998), a municipality that exists nowhere
else, with ten times Haugesund's population; Haugesund's outline is renamed «Synteseby». A page
that read statbank's package default would not know Prøveby at all.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from samfunnslab.core import statistics
from statbank.snapshot import write_npz

REAL = Path(django_settings.SNAPSHOT_DIR)
CODE, NAME, SCALE = "9998", "Prøveby", 10
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("snapshot") / "snapshot"
    shutil.copytree(REAL, folder)
    with np.load(REAL / "population.npz") as archive:
        arrays = {key: archive[key] for key in archive.files}
    index = list(arrays["codes"]).index("1106")
    arrays["codes"] = np.append(arrays["codes"], CODE)
    for key in arrays:
        if key.startswith("pop_"):
            arrays[key] = np.concatenate([arrays[key], arrays[key][index : index + 1] * SCALE])
    write_npz(folder / "population.npz", arrays)
    payload = json.loads((REAL / "municipalities.json").read_text("utf-8"))
    haugesund = next(m for m in payload["municipalities"] if m["code"] == "1106")
    payload["municipalities"].append(haugesund | {"code": CODE, "name": NAME})
    (folder / "municipalities.json").write_text(json.dumps(payload), "utf-8")
    geo = json.loads((REAL / "geo.json").read_text("utf-8"))
    for area in geo["municipalities"]:
        if area["code"] == "1106":
            area["name"] = "Synteseby"
    (folder / "geo.json").write_text(json.dumps(geo), "utf-8")
    return folder


@pytest.fixture
def configured(settings: Any, synthetic: Path) -> Path:
    settings.SNAPSHOT_DIR = synthetic
    return synthetic


def _spaced(number: float) -> str:
    """Format like the pages: a space between thousands (no-break spaces are made plain)."""
    return f"{round(number):,}".replace(",", " ")


def _population(code: str) -> float:
    return float(statistics.population().municipality(code)[-1].sum())


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode().replace("\u202f", " ").replace("\u00a0", " ")


def test_the_synthetic_municipality_is_unknown_without_the_setting() -> None:
    with pytest.raises(KeyError):
        statistics.municipality(CODE)


def test_min_kommune_shows_the_configured_population(configured: Path, client: Client) -> None:
    total = _population(CODE)
    assert total == pytest.approx(SCALE * _population("1106"), rel=1e-6)
    html = _html(client, reverse("municipalities:detail", args=[CODE]))
    assert NAME in html
    assert _spaced(total) in html


def test_scenarios_project_the_configured_municipality(configured: Path, client: Client) -> None:
    html = _html(client, reverse("scenarios:index") + f"?kommune={CODE}")
    assert NAME in html
    assert _spaced(_population(CODE)) in html


def test_a_community_model_shows_numbers_for_the_configured_municipality(
    configured: Path, facilitator: Any, organisation: Any
) -> None:
    from samfunnslab.community_models import engine, services

    model = services.model_create(
        organisation=organisation, user=facilitator, name="Modell", municipality_code=CODE
    )
    client = Client()
    client.force_login(facilitator)
    html = _html(client, reverse("community_models:detail", args=[model.pk]))
    aged = engine.baseline_figures(CODE).at(2030).aged_80_plus
    assert aged > 5 * engine.baseline_figures("1106").at(2030).aged_80_plus
    assert 'data-indicator="aged_80_plus" data-year="2030">' in html
    assert f">{_spaced(aged)}</td>" in html


def test_workshops_accept_only_municipalities_of_the_configured_snapshot(
    settings: Any, synthetic: Path, facilitator: Any, organisation: Any
) -> None:
    from samfunnslab.core.errors import Refusal
    from samfunnslab.workshops import services

    with pytest.raises(Refusal):
        services.workshop_create(
            organisation=organisation, user=facilitator, title="Før", municipality_code=CODE
        )
    settings.SNAPSHOT_DIR = synthetic
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Etter", municipality_code=CODE
    )
    assert workshop.municipality_code == CODE


def test_inclusion_compares_with_the_configured_population(
    configured: Path, facilitator: Any, organisation: Any
) -> None:
    from samfunnslab.inclusion.tests.factories import described, open_workshop

    workshop = open_workshop(organisation, facilitator)
    workshop.municipality_code = CODE
    workshop.save(update_fields=["municipality_code"])
    described(workshop, 6, age_band="30-44")
    client = Client()
    client.force_login(facilitator)
    html = _html(client, f"/inkludering/verksted/{workshop.pk}/")
    assert f"innbyggerne i {NAME}" in html


def test_the_portfolio_map_draws_the_configured_outlines(
    configured: Path, facilitator: Any, organisation: Any
) -> None:
    from samfunnslab.portfolio import services

    services.initiative_create(
        organisation=organisation,
        user=facilitator,
        title="Delebil",
        description="Biler som deles i nabolaget.",
        sources="https://example.org",
        municipality_code="1106",
    )
    client = Client()
    client.force_login(facilitator)
    html = _html(client, reverse("portfolio:initiatives"))
    assert "Delebil (Synteseby)" in html
