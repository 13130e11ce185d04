"""The one chart path: labelled images whose text is big enough and never collides (estimated)."""

from __future__ import annotations

import re

import pytest

from samfunnslab.core import svg
from samfunnslab.core.charts import figure

TEXT = re.compile(
    r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)" font-size="(\d+)"([^>]*)>([^<]*)</text>'
)


def _boxes(drawing: str) -> list[tuple[float, float, float, float, str]]:
    """Return (left, top, right, bottom, text) of every text, from its anchor and estimated width."""
    boxes = []
    for x, y, anchor, size, rest, content in TEXT.findall(drawing):
        w = svg.text_width(content, int(size), bold="font-weight" in rest)
        left = {"start": float(x), "middle": float(x) - w / 2, "end": float(x) - w}[anchor]
        boxes.append(
            (left, float(y) - int(size) * 0.8, left + w, float(y) + int(size) * 0.2, content)
        )
    return boxes


def _width(drawing: str) -> float:
    return float(re.search(r'viewBox="0 0 ([\d.]+)', drawing).group(1))


def _assert_readable(drawing: str) -> None:
    boxes = _boxes(drawing)
    assert boxes
    assert min(int(found[3]) for found in TEXT.findall(drawing)) >= 13
    for left, _t, right, _b, content in boxes:
        assert left >= -0.5 and right <= _width(drawing) + 0.5, content
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a[4], b[4])


YEARS = list(range(2006, 2051))


@pytest.mark.parametrize("size", svg.SIZES)
def test_a_long_line_chart_with_a_band_and_a_legend_keeps_its_text_apart(size: svg.Size) -> None:
    lines = [
        svg.Line(
            "Registrert",
            svg.YEAR["registered"],
            [1_600_000 + 20_000 * i if y <= 2026 else None for i, y in enumerate(YEARS)],
        ),
        svg.Line(
            "Framskrevet (MMMM) med et langt navn",
            svg.YEAR["projected"],
            [None if y < 2026 else 2_000_000 + 9_000 * i for i, y in enumerate(YEARS)],
            "6 3",
        ),
    ]
    band = svg.Band(
        "Spenn lav–høy vekst (LLML–HHMH)",
        [None] * 20 + [1_900_000] * 25,
        [None] * 20 + [2_300_000] * 25,
    )
    drawing = svg.line_chart(
        YEARS, lines, band=band, title="Folketall & mer", x_title="År (1. januar)",
        y_title="Innbyggere", number=lambda v: f"{v:,.0f}".replace(",", "\u00a0"), size=size,
    )  # fmt: skip
    assert 'role="img" aria-label="Folketall &amp; mer"' in drawing
    assert not re.search(r"nan|inf", drawing)
    _assert_readable(drawing)


@pytest.mark.parametrize("size", svg.SIZES)
def test_a_pyramid_keeps_its_text_apart_and_inside(size: svg.Size) -> None:
    labels = [f"{a}–{a + 4}" for a in range(0, 100, 5)] + ["100+"]
    values = [300_000 - 2_000 * i for i in range(len(labels))]
    drawing = svg.pyramid_chart(
        labels, svg.Side("Kvinner 2040", svg.SEX["female"], values),
        svg.Side("Menn 2040", svg.SEX["male"], values),
        outline=("2026 (registrert)", values, values), title="Pyramide",
        x_title="Personer i hver femårsgruppe", number=lambda v: f"{v:,.0f}".replace(",", " "),
        size=size,
    )  # fmt: skip
    _assert_readable(drawing)


def test_pyramids_with_one_reach_share_one_scale() -> None:
    def bar(values: list[float]) -> str:
        drawing = svg.pyramid_chart(
            ["0–4"], svg.Side("K", "#000", values), svg.Side("M", "#000", values), title="t",
            x_title="x", number=str, reach=10,
        )  # fmt: skip
        return re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', drawing)[0]

    assert bar([5.0]) != bar([8.0])
    assert float(bar([5.0])) * 2 == pytest.approx(float(bar([10.0])), abs=0.2)


def test_stacked_shares_keep_their_text_apart() -> None:
    drawing = svg.stacked_bars(
        ["1 (mest sentral)", "2", "3", "4", "5", "6 (minst sentral)"],
        [("vokste", svg.PALETTE[0], [0.8, 0.6, 0.5, 0.4, 0.3, 0.2]),
         ("krympet", svg.PALETTE[1], [0.2, 0.4, 0.5, 0.6, 0.7, 0.8])],
        title="t", x_title="Andel av kommunene", y_title="Sentralitet",
        number=lambda v: f"{round(v * 100)} %", total=1.0, size=svg.NARROW,
    )  # fmt: skip
    _assert_readable(drawing)


def test_ticks_cover_the_values_with_one_round_step() -> None:
    ticks = svg.nice_ticks(538_411, 728_000)
    assert ticks[0] <= 538_411 and ticks[-1] >= 728_000
    assert len({round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}) == 1


def test_a_figure_carries_a_wide_and_a_narrow_drawing() -> None:
    made = figure(
        id="f", title="Tittel <x>", summary="s", headers=[], rows=[], source="",
        draw=lambda size: svg.line_chart([2026, 2027], [svg.Line("a", "#000", [1.0, 2.0])],
                                         title="Tittel <x>", x_title="År", y_title="P",
                                         number=str, size=size),
    )  # fmt: skip
    assert 'viewBox="0 0 640' in made.svg and 'viewBox="0 0 300' in made.svg_narrow
    assert made.svg.count('role="') == 1 and 'aria-label="Tittel &lt;x&gt;"' in made.svg
