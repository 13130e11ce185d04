"""Map input («Kartinnspill») in real browsers: the facilitator names places by clicking the map,
one phone drops a pin by touch, another by keyboard (a named place typed into the search box),
and the projector shows both, clustered and coloured by category."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from e2e.conftest import csrf_token, open_phones

LIVE_TIMEOUT = 20_000


def create_map_workshop(page: Any, check: Callable[[Any], None]) -> tuple[int, str]:
    page.goto("/verksted/nytt/")
    page.fill("#id_title", "Seniortråkk")
    page.fill("#id_municipality_code", "1106")
    page.get_by_role("button", name="Lag verkstedet").click()
    workshop_id = int(re.search(r"/verksted/(\d+)/", page.url).group(1))
    page.select_option("#id_kind", "map")
    page.fill("#id_prompt", "Hvor er det godt å gå?")
    page.fill("#id_options", "hyggelig å gå\nutrygt\nmøteplass\nmangler")
    page.get_by_role("button", name="Legg til aktiviteten").click()
    name_places(page, check)
    page.get_by_role("button", name="Åpne verkstedet").click()
    code = page.locator(".big-code").inner_text().strip()
    return workshop_id, code


def name_places(page: Any, check: Callable[[Any], None]) -> None:
    """Name a place by clicking the map, another by typing its line, and save both."""
    page.get_by_role("link", name=re.compile("Steder på kartet")).click()
    expect(page.locator(".pin-map .leaflet-overlay-pane path")).to_have_count(1)
    page.locator(".pin-map").click()  # the middle of the map: the municipality
    expect(page.get_by_label("Navn på stedet")).to_be_focused()
    assert page.get_by_label("Breddegrad").input_value() != ""
    page.keyboard.type("Bryggen")
    page.get_by_role("button", name="Legg til").click()
    expect(page.locator("[data-place-status]")).to_contain_text("Bryggen")
    lines = page.get_by_label("Steder deltakerne kan søke opp")
    lines.fill(lines.input_value() + "\nSmedasundet; 59.4139; 5.2667")
    check(page)
    page.get_by_role("button", name="Lagre stedene").click()
    expect(page.get_by_text("Stedene er lagret.")).to_be_visible()


def join(phone: Any, code: str) -> None:
    phone.goto("/delta/")
    phone.fill("input[name=code]", code.lower())
    phone.get_by_role("button", name="Bli med").click()


def test_pins_dropped_by_touch_and_by_keyboard_appear_on_the_projector(
    page: Any,
    browser: Any,
    app_url: str,
    login: Callable[[Any], None],
    assert_no_axe_violations: Callable[[Any], None],
    tmp_path: Any,
) -> None:
    login(page)
    workshop_id, code = create_map_workshop(page, assert_no_axe_violations)
    presenter = page.context.new_page()
    errors: list[str] = []
    presenter.on("pageerror", lambda error: errors.append(str(error)))
    presenter.set_viewport_size({"width": 1280, "height": 720})
    presenter.goto(f"/verksted/{workshop_id}/presenter/")
    contexts, (touch, keys) = open_phones(browser, app_url, 2, width=360, timeout=LIVE_TIMEOUT)

    # By touch: tap the map where the place is, choose a category, send.
    join(touch, code)
    expect(touch.locator(".pin-map[data-pick] .leaflet-overlay-pane path")).to_have_count(1)
    touch.locator(".pin-map[data-pick]").tap(position={"x": 230, "y": 140})
    expect(touch.locator("[data-pin-status]")).to_contain_text("Nåla er satt")
    assert touch.locator("input[name=latitude]").input_value() != ""
    touch.get_by_label("utrygt").check()
    touch.get_by_label("Kommentar (valgfritt)").fill("Mørkt under brua")
    assert touch.evaluate("document.documentElement.scrollWidth") <= 360
    touch.screenshot(path=str(tmp_path / "map-phone-360.png"), full_page=True)
    assert_no_axe_violations(touch)
    touch.get_by_role("button", name="Sett nåla").click()
    expect(touch.get_by_text("Takk! Nåla er satt.")).to_be_visible()

    # By keyboard only: a named place typed into the search box, a category with the arrow keys,
    # Enter to send.
    join(keys, code)
    # The person sees the map (the page's script is ready) before they reach for the search box.
    expect(keys.locator(".pin-map[data-pick] .leaflet-overlay-pane path")).to_have_count(1)
    options = keys.locator("datalist option")
    assert options.evaluate_all("os => os.map(o => o.value)")[:3] == [
        "Bryggen",
        "Smedasundet",
        "Midt i kommunen",
    ]
    keys.get_by_label("Eller søk etter et sted").focus()
    keys.keyboard.type("Smedasundet")
    expect(keys.locator("[data-pin-status]")).to_contain_text("Smedasundet")
    assert keys.locator("input[name=latitude]").input_value() == "59.413900"
    keys.keyboard.press("Tab")  # the centre button
    keys.keyboard.press("Tab")
    keys.keyboard.press("Space")  # the first category, «hyggelig å gå»
    keys.keyboard.press("ArrowDown")
    keys.keyboard.press("ArrowDown")  # «møteplass»
    expect(keys.get_by_label("møteplass")).to_be_checked()
    keys.get_by_role("button", name="Sett nåla").focus()
    keys.keyboard.press("Enter")
    expect(keys.get_by_text("Takk! Nåla er satt.")).to_be_visible()
    # The thanks is said in the persistent live region, and focus stays on the button.
    expect(keys.locator("#announcer")).to_contain_text("Takk! Nåla er satt.")
    expect(keys.get_by_role("button", name="Sett nåla")).to_be_focused()

    # The projector shows both pins live, by category, on the map and in the table.
    expect(presenter.locator(".pin-table caption")).to_contain_text("2 nåler", timeout=LIVE_TIMEOUT)
    expect(presenter.locator(".pin-map .pin-icon, .pin-map .pin-cluster").first).to_be_visible()
    table = presenter.locator(".pin-table").inner_text()
    assert re.search(r"utrygt\s+1", table) and re.search(r"møteplass\s+1", table)
    presenter.screenshot(path=str(tmp_path / "map-projector.png"))
    assert errors == []
    assert_no_axe_violations(presenter)
    for context in contexts:
        context.close()


def _projector_with_three_pins_at_one_place(
    page: Any, assert_no_axe_violations: Callable[[Any], None], init_script: str = ""
) -> Any:
    """A 1280 × 720 projector showing a map activity with three paper pins at Bryggen."""
    workshop_id, _code = create_map_workshop(page, assert_no_axe_violations)
    state = page.request.get(f"/verksted/{workshop_id}/tilstand.json").json()
    activity_id = state["workshop"]["activities"][0]["id"]
    for n in range(3):  # three pins from a paper walk, all at the same named place
        page.request.post(
            f"/verksted/{workshop_id}/papirsvar/",
            form={
                "activity": str(activity_id),
                "place": "Bryggen",
                "category": "utrygt",
                "key": f"p{n}",
            },
            headers={"X-CSRFToken": csrf_token(page), "Referer": page.url},
            max_redirects=0,
        )
    projector = page.context.new_page()
    projector.set_viewport_size({"width": 1280, "height": 720})
    if init_script:
        projector.add_init_script(init_script)
    projector.goto(f"/verksted/{workshop_id}/presenter/")
    return projector


def test_a_cluster_of_pins_on_the_1280_projector_has_a_count_readable_from_the_back(
    page: Any, login: Callable[[Any], None], assert_no_axe_violations: Callable[[Any], None]
) -> None:
    login(page)
    projector = _projector_with_three_pins_at_one_place(page, assert_no_axe_violations)
    cluster = projector.locator(".pin-map .pin-cluster").first
    expect(cluster).to_have_text("3", timeout=LIVE_TIMEOUT)
    size = cluster.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 24, f"the cluster's count is {size} px on the projector"


# Counts, at every change of the page, the cluster markers drawn on the projector's map: three
# pins at one place make one cluster, so more than one at any moment is a marker drawn twice.
COUNT_CLUSTERS = """
window.__clusters = [];
new MutationObserver(() => {
  const count = document.querySelectorAll(".pin-map .pin-cluster").length;
  if (count) { window.__clusters.push(count); }
}).observe(document, { childList: true, subtree: true });
"""


def test_the_projector_draws_one_cluster_for_pins_at_one_place_also_after_a_refresh(
    page: Any, login: Callable[[Any], None], assert_no_axe_violations: Callable[[Any], None]
) -> None:
    login(page)
    projector = _projector_with_three_pins_at_one_place(
        page, assert_no_axe_violations, init_script=COUNT_CLUSTERS
    )
    clusters = projector.locator(".pin-map .pin-cluster")
    expect(clusters.first).to_have_text("3", timeout=LIVE_TIMEOUT)
    for _refresh in range(2):  # the projector draws its map anew at each refresh
        projector.evaluate("window.samfunnslabLive.refresh()")
        projector.wait_for_timeout(1500)
    expect(clusters.first).to_have_text("3")
    assert clusters.count() == 1, f"{clusters.count()} cluster markers at one place"
    counts = projector.evaluate("window.__clusters")
    assert counts and max(counts) == 1, f"cluster markers on the map over time: {counts}"
