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
