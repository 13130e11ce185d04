"""The lab in a real browser: an example model, two raters who disagree, a summary, a forsøk
draft, and a pilot placed in the portfolio and on the Three Horizons."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from samfunnslab.core.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME

pytestmark = pytest.mark.browser

MODEL = "Regionmodellen"
CONDITIONS = (
    "Kommuneloven – selvstyre, organisering og økonomi",
    "Helse- og omsorgstjenesteloven – kommunens «sørge for»-ansvar",
)


def _start_exercise(page) -> None:
    page.goto("/lab/")
    value = page.locator("#id_model option", has_text=MODEL).first.get_attribute("value")
    page.select_option("#id_model", value)
    page.fill("#id_title", "Regionmodellen i laben")
    for label in CONDITIONS:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Start øvelsen").click()
    page.get_by_role("heading", name="Regionmodellen i laben").wait_for()


def _record_finding(page) -> None:
    role = page.locator("#id_ref optgroup[label='Rolle'] option").first.get_attribute("value")
    page.select_option("#id_ref", role)
    page.select_option("#id_condition", label=CONDITIONS[0])
    page.get_by_label("Barriere", exact=True).check()
    page.select_option("#id_mechanism", "fails_to_enable")
    page.select_option("#id_room", "forsok")
    page.select_option("#id_forsok_letter", "a")
    page.fill("#id_description", "Et felles regionråd skal fatte vedtak for flere kommuner.")
    page.fill("#id_proposed_action", "Søke forsøk med oppgavefellesskap med vedtaksmyndighet.")
    page.get_by_role("button", name="Lagre funnet").click()
    page.get_by_text("Funnet er registrert.").wait_for()


def _rate(page, name: str, severity: int, certainty: int) -> None:
    page.fill("#id_rater_name", name)
    page.fill("#id_severity", str(severity))
    page.fill("#id_certainty", str(certainty))
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.wait_for_load_state()


def test_a_lab_exercise_from_two_raters_to_a_pilot_on_the_three_horizons(
    page, login, assert_no_axe_violations, screenshot
):
    login(page, DEMO_USERNAME, DEMO_PASSWORD)
    _start_exercise(page)
    assert_no_axe_violations(page)
    _record_finding(page)
    finding_url = page.url

    _rate(page, "Kari (jurist)", 2, 3)
    _rate(page, "Per (tjenesteleder)", 5, 3)
    ratings = page.locator("#ratings")
    assert "Kari (jurist)" in ratings.inner_text() and "Per (tjenesteleder)" in ratings.inner_text()
    assert "Uenighet:" in ratings.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "lab-finding-disagreement")

    page.get_by_role("link", name="← Regionmodellen i laben").click()
    page.get_by_role("link", name="Se sammendraget").click()
    page.get_by_role("heading", name="Der vurderingene spriker").wait_for()
    assert "spredning 3 i alvorlighet" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    page.goto(page.url.replace("sammendrag/", "forsok/"))
    assert "Må vurderes:" in page.locator(".checklist").inner_text()
    assert_no_axe_violations(page)
    page.fill("#id_evaluation_plan", "Følgeforskning med halvårlige målinger.")
    with page.expect_download(timeout=60_000) as pdf_download:  # a tagged PDF takes a while
        page.get_by_role("button", name="Last ned PDF").click(timeout=60_000)
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    with page.expect_download() as docx_download:
        page.get_by_role("button", name="Last ned Word (DOCX)").click()
    doc = Document(io.BytesIO(Path(docx_download.value.path()).read_bytes()))
    assert doc.paragraphs[0].text.startswith("UTKAST")

    page.goto(finding_url)
    page.get_by_role("link", name="Lag en pilot fra dette funnet").click()
    page.fill("#id_title", "Regionråd med vedtaksmyndighet")
    page.select_option(
        "#id_node", label="Delprosjekt eller aktivitet: Trinn 4: Eksperimentere og pilotere"
    )
    page.select_option("#id_horizon", "H2+")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Opprett piloten").click()
    page.get_by_text("Piloten er opprettet fra funnet.").wait_for()
    assert "Forsøk etter forsøksloven § 3" in page.locator("main").inner_text()

    page.goto("/portefolje/")
    assert "Regionråd med vedtaksmyndighet" in page.locator(".tree").first.inner_text()
    assert_no_axe_violations(page)
    page.goto("/portefolje/tre-horisonter/")
    column = page.locator(
        "section", has=page.get_by_role("heading", name="H2+: baner vei for det nye")
    )
    assert "Regionråd med vedtaksmyndighet" in column.inner_text()
    assert_no_axe_violations(page)
    screenshot(page, "portfolio-three-horizons")


def test_bad_input_in_the_lab_gets_plain_messages(page, login, assert_no_axe_violations):
    login(page, DEMO_USERNAME, DEMO_PASSWORD)
    page.goto("/lab/")
    page.get_by_role("link", name="Nabolagsmodellen mot dagens rammebetingelser").click()
    page.locator("form.finding-form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Lagre funnet").click()
    assert "Velg en rammebetingelse" in page.locator("#form-errors").inner_text()
    assert_no_axe_violations(page)

    page.locator("table.data a", has_text="Nabolagsbanken").first.click()
    page.locator("form.rating-form").evaluate("form => form.noValidate = true")
    _rate(page, "Kari (jurist)", 9, 3)
    assert "mellom 1 og 5" in page.locator("#form-errors").inner_text()


def test_the_register_is_searchable_and_accessible(page, assert_no_axe_violations, phone_page):
    page.goto("/lab/rammebetingelser/")
    page.fill("#id_q", "forsøksloven")
    page.select_option("#id_level", "national")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_load_state()
    assert "Forsøksloven – forsøk i offentlig forvaltning" in page.locator("table").inner_text()
    assert "Må kontrolleres av jurist" in page.locator("table").inner_text()
    assert_no_axe_violations(page)
    phone_page.goto("/lab/rammebetingelser/")
    assert_no_axe_violations(phone_page)
    page.get_by_role("link", name="Forsøksloven – forsøk i offentlig forvaltning").click()
    assert "LOV-1992-06-26-87" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.goto("/lab/")
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path",
    ["/lab/", "/lab/rammebetingelser/", "/lab/ovelse/1/", "/lab/funn/1/", "/portefolje/piloter/1/"],
)
def test_lab_pages_do_not_scroll_sideways_on_a_phone(phone_page, login, path):
    login(phone_page)
    phone_page.goto(path)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375 + 1


def test_the_matrix_does_not_widen_the_page_on_a_desktop(page, login):
    login(page)
    page.goto("/lab/ovelse/1/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280 + 1


def test_the_findings_of_two_models_side_by_side_are_accessible(
    page, login, assert_no_axe_violations, screenshot
):
    login(page)
    page.goto("/lab/hva-skal-til/")
    page.get_by_label("Nabolagsmodellen", exact=True).check()
    page.get_by_label("Velferdskommunen 2.0", exact=True).check()
    page.get_by_role("button", name="Vis").click()
    page.get_by_role("heading", name="Funnene side om side").wait_for()
    assert page.locator(".model-matrix").count() == 2
    assert page.locator(".model-matrix .finding-chip").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280 + 1
    assert_no_axe_violations(page)
    screenshot(page, "lab-findings-side-by-side")
