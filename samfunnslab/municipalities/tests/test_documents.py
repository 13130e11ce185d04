"""«Kommunen i 2040» as a PDF: tagged like every other document, and it says what the page says."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samfunnslab.core.tests.pdf_checks import assert_tagged, structure_roles
from samfunnslab.municipalities import story_pages

pytestmark = pytest.mark.django_db

HAUGESUND, UTSIRA = "1106", "1151"
# Figures as pages print them: 12 345, 1,5, −42 (any space, any minus).
FIGURE = re.compile(r"[−-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+|[−-]?\d+(?:,\d+)?")


def _plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def _page_steps(client, code: str) -> dict[str, str]:
    """Return each story step's text as the page shows it, keyed by the section's id."""
    html = client.get(reverse("municipalities:story", args=[code])).content.decode()
    sections = re.findall(r'<section class="story-step" id="([^"]+)".*?</section>', html, re.S)
    bodies = re.findall(r'<section class="story-step" id="[^"]+".*?</section>', html, re.S)
    assert sections
    return {a: _plain(re.sub(r"<[^>]+>", " ", b)) for a, b in zip(sections, bodies, strict=True)}


def _pdf(client, code: str) -> bytes:
    response = client.get(reverse("municipalities:story_pdf", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _pdf_text(pdf: bytes) -> str:
    return _plain(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.parametrize("code", [HAUGESUND, UTSIRA])
def test_the_story_pdf_is_tagged_with_one_heading_per_step_and_tables_and_figures(client, code):
    pdf = _pdf(client, code)
    context = story_pages.story_context(code)
    steps = story_pages.story_steps(context)
    assert_tagged(pdf, title=context["headings"]["intro"])
    roles = structure_roles(pdf)
    assert roles.count("H1") == 1
    assert roles.count("H2") == len(steps)  # every step after the first, and «Kilder»
    assert {"P", "Table", "TH", "TD", "Figure"} <= set(roles)
    assert roles.index("H1") < roles.index("H2")


@pytest.mark.parametrize("code", [HAUGESUND, UTSIRA])
def test_every_figure_in_the_pdfs_sentences_is_the_one_on_the_page(client, code):
    page = _page_steps(client, code)
    text = _pdf_text(_pdf(client, code))
    for step in story_pages.story_steps(story_pages.story_context(code)):
        for line in step.lines:
            assert _plain(line) in page[step.anchor], (step.anchor, line)
            figures = FIGURE.findall(_plain(line))
            assert figures, line
            for figure in figures:
                assert _plain(figure) in text, (step.key, figure, line)


def test_the_pdf_prints_the_care_baseline_with_its_source_and_basis(client):
    context = story_pages.story_context(UTSIRA)
    text = _pdf_text(_pdf(client, UTSIRA))
    care = context["future"].care
    for value in care.texts().values():
        assert _plain(value) in text
    assert _plain(story_pages.care_source_line(context["future"])) in text


def test_an_unknown_municipality_has_no_pdf(client):
    assert client.get(reverse("municipalities:story_pdf", args=["9999"])).status_code == 404


def test_an_old_code_redirects_to_the_pdf_of_todays_municipality(client):
    response = client.get(reverse("municipalities:story_pdf", args=["0101"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("municipalities:story_pdf", args=["3101"])


def test_the_pdf_draws_the_pyramids_side_by_side_with_the_narrow_chart_so_labels_stay_readable():
    # Half an A4 page is about 250 pt: the 640-unit chart would print its 12-unit labels at
    # under 5 pt, the 300-unit one at about 10 pt.
    from samfunnslab.municipalities import documents

    html = documents.story_html(UTSIRA)
    pyramids = re.search(r'<div class="pyramids">(.*?)</div>', html, re.S)
    assert pyramids is not None
    widths = re.findall(r'<svg [^>]*width="(\d+)"', pyramids.group(1))
    assert widths and all(int(w) <= 320 for w in widths), widths
