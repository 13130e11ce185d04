from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from samfunnslab.workshops import exports, services
from samfunnslab.workshops.exports import COLUMNS, export_bytes, export_response, neutralise
from samfunnslab.workshops.models import Workshop


@pytest.fixture
def workshop(organisation: Any, facilitator: Any) -> Workshop:
    workshop = services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Fremtidens Haugesund",
        municipality_code="1106",
    )
    open_ = services.activity_add(
        workshop=workshop, kind="open", prompt="Hva trenger bygda?", themes=["eldreomsorg", "bolig"]
    )
    choice = services.activity_add(
        workshop=workshop, kind="choice", prompt="Hva haster mest?", options=["Skole", "Sykehjem"]
    )
    services.activity_add(workshop=workshop, kind="scale", prompt="Hvor trygg er du?", scale_max=5)
    services.workshop_open(workshop=workshop)
    alice = services.participant_join(workshop=workshop)
    services.participant_describe(participant=alice, age_band="80+", role="innbygger")
    services.contribution_submit(
        participant=alice,
        activity=open_,
        idempotency_key="k1",
        text="Flere sykehjemsplasser",
        contribution_type="suggestion",
        theme="eldreomsorg",
    )
    services.contribution_submit(
        participant=alice,
        activity=open_,
        idempotency_key="k2",
        text='=HYPERLINK("http://evil.example")',
    )
    services.response_submit(
        participant=alice, activity=choice, value={"choice": 1}, idempotency_key="k3"
    )
    return workshop


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_the_documented_columns_and_one_row_per_answer(workshop: Workshop) -> None:
    rows = csv_rows(export_bytes(workshop, "csv"))
    assert rows[0] == list(COLUMNS)
    assert [r[0] for r in rows[1:]] == [
        "Flere sykehjemsplasser",
        '\'=HYPERLINK("http://evil.example")',
        "Sykehjem",
    ]
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["type"] == "forslag"
    assert first["tema"] == "eldreomsorg"
    assert first["aktivitet"] == "Hva trenger bygda?"
    assert first["tid"].startswith("20") and "T" in first["tid"]


def test_it_neutralises_every_formula_start() -> None:
    for text in ("=1+1", "+47 123", "-1", "@SUM(A1)", "\tx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Vanlig tekst = fint") == "Vanlig tekst = fint"


def test_xlsx_holds_text_not_formulas(workshop: Workshop) -> None:
    sheet = load_workbook(io.BytesIO(export_bytes(workshop, "xlsx"))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == list(COLUMNS)
    formula_cell = sheet.cell(row=3, column=1)
    assert formula_cell.data_type == "s"
    assert formula_cell.value == '\'=HYPERLINK("http://evil.example")'


def test_json_lists_rows_as_objects_with_the_column_names(workshop: Workshop) -> None:
    document = json.loads(export_bytes(workshop, "json"))
    assert document["columns"] == list(COLUMNS)
    assert document["workshop"]["title"] == "Fremtidens Haugesund"
    assert document["rows"][0]["spørsmål/tekst"] == "Flere sykehjemsplasser"
    assert document["rows"][2]["spørsmål/tekst"] == "Sykehjem"


def exported_text(workshop: Workshop, fmt: str) -> str:
    data = export_bytes(workshop, fmt)
    if fmt != "xlsx":
        return data.decode("utf-8")
    sheet = load_workbook(io.BytesIO(data)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_no_export_identifies_or_describes_a_participant(workshop: Workshop, fmt: str) -> None:
    participant = workshop.participants.get()
    text = exported_text(workshop, fmt)
    assert str(participant.token) not in text
    assert f"#{participant.pk}" not in text
    assert "80+" not in text  # the self-description is never written
    assert "Innbygger" not in text and "innbygger" not in text


def test_hidden_and_pending_contributions_are_left_out(workshop: Workshop) -> None:
    contribution = workshop.activities.get(kind="open").contributions.first()
    services.contribution_moderate(contribution=contribution, action="hide")
    texts = [row.text for row in exports.export_rows(workshop)]
    assert "Flere sykehjemsplasser" not in texts


def test_scale_and_ranking_answers_are_written_in_words_and_numbers(workshop: Workshop) -> None:
    scale = workshop.activities.get(kind="scale")
    ranking = services.activity_add(
        workshop=workshop, kind="ranking", prompt="Ranger", options=["Buss", "Tog", "Sykkel"]
    )
    bob = services.participant_join(workshop=workshop)
    services.response_submit(
        participant=bob, activity=scale, value={"value": "dont_know"}, idempotency_key="s1"
    )
    services.response_submit(
        participant=bob, activity=ranking, value={"order": [2, 0, 1]}, idempotency_key="r1"
    )
    rows = exports.export_rows(workshop)
    scale_row = next(row for row in rows if row.activity == "Hvor trygg er du?")
    assert (scale_row.text, scale_row.value, scale_row.options) == ("Vet ikke", None, "1-5")
    ranked = [(row.text, row.option, row.value) for row in rows if row.activity == "Ranger"]
    assert ranked == [("1. Sykkel", "Sykkel", 1), ("2. Buss", "Buss", 2), ("3. Tog", "Tog", 3)]
    assert {row.answer_number for row in rows if row.activity == "Ranger"} == {1}


def test_xlsx_writes_numbers_as_numbers_and_times_as_times(workshop: Workshop) -> None:
    sheet = load_workbook(io.BytesIO(export_bytes(workshop, "xlsx"))).active
    header = [cell.value for cell in sheet[1]]
    choice_row = [cell for cell in sheet[4]]
    assert choice_row[0].value == "Sykehjem"
    assert choice_row[header.index("verdi")].value == 2
    assert choice_row[header.index("verdi")].data_type == "n"
    assert choice_row[header.index("aktivitetstype")].value == "choice"
    assert isinstance(choice_row[header.index("tid")].value, datetime)


def test_statement_votes_and_qa_upvotes_are_counts(organisation: Any, facilitator: Any) -> None:
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Stemmer", municipality_code="1106"
    )
    statements = services.activity_add(
        workshop=workshop, kind="statements", prompt="Påstander", statements=["Mer buss"]
    )
    qa = services.activity_add(workshop=workshop, kind="qa", prompt="Spør oss")
    services.workshop_open(workshop=workshop)
    people = [services.participant_join(workshop=workshop) for _ in range(3)]
    statement = statements.contributions.get()
    services.contribution_moderate(contribution=statement, action="approve")
    for person, vote in zip(people, (1, 1, -1), strict=True):
        services.statement_vote(participant=person, statement=statement, vote=vote)
    question, _created = services.contribution_submit(
        participant=people[0], activity=qa, text="Når kommer bussen?", idempotency_key="q"
    )
    for person in people[:2]:
        services.upvote_set(participant=person, contribution=question, on=True)
    rows = {row.text: row for row in exports.export_rows(workshop)}
    assert (rows["Mer buss"].agree, rows["Mer buss"].disagree, rows["Mer buss"].passed) == (2, 1, 0)
    assert rows["Når kommer bussen?"].votes == 2
    document = json.loads(export_bytes(workshop, "json"))
    assert document["rows"][0]["enig"] == 2


def test_the_file_name_keeps_norwegian_letters(organisation: Any, facilitator: Any) -> None:
    workshop = services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Skåla øst – ærlig",
        municipality_code="1106",
    )
    response = export_response(workshop, "csv")
    assert "skåla-øst-ærlig" in exports.export_filename(workshop, "csv")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert "sk%C3%A5la-%C3%B8st" in response["Content-Disposition"]


def test_the_download_has_a_file_name_and_content_type(workshop: Workshop) -> None:
    response = export_response(workshop, "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="verksted-' in response["Content-Disposition"]
    assert "fremtidens-haugesund" in response["Content-Disposition"]


def test_an_unknown_format_is_refused(workshop: Workshop) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_bytes(workshop, "pdf")


def test_every_row_says_which_language_its_activitys_texts_are_written_in(
    workshop: Workshop,
) -> None:
    nynorsk = services.activity_add(
        workshop=workshop,
        kind="choice",
        prompt="Kva hastar?",
        options=["Skule", "Helse"],
        text_lang="nn",
    )
    services.response_submit(
        participant=workshop.participants.first(),
        activity=nynorsk,
        value={"choice": 0},
        idempotency_key="k4",
    )
    rows = json.loads(export_bytes(workshop, "json"))["rows"]
    assert [(r["aktivitet"], r["aktivitetsspråk"]) for r in rows] == [
        ("Hva trenger bygda?", "nb"),
        ("Hva trenger bygda?", "nb"),
        ("Hva haster mest?", "nb"),
        ("Kva hastar?", "nn"),
    ]
    header, *lines = csv_rows(export_bytes(workshop, "csv"))
    assert header[-1] == "aktivitetsspråk" and lines[-1][-1] == "nn"
