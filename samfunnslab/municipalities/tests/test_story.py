"""«Kommunen i 2040»: the numbers come from the engine and the care baseline, the page says them."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from django.urls import reverse

from samfunnslab.municipalities import futures
from samfunnslab.municipalities.formatting import persons
from samfunnslab.scenarios import engine
from samfunnslab.scenarios.selectors import care_baseline

pytestmark = pytest.mark.django_db

HAUGESUND, UTSIRA, OSLO, LODINGEN = "1106", "1151", "0301", "1851"


def _html(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("code", [HAUGESUND, UTSIRA, OSLO, LODINGEN])
def test_the_story_prints_the_engines_population_and_80_plus_for_2026_and_2040(client, code):
    outcome = engine.run(code)
    text = _text(_html(client, reverse("municipalities:story", args=[code])))
    for year in (2026, 2040):
        assert persons(outcome.total(year)) in text
        assert persons(outcome.aged(year, 80)) in text


@pytest.mark.parametrize("code", [HAUGESUND, UTSIRA])
def test_the_story_uses_the_one_care_baseline(client, code):
    texts = care_baseline(code=code).texts()
    text = _text(_html(client, reverse("municipalities:story", args=[code])))
    for key in ("need_now", "need", "every_nth_now", "every_nth", "gap"):
        assert texts[key] in text, key


def test_the_pyramid_has_one_frame_per_year_and_shows_2040_first(client):
    html = _html(client, reverse("municipalities:story", args=[HAUGESUND]))
    frames = re.findall(r'<div class="frame" data-frame="(\d+)"( hidden)?>', html)
    assert [int(y) for y, _h in frames] == list(futures.PYRAMID_YEARS)
    assert [y for y, hidden in frames if not hidden] == ["2040"]


def test_a_year_link_without_script_shows_that_year(client):
    html = _html(client, reverse("municipalities:story", args=[HAUGESUND]) + "?aar=2050")
    frames = re.findall(r'<div class="frame" data-frame="(\d+)"( hidden)?>', html)
    assert [y for y, hidden in frames if not hidden] == ["2050"]


def test_you_in_2040_says_your_age_and_how_many_share_it(client):
    outcome = engine.run(HAUGESUND)
    html = _html(client, reverse("municipalities:story", args=[HAUGESUND]) + "?fodt=1990")
    text = _text(html)
    assert "Født i 1990 er du 50 år i 2040." in text
    assert persons(outcome.aged(2026, 50, 50)) in text
    assert persons(outcome.aged(2040, 50, 50)) in text


def test_a_birth_year_outside_the_range_is_refused_with_a_message(client):
    html = _html(client, reverse("municipalities:story", args=[HAUGESUND]) + "?fodt=1800")
    assert 'class="error"' in html
    assert "Født i" not in html


def test_the_oldest_age_is_the_open_age_group():
    you = futures.you_then(HAUGESUND, futures.OLDEST_BIRTH_YEAR)
    assert you.age == 105
    assert you.same_age_then == pytest.approx(engine.run(HAUGESUND).aged(2040, 105))


def test_the_ranking_compares_with_the_same_county_and_centrality_class():
    ranking = futures.ranking(HAUGESUND)
    infos = {m.code: m for m in futures.statistics.snapshot().municipalities}
    assert ranking.scope == "county"
    assert all(infos[p.code].county_code == infos[HAUGESUND].county_code for p in ranking.peers)
    assert all(infos[p.code].centrality_class == infos[HAUGESUND].centrality_class
               for p in ranking.peers)  # fmt: skip
    values = [p.value for p in ranking.peers]
    assert values == sorted(values, reverse=True)
    assert ranking.peers[ranking.rank - 1].code == HAUGESUND


def test_a_municipality_with_too_few_local_peers_is_ranked_in_its_class_nationally():
    ranking = futures.ranking(OSLO)
    assert ranking.scope == "class"
    assert len(ranking.peers) >= futures.MIN_PEERS


def test_the_ranking_figure_is_persons_20_66_per_person_67_plus():
    outcome = engine.run(UTSIRA)
    expected = outcome.aged(2040, 20, 66) / outcome.aged(2040, 67)
    assert futures.support_ratios()[UTSIRA] == pytest.approx(expected)


def test_the_relatable_units_are_computed_from_the_numbers():
    f = futures.future(HAUGESUND)
    assert f.over_80_change == pytest.approx(f.over_80_then - f.over_80_now)
    outcome = engine.run(HAUGESUND)
    assert f.school_now == pytest.approx(outcome.aged(2026, 6, 15))
    care = engine.national_data().care
    year = max(care, key=int)
    assert (
        f.residents_in_institution == care[year][HAUGESUND]["longterm_institution_residents_total"]
    )


def test_the_example_models_turn_is_run_on_this_municipality(client, organisation, facilitator):
    from samfunnslab.community_models import demo
    from samfunnslab.community_models import engine as model_engine

    models = demo.load_demo(organisation=organisation, user=facilitator)
    turns = futures.model_turns(UTSIRA)
    assert [t.pk for t in turns] == sorted(m.pk for m in models if m.shared)[:3]
    for turn in turns:
        model = next(m for m in models if m.pk == turn.pk)
        levers = model_engine.levers_for(model.parameters, model.horizon_year)
        scale = engine.run(UTSIRA).total(2026) / engine.run(model.municipality_code).total(2026)
        levers = replace(levers, young_adult_inflow=levers.young_adult_inflow * scale)
        expected = model_engine.figures_for(UTSIRA, levers).at(2040)
        assert turn.gap == pytest.approx(expected.care_fte_gap)
    html = _html(client, reverse("municipalities:story", args=[UTSIRA]))
    model_url = reverse("community_models:detail", args=[turns[0].pk])
    assert f"{model_url}?kommune={UTSIRA}#en-dag-i-livet" in html
    assert f'{reverse("scenarios:index")}?kommune={UTSIRA}">Velg veien selv' in html


def test_the_model_the_story_links_to_shows_the_same_turn_for_this_municipality(
    client, organisation, facilitator
):
    from samfunnslab.community_models import demo

    demo.load_demo(organisation=organisation, user=facilitator)
    turn = next(t for t in futures.model_turns(UTSIRA) if t.has_day_in_the_life)
    html = _html(client, reverse("community_models:detail", args=[turn.pk]) + f"?kommune={UTSIRA}")
    row = re.search(r'data-indicator="care_fte_gap" data-year="2040">(.*?)</tr>', html, re.S)
    assert row is not None
    cells = [re.sub(r"[\s\xa0\u202f]+", " ", _text(c)).strip()
             for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]  # fmt: skip
    assert cells[1] == re.sub(r"\s+", " ", care_baseline(code=UTSIRA).texts()["gap"])
    model_value = re.search(r'data-value="([-\d.]+)"', row.group(1))
    assert model_value is not None and float(model_value[1]) == pytest.approx(turn.gap, abs=1e-3)
    assert (
        "Tallene gjelder Utsira: forutsetningene i modellen, som er laget for Haugesund"
        in _text(html)
    )


def test_council_mode_has_no_site_chrome_and_a_way_out(client):
    url = reverse("municipalities:story", args=[HAUGESUND])
    html = _html(client, url + "?modus=mote")
    assert 'class="site-header"' not in html
    assert 'class="site-footer"' not in html
    assert 'class="council"' in html
    assert f'href="{url}"' in html
    normal = _html(client, url)
    assert 'class="site-header"' in normal
    assert url + "?modus=mote" in normal


def test_an_old_code_redirects_to_the_story_of_todays_municipality(client):
    response = client.get(reverse("municipalities:story", args=["0101"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("municipalities:story", args=["3101"])


def test_an_unknown_code_gives_the_helpful_404(client):
    assert client.get(reverse("municipalities:story", args=["9999"])).status_code == 404


def test_the_search_with_the_2040_button_goes_to_the_story(client):
    response = client.get(reverse("municipalities:search") + "?q=Utsira&til=2040")
    assert response["Location"] == reverse("municipalities:story", args=[UTSIRA])


def test_min_kommune_links_to_the_story(client):
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert reverse("municipalities:story", args=[HAUGESUND]) in html


def test_a_model_in_its_own_municipality_keeps_its_inflow(organisation, facilitator):
    from samfunnslab.community_models import demo
    from samfunnslab.community_models import engine as model_engine

    models = demo.load_demo(organisation=organisation, user=facilitator)
    turn = futures.model_turns(HAUGESUND)[0]
    model = next(m for m in models if m.pk == turn.pk)
    assert model.municipality_code == HAUGESUND
    levers = model_engine.levers_for(model.parameters, model.horizon_year)
    assert turn.gap == pytest.approx(
        model_engine.figures_for(HAUGESUND, levers).at(2040).care_fte_gap
    )


def test_a_small_change_in_children_is_said_in_children_not_classes(client):
    f = futures.future(UTSIRA)
    assert 0.5 <= abs(f.school_change) < futures.CLASS_SIZE
    text = _text(_html(client, reverse("municipalities:story", args=[UTSIRA])))
    word = "færre" if f.school_change < 0 else "flere"
    assert f"– {persons(abs(f.school_change))} {word} barn." in text


@pytest.mark.parametrize("code", [UTSIRA, OSLO])
def test_the_story_says_how_far_past_projections_of_this_size_were_off(client, code):
    from samfunnslab.scenarios import intervals

    items = intervals.past_accuracy(engine.run(code).total(engine.BASE_YEAR), engine.BASE_YEAR)
    fifteen_years = next(str(i["text"]) for i in items if i["horizon"] == 15)
    page = _text(_html(client, reverse("municipalities:story", args=[code])))
    api = client.get(f"/api/kommuner/{code}/2040").content.decode()
    pdf_steps = _story_lines(code)
    assert fifteen_years in page and fifteen_years in pdf_steps
    assert api.count("I tidligere tester") == 1


def _story_lines(code: str) -> str:
    from samfunnslab.municipalities import story_pages

    steps = story_pages.story_steps(story_pages.story_context(code))
    return " ".join(line for step in steps for line in step.lines)


def test_a_models_gap_under_half_a_full_time_equivalent_is_just_covered_not_zero_to_spare():
    from samfunnslab.municipalities.story_pages import _turn_sentence

    values = {"model": "M", "year": 2040, "gap": "0", "base": "3", "nth": "14,7"}
    assert "omtrent dekket" in _turn_sentence(-0.3) % values
    assert "0 årsverk til overs" not in _turn_sentence(-0.3) % values


def test_one_missing_full_time_equivalent_is_singular_in_english():
    from django.utils import translation

    from samfunnslab.municipalities.story_pages import _turn_sentence

    values = {"model": "M", "year": 2040, "gap": "1", "base": "3", "nth": "18.2"}
    with translation.override("en"):
        assert "1 full-time equivalent is missing" in _turn_sentence(1.2) % values
        assert "2 full-time equivalents are missing" in _turn_sentence(2.1) % {**values, "gap": "2"}
