from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from samfunnslab.community_models import selectors as community_selectors
from samfunnslab.core.lang import in_lang, other_lang
from samfunnslab.workshops.templatetags.workshops_extras import register as workshop_tags


@pytest.mark.parametrize(
    ("interface", "written", "marked"),
    [
        ("nb", "nb", ""),
        ("nb", "nn", "nn"),
        ("nn", "nn", ""),
        ("nn", "nb", "nb"),
        ("en", "nb", "nb"),
    ],
)
def test_a_text_needs_a_lang_of_its_own_only_when_the_page_speaks_another_language(
    interface: str, written: str, marked: str
) -> None:
    with translation.override(interface):
        assert other_lang(written) == marked


def test_a_marked_text_is_wrapped_in_a_span_and_escaped() -> None:
    assert in_lang("Skule & <b>helse</b>", "nn") == (
        '<span lang="nn">Skule &amp; &lt;b&gt;helse&lt;/b&gt;</span>'
    )


def test_an_unmarked_text_is_only_escaped() -> None:
    assert in_lang("Skole & <b>helse</b>", "") == "Skole &amp; &lt;b&gt;helse&lt;/b&gt;"
    assert in_lang("", "nn") == ""


def test_the_template_filters_and_the_bokmal_names_use_the_one_implementation() -> None:
    assert workshop_tags.filters["in_lang"] is in_lang
    assert community_selectors.bokmal("Naboer") == in_lang("Naboer", "nb")
    template = Template("{% load language_of_parts %}{{ text|in_lang:lang }}")
    assert template.render(Context({"text": "Kva?", "lang": "nn"})) == '<span lang="nn">Kva?</span>'
