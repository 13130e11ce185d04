from __future__ import annotations

import re

import pytest
from django.utils import timezone

from samfunnslab.lab.tests import factories
from samfunnslab.portfolio import figures, selectors, services
from samfunnslab.portfolio.models import Horizon, Initiative, Pilot, PortfolioNode

pytestmark = pytest.mark.django_db

URLS = {"pilot": str, "initiative": str, "model": str}


def test_the_tree_nests_nodes_and_attaches_pilots(organisation) -> None:
    challenge = services.node_create(
        organisation=organisation, level="challenge", title="Demografi"
    )
    area = services.node_create(
        organisation=organisation, parent=challenge, level="area", title="Velferd"
    )
    pilot = services.pilot_create(
        organisation=organisation, user=None, title="P", hypothesis="H", node=area
    )
    tree = selectors.portfolio_tree(PortfolioNode.objects.all(), Pilot.objects.all())
    assert [t.node for t in tree] == [challenge]
    assert tree[0].children[0].node == area and tree[0].children[0].pilots == (pilot,)


def test_three_horizons_places_pilots_initiatives_and_models(organisation) -> None:
    model = factories.community_model(organisation)
    services.pilot_create(
        organisation=organisation, user=None, title="Piloten", hypothesis="H", horizon="H2+"
    )
    columns = selectors.three_horizons(
        Pilot.objects.all(), Initiative.objects.filter(horizon="H2-"), [], [model], URLS
    )
    by_key = {c.key: [i.title for i in c.items] for c in columns}
    assert list(by_key) == ["H1", "H2-", "H2+", "H3"]
    assert "Piloten" in by_key["H2+"] and model.name in by_key["H3"]
    assert "«Planvask» i Larvik" in by_key["H2-"]


def test_backcasting_runs_from_the_horizon_back_to_now(organisation) -> None:
    model = factories.community_model(organisation)
    services.milestone_add(
        organisation=organisation, model=model, year=2033, condition="Tre nabolag"
    )
    timeline = selectors.backcasting(model, list(model.milestones.all()))
    years = [step.year for step in timeline]
    assert years[0] == 2040 and years[-1] == timezone.localdate().year
    assert years == sorted(years, reverse=True)
    assert [m.condition for m in next(s for s in timeline if s.year == 2033).milestones] == [
        "Tre nabolag"
    ]


def test_initiatives_are_searched_by_text_function_and_tag() -> None:
    everything = Initiative.objects.all()
    assert [i.title for i in selectors.initiatives_search(everything, q="Posten")] == [
        "«På dørterskelen» – Posten som velferdsaktør"
    ]
    assert all(
        "growing_up" in i.functions
        for i in selectors.initiatives_search(everything, function="growing_up")
    )
    assert all("forsøk" in i.tags for i in selectors.initiatives_search(everything, tag="forsøk"))


def test_the_map_has_a_dot_per_placed_initiative() -> None:
    svg = figures.initiatives_map([("1804", "Bodø-strategien"), ("0000", "Ukjent")], title="Kart")
    assert svg is not None and svg.count("<circle") == 1 and "Bodø-strategien" in svg


def test_the_horizons_figure_has_a_title_and_a_description() -> None:
    svg = figures.horizons_svg(
        {"H1": 1, "H2": 2, "H3": 0},
        title="Tre horisonter",
        summary="Oppsummert",
        now="Nå",
        future="Framtid",
    )
    assert 'role="img"' in svg and "<desc" in svg and "H2 (2)" in svg


def test_the_horizons_axis_speaks_the_language_it_is_given() -> None:
    svg = figures.horizons_svg(
        {"H1": 1}, title="Three Horizons", summary="Summed up", now="Now", future="Future"
    )
    assert ">Now</text>" in svg and ">Future</text>" in svg
    assert "Nå" not in svg and "Framtid" not in svg


def test_the_horizons_texts_stay_readable_when_a_phone_halves_the_figure() -> None:
    svg = figures.horizons_svg({"H1": 1}, title="T", summary="S", now="Nå", future="Framtid")
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= 24


def test_a_horizon_label_is_its_key_a_colon_and_a_phrase() -> None:
    # «H2− – forbedrer dagens system» read as a typo: a minus sign followed by a dash.
    for horizon in Horizon:
        if horizon == Horizon.NONE:
            continue
        key, colon, phrase = str(horizon.label).partition(": ")
        assert key == horizon.value.replace("-", "−") and colon and phrase and "–" not in phrase
