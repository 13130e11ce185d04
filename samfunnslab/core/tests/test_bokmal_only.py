"""Content that exists only in bokmål says so, with lang="nb", when nynorsk or English is chosen."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LABEL = 'class="ds-alert bokmal-only"'


def _in(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("path", ["/metoder/steg/framtidshjulet/", "/lab/rammebetingelser/"])
def test_bokmal_only_content_is_labelled_in_nynorsk_and_english(path: str) -> None:
    for language, label in (("nn", "Denne teksten finst berre på bokmål."),
                            ("en", "This text is only available in Norwegian bokmål.")):
        html = _in(language).get(path).content.decode()
        assert LABEL in html and label in html, (path, language)


def test_bokmal_readers_get_no_label_and_step_names_carry_their_language() -> None:
    html = _in("nb").get("/metoder/steg/framtidshjulet/").content.decode()
    assert LABEL not in html
    assert _in("en").get("/metoder/steg/framtidshjulet/").content.decode().count('lang="nb"') >= 1
