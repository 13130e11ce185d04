"""Min kommune, Norge 2040, county and BA-region pages, rendered through the real snapshot."""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.urls import reverse

from samfunnslab.core import statistics
from samfunnslab.municipalities import pages
from samfunnslab.municipalities.formatting import decimal, persons

pytestmark = pytest.mark.django_db

HAUGESUND = "1106"
HARAM = "1580"  # split from Ålesund in 2024: no comparable figures 2006–2023


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _totals(code: str) -> dict[int, float]:
    cube = statistics.snapshot().population
    totals = cube.municipality(code).sum(axis=(1, 2))
    return {int(y): t for y, t in zip(cube.years, totals, strict=True)}


def _table_row(html: str, year: int) -> str:
    match = re.search(rf'<th scope="row">{year}</th><td class="num">([^<]*)</td>', html)
    assert match, f"no table row for {year}"
    return match.group(1)


def test_haugesund_shows_its_real_population_for_every_year(client):
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert "<h1" in html and "Haugesund" in html
    for year, total in _totals(HAUGESUND).items():
        assert _table_row(html, year) == persons(total)
    assert _table_row(html, 2024) == "38\xa0292"


def test_the_page_shows_county_ba_region_and_centrality(client):
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert reverse("municipalities:county", args=["11"]) in html
    assert reverse("municipalities:ba_region", args=["50"]) in html
    assert "klasse 3 av 6" in html


def test_the_page_shows_elderly_counts_and_indicators_with_formulas(client):
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    latest = statistics.snapshot().population.municipality(HAUGESUND)[-1].sum(axis=0)
    assert persons(latest[80:].sum()) in html
    assert persons(latest[90:].sum()) in html
    assert "P(20–66) / P(67+)" in html and "P(20–66) / P(80+)" in html


def test_each_figure_has_title_summary_formula_source_and_table(client):
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert html.count('role="img"') >= 2
    assert "Kilde: SSB, tabell 07459" in html
    assert "Vis tallene som tabell" in html
    assert "Formel" in html


def test_split_years_say_no_comparable_figure_never_zero(client):
    html = _html(client, reverse("municipalities:detail", args=[HARAM]))
    for year in range(2006, 2024):
        assert _table_row(html, year) == "ingen sammenlignbare tall"
    assert _table_row(html, 2024) == persons(_totals(HARAM)[2024])


def test_without_a_projection_section_the_page_says_projections_come_later(client, monkeypatch):
    monkeypatch.setattr(pages, "_future_template", lambda: None)
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert "Framskrivinger kommer" in html


def test_the_projection_section_is_included_once_another_app_provides_it(monkeypatch):
    monkeypatch.setattr(pages, "FUTURE_TEMPLATE", "municipalities/includes/sources.html")
    assert pages._future_template() == "municipalities/includes/sources.html"
    monkeypatch.setattr(pages, "FUTURE_TEMPLATE", "no/such/template.html")
    assert pages._future_template() is None


def test_an_unknown_number_gives_a_helpful_404(client):
    response = client.get(reverse("municipalities:detail", args=["9999"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Fant ikke kommunen" in html
    assert reverse("municipalities:search") in html


def test_an_old_number_redirects_to_the_2024_municipality(client):
    response = client.get(reverse("municipalities:detail", args=["0101"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("municipalities:detail", args=["3101"])


def test_a_split_number_offers_both_parts(client):
    html = _html(client, reverse("municipalities:detail", args=["1507"]))
    assert reverse("municipalities:detail", args=["1508"]) in html
    assert reverse("municipalities:detail", args=[HARAM]) in html


def test_search_with_a_typo_lists_the_municipality(client):
    html = _html(client, reverse("municipalities:search") + "?q=haugsund")
    assert reverse("municipalities:detail", args=[HAUGESUND]) in html


def test_search_with_the_exact_name_goes_straight_to_it(client):
    response = client.get(reverse("municipalities:search") + "?q=Haugesund")
    assert response["Location"] == reverse("municipalities:detail", args=[HAUGESUND])


def test_search_by_number_goes_straight_to_it(client):
    response = client.get(reverse("municipalities:search") + "?q=1106")
    assert response["Location"] == reverse("municipalities:detail", args=[HAUGESUND])


def test_the_suggestion_fragment_is_only_the_list(client):
    html = _html(client, reverse("municipalities:search_hx") + "?q=haugsund")
    assert "<html" not in html
    assert reverse("municipalities:detail", args=[HAUGESUND]) in html


def test_suggestions_from_a_comparison_link_to_the_comparison(client):
    html = _html(client, reverse("municipalities:search_hx") + "?q=karmoy&fra=1106")
    assert reverse("municipalities:compare", args=[HAUGESUND, "1149"]) in html


def test_compare_shows_both_municipalities_side_by_side(client):
    html = _html(client, reverse("municipalities:compare", args=[HAUGESUND, "1149"]))
    assert "Haugesund" in html and "Karmøy" in html
    assert persons(_totals(HAUGESUND)[2026]) in html
    assert persons(_totals("1149")[2026]) in html
    assert "indeks(t) = 100" in html


def test_compare_with_a_split_municipality_indexes_from_a_common_year(client):
    html = _html(client, reverse("municipalities:compare", args=[HAUGESUND, HARAM]))
    assert "2024 = 100" in html


def test_compare_with_an_old_number_redirects(client):
    response = client.get(reverse("municipalities:compare", args=["0101", HAUGESUND]))
    assert response["Location"] == reverse("municipalities:compare", args=["3101", HAUGESUND])


def test_choosing_where_you_grew_up_finds_it_by_name(client):
    url = reverse("municipalities:compare_choose", args=[HAUGESUND]) + "?q=Karmøy"
    response = client.get(url)
    assert response["Location"] == reverse("municipalities:compare", args=[HAUGESUND, "1149"])


def test_the_chooser_suggests_other_municipalities(client):
    html = _html(client, reverse("municipalities:compare_choose", args=[HAUGESUND]))
    assert "/sammenlign/" in html


def test_the_county_page_uses_ssb_county_figures(client):
    html = _html(client, reverse("municipalities:county", args=["11"]))
    regions = statistics.regions()
    total = regions.county("11")[-1].sum()
    assert "Rogaland" in html and persons(total) in html
    assert reverse("municipalities:detail", args=[HAUGESUND]) in html


def test_the_ba_region_page_sums_its_municipalities(client):
    members = [m.code for m in statistics.snapshot().municipalities if m.ba_region_code == "50"]
    cube = statistics.snapshot().population
    total = sum(cube.municipality(c)[-1].sum() for c in members)
    html = _html(client, reverse("municipalities:ba_region", args=["50"]))
    assert persons(total) in html


def test_a_ba_region_with_a_split_municipality_is_blank_before_the_split(client):
    region = statistics.snapshot().info(HARAM).ba_region_code
    cube = statistics.snapshot().population
    members = [m.code for m in statistics.snapshot().municipalities if m.ba_region_code == region]
    assert np.isnan(sum(cube.municipality(c)[0].sum() for c in members))
    html = _html(client, reverse("municipalities:ba_region", args=[region]))
    assert _table_row(html, 2006) == "ingen sammenlignbare tall"


def test_unknown_county_and_region_are_404(client):
    assert client.get(reverse("municipalities:county", args=["99"])).status_code == 404
    assert client.get(reverse("municipalities:ba_region", args=["9999"])).status_code == 404


def test_norway_2040_shows_every_figure_with_its_source(client):
    html = _html(client, reverse("municipalities:norway_2040"))
    for title in (
        "Befolkningspyramide for Norge",
        "Andelen av alle årsverk som går til offentlig helse og omsorg",
        "Antall eldre",
        "Aldersbæreevne 2006–2050",
        "Kommuner som vokste og krympet",
    ):
        assert title in html
    assert "tabell 14746" in html and "MMMM" in html
    assert "registrert" in html and "framskrevet" in html
    assert "NOU 2023:4" in html


def test_norway_2040_marks_the_english_sources_and_the_nynorsk_title_with_their_language(client):
    html = _html(client, reverse("municipalities:norway_2040"))
    assert '<span lang="en">NOU 2023:4 <span lang="nb">Tid for handling</span>' in html
    assert '<span lang="nn">Sjukeheimar, heimetenester og andre omsorgstenester</span>' in html


def test_the_norway_2040_pyramid_has_equal_five_year_bands_from_the_engine(client):
    from samfunnslab.municipalities import norway2040

    bands = norway2040.PYRAMID_BANDS
    assert all(hi - lo == 4 for lo, hi in bands[:-1]) and bands[-1][0] == 100
    html = _html(client, reverse("municipalities:norway_2040"))
    assert "95–99" in html and "samfunnslabens framskriving for alle kommuner" in html


def test_norway_2040_lists_every_municipality_as_the_map_alternative(client):
    html = _html(client, reverse("municipalities:norway_2040"))
    for code in statistics.snapshot().population.codes:
        assert reverse("municipalities:detail", args=[code]) in html


def test_norway_2040_counts_shrinking_municipalities_from_the_cube(client):
    cube = statistics.snapshot().population
    totals = cube.values.sum(axis=(2, 3))
    start, end = totals[cube.year_index(2016)], totals[cube.year_index(2026)]
    known = ~np.isnan(start)
    shrank = int((end[known] < start[known]).sum())
    html = _html(client, reverse("municipalities:norway_2040"))
    assert f"{shrank} av {int(known.sum())}" in html


def test_a_bad_comparison_origin_is_ignored(client):
    html = _html(client, reverse("municipalities:search_hx") + "?q=karmoy&fra=../x")
    assert reverse("municipalities:detail", args=["1149"]) in html


def _toy_geo():
    from statbank.geo import Area, GeoData

    def square(code: str, x: float, neighbours: tuple[str, ...]) -> Area:
        ring = [(x, 59.0), (x + 0.1, 59.0), (x + 0.1, 59.1), (x, 59.1), (x, 59.0)]
        return Area(code, code, (x, 59.0, x + 0.1, 59.1), (x, 59.0), [[ring]], neighbours, "11")

    areas = {"1106": square("1106", 5.2, ("1149",)), "1149": square("1149", 5.3, ("1106",))}
    return GeoData(municipalities=areas, counties={}, attribution="© Kartverket")


@pytest.fixture
def outlines(monkeypatch):
    from samfunnslab.municipalities import maps

    geo = _toy_geo()
    monkeypatch.setattr(statistics, "geo", lambda: geo)
    maps._locator_map.cache_clear()
    yield geo
    maps._locator_map.cache_clear()


def test_with_outlines_the_page_has_a_map_and_suggests_bordering_municipalities(client, outlines):
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert 'aria-label="Kart over Haugesund og nabokommunene"' in html
    assert "Nabokommuner" in html
    assert reverse("municipalities:compare", args=[HAUGESUND, "1149"]) in html


def test_without_outlines_it_suggests_the_ba_region_instead(client, monkeypatch):
    monkeypatch.setattr(statistics, "geo", lambda: None)
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert "Andre kommuner i samme BA-region" in html
    assert "Kart over Haugesund" not in html


def test_an_unknown_county_gets_a_helpful_404_with_the_counties(client):
    response = client.get(reverse("municipalities:county", args=["99"]))
    assert response.status_code == 404
    assert reverse("municipalities:county", args=["11"]) in response.content.decode()


def test_norway_2040_projects_the_support_ratio_from_ssbs_age_groups(client):
    projection = statistics.national_projection()
    row = list(projection.years).index(2040)
    groups = dict(zip(projection.groups, projection.values[row], strict=True))
    workers = sum(v for (low, high), v in groups.items() if low >= 20 and high <= 66)
    elderly = sum(v for (low, _high), v in groups.items() if low >= 67)
    html = _html(client, reverse("municipalities:norway_2040"))
    assert f'<th scope="row">2040</th><td class="num">{decimal(workers / elderly, 2)}</td>' in html


def test_a_name_in_the_address_redirects_to_the_number(client):
    response = client.get("/kommune/haugesund/")
    assert response["Location"] == reverse("municipalities:detail", args=[HAUGESUND])


def test_a_misspelt_name_in_the_address_suggests_the_municipality(client):
    response = client.get("/kommune/haugsund/")
    assert response.status_code == 404
    assert reverse("municipalities:detail", args=[HAUGESUND]) in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/norge-2040/", "/kommune/1106/", "/kommune/1106/sammenlign/1149/", "/fylke/11/"],
)
def test_every_figure_states_formula_source_and_data_table(client, url):
    html = _html(client, url)
    figures = html.count('<figure class="figure"')
    assert figures >= 2
    assert html.count("<strong>Formel:</strong>") >= figures
    assert len(re.findall(r'<p class="source">[^<]*Kilde: S', html)) >= figures
    assert html.count("Vis tallene som tabell") >= figures


def test_searching_for_an_old_number_goes_to_todays_municipality(client):
    response = client.get(reverse("municipalities:search"), {"q": "0101"})
    assert response.status_code == 302
    assert response["Location"] == reverse("municipalities:detail", args=["3101"])


def test_searching_for_a_split_number_lists_both_parts_with_the_old_number(client):
    html = _html(client, reverse("municipalities:search") + "?q=1507")
    assert "Ålesund" in html and "Haram" in html
    assert "tidligere kommunenummer 1507" in html


def test_a_blank_headline_figure_is_styled_as_words_so_it_wraps_on_a_phone(client):
    html = _html(client, reverse("municipalities:detail", args=[HARAM]))
    assert '<span class="stat stat-blank">ingen sammenlignbare tall</span>' in html
    assert '<span class="stat">9' in html  # the 2026 population is still a big number


def test_a_number_without_its_leading_zero_redirects_to_the_four_digit_code(client):
    response = client.get("/kommune/301/")
    assert response.status_code == 302
    assert response["Location"] == reverse("municipalities:detail", args=["0301"])


def test_norway_2040_names_its_sources_without_the_shared_data_folder(client, settings, tmp_path):
    from samfunnslab.core import statistics

    settings.SHARED_DATA_DIR = tmp_path / "missing"
    statistics.headline_facts.cache_clear()
    try:
        assert "NOU 2023:4" in _html(client, reverse("municipalities:norway_2040"))
    finally:
        statistics.headline_facts.cache_clear()


def test_the_comparison_shows_both_pyramids_in_percent_on_one_scale(client):
    import re

    html = _html(client, reverse("municipalities:compare", args=["1106", "1151"]))
    scales = []
    for code in ("1106", "1151"):
        figure = html[html.index(f'id="pyramide-{code}"') :]
        figure = figure[: figure.index("</figure>")]
        assert "Prosent av innbyggerne" in figure
        scales.append(re.findall(r">([\d,]+ %)</text>", figure))
    assert scales[0] and scales[0] == scales[1]


def test_the_comparison_shows_2030_2040_and_2050_from_the_same_engine_with_the_band(client):
    from samfunnslab.municipalities import formatting as fmt
    from samfunnslab.scenarios import engine

    html = _html(client, reverse("municipalities:compare", args=["1106", "1151"]))
    table = html[html.index('id="compare-future"') :]
    table = table[: table.index("</table>")]
    for year in (2030, 2040, 2050):
        assert f'<th scope="row">{year}</th>' in table
    i = engine.index_of(2040)
    for code in ("1106", "1151"):
        band = engine.band_totals(code)
        assert fmt.persons(band["MMMM"][i]) in table
        assert f"{fmt.persons(band['LLML'][i])}–{fmt.persons(band['HHMH'][i])}" in table


def test_the_comparison_says_how_far_off_past_projections_of_each_size_were(client):
    from samfunnslab.scenarios import engine, intervals

    html = _html(client, reverse("municipalities:compare", args=["1106", "1151"]))
    block = html[html.index('id="past-accuracy"') :]
    block = block[: block.index("</div>")]
    for code in ("1106", "1151"):
        items = intervals.past_accuracy(engine.run(code).total(engine.BASE_YEAR), engine.BASE_YEAR)
        assert items, code
        for item in items:
            assert str(item["text"]) in _unescape(block)


def test_the_comparison_links_to_how_past_accuracy_was_measured_not_to_a_repository_file(
    client,
):
    html = _html(client, reverse("municipalities:compare", args=["1106", "1151"]))
    block = html[html.index('id="past-accuracy"') :]
    block = block[: block.index("</div>")]
    link = f'href="{reverse("core:data_sources")}#tilbakeproving"'
    assert link in block and "docs/" not in block
    assert 'id="tilbakeproving"' in client.get(reverse("core:data_sources")).content.decode()


def _unescape(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


def _future_table(html: str) -> str:
    table = html[html.index('id="area-future-table"') :]
    return table[: table.index("</table>")]


def test_a_county_page_shows_2030_2040_2050_as_the_sum_of_its_municipalities(client):
    from samfunnslab.scenarios import engine

    members = [m.code for m in statistics.snapshot().municipalities if m.county_code == "11"]
    table = _future_table(_html(client, reverse("municipalities:county", args=["11"])))
    for year in (2030, 2040, 2050):
        i = engine.index_of(year)
        total = sum(engine.band_totals(c)["MMMM"][i] for c in members if engine.is_known(c))
        low = sum(engine.band_totals(c)["LLML"][i] for c in members if engine.is_known(c))
        high = sum(engine.band_totals(c)["HHMH"][i] for c in members if engine.is_known(c))
        assert f'<th scope="row">{year}</th><td class="num">{persons(total)}</td>' in table
        assert f"{persons(low)}–{persons(high)}" in table


def test_a_ba_region_page_shows_its_future_with_the_band_figure_and_pyramid(client):
    from samfunnslab.scenarios import engine

    html = _html(client, reverse("municipalities:ba_region", args=["50"]))
    members = [m.code for m in statistics.snapshot().municipalities if m.ba_region_code == "50"]
    over_80 = sum(engine.run(c).aged(2040, 80) for c in members if engine.is_known(c))
    assert persons(over_80) in _future_table(html)
    assert 'id="framtid-folketall"' in html and 'id="framtid-pyramide"' in html
    assert "LLML–HHMH" in html


def test_norge_2040_maps_the_change_to_2040_from_the_same_engine_with_a_list(client):
    from samfunnslab.scenarios import engine

    html = _html(client, reverse("municipalities:norway_2040"))
    section = html[html.index('id="kart-2040"') :]
    section = section[: section.index("</section>")]
    totals = engine.band_totals(HAUGESUND)["MMMM"]
    change = totals[engine.index_of(2040)] / totals[engine.index_of(2026)] - 1
    row = section[section.index('data-name="Haugesund"') :]
    row = row[: row.index("</tr>")]
    assert fmt_percent(change) in row and persons(totals[engine.index_of(2040)]) in row
    assert section.count("<tr data-name=") == len(statistics.snapshot().municipalities)
    assert "<svg" in section and "kart-2040.geojson" in section


def fmt_percent(value: float) -> str:
    from samfunnslab.municipalities import formatting as fmt

    return fmt.percent(value, 1, signed=True)


def test_the_2040_geojson_has_every_outline_with_its_change_colour_and_page(client):
    from samfunnslab.municipalities import maps
    from samfunnslab.scenarios import engine

    response = client.get(reverse("municipalities:norway_2040_map"))
    assert response.status_code == 200 and "max-age=3600" in response["Cache-Control"]
    features = {f["properties"]["code"]: f for f in response.json()["features"]}
    assert len(features) == len(statistics.geo().municipalities)
    haugesund = features[HAUGESUND]
    totals = engine.band_totals(HAUGESUND)["MMMM"]
    change = totals[engine.index_of(2040)] / totals[engine.index_of(2026)] - 1
    assert haugesund["properties"]["change"] == pytest.approx(change)
    assert haugesund["properties"]["fill"] == maps.fill_for(change, maps.change_classes(0.10))
    assert haugesund["properties"]["url"] == reverse("municipalities:detail", args=[HAUGESUND])
    assert haugesund["geometry"]["type"] == "MultiPolygon"


def test_only_norge_2040_loads_the_map_library(client):
    assert "leaflet.js" in _html(client, reverse("municipalities:norway_2040"))
    assert "leaflet.js" not in _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert "leaflet.js" not in _html(client, "/")


@pytest.mark.parametrize(
    "url",
    [
        reverse("municipalities:detail", args=[HAUGESUND]),
        reverse("municipalities:compare", args=[HAUGESUND, "1103"]),
        reverse("municipalities:norway_2040"),
    ],
)
def test_the_indicator_names_are_in_english_when_english_is_chosen(client, url):
    client.cookies["django_language"] = "en"
    html = _html(client, url)
    assert "Old-age support ratio 80+" in html
    assert "Aldersbæreevne" not in html and "Forsørgerbrøk" not in html


def test_the_indicator_names_are_in_nynorsk_when_nynorsk_is_chosen(client):
    client.cookies["django_language"] = "nn"
    html = _html(client, reverse("municipalities:detail", args=[HAUGESUND]))
    assert "Forsørgjarbrøk for eldre" in html and "Aldersbæreevne" not in html


def test_the_comparison_shows_each_key_figure_as_min_kommune_shows_it(client):
    profile = pages._profile(HAUGESUND)
    html = _html(client, reverse("municipalities:compare", args=[HAUGESUND, "1103"]))
    for ind in profile.indicators:
        places = 2 if ind.key == "forsorgerbrok_eldre" else 1
        assert f'<td class="num">{decimal(ind.latest, places)}</td>' in html, ind.key
    assert decimal(profile.indicators[0].latest, 2) not in html
