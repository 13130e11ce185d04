"""The facilitator guide as real PDF bytes (read back with pypdf) and as plain data."""

from __future__ import annotations

import datetime
import io

import pypdf
import pytest
from django.test import Client
from django.urls import reverse

from samfunnslab.methods.guide import build_guide, render_guide_pdf
from samfunnslab.methods.models import Process

FF = "innbyggerverksted-fremtidsfrekvens"
TODAY = datetime.date(2025, 3, 13)


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


@pytest.fixture
def ff_pdf(db) -> tuple[int, str]:
    guide = build_guide(Process.objects.get(slug=FF), start=datetime.time(17, 30), today=TODAY)
    pdf = render_guide_pdf(guide)
    assert pdf.startswith(b"%PDF")
    return _pdf_text(pdf)


def test_the_pdf_has_a_title_page_agenda_steps_and_worksheets(ff_pdf):
    pages, text = ff_pdf
    assert pages >= 5
    assert "Fasilitatorveileder".upper() in text.upper()
    assert "Innbyggerverksted «Fremtidsfrekvens»" in text


def test_the_pdf_agenda_has_clock_times_from_the_start_time(ff_pdf):
    _pages, text = ff_pdf
    for slot in ("17:30–17:40", "17:40–18:40", "18:40–18:55", "18:55–20:10", "20:10–20:30"):
        assert slot in text


def test_the_pdf_is_stamped_with_licence_version_and_date(ff_pdf):
    _pages, text = ff_pdf
    assert "CC BY 4.0" in text
    assert "versjon 1" in text and "13.03.2025" in text
    assert "Samfunnslaben og KS Partnerskap for radikal innovasjon" in text


def test_the_pdf_has_worksheets_accessibility_and_sources(ff_pdf):
    _pages, text = ff_pdf
    assert "Arbeidsark" in text and "Den snudde antakelsen jeg liker best" in text
    assert "Første steg vi kan ta nå (hva, hvem, når):" in text
    assert "Tilgjengelighet" in text
    assert "Sitra" in text


def test_the_child_friendly_guide_has_easy_worksheets(db):
    guide = build_guide(Process.objects.get(slug="barn-og-unge"), today=TODAY)
    assert all(sheet.child_friendly for sheet in guide.worksheets)
    _pages, text = _pdf_text(render_guide_pdf(guide))
    assert "Verden på hodet" in text and "Festplakat 2045" in text and "barnevennlig" in text


def test_sub_steps_are_scaled_to_the_items_minutes(db):
    guide = build_guide(Process.objects.get(slug=FF), today=TODAY)
    vision = next(s for m in guide.meetings for s in m.steps if s.step_number == 11)
    assert vision.minutes == 75
    assert sum(sub.minutes for sub in vision.sub_steps) == 75


def test_a_multi_meeting_guide_restarts_the_clock_each_meeting(db):
    guide = build_guide(Process.objects.get(slug="full-pri-lab"), today=TODAY)
    assert len(guide.meetings) == 6
    assert all(m.steps[0].starts == datetime.time(9, 0) for m in guide.meetings)


def test_the_pdf_view_returns_a_pdf(db):
    response = Client().get(reverse("methods:process_guide_pdf", args=["kommunestyrekveld"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, text = _pdf_text(response.content)
    assert pages >= 5 and "17:00–17:10" in text
