from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from samfunnslab.scenarios import engine, selectors, services
from samfunnslab.scenarios.choices import Choices

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "status", "text"),
    [
        ("kommune=9999", 404, "Vi finner ingen kommune"),
        ("kommune=1106&alternativ=XYZW", 400, "Alternativet"),
        ("kommune=1106&p_unge=5", 400, "fra −2 til 2"),
        ("kommune=1106&p_unge=abc", 400, "må være et tall"),
        ("kommune=1106&p_finnesikke=1", 400, "ingen påstand"),
        ("kommune=1106&veivalg=fly", 400, "veivalg"),
    ],
)
def test_bad_scenario_parameters_give_a_plain_message(
    client: Client, query: str, status: int, text: str
) -> None:
    for url in ("/scenario/", "/scenario/kort/", "/scenario/rapport.pdf"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == status
        assert text in response.content.decode()


def test_the_chooser_preselects_haugesund_and_searches(client: Client) -> None:
    page = client.get("/scenario/?q=Haugesund").content.decode()
    assert 'value="1106" selected' in page
    assert "?kommune=1106" in page


def test_the_scenario_page_shows_statements_paths_and_the_card(client: Client) -> None:
    page = client.get("/scenario/?kommune=1106&p_unge=2&veivalg=teknologi").content.decode()
    assert page.count('class="statement"') == 10
    assert 'value="teknologi" checked' in page
    assert "Scenariokort: Haugesund i 2040" in page
    assert "Beregning, ikke prognose" in page
    assert "Teknologi først" in page


# In each interface: the first statement, its «why», a path's title and text, and the main
# alternative's name, as the catalogues write them.
IN_LANGUAGE = {
    "nn": (
        "I 2040 vil fleire unge vaksne ha valt å bu i kommunen vår enn SSB reknar med.",
        "Kvart steg flyttar netto innflytting med 0,1 % av folketalet per år.",
        "Teknologi først",
        "Vi tek i bruk velferdsteknologi og digitale tenester overalt der det går.",
        "Hovudalternativet (middels nasjonal vekst)",
    ),
    "en": (
        "By 2040, more young adults will have chosen to live in our municipality than",
        "Each step moves net in-migration by 0.1% of the population a year.",
        "Technology first",
        "We use welfare technology and digital services wherever we can.",
        "Main alternative (medium national growth)",
    ),
}


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_statements_and_paths_follow_the_interface_language_without_a_bokmal_label(
    client: Client, language: str
) -> None:
    client.cookies["django_language"] = language
    page = client.get("/scenario/?kommune=1106").content.decode()
    for text in IN_LANGUAGE[language]:
        assert text in page, text
    assert "I 2040 vil flere unge voksne" not in page and "Vi tar i bruk" not in page
    assert "bokmal-only" not in page
    assert 'lang="nb"' not in page.split("<main", 1)[1].split('class="source"', 1)[0]


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_card_names_the_choices_and_parameters_in_the_interface_language(
    client: Client, language: str
) -> None:
    client.cookies["django_language"] = language
    card = client.get("/scenario/kort/?kommune=1106&p_unge=2&veivalg=unge_voksne").content.decode()
    title = {"nn": "Trekkje til seg unge vaksne", "en": "Attract young adults"}[language]
    label = {"nn": "Netto innflytting (alle aldrar)", "en": "Net in-migration (all ages)"}
    assert f"«{title}»" in card
    assert f"<strong>{label[language]}:" in card
    assert f"«{IN_LANGUAGE[language][0]}" in card
    assert IN_LANGUAGE[language][4] in card
    story = card.split('class="story"', 1)[1].split("</div>", 1)[0]
    assert f"({title})" in story
    assert "Tiltrekke unge voksne" not in card and '<span lang="nb">' not in card


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_report_names_the_choices_in_the_interface_language(
    client: Client, language: str
) -> None:
    client.cookies["django_language"] = language
    response = client.get("/scenario/rapport.pdf?kommune=1106&veivalg=teknologi&p_unge=1")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    kind = {"nn": "vegvalet", "en": "the choice"}[language]
    assert f"{kind} «{IN_LANGUAGE[language][2]}»" in text
    assert "I 2040 vil flere unge voksne" not in text and "Vi tar i bruk" not in text
    assert "veivalg «" not in text and "påstand «" not in text


def test_in_bokmal_the_statements_carry_no_language_label(client: Client) -> None:
    page = client.get("/scenario/?kommune=1106").content.decode()
    assert "Helt enig" in page and "bokmal-only" not in page


def _scenario_value(page: str, metric: str) -> str:
    match = re.search(rf'data-metric="{metric}">.*?class="num scenario-value">([^<]+)<', page, re.S)
    assert match, metric
    return match.group(1)


def test_changing_one_choice_moves_the_numbers_in_the_fragment(client: Client) -> None:
    before = client.get("/scenario/kort/?kommune=1106").content.decode()
    after = client.get("/scenario/kort/?kommune=1106&veivalg=unge_voksne")
    assert after["HX-Push-Url"] == "/scenario/?kommune=1106&alternativ=MMMM&veivalg=unge_voksne"
    assert _scenario_value(before, "arbeidsfor") != _scenario_value(
        after.content.decode(), "arbeidsfor"
    )


def test_the_permalink_reproduces_the_same_card(client: Client) -> None:
    query = "kommune=1106&alternativ=MMMM&p_familie=2&p_heltid=-1&veivalg=samarbeid"
    first = client.get(f"/scenario/?{query}").content.decode()
    second = client.get(f"/scenario/?{query}").content.decode()
    assert _scenario_value(first, "gap") == _scenario_value(second, "gap")
    assert f'href="/scenario/?{query.replace("&", "&amp;")}"' in first


def test_the_future_section_shows_80_plus_support_ratio_and_workforce(client: Client) -> None:
    page = client.get("/scenario/kommune/1106/framtid/").content.decode()
    outcome = engine.run("1106")
    from samfunnslab.scenarios.card import persons

    assert persons(outcome.aged(2040, 80)) in page
    for year in ("2030", "2040", "2050"):
        assert f'<th scope="row">{year}</th>' in page
    assert "Aldersbæreevne" in page and "Hver n-te i arbeid" in page
    assert "Forutsetninger og kilder" in page
    assert "Statistisk sentralbyrå" in page


def test_the_future_section_says_how_far_past_projections_were_off(client: Client) -> None:
    page = client.get("/scenario/kommune/1106/framtid/").content.decode()
    assert 'id="past-accuracy"' in page
    assert "I tidligere tester var framskrivinger som denne innenfor ±" in page
    assert "15 år fram i 8 av 10 kommuner på denne størrelsen" in page
    assert "spennet mellom SSBs alternativer" in page  # told apart from the alternatives band
    assert 'href="/om-dataene/#regnemaaten"' in page  # the assumptions' «how we calculate»
    assert "docs/" not in page
    block = page[page.index('id="past-accuracy"') :]
    block = block[: block.index("</div>")]
    assert 'href="/om-dataene/#tilbakeproving"' in block and "docs/" not in block


def test_min_kommune_includes_the_future_section_with_a_no_js_link(client: Client) -> None:
    page = client.get("/kommune/1106/").content.decode()
    assert 'hx-get="/scenario/kommune/1106/framtid/"' in page
    assert 'href="/scenario/kommune/1106/"' in page


def test_the_report_is_a_real_pdf_with_the_card_and_sources(client: Client) -> None:
    response = client.get("/scenario/rapport.pdf?kommune=1106&veivalg=teknologi&p_unge=1")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Kommunerapport: Haugesund" in text
    assert "Teknologi først" in text
    assert "Statistisk sentralbyrå" in text
    assert "Beregning, ikke prognose" in text


@pytest.mark.parametrize("query", ["p_" + "x" * 10_000 + "=1", "veivalg=" + "y" * 10_000])
def test_a_ten_thousand_character_parameter_gives_a_short_plain_message(
    client: Client, query: str
) -> None:
    response = client.get(f"/scenario/?kommune=1106&{query}")
    assert response.status_code == 400
    message = re.search(r'<p class="error-message">(.*?)</p>', response.content.decode()).group(1)
    assert len(message) < 120
    assert message.endswith("…».")


def test_the_card_labels_and_story_go_through_gettext(client: Client, monkeypatch: Any) -> None:
    from samfunnslab.scenarios import pages

    monkeypatch.setattr(pages, "_", lambda text: text.replace("omsorg", "OMSORG"))
    page = client.get("/scenario/?kommune=1106&p_unge=1").content.decode()
    assert "Hver n-te person i arbeid må jobbe i omsorgen" in page
    assert "jobbe i OMSORGen" in page


def test_the_workforce_form_requires_login(client: Client) -> None:
    response = client.get("/scenario/kommune/1106/arbeidskraft/")
    assert response.status_code == 302


def test_a_facilitator_saves_local_figures_through_the_form(
    client: Client, facilitator: Any
) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/scenario/kommune/1106/arbeidskraft/",
        {"users_0_66": "500", "users_67_79": "300", "users_80": "600", "care_fte": "900"},
    )
    assert response.status_code == 302
    page = client.get("/scenario/kommune/1106/framtid/").content.decode()
    assert "kommunens egne tall" in page


def test_the_workforce_form_explains_partial_user_figures(client: Client, facilitator: Any) -> None:
    client.force_login(facilitator)
    response = client.post("/scenario/kommune/1106/arbeidskraft/", {"users_0_66": "500"})
    assert response.status_code == 400
    assert "alle tre aldersgruppene" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "shown", "not_shown"),
    [
        ({"users_0_66": "-5", "users_67_79": "1", "users_80": "1"}, "større enn eller lik 0",
         "alle tre aldersgruppene"),
        ({"care_fte": "mange"}, "Oppgi et tall", "Fyll inn minst ett tall"),
        ({"care_fte": ""}, "Fyll inn minst ett tall", "Oppgi et tall"),
    ],
)  # fmt: skip
def test_bad_workforce_figures_give_one_clear_message(
    client: Client, facilitator: Any, data: dict[str, str], shown: str, not_shown: str
) -> None:
    client.force_login(facilitator)
    response = client.post("/scenario/kommune/1106/arbeidskraft/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert shown in page
    assert not_shown not in page


def test_workforce_figures_may_be_written_the_norwegian_way(
    client: Client, facilitator: Any
) -> None:
    client.force_login(facilitator)
    response = client.post(
        "/scenario/kommune/1106/arbeidskraft/", {"care_fte": "1 200,5", "fte_per_employed": "0,85"}
    )
    assert response.status_code == 302
    entry = selectors.local_figures_entry(code="1106", user=facilitator)
    assert entry is not None and entry.care_fte == 1200.5


def test_a_viewer_cannot_use_the_workforce_form(client: Client, colleague: Any) -> None:
    client.force_login(colleague)
    assert client.get("/scenario/kommune/1106/arbeidskraft/").status_code == 403


def test_participants_answer_anonymously_and_the_host_sees_results(
    client: Client, facilitator: Any, organisation: Any
) -> None:
    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Møte"
    )
    for _n in range(5):
        phone = Client()
        response = phone.post(
            f"/scenario/gruppe/{session.code}/", {"p_unge": "2", "veivalg": "teknologi"}
        )
        assert "Takk!" in response.content.decode()
    client.force_login(facilitator)
    page = client.get(f"/scenario/gruppe/{session.code}/resultat/").content.decode()
    assert "5 deltakere har svart" in page
    assert 'id="distribution"' in page
    assert "Scenariokort" in page


@pytest.mark.parametrize("participants", [1, 4])
def test_with_fewer_than_five_answers_the_host_sees_no_median_card(
    client: Client, facilitator: Any, organisation: Any, participants: int
) -> None:
    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Møte"
    )
    for _n in range(participants):
        Client().post(f"/scenario/gruppe/{session.code}/", {"p_unge": "-2", "veivalg": "samarbeid"})
    client.force_login(facilitator)
    for url in ("resultat/", "resultat/live/"):
        page = client.get(f"/scenario/gruppe/{session.code}/{url}").content.decode()
        assert "Fordelingen vises når minst 5 har svart" in page
        assert "Scenariokort" not in page
        assert "Samarbeid med nabokommunene" not in page
        assert 'class="shifts"' not in page


def test_an_outsider_cannot_see_group_results(
    client: Client, outsider: Any, facilitator: Any, organisation: Any
) -> None:
    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Møte"
    )
    services.group_response_submit(session=session, participant="x", choices=Choices())
    client.force_login(outsider)
    assert client.get(f"/scenario/gruppe/{session.code}/resultat/").status_code == 403


def test_an_unknown_group_code_gives_a_plain_message(client: Client) -> None:
    response = client.get("/scenario/gruppe/?kode=NOPE12")
    assert response.status_code == 404
    assert "Vi finner ingen gruppeøkt" in response.content.decode()


def test_the_fragment_tells_screen_readers_that_the_card_changed(client: Client) -> None:
    page = client.get("/scenario/kort/?kommune=1106&veivalg=teknologi").content.decode()
    # innerHTML keeps the status node in place, so screen readers keep listening to the same region.
    assert (
        '<p id="card-status" class="visually-hidden" role="status" hx-swap-oob="innerHTML">' in page
    )
    assert "Scenariokortet er oppdatert" in page


def test_the_status_says_the_three_numbers_the_bar_shows(client: Client) -> None:
    page = client.get("/scenario/kort/?kommune=1106&veivalg=teknologi").content.decode()
    status = page.split('id="card-status"', 1)[1].split("</p>", 1)[0]
    bar = page.split('class="key-numbers"', 1)[1].split("</dl>", 1)[0]
    numbers = [dd.split("</dd>", 1)[0] for dd in bar.split("<dd>")[1:]]
    assert len(numbers) == 3
    for number in numbers:
        assert number in status
    assert "hver n-te i arbeid må i omsorgen" in status


def test_the_report_can_hold_several_scenario_cards(client: Client) -> None:
    from urllib.parse import quote

    extra = quote("alternativ=LLML&veivalg=fellesskap")
    response = client.get(f"/scenario/rapport.pdf?kommune=1106&veivalg=teknologi&ekstra={extra}")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Scenariokort 1" in text and "Scenariokort 2" in text
    assert "Teknologi først" in text and "Familie, naboer og frivillige" in text


def test_a_malformed_extra_card_gives_a_plain_message(client: Client) -> None:
    response = client.get("/scenario/rapport.pdf?kommune=1106&ekstra=p_unge%3D9")
    assert response.status_code == 400
    assert "fra −2 til 2" in response.content.decode()


def test_the_host_page_has_a_qr_code_that_opens_the_session_on_a_phone(
    client: Client, facilitator: Any, organisation: Any
) -> None:
    from samfunnslab.core.qr import qr_svg

    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Møte"
    )
    client.force_login(facilitator)
    page = client.get(f"/scenario/gruppe/{session.code}/resultat/").content.decode()
    expected = qr_svg(f"http://testserver/scenario/gruppe/{session.code}/", title="QR")
    modules = expected[expected.index("<path") :]
    assert modules in page
    assert 'aria-label="QR-kode til gruppeøkten"' in page


def test_the_groups_views_are_bars_beside_the_consequences_and_update_live(
    client: Client, facilitator: Any, organisation: Any
) -> None:
    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Møte"
    )
    for answer in ["2"] * 7 + ["-2"] * 5 + ["1"]:
        Client().post(f"/scenario/gruppe/{session.code}/", {"p_unge": answer})
    client.force_login(facilitator)
    live = client.get(f"/scenario/gruppe/{session.code}/resultat/live/").content.decode()
    bars = live[live.index('id="group-bars"') : live.index("</ol>")]
    unge = bars[bars.index('data-statement="unge"') :]
    unge = unge[: unge.index("</li>")]
    assert 'class="seg seg-2" style="width: 53.8%"' in unge
    assert 'class="seg seg-skjult" style="width: 46.2%"' in unge
    assert "Helt enig: 7" in unge and "Helt uenig" not in unge
    assert live.index('id="group-bars"') < live.index("Scenariokort")


def test_in_english_the_future_section_and_the_story_use_a_decimal_point(client: Client) -> None:
    client.cookies["django_language"] = "en"
    future = client.get("/scenario/kommune/1106/").content.decode()
    story = client.get("/kommune/1106/2040/").content.decode()
    assert re.search(r"Then one in every \d+\.\d people in work", future)
    assert re.search(r"Today one in every \d+\.\d employed people", story)
    assert not re.search(r"\d\u00a0\d{3}", future + story)


def test_the_changed_parameters_are_listed_in_their_units_not_as_raw_fractions(
    client: Client,
) -> None:
    page = client.get("/scenario/?kommune=1106&p_unge=2&veivalg=teknologi").content.decode()
    changed = re.search(r"<dt>Endrede parametere</dt><dd[^>]*>([^<]*)</dd>", page)
    assert changed is not None
    assert "Netto innflytting (alle aldre): +0,2 % per år" in changed.group(1)
    assert "= 0.002" not in changed.group(1)
