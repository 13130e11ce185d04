from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_front_page_shows_the_four_parts(client):
    html = client.get(reverse("core:home")).content.decode()
    for part in ("Fremtidsverktøyet", "Verkstedet", "Modellene og laben", "Porteføljen"):
        assert part in html


def test_every_page_has_a_skip_link_and_the_ssb_attribution(client):
    html = client.get(reverse("core:home")).content.decode()
    assert 'href="#main"' in html
    assert "Kilde: Statistisk sentralbyrå (SSB), lisens CC BY 4.0" in html


def test_the_page_language_is_bokmal_by_default(client):
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="nb"' in html


def test_the_language_can_be_switched_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en"' in html


def test_healthz_answers_ok(client):
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}


def test_the_data_sources_page_lists_every_licence(client):
    html = client.get(reverse("core:data_sources")).content.decode()
    assert "Kartverket" in html and "Human Mortality Database" in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("nb", "Hvor treffsikre har framskrivingene vært?"),
        ("nn", "Kor treffsikre har framskrivingane vore?"),
        ("en", "How accurate have the projections been?"),
    ],
)
def test_the_data_sources_page_explains_how_past_accuracy_was_measured(client, language, heading):
    client.cookies["django_language"] = language
    html = client.get(reverse("core:data_sources")).content.decode()
    section = html[html.index('id="tilbakeproving"') :]
    assert heading in section
    assert "2011" in section and "2016" in section and "2018" in section
    assert "docs/" not in html


def test_the_data_sources_page_explains_in_plain_words_how_the_projections_are_made(client):
    html = client.get(reverse("core:data_sources")).content.decode()
    section = html[html.index('id="regnemaaten"') : html.index('id="tilbakeproving"')]
    assert "Slik regner vi framskrivingene" in section
    assert "hvis–så-beregninger, ikke prognoser" in section


def test_an_oversized_post_gets_a_plain_norwegian_message(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("accounts:login"), {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400
    assert "del den opp og prøv igjen" in response.content.decode()


def test_an_unknown_page_gets_a_plain_norwegian_404(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


def test_an_english_browser_still_gets_bokmal_until_the_user_chooses(client):
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nb"' in html


def test_the_privacy_statement_says_what_is_stored_for_how_long(client, settings) -> None:
    settings.RETENTION_DAYS = 30
    settings.PRIVACY_CONTACT = "personvern@kommune.example"
    html = client.get("/personvern/").content.decode()
    assert "Personvernerklæring" in html and "30 dager etter at et verksted er avsluttet" in html
    assert "mailto:personvern@kommune.example" in html


def test_the_accessibility_statement_has_the_norwegian_sections(client) -> None:
    html = client.get("/tilgjengelighet/").content.decode()
    for section in ("Status", "Kjente avvik", "Tilbakemelding og kontakt", "Tilsyn og klage"):
        assert f"<h2>{section}</h2>" in html
    assert "uutilsynet.no" in html


def test_the_footer_links_both_statements(client) -> None:
    html = client.get("/").content.decode()
    assert 'href="/personvern/"' in html and 'href="/tilgjengelighet/"' in html


def test_statements_in_nynorsk_are_marked_as_bokmal_only(client, settings) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    html = client.get("/personvern/").content.decode()
    assert 'class="ds-alert bokmal-only"' in html and '<div lang="nb"' in html


@pytest.mark.django_db
def test_the_front_page_leads_with_the_countrys_2040_number_and_a_municipality_search(client):
    from samfunnslab.municipalities.norway2040 import national_headline

    headline = national_headline()
    html = client.get("/").content.decode()
    assert headline.growth in html and headline.over_80_then in html
    assert headline.growth.startswith("+")
    assert 'role="search"' in html and 'action="/kommune/"' in html and 'name="q"' in html


def test_a_request_in_nynorsk_leaves_the_thread_in_bokmal_afterwards(client, settings) -> None:
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    client.get("/")

    assert translation.get_language() == settings.LANGUAGE_CODE
