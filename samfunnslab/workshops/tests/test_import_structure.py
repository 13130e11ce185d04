"""Structured data out and in: every activity kind survives export → re-import, and the import
maps columns openly, refuses ambiguous headers and oversized sheets."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook

from samfunnslab.workshops import pins, selectors, services
from samfunnslab.workshops.exports import export_bytes, export_rows
from samfunnslab.workshops.imports import import_bytes, preview_bytes, read_table
from samfunnslab.workshops.models import Contribution, Participant, Workshop


def _new(organisation: Any, facilitator: Any, title: str) -> Workshop:
    return services.workshop_create(
        organisation=organisation, user=facilitator, title=title, municipality_code="1106"
    )


@pytest.fixture
def every_kind(organisation: Any, facilitator: Any) -> Workshop:
    """A workshop where every activity kind got answers, votes, groups and a comment."""
    workshop = _new(organisation, facilitator, "Alt i ett")
    add = services.activity_add
    cloud = add(workshop=workshop, kind="wordcloud", prompt="Ett ord om bygda")
    open_ = add(workshop=workshop, kind="open", prompt="Hva trenger bygda?", themes=["bolig"])
    choice = add(workshop=workshop, kind="choice", prompt="Hva haster?", options=["Skole", "Buss"])
    scale = add(workshop=workshop, kind="scale", prompt="Hvor trygg?", scale_max=7)
    ranking = add(
        workshop=workshop, kind="ranking", prompt="Ranger", options=["Buss", "Tog", "Sykkel"]
    )
    points = add(workshop=workshop, kind="points", prompt="Fordel", options=["A", "B", "C"])
    statements = add(
        workshop=workshop, kind="statements", prompt="Påstander", statements=["Mer buss"]
    )
    qa = add(workshop=workshop, kind="qa", prompt="Spør oss")
    ideas = add(workshop=workshop, kind="ideas", prompt="Idéer")
    walk = add(workshop=workshop, kind="map", prompt="Kartet", options=["utrygt", "møteplass"])
    table = services.group_add(workshop=workshop, name="Bord 1")
    services.workshop_open(workshop=workshop)
    people = [services.participant_join(workshop=workshop) for _ in range(3)]
    statement = statements.contributions.get()
    services.contribution_moderate(contribution=statement, action="approve")
    for n, person in enumerate(people):
        key = f"p{n}"
        services.contribution_submit(
            participant=person, activity=cloud, text="trygghet", idempotency_key=key + "w"
        )
        services.response_submit(
            participant=person, activity=choice, value={"choice": n % 2}, idempotency_key=key + "c"
        )
        services.response_submit(
            participant=person,
            activity=scale,
            value={"value": "dont_know" if n == 2 else n + 3},
            idempotency_key=key + "s",
        )
        services.response_submit(
            participant=person,
            activity=ranking,
            value={"order": [(n + i) % 3 for i in range(3)]},
            idempotency_key=key + "r",
        )
        services.response_submit(
            participant=person,
            activity=points,
            value={"points": [50, 30 + n * 10, 20 - n * 10]},
            idempotency_key=key + "p",
        )
        services.statement_vote(participant=person, statement=statement, vote=(1, -1, 0)[n])
        pins.pin_drop(
            participant=person,
            activity=walk,
            latitude=59.41 + n / 100,
            longitude=5.27,
            category=("utrygt", "møteplass")[n % 2],
            comment="Mørkt" if n == 0 else "",
            idempotency_key=key + "m",
        )
    services.contribution_submit(
        participant=people[0],
        activity=open_,
        text="Flere utleieboliger",
        contribution_type="suggestion",
        theme="bolig",
        idempotency_key="o",
    )
    question, _created = services.contribution_submit(
        participant=people[1], activity=qa, text="Når kommer bussen?", idempotency_key="q"
    )
    for person in people[:2]:
        services.upvote_set(participant=person, contribution=question, on=True)
    services.contribution_moderate(contribution=question, action="answered")
    services.participant_choose_group(participant=people[2], group=table)
    services.contribution_submit(
        participant=people[2], activity=ideas, text="Delebil i sentrum", idempotency_key="i"
    )
    return workshop


def _results(workshop: Workshop) -> list[tuple[str, str, Any]]:
    return [
        (a.kind, a.prompt, selectors.activity_results(a)) for a in selectors.activities_of(workshop)
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_activity_kind_comes_back_from_its_own_export(
    organisation: Any, facilitator: Any, every_kind: Workshop, fmt: str
) -> None:
    copy = _new(organisation, facilitator, "Kopi")
    result = import_bytes(workshop=copy, data=export_bytes(every_kind, fmt), filename=f"a.{fmt}")
    assert result.ok, result.errors
    assert [r.cells() for r in export_rows(copy)] == [r.cells() for r in export_rows(every_kind)]
    assert _results(copy) == _results(every_kind)
    kinds = [a.kind for a in selectors.activities_of(copy)]
    assert kinds == [a.kind for a in selectors.activities_of(every_kind)]
    card = Contribution.objects.get(activity__workshop=copy, text="Delebil i sentrum")
    assert card.group is not None and card.group.name == "Bord 1"
    question = Contribution.objects.get(activity__workshop=copy, text="Når kommer bussen?")
    assert question.upvotes.count() == 2 and question.answered
    # Importing the same file again adds nothing: no new answers, votes or people.
    people = Participant.objects.filter(workshop=copy).count()
    again = import_bytes(workshop=copy, data=export_bytes(every_kind, fmt), filename=f"a.{fmt}")
    assert again.ok and again.created == 0
    assert Participant.objects.filter(workshop=copy).count() == people
    assert _results(copy) == _results(every_kind)


QUESTION_RESPONSE = (
    "Question,Response\n"
    "What should the town keep?,The harbour\n"
    "What should the town keep?,Quiet streets\n"
    "What should the town keep?,The library\n"
)


def test_an_english_question_response_file_imports_the_responses_under_the_question(
    organisation: Any, facilitator: Any
) -> None:
    workshop = _new(organisation, facilitator, "Menti")
    result = import_bytes(workshop=workshop, data=QUESTION_RESPONSE.encode(), filename="m.csv")
    assert result.ok, result.errors
    texts = list(
        Contribution.objects.filter(activity__workshop=workshop).values_list("text", flat=True)
    )
    assert texts == ["The harbour", "Quiet streets", "The library"]
    assert workshop.activities.get().prompt == "What should the town keep?"


def test_the_preview_shows_which_column_becomes_what_before_anything_is_stored(
    organisation: Any, facilitator: Any
) -> None:
    workshop = _new(organisation, facilitator, "Forhånd")
    preview = preview_bytes(QUESTION_RESPONSE.encode(), "m.csv")
    assert preview.mapping.roles == ["activity", "text"]
    assert preview.sample[0] == ["What should the town keep?", "The harbour"]
    assert Contribution.objects.filter(activity__workshop=workshop).count() == 0


def test_two_varied_text_columns_are_refused_not_guessed(
    organisation: Any, facilitator: Any
) -> None:
    workshop = _new(organisation, facilitator, "Tvetydig")
    data = b"Question,Response\nWhy buses?,Because\nWhy trains?,Faster\n"
    result = import_bytes(workshop=workshop, data=data, filename="q.csv")
    assert not result.ok
    assert "Question" in result.errors[0].problem and "Response" in result.errors[0].problem
    assert Contribution.objects.filter(activity__workshop=workshop).count() == 0
    chosen = import_bytes(
        workshop=workshop, data=data, filename="q.csv", mapping=["text", "answer"]
    )
    assert chosen.ok
    stored = Contribution.objects.get(activity__workshop=workshop, text="Why buses?")
    assert stored.comment == "Because"


def test_a_text_column_that_repeats_beside_varied_answers_is_refused(
    organisation: Any, facilitator: Any
) -> None:
    workshop = _new(organisation, facilitator, "Gjentar")
    data = "Spørsmål;Svar\nHva savner du?;Kino\nHva savner du?;Buss\nHva savner du?;Kafé\n"
    result = import_bytes(workshop=workshop, data=data.encode(), filename="s.csv")
    assert not result.ok and "Spørsmål" in result.errors[0].problem
    chosen = import_bytes(
        workshop=workshop, data=data.encode(), filename="s.csv", mapping=["activity", "text"]
    )
    assert chosen.ok and chosen.created == 3


def test_norwegian_excel_semicolon_csv_with_decimal_commas_is_read(
    organisation: Any, facilitator: Any
) -> None:
    workshop = _new(organisation, facilitator, "Semikolon")
    data = (
        "\ufeffspørsmål/tekst;aktivitet;aktivitetstype;verdi;svarnummer;alternativer\n"
        "4 av 5;Hvor trygg?;scale;4;1;1-5\n"
        "2 av 5;Hvor trygg?;Skala;2,0;2;1-5\n"
    ).encode()
    result = import_bytes(workshop=workshop, data=data, filename="excel.csv")
    assert result.ok, result.errors
    activity = workshop.activities.get()
    assert activity.kind == "scale" and activity.scale_max == 5
    assert selectors.activity_results(activity)["mean"] == 3.0


def _oversized_xlsx(*, far_cell: bool) -> bytes:
    """A small workbook whose sheet declares A1:ZZ100000 (and maybe has one cell far away)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["tekst", "tema"])
    sheet.append(["Flere benker", "byrom"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = re.sub(
                    r'<dimension ref="[^"]*"', '<dimension ref="A1:ZZ100000"', data.decode()
                )
                if far_cell:
                    far = (
                        '<row r="100000"><c r="ZZ100000" t="inlineStr"><is><t>x</t></is></c></row>'
                    )
                    xml = xml.replace("</sheetData>", far + "</sheetData>")
                data = xml.encode()
            target.writestr(info, data)
    return out.getvalue()


def test_a_sheet_declaring_a_huge_size_is_read_by_its_real_cells_in_bounded_memory() -> None:
    data = _oversized_xlsx(far_cell=False)
    assert len(data) < 10_000
    tracemalloc.start()
    table = read_table(data, "stor.xlsx")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert table.headers == ["tekst", "tema"] and len(table.rows) == 1
    assert peak < 30 * 1024 * 1024


def test_a_sheet_with_a_cell_at_row_100000_is_refused_in_bounded_memory(
    organisation: Any, facilitator: Any
) -> None:
    workshop = _new(organisation, facilitator, "Bombe")
    data = _oversized_xlsx(far_cell=True)
    assert len(data) < 10_000
    tracemalloc.start()
    result = import_bytes(workshop=workshop, data=data, filename="bombe.xlsx")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not result.ok and "for stor" in result.errors[0].problem
    assert peak < 30 * 1024 * 1024
    assert workshop.activities.count() == 0


def test_the_pdf_summary_shows_votes_groups_percentages_and_opinion_groups(
    organisation: Any, facilitator: Any, every_kind: Workshop
) -> None:
    from samfunnslab.workshops.summary_pdf import summary_html, workshop_summary

    html = summary_html(workshop_summary(every_kind))
    assert "Når kommer bussen? (2 stemmer, besvart)" in html
    assert "Bord 1: Delebil i sentrum" in html
    assert "33 % enig · 33 % uenig · 33 % står over" in html

    camps = _new(organisation, facilitator, "Leirer")
    statements = services.activity_add(
        workshop=camps,
        kind="statements",
        prompt="Hva mener du?",
        statements=["Bygg ny skole", "Behold gamle skole", "Mer buss", "Færre biler"],
        moderated=False,
    )
    services.workshop_open(workshop=camps)
    items = list(statements.contributions.order_by("id"))
    for n in range(12):
        person = services.participant_join(workshop=camps)
        camp = 1 if n % 2 else -1
        for i, statement in enumerate(items):
            vote = camp if i % 2 == 0 else -camp
            services.statement_vote(participant=person, statement=statement, vote=vote)
    summary = workshop_summary(camps)
    groups = summary.activities[0].opinion_groups
    assert len(groups) == 2 and {g.size for g in groups} == {6}
    html = summary_html(summary)
    assert "Meningsgrupper" in html and "Gruppe A (6 personer)" in html
