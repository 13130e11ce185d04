"""The hand-drawn population line and pyramid: one labelled image, honest scales, no vl-convert."""

from __future__ import annotations

import re

import pytest
import vl_convert

from samfunnslab.core import statistics
from samfunnslab.municipalities import svgcharts
from samfunnslab.municipalities.figures import population_figure, pyramid_figure
from samfunnslab.municipalities.selectors import municipality_profile


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def test_ticks_are_round_and_cover_the_values():
    ticks = svgcharts.nice_ticks(538_411, 728_000)
    assert ticks[0] <= 538_411 and ticks[-1] >= 728_000
    steps = {round(b - a) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert steps == {50_000}


def test_ticks_for_a_handful_of_people_are_whole_persons():
    ticks = svgcharts.nice_ticks(0, 3, 3)
    assert all(float(t).is_integer() for t in ticks)
    assert len(set(ticks)) == len(ticks)


def test_the_line_is_one_labelled_image_with_a_gap_for_blank_years():
    svg = svgcharts.line_svg(
        [(2024, 9357.0), (2025, 9409.0), (2026, 9460.0)],
        years=list(range(2006, 2027)),
        title="Folketall i Haram <2006–2026>",
        x_title="År",
        y_title="Innbyggere",
        color="#1E5AA8",
        number=_number,
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-label="Folketall i Haram &lt;2006–2026&gt;"' in svg
    assert len(re.findall(r'role="', svg)) == 1
    assert svg.count("<circle") == 3
    assert svg.count("<polyline") == 1


def test_the_pyramid_draws_one_bar_per_sex_and_age_band():
    bands = [("0–4", 10.0, 12.0), ("5–9", 0.0, 3.0), ("90+", 4.0, 1.0)]
    svg = svgcharts.pyramid_svg(
        bands,
        title="Pyramide",
        x_title="Personer",
        y_title="Alder",
        left_label="Kvinner",
        right_label="Menn",
        left_color="#B3471A",
        right_color="#1E5AA8",
        number=_number,
    )
    assert svg.count("<rect") == 2 * len(bands)
    assert all(label in svg for label, _f, _m in bands)
    assert "Kvinner" in svg and "Menn" in svg


@pytest.mark.django_db
def test_a_municipality_page_draws_its_charts_without_vl_convert(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("vl-convert should not be needed for the line or the pyramid")

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", refuse)
    profile = municipality_profile(statistics.snapshot().population, "1151")
    line = population_figure(id="folketall", name="Utsira", profile=profile)
    pyramid = pyramid_figure(id="pyramide", name="Utsira", profile=profile)
    assert 'aria-label="Folketall i Utsira' in line.svg
    assert 'aria-label="Befolkningspyramide for Utsira' in pyramid.svg
