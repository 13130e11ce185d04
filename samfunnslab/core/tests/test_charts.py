from __future__ import annotations

from samfunnslab.core.charts import chart_figure


def _bar_spec():
    return {
        "data": {"values": [{"year": 2024, "people": 10}, {"year": 2025, "people": 12}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "ordinal"},
            "y": {"field": "people", "type": "quantitative"},
        },
    }


def test_a_chart_is_rendered_as_an_svg_labelled_with_its_title():
    figure = chart_figure(
        id="f",
        title="Folketall <test>",
        summary="s",
        spec=_bar_spec(),
        headers=["År", "Personer"],
        rows=[[2024, 10]],
        source="SSB",
    )
    assert figure.svg.startswith("<svg")
    assert 'role="img"' in figure.svg
    assert 'aria-label="Folketall &lt;test&gt;"' in figure.svg


def test_the_same_spec_renders_to_the_same_svg():
    a = chart_figure(
        id="a", title="t", summary="s", spec=_bar_spec(), headers=[], rows=[], source=""
    )
    b = chart_figure(
        id="b", title="t", summary="s", spec=_bar_spec(), headers=[], rows=[], source=""
    )
    assert a.svg == b.svg


def test_inner_marks_carry_no_roles_or_labels_of_their_own():
    spec = {**_bar_spec(), "config": {"aria": True}, "description": "inner"}
    figure = chart_figure(
        id="f", title="Tittel", summary="s", spec=spec, headers=[], rows=[], source=""
    )
    assert figure.svg.count('role="') == 1
    assert figure.svg.count("aria-label=") == 1
