"""Issue 13's journey, tried as a new user would at 1280 and 360 px.

From the front page a user searches a municipality, steps through «Kommunen i 2040» by keyboard,
switches to the council mode, compares with another municipality, takes a stand on every statement
in Scenariofabrikken (its three key numbers wholly in view after each answer, on a desktop also at
1280×720 and 1280×800) and opens an example model from the story. Every care figure printed for the
municipality on the way (FTEs needed now and in 2040, the gap, «every n-th worker») is collected and
must be the same on every page; axe-core checks each page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from e2e.conftest import SCREENSHOTS, wait_until
from e2e.test_scenarios import (
    DESKTOP_KEY_NUMBERS,
    PHONE_KEY_NUMBERS,
    answer_and_wait,
    key_numbers_out_of_view,
)
from samfunnslab.scenarios.choices import STATEMENTS

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Journey:
    width: int
    height: int
    phone: bool
    query: str
    code: str
    name: str
    other_query: str
    other_code: str


JOURNEYS = {
    # The planner in Hadsel who grew up in Nord-Fron (the second user).
    "desktop-hadsel": Journey(1280, 900, False, "hadsel", "1866", "Hadsel", "nord-fron", "3436"),
    # The smallest municipality, on a phone, compared with Bokn next door.
    "phone-utsira": Journey(360, 740, True, "utsira", "1151", "Utsira", "bokn", "1145"),
}


def _plain(text: str) -> str:
    """Collapse every kind of space so figures compare as printed."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def _text(page: Any, selector: str) -> str:
    return _plain(page.locator(selector).first.inner_text())


def _cells(page: Any, row_selector: str) -> list[str]:
    """Return the text of the data cells of one table row."""
    return [_plain(c) for c in page.eval_on_selector(row_selector, "r => [...r.cells].filter(c => c.tagName === 'TD').map(c => c.innerText)")]  # fmt: skip


def _story_figures(page: Any) -> dict[str, str]:
    """Read the care step («Hvem skal gjøre jobben?») and the turn of the story."""
    care = _text(page, "#omsorg")
    need = re.search(r"trengs ([\d ]+) årsverk i helse og omsorg i 2026 og ([\d ]+) i 2040", care)
    nth = re.search(r"hver ([\d,]+)\. sysselsatte .*?; i 2040 hver ([\d,]+)\.", care)
    gap = re.search(r"da mangler ([−\d ]+) årsverk", _text(page, "#steg-6"))
    assert need and nth and gap, care
    return {"need_now": need[1].strip(), "need": need[2].strip(), "gap": gap[1].strip(),
            "every_nth_now": nth[1], "every_nth": nth[2]}  # fmt: skip


def _min_kommune_figures(page: Any) -> dict[str, str]:
    now = _cells(page, "#future-workforce tbody tr:has(th:text-is('2026'))")
    later = _cells(page, "#future-workforce tbody tr:has(th:text-is('2040'))")
    return {"need_now": now[0], "every_nth_now": now[3], "need": later[0], "gap": later[2],
            "every_nth": later[3]}  # fmt: skip


def _card_figures(page: Any) -> dict[str, str]:
    """Read the base year and the 2040 reference columns of the scenario card."""
    need = _cells(page, '#scenario-card tr[data-metric="behov"]')
    gap = _cells(page, '#scenario-card tr[data-metric="gap"]')
    nth = _cells(page, '#scenario-card tr[data-metric="hver_nte"]')
    return {"need_now": need[0], "need": need[1], "gap": gap[1], "every_nth_now": nth[0],
            "every_nth": nth[1]}  # fmt: skip


def _model_figures(page: Any) -> dict[str, str]:
    """Read the projection column (no model levers) of a model's numbers panel for 2040."""

    def baseline(key: str) -> str:
        return _cells(page, f'#tall tr[data-indicator="{key}"][data-year="2040"]')[1]

    return {"need": baseline("care_fte_need"), "gap": baseline("care_fte_gap"),
            "every_nth": baseline("every_nth_worker")}  # fmt: skip


def _in_view(page: Any, selector: str) -> bool:
    """Whether the element is wholly inside the viewport."""
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }",
    )


def _rects(page: Any) -> Any:
    return page.evaluate("""() => ['#card-heading', '#scenario-card .key-numbers', '#card-bar', '.card-column']
        .map(s => { const e = document.querySelector(s); if (!e) return [s, null];
                    const r = e.getBoundingClientRect(); return [s, Math.round(r.top), Math.round(r.bottom)]; })
        .concat([['vh', innerHeight, scrollY]])""")


def _no_sideways_scroll(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, page.url


@pytest.fixture
def journey_page(request: Any, browser: Any, app_url: str) -> Any:
    journey: Journey = request.param
    context = browser.new_context(viewport={"width": journey.width, "height": journey.height},
                                  base_url=app_url, locale="nb-NO", is_mobile=journey.phone,
                                  has_touch=journey.phone)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield journey, page
    context.close()


def _search_and_open_the_story(page: Any, j: Journey, check: Callable[[Any], None]) -> None:
    page.goto("/")
    check(page)
    page.locator("#q").press_sequentially(j.query, delay=40)
    story = page.locator("#suggestions a", has_text=f"{j.name} i 2040")
    story.wait_for()
    story.click()
    page.wait_for_url(re.compile(rf"/kommune/{j.code}/2040/$"))
    assert _text(page, "h1") == f"{j.name} i 2040"


def _step_the_pyramid_by_keyboard(page: Any) -> None:
    """Tab to the year links and press Enter on each: the frame and the live region follow."""
    years = page.eval_on_selector_all("[data-year]", "ls => ls.map(l => l.dataset.year)")
    page.locator(f"[data-year='{years[0]}']").focus()
    for number, year in enumerate(years):
        if number:
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.year") == year
        page.keyboard.press("Enter")
        shown = page.eval_on_selector_all(
            "[data-frame]", "fs => fs.filter(f => !f.hidden).map(f => f.dataset.frame)"
        )
        assert shown == [year]
        assert page.locator("[data-announce]").inner_text().startswith(f"{year}:")
    assert page.url.endswith("/2040/")  # stepped by the script, no reload


def _council_mode(page: Any, j: Journey, check: Callable[[Any], None]) -> dict[str, str]:
    """Step through the council mode (keys on a desktop, the buttons on a phone); read the figures."""
    page.get_by_role("link", name=re.compile("Vis i møtemodus")).click()
    page.wait_for_url(re.compile(r"modus=mote"))
    total = page.locator(".story-step").count()
    for n in range(1, total + 1):
        assert page.locator("[data-counter]").inner_text() == f"Steg {n} av {total}"
        assert page.locator(".story-step:visible").count() == 1
        heading = page.locator(".story-step.is-current").locator("h1, h2").first
        assert _in_view(page, f"#{heading.get_attribute('id')}"), (
            f"step {n}'s heading is out of view"
        )
        _no_sideways_scroll(page, j.width)
        if n == 1 or page.locator(".story-step.is-current#omsorg").count():
            check(page)
        if n < total:
            if j.phone:
                page.get_by_role("button", name="Neste →").click()
            else:
                page.keyboard.press("ArrowRight")
            wait_until(page, "(n) => document.querySelector('[data-counter]').innerText.startsWith('Steg ' + n + ' ')",
                       n + 1, what=f"step {n + 1}")  # fmt: skip
    figures = _story_figures(page)
    page.get_by_role("link", name="Avslutt møtemodus").click()
    page.wait_for_url(re.compile(rf"/kommune/{j.code}/2040/$"))
    return figures


def _economy(page: Any, j: Journey, check: Callable[[Any], None]) -> dict[str, str]:
    """Open the economy view from the story's turn and read the FTEs its kroner are built on."""
    page.get_by_role("link", name="Økonomi og arbeidskraft").click()
    page.wait_for_url(re.compile(rf"/kommune/{j.code}/okonomi/$"))
    check(page)
    fte = re.search(
        r"Årsverk: ([\d ]+) \(2026\) og ([\d ]+) \(2040\)", _text(page, "#care-heading ~ p.source")
    )
    assert fte, _text(page, "main")
    page.go_back()
    page.wait_for_url(re.compile(rf"/kommune/{j.code}/2040/$"))
    return {"need_now": fte[1].strip(), "need": fte[2].strip()}


def _compare(page: Any, j: Journey, check: Callable[[Any], None]) -> dict[str, str]:
    """From Min kommune, compare with the other municipality and read both in 2040."""
    page.get_by_role("link", name=f"Alle tallene for {j.name} i Min kommune").click()
    page.wait_for_url(re.compile(rf"/kommune/{j.code}/$"))
    page.locator("#future-workforce").wait_for()
    check(page)
    figures = _min_kommune_figures(page)
    search = page.locator("#compare-heading").locator("xpath=..").locator("input[type=search]")
    search.press_sequentially(j.other_query, delay=40)
    page.locator(f"#suggestions a[href$='/sammenlign/{j.other_code}/']").click()
    page.wait_for_url(re.compile(rf"/kommune/{j.code}/sammenlign/{j.other_code}/$"))
    row = _cells(page, "#compare-future tbody tr:has(th:text-is('2040'))")
    assert len(row) == 6 and all(re.fullmatch(r"[\d ]+", row[i]) for i in (0, 2, 3, 5)), row
    check(page)
    _no_sideways_scroll(page, j.width)
    return figures


def _key_numbers_in_view(page: Any, j: Journey, number: int) -> None:
    """The three numbers that matter are wholly on screen: the bottom bar on a phone; on a desktop
    the card's own strip, checked at this window and on a 1280×720 and 1280×800 laptop too."""
    if j.phone:
        assert key_numbers_out_of_view(page, PHONE_KEY_NUMBERS) == [], (
            f"statement {number}: {_rects(page)}"
        )
        return
    for height in (720, 800, j.height):
        page.set_viewport_size({"width": j.width, "height": height})
        out = key_numbers_out_of_view(page, DESKTOP_KEY_NUMBERS)
        assert out == [], f"at {j.width}×{height} after statement {number}: {out} {_rects(page)}"


def _take_a_stand(page: Any, j: Journey, shot: Callable[[Any, str], Any]) -> dict[str, str]:
    """Answer every statement; after each answer the card (or bar) is new and in view."""
    page.get_by_role("link", name=f"Velg veien selv i Scenariofabrikken for {j.name}").click()
    page.wait_for_url(re.compile(rf"/scenario/\?kommune={j.code}$"))
    figures = _card_figures(page)
    bar = page.locator("#card-bar dd")
    assert [_plain(bar.nth(1).inner_text()), _plain(bar.nth(2).inner_text())] == [
        figures["gap"],
        figures["every_nth"],
    ]
    for number, statement in enumerate(STATEMENTS):
        value = ("2", "1", "-1", "-2", "0", "vet")[number % 6]
        answer_and_wait(page, statement.key, value)
        _key_numbers_in_view(page, j, number + 1)
        assert _card_figures(page) == figures  # the reference columns never move
        if j.phone:
            assert _plain(bar.nth(1).inner_text()) == _plain(page.locator(
                '#scenario-card tr[data-metric="gap"] .scenario-value').inner_text())  # fmt: skip
        if number in (3, len(STATEMENTS) - 1):
            shot(page, f"scenario-svar-{number + 1}")
    assert all(f"p_{s.key}=" in page.url for s in STATEMENTS if s.key != STATEMENTS[4].key)
    return figures


@pytest.mark.parametrize("journey_page", JOURNEYS.values(), ids=JOURNEYS.keys(), indirect=True)
def test_a_new_user_follows_one_municipality_from_the_front_page_to_a_model(
    journey_page: Any, assert_no_axe_violations: Callable[[Any], None]
) -> None:
    j, page = journey_page

    def check(p: Any) -> None:
        assert_no_axe_violations(p)
        _no_sideways_scroll(p, j.width)

    def shot(p: Any, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        p.screenshot(path=str(SCREENSHOTS / f"reise-{j.code}-{name}-{j.width}.png"))

    seen: dict[str, dict[str, str]] = {}
    _search_and_open_the_story(page, j, check)
    check(page)
    shot(page, "fortelling")
    _step_the_pyramid_by_keyboard(page)
    seen["the story"] = _story_figures(page)
    seen["the council mode"] = _council_mode(page, j, check)
    seen["the economy view"] = _economy(page, j, check)
    seen["Min kommune"] = _compare(page, j, check)
    shot(page, "sammenlign")
    page.goto(f"/kommune/{j.code}/2040/")
    seen["Scenariofabrikken"] = _take_a_stand(page, j, shot)
    check(page)
    page.goto(f"/kommune/{j.code}/2040/")
    page.locator("#modeller a", has_text="En dag i livet").first.click()
    page.wait_for_url(re.compile(rf"/modeller/\d+/\?kommune={j.code}#en-dag-i-livet$"))
    assert page.locator("#en-dag-i-livet").is_visible()
    seen["the model"] = _model_figures(page)
    check(page)
    shot(page, "modell")
    page.locator("#tall .numbers-for").scroll_into_view_if_needed()
    assert f"Tallene gjelder {j.name}:" in _text(page, "#tall .numbers-for")
    shot(page, "modell-tall")

    expected = page.request.get(f"/api/kommuner/{j.code}/2040").json()["care_printed"]
    expected = {key: _plain(value) for key, value in expected.items()}
    for where, figures in seen.items():
        assert figures == {key: expected[key] for key in figures}, where
