from __future__ import annotations

import re

from samfunnslab.scenarios.svgchart import Series, line_chart, nice_ticks


def test_ticks_cover_the_values_with_round_steps() -> None:
    ticks = nice_ticks(1097, 1650)
    assert ticks[0] <= 1097 and ticks[-1] >= 1650
    assert len({round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}) == 1


def test_the_chart_is_a_labelled_image_with_one_line_per_series() -> None:
    svg = line_chart(
        [2026, 2027, 2028],
        [Series("Trengs", "#1E5AA8", [1.0, 2.0, 3.0]), Series("Tilbud <x>", "#2E7D32", [1, 1, 1])],
        title="Årsverk & mer",
        x_title="År",
        y_title="Årsverk",
    )
    assert 'role="img" aria-label="Årsverk &amp; mer"' in svg
    assert svg.count("<polyline") == 2
    assert "Tilbud &lt;x&gt;" in svg
    assert not re.search(r"nan|inf", svg)
