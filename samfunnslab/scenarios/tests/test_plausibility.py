"""Plausibility lines: every moved lever is compared with what municipalities or sources have seen."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from samfunnslab.core import statistics
from samfunnslab.scenarios import engine, plausibility
from samfunnslab.scenarios.choices import Choices, Parameters, parameters_for


def _by_key(checks: list[plausibility.Check]) -> dict[str, plausibility.Check]:
    return {c.key: c for c in checks}


def test_the_growth_spread_is_the_gap_between_the_fastest_tenth_and_the_middle() -> None:
    cube = statistics.snapshot().population
    years = list(cube.years)
    totals = cube.values.sum(axis=(2, 3))
    growth = (totals[years.index(2026)] / totals[years.index(2016)]) ** 0.1 - 1
    growth = growth[np.isfinite(growth)]
    expected = np.percentile(growth, 90) - np.median(growth)
    assert plausibility.growth_spread() == pytest.approx(expected)
    assert 0.001 < plausibility.growth_spread() < 0.05


def test_the_reference_path_has_no_plausibility_lines() -> None:
    assert plausibility.scenario_checks(Parameters()) == []


def test_a_small_step_stays_within_what_has_been_seen() -> None:
    checks = _by_key(plausibility.scenario_checks(parameters_for(Choices({"teknologi": 1}))))
    assert set(checks) == {"standard_change"}
    assert not checks["standard_change"].exceeded
    assert "0,5" in checks["standard_change"].basis


def test_every_technology_choice_at_once_is_flagged_beyond_ssbs_productivity_example() -> None:
    choices = Choices({"teknologi": 2, "nabokommune": 2}, frozenset({"teknologi", "samarbeid"}))
    checks = _by_key(plausibility.scenario_checks(parameters_for(choices)))
    assert checks["standard_change"].exceeded
    assert checks["standard_change"].value_text == "\u22121,3 prosent per år"


def test_fertility_is_judged_against_ssbs_low_and_high_alternatives() -> None:
    within = _by_key(plausibility.scenario_checks(Parameters(fertility_factor=1.1)))
    beyond = _by_key(plausibility.scenario_checks(Parameters(fertility_factor=0.8)))
    assert not within["fertility_factor"].exceeded and beyond["fertility_factor"].exceeded


def test_a_migration_shift_beyond_the_municipal_spread_is_flagged() -> None:
    spread = plausibility.growth_spread()
    inside = Parameters(migration_rate_shift=spread * 0.9)
    outside = Parameters(migration_rate_shift=-spread * 1.1)
    assert not plausibility.scenario_checks(inside)[0].exceeded
    assert plausibility.scenario_checks(outside)[0].exceeded


def test_a_models_welfare_technology_is_judged_against_ssbs_example_to_its_horizon() -> None:
    # 0.5 % a year for 14 years is about 6.8 %: 5 % is within, 12 % (an example model) is not.
    ok = _by_key(plausibility.model_checks({"welfare_technology_effect": 5}, 2040, "1106"))
    too_much = _by_key(plausibility.model_checks({"welfare_technology_effect": 12}, 2040, "1106"))
    assert not ok["welfare_technology_effect"].exceeded
    assert too_much["welfare_technology_effect"].exceeded
    assert "6,8" in too_much["welfare_technology_effect"].basis


def test_a_models_in_migration_range_scales_with_the_municipality() -> None:
    big = plausibility.model_checks({"young_adult_inflow": 200}, 2040, "1106")[0]
    small = plausibility.model_checks({"young_adult_inflow": 200}, 2040, "1151")[0]
    assert not big.exceeded and small.exceeded
    assert engine.run("1151").total(2026) < engine.run("1106").total(2026)


def test_neutral_model_parameters_have_no_lines() -> None:
    assert plausibility.model_checks({"family_volunteer_share": 0}, 2040, "1106") == []


@pytest.mark.django_db
def test_the_scenario_card_flags_a_lever_beyond_what_has_been_seen(client) -> None:
    query = "kommune=1106&p_teknologi=2&p_nabokommune=2&veivalg=teknologi&veivalg=samarbeid"
    html = client.get(reverse("scenarios:card_hx") + "?" + query).content.decode()
    block = html[html.index('id="plausibility"') :]
    assert 'data-lever="standard_change" class="exceeded"' in block
    assert "utenfor det som er sett" in block


@pytest.mark.django_db
def test_a_community_models_numbers_panel_flags_its_levers(client, organisation, facilitator):
    from samfunnslab.community_models import demo

    models = {m.name: m for m in demo.load_demo(organisation=organisation, user=facilitator)}
    model = models["Regionmodellen"]
    html = client.get(reverse("community_models:detail", args=[model.pk])).content.decode()
    block = html[html.index('id="plausibility"') :]
    assert 'data-lever="welfare_technology_effect" class="exceeded"' in block
