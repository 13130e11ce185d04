"""Content that exists only in bokmål says so, with lang="nb", when nynorsk or English is chosen.

Covered: method steps, the step list, process templates and pages, the facilitator guide (web and
PDF), the framework register, and the shipped portfolio examples (initiatives from the seed file).
The markup is simple on purpose: the shipped text sits in elements with lang="nb", and one visible
label (core/includes/bokmal_only.html) says the text is only in bokmål. The method library is also
written in nynorsk: in the nynorsk interface it shows nynorsk with lang="nn" and no label.
"""

from __future__ import annotations

import io
import re
from html import escape

import pypdf
import pytest
from django.test import Client
from django.utils import translation

from samfunnslab.methods.models import MethodStep, Process
from samfunnslab.portfolio import services as portfolio
from samfunnslab.portfolio.models import Initiative

pytestmark = pytest.mark.django_db

LABEL = 'class="ds-alert bokmal-only"'


def _in(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


def _shipped_initiative() -> Initiative:
    return Initiative.objects.get(seed_key="svelvik-bylab")


METHOD_PAGES = [
    "/metoder/steg/framtidshjulet/",
    "/metoder/",
    "/metoder/prosesser/",
    "/metoder/prosesser/kommunestyrekveld/",
    "/metoder/prosesser/kommunestyrekveld/veileder/",
]
PAGES = [*METHOD_PAGES, "/lab/rammebetingelser/", "/portefolje/initiativ/"]
LABELS = {
    "nn": "Denne teksten finst berre på bokmål.",
    "en": "This text is only available in Norwegian bokmål.",
}


@pytest.mark.parametrize("path", PAGES)
def test_bokmal_only_content_is_labelled_in_english(path: str) -> None:
    html = _in("en").get(path).content.decode()
    assert LABEL in html and LABELS["en"] in html, path


@pytest.mark.parametrize("path", PAGES)
def test_in_nynorsk_only_the_content_not_written_in_nynorsk_is_labelled(path: str) -> None:
    html = _in("nn").get(path).content.decode()
    labelled = LABEL in html and LABELS["nn"] in html
    assert labelled == (path not in METHOD_PAGES), path


def test_bokmal_readers_get_no_label_and_step_names_carry_their_language() -> None:
    html = _in("nb").get("/metoder/steg/framtidshjulet/").content.decode()
    assert LABEL not in html
    assert _in("en").get("/metoder/steg/framtidshjulet/").content.decode().count('lang="nb"') >= 1


def _lang_of(html: str, text: str) -> str | None:
    """The lang attribute of the first element in the body whose content starts with `text`."""
    body = html[html.index("<body") :]
    found = re.search(r"<(\w+)([^>]*)>\s*" + re.escape(escape(text)[:60]), body)
    assert found, text[:60]
    lang = re.search(r'lang="([^"]+)"', found.group(2))
    return lang.group(1) if lang else None


def _outside_the_sources(html: str) -> str:
    """The HTML without its list of sources, whose titles keep their own language (often
    English or bokmål) and whose notes are bokmål in every interface."""
    return re.sub(
        r'<section aria-labelledby="(kilder|guide-sources)">.*?</section>', "", html, flags=re.S
    )


def test_a_steps_texts_are_marked_as_bokmal_and_its_headings_are_not() -> None:
    step = MethodStep.objects.get(slug="framtidshjulet")
    html = _in("en").get("/metoder/steg/framtidshjulet/").content.decode()
    assert _lang_of(html, step.purpose) == "nb"
    assert _lang_of(html, step.when_to_use) == "nb"
    assert _lang_of(html, "When it is used") is None  # the interface, in English


def test_a_shipped_initiative_is_labelled_and_marked_but_an_organisations_own_is_not(
    organisation, facilitator
) -> None:
    shipped = _shipped_initiative()
    html = _in("nn").get(f"/portefolje/initiativ/{shipped.pk}/").content.decode()
    assert LABEL in html
    assert _lang_of(html, shipped.title) == "nb" and _lang_of(html, shipped.description) == "nb"
    own = portfolio.initiative_create(
        organisation=organisation,
        user=None,
        title="Vårt eige initiativ",
        description="Skrive på nynorsk av kommunen sjølv.",
        sources="Eigne notat",
    )
    member = _in("nn")
    member.force_login(facilitator)
    html = member.get(f"/portefolje/initiativ/{own.pk}/").content.decode()
    assert LABEL not in html and _lang_of(html, own.title) is None


def test_the_printed_guide_says_so_too_and_takes_the_interface_language() -> None:
    from django.template.loader import render_to_string

    from samfunnslab.methods.guide import build_guide, render_guide_pdf

    guide = build_guide(Process.objects.get(slug="kommunestyrekveld"))
    with translation.override("en"):
        html = render_to_string("methods/guide_pdf.html", {"guide": guide})
        pdf = render_guide_pdf(guide)
    assert '<html lang="en">' in html and _lang_of(html, guide.title) == "nb"
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "This text is only available in Norwegian bokmål." in text


def test_in_nynorsk_a_step_shows_its_nynorsk_texts_marked_nn() -> None:
    step = MethodStep.objects.get(slug="framtidshjulet")
    nynorsk = step.in_language("nn")
    html = _in("nn").get("/metoder/steg/framtidshjulet/").content.decode()
    assert nynorsk.purpose != step.purpose and escape(step.purpose) not in html
    assert _lang_of(html, nynorsk.purpose) == "nn"
    assert _lang_of(html, nynorsk.sub_steps[0]["instruction"]) == "nn"
    assert _lang_of(html, nynorsk.guide["debrief"][0]) == "nn"
    main = html[html.index("<main") : html.index("</main>")]
    assert 'lang="nb"' not in _outside_the_sources(main)


def test_in_nynorsk_the_guide_and_its_pdf_are_nynorsk() -> None:
    from django.template.loader import render_to_string

    from samfunnslab.core.tests.pdf_checks import assert_tagged
    from samfunnslab.methods.guide import build_guide, render_guide_pdf

    process = Process.objects.get(slug="kommunestyrekveld")
    with translation.override("nn"):
        guide = build_guide(process)
        html = render_to_string("methods/guide_pdf.html", {"guide": guide})
        pdf = render_guide_pdf(guide)
    assert guide.title == process.name_nn and guide.content_lang == "nn"
    assert '<html lang="nn">' in html and LABEL not in html
    assert _lang_of(html, guide.title) == "nn" and _lang_of(html, guide.summary) == "nn"
    step = next(s for m in guide.meetings for s in m.steps if s.step_number == 21)
    assert step.lang == "nn" and step.opening and step.opening in html
    assert 'lang="nb"' not in _outside_the_sources(html)
    assert_tagged(pdf, lang="nn", title=guide.title)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "ikkje" in text and "ikke " not in text
    assert LABELS["nn"] not in text


def test_in_nynorsk_the_materials_and_the_childrens_box_are_nynorsk() -> None:
    from django.template.loader import render_to_string

    from samfunnslab.methods.guide import build_guide

    with translation.override("nn"):
        guide = build_guide(Process.objects.get(slug="barn-og-unge"))
        html = render_to_string("methods/guide_pdf.html", {"guide": guide})
    assert guide.printables and all(m.lang == "nn" for m in guide.printables)
    assert guide.children is not None and guide.children.lang == "nn"
    assert guide.children.title == "Barn og unge: rom, stemme, publikum og innverknad"
    page = html[html.index('id="materiell-') :]
    assert page[: page.index(">")].endswith('lang="nn"') and LABEL not in html
    assert 'lang="nb"' not in _outside_the_sources(html)


def test_in_english_the_guide_stays_bokmal() -> None:
    from samfunnslab.methods.guide import build_guide

    process = Process.objects.get(slug="kommunestyrekveld")
    with translation.override("en"):
        guide = build_guide(process)
    assert guide.title == process.name and guide.lang == "nb" and guide.content_lang == "nb"
