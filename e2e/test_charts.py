"""Every chart on the main pages, measured in a real browser at 360 px: big enough, nothing collides."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

PAGES = {
    "norge-2040": "/norge-2040/",
    "kommune-1106": "/kommune/1106/",
    "kommune-1151": "/kommune/1151/",
    "sammenlign-1106-1149": "/kommune/1106/sammenlign/1149/",
    "fylke-11": "/fylke/11/",
    "fylke-03": "/fylke/03/",
    "ba-region-50": "/ba-region/50/",
    "scenario-1106": "/scenario/?kommune=1106",
    "scenario-1151-answered": "/scenario/?kommune=1151&p_unge=2&p_levealder=-2&veivalg=teknologi",
    "framtid-0301": "/scenario/kommune/0301/",
    "story-1106": "/kommune/1106/2040/",
    "story-1151": "/kommune/1151/2040/",
    "okonomi-1106": "/kommune/1106/okonomi/",
}
# Charts that must be among those measured on a page (so a chart that stops rendering fails here).
EXPECTED = {
    "fylke-11": {"framtid-folketall", "framtid-pyramide", "folketall", "pyramide"},
    "ba-region-50": {"framtid-folketall", "framtid-pyramide"},
    "sammenlign-1106-1149": {"indeks", "pyramide-1106", "pyramide-1149"},
    "scenario-1106": {"kort-arbeidskraft"},
    "scenario-1151-answered": {"kort-arbeidskraft"},
    "framtid-0301": {"framtid-folketall", "framtid-pyramide", "framtid-arbeidskraft"},
    "modeller-sammenlign": {"figur-behov", "figur-gap"},
}

MEASURE = """() => {
  const charts = [...document.querySelectorAll('figure svg[role=img]')]
    .filter(svg => svg.getBoundingClientRect().width > 0);
  return charts.map(svg => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * (box.width / svg.viewBox.baseVal.width),
              left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    });
    return {label: svg.getAttribute('aria-label'), id: svg.closest('figure').id, box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom}, texts};
  });
}"""


@pytest.fixture
def narrow_page(browser: Any, app_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=app_url,
                                  locale="nb-NO", is_mobile=True, has_touch=True)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Return the overlapping area of two boxes (0 if apart; touching edges do not count)."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0) if width > 0.5 and height > 0.5 else 0.0


def _assert_readable(page: Any, name: str) -> None:
    """Measure every visible chart on the page: text ≥ 12 px, inside the chart, no collisions."""
    page.wait_for_load_state("networkidle")
    charts = page.evaluate(MEASURE)
    assert charts, f"no chart on {name}"
    missing = EXPECTED.get(name, set()) - {c["id"] for c in charts}
    assert not missing, f"{name}: charts not shown at 360 px: {sorted(missing)}"
    for chart in charts:
        box, texts = chart["box"], chart["texts"]
        for t in texts:
            assert t["size"] >= 12, (chart["label"], t["text"], round(t["size"], 1))
            inside = (t["left"] >= box["left"] - 0.5 and t["right"] <= box["right"] + 0.5
                      and t["top"] >= box["top"] - 0.5 and t["bottom"] <= box["bottom"] + 0.5)  # fmt: skip
            assert inside, (chart["label"], t["text"], t, box)
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert not _overlap(a, b), (chart["label"], a["text"], b["text"])


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_every_chart_has_text_of_at_least_12_px_that_neither_collides_nor_leaves_the_chart(
    narrow_page: Any, name: str, path: str
) -> None:
    narrow_page.goto(path)
    _assert_readable(narrow_page, name)


def test_the_model_comparison_charts_are_readable_at_360_px(narrow_page: Any) -> None:
    narrow_page.goto("/")
    narrow_page.get_by_role("link", name="Tre lokalsamfunnsmodeller for Haugesund").click()
    _assert_readable(narrow_page, "modeller-sammenlign")


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_every_chart_stays_readable_on_the_narrowest_phone_of_320_px(
    browser: Any, app_url: str, name: str, path: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=app_url,
                                  locale="nb-NO", is_mobile=True, has_touch=True)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(path)
        _assert_readable(page, name)
    finally:
        context.close()
