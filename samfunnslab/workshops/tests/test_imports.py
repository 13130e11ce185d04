from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from samfunnslab.workshops import import_services, imports, services
from samfunnslab.workshops.exports import export_bytes, export_rows
from samfunnslab.workshops.imports import import_bytes, import_table, map_columns, read_table
from samfunnslab.workshops.models import Contribution, Workshop

DIALOGUE_CSV = (
    "Spørsmål / Tekst;TYPE;Svar/kommentar;Tema;Undertema\n"
    "Begrenset til workshops?;spørsmål;Nei, leverandørene kan velge metode;metode;\n"
    "Fokusgrupper og folkepaneler;Innspill;;medvirkning;folkepanel\n"
    "Lag en egen workshop for barnefamilier;forslag;;inkludering;barnefamilier\n"
)


@pytest.fixture
def workshop(organisation: Any, facilitator: Any) -> Workshop:
    return services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Dialogmøte 2024",
        municipality_code="1106",
    )


def imported(workshop: Workshop) -> list[Contribution]:
    return list(Contribution.objects.filter(activity__workshop=workshop).order_by("id"))


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_imports_a_semicolon_csv_with_norwegian_headers(workshop: Workshop) -> None:
    result = import_bytes(
        workshop=workshop, data=("\ufeff" + DIALOGUE_CSV).encode(), filename="menti.csv"
    )
    assert result.ok and result.created == 3
    rows = imported(workshop)
    assert [(c.text, c.contribution_type, c.theme) for c in rows] == [
        ("Begrenset til workshops?", "question", "metode"),
        ("Fokusgrupper og folkepaneler", "input", "medvirkning"),
        ("Lag en egen workshop for barnefamilier", "suggestion", "inkludering"),
    ]
    assert all(c.participant_id is None for c in rows)
    assert all(c.idempotency_key.startswith(imports.IMPORT_KEY_PREFIX) for c in rows)
    assert result.activities == ["Importert fra menti.csv"]


def test_it_imports_a_comma_csv_without_bom_and_with_english_headers(workshop: Workshop) -> None:
    data = b'text,type,theme,activity\n"Bygg flere gang- og sykkelveier, takk",suggestion,mobilitet,Trafikk\n'
    result = import_bytes(workshop=workshop, data=data, filename="x.csv")
    assert result.ok
    assert imported(workshop)[0].text == "Bygg flere gang- og sykkelveier, takk"
    assert imported(workshop)[0].activity.prompt == "Trafikk"


def test_it_imports_xlsx_with_excel_dates(workshop: Workshop) -> None:
    from datetime import datetime

    data = xlsx_bytes(
        [["Tekst", "Type", "Tid"], ["Flere møteplasser", "innspill", datetime(2024, 8, 16, 10, 15)]]
    )
    result = import_bytes(workshop=workshop, data=data, filename="konferanse.xlsx")
    assert result.ok
    stored = imported(workshop)[0]
    assert stored.created_at.isoformat() == "2024-08-16T08:15:00+00:00"


def test_header_names_are_matched_loosely() -> None:
    assert map_columns(["SPØRSMÅL/TEKST", " tema ", "Under-tema", "Svar / kommentar", "x"]) == {
        "text": 0,
        "theme": 1,
        "subtheme": 2,
        "answer": 3,
    }


def test_a_file_without_a_text_column_imports_nothing(workshop: Workshop) -> None:
    result = import_bytes(workshop=workshop, data=b"navn;alder\nOla;40\n", filename="x.csv")
    assert not result.ok
    assert result.errors[0].column == "spørsmål/tekst"
    assert "overskrift" in result.errors[0].problem
    assert imported(workshop) == []


def test_row_errors_name_line_and_column_and_nothing_is_imported(workshop: Workshop) -> None:
    data = (
        "tekst;type;tid\n"
        "Bra innspill;innspill;16.08.2024 10:15\n"
        ";innspill;\n"
        "Noe annet;klage;\n"
        f"{'x' * 501};;\n"
        "Siste;forslag;i går\n"
    ).encode()
    result = import_bytes(workshop=workshop, data=data, filename="x.csv")
    assert [(e.line, e.column) for e in result.errors] == [
        (3, "spørsmål/tekst"),
        (4, "type"),
        (5, "spørsmål/tekst"),
        (6, "tid"),
    ]
    assert "klage" in result.errors[1].problem
    assert imported(workshop) == []
    assert workshop.activities.count() == 0


@pytest.mark.parametrize(
    ("data", "filename", "words"),
    [
        ("tekst;tema\nGrønn økonomi;klima\n".encode("latin-1"), "x.csv", "UTF-8"),
        (b"", "x.csv", "tom"),
        (b"   \n\n", "x.csv", "tom"),
        (b"\xd0\xcf\x11\xe0rest-of-old-excel", "x.xls", ".xls"),
        (b"PK\x03\x04 not really a zip", "x.xlsx", "Excel"),
        (b"x" * (imports.MAX_BYTES + 1), "x.csv", "for stor"),
    ],
)
def test_unreadable_files_get_a_plain_message(
    workshop: Workshop, data: bytes, filename: str, words: str
) -> None:
    result = import_bytes(workshop=workshop, data=data, filename=filename)
    assert not result.ok
    assert result.errors[0].line is None
    assert words in result.errors[0].problem
    assert imported(workshop) == []


def test_an_uploaded_file_over_the_limit_is_not_read(workshop: Workshop) -> None:
    upload = SimpleUploadedFile("stor.csv", b"tekst\n" + b"a\n" * (imports.MAX_BYTES // 2))
    result = import_table(workshop=workshop, uploaded_file=upload, user=None)
    assert "for stor" in result.errors[0].problem


def test_too_many_rows_are_refused() -> None:
    data = ("tekst\n" + "innspill\n" * (imports.MAX_ROWS + 1)).encode()
    with pytest.raises(imports.TableError, match="rader"):
        read_table(data, "x.csv")


def test_html_is_removed_and_counted(workshop: Workshop) -> None:
    data = b'tekst\n"<b>Mer</b> <script>alert(1)</script>lys i parken"\n'
    result = import_bytes(workshop=workshop, data=data, filename="x.csv")
    assert result.ok and result.cleaned_markup == 1
    assert imported(workshop)[0].text == "Mer lys i parken"


def test_a_cell_of_only_markup_is_an_error(workshop: Workshop) -> None:
    result = import_bytes(workshop=workshop, data=b"tekst\n<script></script>\n", filename="x.csv")
    assert [(e.line, e.column) for e in result.errors] == [(2, "spørsmål/tekst")]


def test_importing_the_same_file_twice_adds_nothing_the_second_time(workshop: Workshop) -> None:
    import_bytes(workshop=workshop, data=DIALOGUE_CSV.encode(), filename="menti.csv")
    again = import_bytes(workshop=workshop, data=DIALOGUE_CSV.encode(), filename="menti.csv")
    assert (again.created, again.duplicates) == (0, 3)
    assert len(imported(workshop)) == 3


def test_a_failure_while_writing_leaves_nothing_behind(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real = import_services.textrules.normalise

    def fail_on_second(text: str) -> str:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(text)

    monkeypatch.setattr(import_services.textrules, "normalise", fail_on_second)
    with pytest.raises(RuntimeError):
        import_bytes(workshop=workshop, data=DIALOGUE_CSV.encode(), filename="menti.csv")
    assert imported(workshop) == []
    assert workshop.activities.count() == 0


def _live_workshop(organisation: Any, facilitator: Any) -> Workshop:
    source = services.workshop_create(
        organisation=organisation, user=facilitator, title="Kilde", municipality_code="1106"
    )
    open_ = services.activity_add(workshop=source, kind="open", prompt="Hva trenger bygda?")
    choice = services.activity_add(  # started from a method step in nynorsk
        workshop=source,
        kind="choice",
        prompt="Kva hastar?",
        options=["Skule", "Sjukeheim"],
        text_lang="nn",
    )
    services.workshop_open(workshop=source)
    person = services.participant_join(workshop=source)
    for key, text, kind in (
        ("a", "Flere møteplasser for unge", "input"),
        ("b", "-Bedre busstilbud", "suggestion"),
        ("c", "=1+1 er to", "question"),
    ):
        services.contribution_submit(
            participant=person,
            activity=open_,
            text=text,
            contribution_type=kind,
            idempotency_key=key,
        )
    services.response_submit(
        participant=person, activity=choice, value={"choice": 0}, idempotency_key="d"
    )
    # The organisers answered one of them afterwards, under a sub-theme.
    Contribution.objects.filter(activity=open_, text="=1+1 er to").update(
        comment="Ja, og det er viktig", theme="økonomi", subtheme="regnestykker"
    )
    return source


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_then_export_gives_the_same_rows(
    organisation: Any, facilitator: Any, workshop: Workshop, fmt: str
) -> None:
    source = _live_workshop(organisation, facilitator)
    result = import_bytes(workshop=workshop, data=export_bytes(source, fmt), filename=f"x.{fmt}")
    assert result.ok, result.errors
    assert [r.cells() for r in export_rows(workshop)] == [r.cells() for r in export_rows(source)]
    assert any(r.answer == "Ja, og det er viktig" for r in export_rows(workshop))
    assert export_bytes(workshop, "csv") == export_bytes(source, "csv")


def test_the_activity_language_survives_the_round_trip(
    organisation: Any, facilitator: Any, workshop: Workshop
) -> None:
    source = _live_workshop(organisation, facilitator)
    import_bytes(workshop=workshop, data=export_bytes(source, "csv"), filename="x.csv")
    languages = dict(workshop.activities.values_list("prompt", "text_lang"))
    assert languages == {"Hva trenger bygda?": "nb", "Kva hastar?": "nn"}


def test_an_activity_language_may_be_written_out_and_defaults_to_bokmal(
    workshop: Workshop,
) -> None:
    data = "tekst;aktivitet;aktivitetsspråk\nJa;Kva meiner du?;Nynorsk\nNei;Hva mener du?;\n"
    assert import_bytes(workshop=workshop, data=data.encode(), filename="x.csv").ok
    languages = dict(workshop.activities.values_list("prompt", "text_lang"))
    assert languages == {"Kva meiner du?": "nn", "Hva mener du?": "nb"}


def test_an_unknown_activity_language_is_refused_with_its_line_and_column(
    workshop: Workshop,
) -> None:
    data = "tekst;aktivitet;aktivitetsspråk\nJa;Hva mener du?;svensk\n"
    result = import_bytes(workshop=workshop, data=data.encode(), filename="x.csv")
    assert not result.ok
    assert [(e.line, e.column) for e in result.errors] == [(2, "aktivitetsspråk")]
    assert "Ukjent aktivitetsspråk «svensk»" in result.errors[0].problem
    assert not workshop.activities.exists()


def test_answers_and_subthemes_survive_the_round_trip(workshop: Workshop) -> None:
    import_bytes(workshop=workshop, data=DIALOGUE_CSV.encode(), filename="menti.csv")
    rows = export_rows(workshop)
    assert rows[0].answer == "Nei, leverandørene kan velge metode"
    assert rows[1].subtheme == "folkepanel"
    assert all(c.imported_from == "menti.csv" for c in imported(workshop))
    assert export_bytes(workshop, "csv").count("Nei, leverandørene kan velge metode".encode()) == 1


def test_two_people_who_wrote_the_same_words_stay_two_rows(workshop: Workshop) -> None:
    data = b"tekst\nJa\nJa\nNei\n"
    assert import_bytes(workshop=workshop, data=data, filename="x.csv").created == 3
    assert import_bytes(workshop=workshop, data=data, filename="x.csv").duplicates == 3
