"""The facilitator guide as real PDF bytes (read back with pypdf) and as plain data."""

from __future__ import annotations

import datetime
import io

import pypdf
import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from samfunnslab.core.tests.pdf_checks import assert_tagged
from samfunnslab.methods.content import for_audience
from samfunnslab.methods.guide import build_guide, printables, render_guide_pdf
from samfunnslab.methods.models import MethodStep, Process

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
    assert_tagged(pdf, title="Fasilitatorveileder")
    return _pdf_text(pdf)


def test_the_pdf_has_a_title_page_agenda_steps_and_worksheets(ff_pdf):
    pages, text = ff_pdf
    assert pages >= 5
    assert "Fasilitatorveileder".upper() in text.upper()
    assert "Innbyggerverksted «Fremtidsfrekvens»" in text


def test_the_pdf_agenda_has_clock_times_from_the_start_time(ff_pdf):
    _pages, text = ff_pdf
    for slot in ("17:30–17:38", "17:38–17:44", "17:44–18:20", "18:20–18:32", "18:32–19:12"):
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


TRANSFORMING = (
    '<cite lang="en">Transforming the Future: Anticipation in the 21st Century</cite>'
    ' (<span lang="nb">UNESCO og Routledge; om Futures Literacy Laboratories</span>)'
)
REFERAT = '<cite lang="nb">Dialogmøte om nye lokalsamfunnsmodeller (referat):'


def test_the_guide_on_screen_cites_each_source_in_its_own_language(db):
    html = Client().get(reverse("methods:process_guide", args=[FF])).text
    sources = html[html.index('id="guide-sources"') :]
    assert TRANSFORMING in sources and REFERAT in sources
    assert '<cite lang="en">Futures Frequency: workshop facilitator&#x27;s handbook</cite>' in html


def test_the_pdf_guide_cites_each_source_in_its_own_language(db):
    guide = build_guide(Process.objects.get(slug=FF), today=TODAY)
    source = next(s for s in guide.sources if s.title.startswith("Transforming the Future"))
    assert source.lang == "en" and source.note.startswith("UNESCO og Routledge")
    html = render_to_string("methods/guide_pdf.html", {"guide": guide})
    assert TRANSFORMING in html and REFERAT in html
    pdf = render_guide_pdf(guide)
    assert_tagged(pdf, title="Fasilitatorveileder")
    _pages, text = _pdf_text(pdf)
    assert "Anticipation in the 21st Century (UNESCO og Routledge; om Futures Literacy" in text


def test_the_child_friendly_guide_has_easy_worksheets(db):
    guide = build_guide(Process.objects.get(slug="barn-og-unge"), today=TODAY)
    assert all(sheet.child_friendly for sheet in guide.worksheets)
    _pages, text = _pdf_text(render_guide_pdf(guide))
    assert "Verden på hodet" in text and "Festplakat 2045" in text and "barnevennlig" in text


def test_sub_steps_fit_the_items_minutes_without_going_below_a_minimum(db):
    guide = build_guide(Process.objects.get(slug=FF), today=TODAY)
    vision = next(s for m in guide.meetings for s in m.steps if s.step_number == 11)
    assert vision.minutes == 50
    assert sum(sub.minutes or 0 for sub in vision.sub_steps) == 50
    skipped = [sub.name for sub in vision.sub_steps if sub.minutes is None]
    # no 3-minute dream journey and no 6-minute gallery
    assert skipped == ["Drømmereise", "Galleri: hver gruppe tar med sitt"]
    assert all(sub.minutes >= 12 for sub in vision.sub_steps if sub.minutes is not None)


@pytest.mark.parametrize("slug", ["kommunestyrekveld", FF, "barn-og-unge", "full-pri-lab"])
def test_every_template_guide_has_a_script_the_pulse_and_dated_feedback(db, slug):
    guide = build_guide(Process.objects.get(slug=slug), today=TODAY)
    steps = [s for m in guide.meetings for s in m.steps]
    assert steps[1].step_number == 20 and any(s.step_number == 20 for s in steps[-3:])
    assert "Dette skjedde med innspillene" in steps[-1].title and steps[-1].note
    pulse = steps[1]
    assert pulse.sub_steps[0].minutes >= 5


def test_the_strange_worlds_are_printed_as_pages_with_script_and_debrief(db):
    guide = build_guide(Process.objects.get(slug=FF), today=TODAY)
    worlds = next(s for m in guide.meetings for s in m.steps if s.step_number == 21)
    assert worlds.opening and worlds.transition and 3 <= len(worlds.debrief) <= 5
    assert worlds.if_this_happens and worlds.examples
    assert [w.title for w in guide.worlds][:2] == ["Kommunen uten ansatte", "Ingen skolebygg"]
    assert len(guide.worlds) == 5
    phones = [sub.phone for sub in worlds.sub_steps if sub.phone]
    assert "Hva overrasket deg i verdenen du besøkte?" in phones
    _pages, text = _pdf_text(render_guide_pdf(guide))
    assert "Verdensark" in text and "Hvis dette skjer" in text and "På mobilen" in text


def test_a_multi_meeting_guide_restarts_the_clock_each_meeting(db):
    guide = build_guide(Process.objects.get(slug="full-pri-lab"), today=TODAY)
    assert len(guide.meetings) == 6
    assert all(m.steps[0].starts == datetime.time(9, 0) for m in guide.meetings)


def test_the_pdf_view_returns_a_pdf(db):
    response = Client().get(reverse("methods:process_guide_pdf", args=["kommunestyrekveld"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages, text = _pdf_text(response.content)
    assert pages >= 5 and "17:00–17:08" in text


@pytest.mark.parametrize("slug", ["kommunestyrekveld", FF, "barn-og-unge", "full-pri-lab"])
def test_every_template_prints_a_script_for_every_step(db, slug):
    guide = build_guide(Process.objects.get(slug=slug), today=TODAY)
    steps = [s for m in guide.meetings for s in m.steps if s.step_number is not None]
    assert steps and all(s.opening and s.transition and len(s.debrief) >= 3 for s in steps)
    assert all(s.if_this_happens and s.examples for s in steps)
    phones = [sub for s in steps if s.step_number != 20 for sub in s.sub_steps if sub.phone]
    assert phones and all(sub.activity_index is not None for sub in phones)


def test_the_web_guide_marks_the_script_as_bokmal_in_the_english_interface(db):
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("methods:process_guide", args=[FF])).text
    assert "This text is only available in Norwegian bokmål." in page
    opening = page.index("«Før vi begynner")
    article = page[page.rindex("<article", 0, opening) : opening]
    assert 'lang="nb"' in article


def test_the_web_guide_shows_the_nynorsk_script_in_the_nynorsk_interface(db):
    client = Client()
    client.cookies["django_language"] = "nn"
    page = client.get(reverse("methods:process_guide", args=[FF])).text
    assert "Denne teksten finst berre på bokmål." not in page and "«Før vi begynner" not in page
    opening = page.index("«Før vi byrjar")
    article = page[page.rindex("<article", 0, opening) : opening]
    assert 'lang="nn"' in article


def _expected_materials(guide) -> set[str]:
    """Return the materials the steps' sub-steps that are run name, for adults or children."""
    expected = set()
    for step in (s for m in guide.meetings for s in m.steps if s.step_number is not None):
        all_subs = MethodStep.objects.get(number=step.step_number).sub_steps
        item_subs = for_audience(all_subs, children=step.easy)
        for sub, shown in zip(item_subs, step.sub_steps, strict=True):
            if shown.minutes is None:
                continue
            for slug in sub.get("materials", []):
                audience = printables()[slug].audience
                if audience == "alle" or (audience == "barn") == step.easy:
                    expected.add(slug)
    return expected


@pytest.mark.parametrize("slug", ["kommunestyrekveld", FF, "barn-og-unge", "full-pri-lab"])
def test_every_template_prints_the_materials_of_its_steps_once(db, slug):
    guide = build_guide(Process.objects.get(slug=slug), today=TODAY)
    printed = [m.slug for m in guide.printables]
    assert printed and len(printed) == len(set(printed))
    assert set(printed) == _expected_materials(guide)
    pages, text = _pdf_text(render_guide_pdf(guide))
    assert "Materiell til utskrift" in text
    for material in guide.printables:
        assert material.title in text
        assert " ".join(material.builds_on.split()) in text
    assert text.count("CC BY 4.0") >= len(guide.printables)
    if any(m.paper == "A3" for m in guide.printables):
        assert "SKRIV UT I A3" in text.upper()
    not_printed = set(printables()) - set(printed)
    assert not any(f"{printables()[s].title} Til fasilitator" in text for s in not_printed)


def test_a_skipped_dream_journey_is_not_printed_and_a_run_one_is(db):
    evening = build_guide(Process.objects.get(slug="kommunestyrekveld"), today=TODAY)
    lab = build_guide(Process.objects.get(slug="full-pri-lab"), today=TODAY)
    assert "droemmereise-voksne" not in [m.slug for m in evening.printables]
    lab_slugs = [m.slug for m in lab.printables]
    assert "droemmereise-voksne" in lab_slugs and "droemmereise-barn" not in lab_slugs
    journey = next(
        sub
        for m in lab.meetings
        for s in m.steps
        for sub in s.sub_steps
        if sub.materials
        if sub.name == "Drømmereise"
    )
    assert [m.slug for m in journey.materials] == ["droemmereise-voksne"]


def test_the_children_guide_runs_lundys_process_with_scripts_per_age_band(db):
    guide = build_guide(Process.objects.get(slug="barn-og-unge"), today=TODAY)
    assert guide.children is not None
    assert [name for name, _text in guide.children.lundy] == [
        "Rom",
        "Stemme",
        "Publikum",
        "Innflytelse",
    ]
    assert [name for name, _text in guide.children.age_bands] == ["10–12 år", "13–16 år"]
    steps = [s for m in guide.meetings for s in m.steps if s.step_number is not None]
    assert all(s.easy and s.children_10_12 and s.children_13_16 for s in steps)
    printed = {sub.name for s in steps for sub in s.sub_steps}
    assert "Første steg" not in printed and "Hvordan tenker du nå?" not in printed
    vision = next(s for s in steps if s.step_number == 11)
    assert vision.sub_steps[0].name == "Drømmereise" and vision.sub_steps[0].minutes
    assert [m.slug for m in vision.sub_steps[0].materials] == ["droemmereise-barn"]
    _pages, text = _pdf_text(render_guide_pdf(guide))
    for words in (
        "Samtykke og trygghet",
        "Innflytelse",
        "Si dette til 10–12 år:",
        "Si dette til 13–16 år:",
        "Barnas modell",
        "Tidsreise til 2045 – for barn og unge",
    ):
        assert words in text


def test_an_adult_guide_has_no_children_box(db):
    guide = build_guide(Process.objects.get(slug=FF), today=TODAY)
    assert guide.children is None
    assert all(not s.children_10_12 for m in guide.meetings for s in m.steps)
