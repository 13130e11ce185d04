"""The live opinion map in a real browser: two groups named by their statements, no WCAG issues."""

from __future__ import annotations

from typing import Any

from e2e import test_inclusion

# The same seeded server fixture as the inclusion tests (a server of its own for this module).
seeded = test_inclusion.seeded
staff_page = test_inclusion.staff_page


def test_the_map_shows_two_groups_and_a_text_alternative(
    staff_page: Any,
    seeded: dict[str, Any],
    assert_no_axe_violations: Any,
    screenshot: Any,
) -> None:
    staff_page.goto(f"/meningskart/{seeded['activity']}/")
    # The first map is drawn in the background; the page polls until it is there.
    staff_page.wait_for_selector("#groups-heading", timeout=20_000)

    groups = staff_page.locator(".group-card")
    assert groups.count() == 2
    assert "Gruppe A (8 personer)" in groups.nth(0).inner_text()
    unites = staff_page.locator("#unites-heading + ul").inner_text()
    assert "Alle bør ha en trygg vei til skolen." in unites
    svg = staff_page.locator("svg.opinion-svg")
    assert svg.get_attribute("role") == "img"
    assert svg.locator("use").count() == 16
    assert_no_axe_violations(staff_page)
    screenshot(staff_page, "opinion-map")


def test_one_click_forms_a_model_team_per_group_and_the_page_passes_axe(
    staff_page: Any,
    seeded: dict[str, Any],
    assert_no_axe_violations: Any,
    screenshot: Any,
) -> None:
    staff_page.goto(f"/meningskart/{seeded['activity']}/")
    staff_page.wait_for_selector("#groups-heading", timeout=20_000)
    staff_page.get_by_role("link", name="Form modellteam: én modell per gruppe").click()
    staff_page.wait_for_url("**/modeller/")  # count() does not wait for the new page
    staff_page.locator("textarea.seed-text").first.wait_for()
    assert staff_page.locator("textarea.seed-text").count() == 2
    assert staff_page.get_by_text("Ingen sammenslåing").is_visible()
    assert_no_axe_violations(staff_page)

    staff_page.get_by_role("button", name="Form 2 modellteam").click()
    staff_page.get_by_text("Laget 2 modellteam, én lokalsamfunnsmodell per gruppe.").wait_for()
    teams = staff_page.locator(".team-list li")
    assert teams.count() == 2
    assert staff_page.locator(".team-list .minority-badge").count() == 0  # 8 and 8: no minority
    assert staff_page.get_by_role("button", name="Form 2 modellteam").count() == 0
    assert_no_axe_violations(staff_page)
    screenshot(staff_page, "opinion-map-model-teams")

    staff_page.get_by_role("link", name="Se modellene side om side (uten rangering)").click()
    staff_page.wait_for_load_state()
    assert staff_page.locator(".narrative-cards article").count() == 2
