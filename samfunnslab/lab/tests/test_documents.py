from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from samfunnslab.core.errors import Refusal
from samfunnslab.core.tests.pdf_checks import assert_tagged
from samfunnslab.lab import documents, selectors, services
from samfunnslab.lab.tests import factories

pytestmark = pytest.mark.django_db


def _forsok_exercise(organisation):
    ex = factories.exercise(organisation)
    factories.finding(
        ex,
        condition=factories.condition("kommuneloven"),
        room="forsok",
        forsok_letter="a",
        description="Nabolagslaget skal fatte vedtak om eget budsjett.",
    )
    factories.finding(ex, room="forsok", forsok_letter="b", description="Ansvar flyttes til IKS.")
    factories.finding(ex, room="local_decision")
    return ex


def test_the_draft_is_built_from_the_findings_that_need_a_forsok(organisation) -> None:
    draft = documents.forsok_draft(
        _forsok_exercise(organisation), what_to_try="Nabolagsbudsjett", years=4
    )
    assert len(draft.deviations) == 2
    assert draft.years == 4 and "UTKAST" in draft.draft_mark


def test_the_checklist_flags_findings_under_kommuneloven(organisation) -> None:
    draft = documents.forsok_draft(_forsok_exercise(organisation), what_to_try="x", years=2)
    flagged = [d.reference for d in draft.flagged]
    assert flagged == ["LOV-2018-06-22-83 § 2-1"]


def test_a_forsok_longer_than_four_plus_two_years_is_refused(organisation) -> None:
    ex = _forsok_exercise(organisation)
    with pytest.raises(Refusal, match="inntil 4 år"):
        documents.forsok_draft(ex, what_to_try="x", years=5)
    with pytest.raises(Refusal, match="inntil 2 år"):
        documents.forsok_draft(ex, what_to_try="x", years=4, extension_years=3)


def test_no_draft_without_findings_that_need_a_forsok(organisation) -> None:
    ex = factories.exercise(organisation)
    factories.finding(ex)
    with pytest.raises(Refusal, match="Ingen funn"):
        documents.forsok_draft(ex, what_to_try="x", years=4)


def test_the_pdf_draft_is_a_real_pdf_marked_as_a_draft(organisation) -> None:
    draft = documents.forsok_draft(
        _forsok_exercise(organisation),
        what_to_try="Nabolagsbudsjett",
        years=4,
        extension_years=2,
        evaluation_plan="Følgeforskning fra år 1.",
    )
    pdf = documents.forsok_pdf(draft)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert_tagged(pdf, title="Søknad om forsøk")
    assert "UTKAST" in text
    assert "Nabolagsbudsjett" in text and "Følgeforskning" in text
    assert "§ 4" in text and "forsøksloven" in text.lower()


def test_the_docx_draft_reads_back_with_its_sections(organisation) -> None:
    draft = documents.forsok_draft(
        _forsok_exercise(organisation), what_to_try="Nabolagsbudsjett", years=3
    )
    doc = Document(io.BytesIO(documents.forsok_docx(draft)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.startswith("UTKAST")
    for heading in (
        "Hva skal prøves ut",
        "Regler det må gjøres unntak fra",
        "Varighet",
        "Evalueringsplan",
        "forsøksloven § 4",
    ):
        assert heading in text
    assert "3 år" in text
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert len(rows) == 3 and "Nei, må kontrolleres" in rows[1][3]


def test_the_summary_pdf_has_the_counts(organisation) -> None:
    ex = _forsok_exercise(organisation)
    services.rating_add(finding=ex.findings.first(), rater_name="Kari", severity=5, certainty=2)
    pdf = documents.summary_pdf(selectors.exercise_summary(ex))
    assert_tagged(pdf, title="Sammendrag")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "3 funn" in text and "Barriere" in text and "Forsøk etter forsøksloven" in text
    assert f"skrevet ut {timezone.localdate():%d.%m.%Y}" in text


def test_the_findings_csv_has_one_row_per_finding(organisation) -> None:
    ex = _forsok_exercise(organisation)
    rows = list(csv.reader(io.StringIO(documents.findings_csv([ex]))))
    assert rows[0] == list(documents.CSV_HEADER)
    assert len(rows) == 4
    assert {r[8] for r in rows[1:]} == {"Forsøk etter forsøksloven § 3", "Lokalt vedtak"}


def test_the_findings_csv_never_hands_a_formula_to_a_spreadsheet(organisation) -> None:
    ex = factories.exercise(organisation)
    factories.finding(ex, room="local_decision", description='=HYPERLINK("http://x.test","klikk")')
    rows = list(csv.reader(io.StringIO(documents.findings_csv([ex]))))
    assert rows[1][10] == '\'=HYPERLINK("http://x.test","klikk")'


def test_a_barrier_row_is_never_split_across_two_pages_of_the_summary(organisation) -> None:
    # A row starts with its law's reference and severity and ends with «må kontrolleres av
    # jurist»; a row cut by a page break left its first lines on one page and the rest on the
    # next. Longer titles move the break down the table, so some of them cut through a row.
    ex = factories.exercise(organisation)
    laws = ("helse-og-omsorgstjenesteloven", "kommuneloven", "arbeidsmiljoloven")
    for i, severity in enumerate((5, 5, 4, 4, 3, 3, 3, 3, 2, 2)):
        finding = factories.finding(ex, condition=factories.condition(laws[i % 3]))
        services.rating_add(finding=finding, rater_name="Kari", severity=severity, certainty=3)
        services.rating_add(
            finding=finding, rater_name="Per", severity=severity - (i % 2), certainty=3
        )
    for words in range(12):
        ex.title = " ".join(["Nabolagsmodellen mot rammebetingelsene"] * (1 + words))
        pdf = documents.summary_pdf(selectors.exercise_summary(ex))
        for text in (page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages):
            if "Kontrollert" not in text and "Type funn" in text:
                continue  # the counts only: the table starts on the next page
            rows = text.split("Kontrollert")[-1].split("Der vurderingene spriker")[0]
            cells = (rows.count("LOV-"), len(re.findall(r"\b\d,\d\b", rows)), rows.count("jurist"))
            assert len(set(cells)) == 1, (words, rows)
