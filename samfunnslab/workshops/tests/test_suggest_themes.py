from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook


def run(source: Path, target: Path, *extra: str) -> list[dict[str, str]]:
    call_command(
        "suggest_themes", "--in", str(source), "--out", str(target), *extra, stdout=io.StringIO()
    )
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_suggests_type_and_theme_for_a_semicolon_csv_with_bom(tmp_path: Path) -> None:
    source = tmp_path / "innspill.csv"
    source.write_bytes(
        "\ufeffspørsmål/tekst;svar/kommentar\n"
        "Hvordan når vi de stille stemmene?;\n"
        "Kommunen bør bygge flere sykehjemsplasser;\n".encode()
    )
    rows = run(source, tmp_path / "ut.csv")
    assert rows == [
        {"text": "Hvordan når vi de stille stemmene?", "type": "spørsmål", "theme": "inkludering"},
        {
            "text": "Kommunen bør bygge flere sykehjemsplasser",
            "type": "forslag",
            "theme": "eldreomsorg",
        },
    ]


def test_it_reads_xlsx_with_a_tekst_column_and_skips_blank_cells(tmp_path: Path) -> None:
    workbook = Workbook()
    for row in (["Nr", "Tekst"], [1, "Gratis kollektivtransport"], [2, None], [3, "Takk!"]):
        workbook.active.append(row)
    source = tmp_path / "innspill.xlsx"
    workbook.save(source)
    rows = run(source, tmp_path / "ut.csv")
    assert [(r["text"], r["theme"]) for r in rows] == [
        ("Gratis kollektivtransport", "mobilitet og transport"),
        ("Takk!", ""),
    ]


def test_it_uses_the_facilitators_theme_list(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text\nMer lokal foredling av laks\n", encoding="utf-8")
    themes = tmp_path / "temaer.txt"
    themes.write_text("Havbruk: laks, oppdrett\nEldre\n", encoding="utf-8")
    rows = run(source, tmp_path / "ut.csv", "--themes", str(themes))
    assert rows[0]["theme"] == "Havbruk"


def test_output_cells_cannot_become_formulas(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text('text\n=HYPERLINK("http://x")\n', encoding="utf-8")
    rows = run(source, tmp_path / "ut.csv")
    assert rows[0]["text"].startswith("'=")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"navn,alder\nOla,40\n", "No text column"),
        ("tekst\nGrønn økonomi\n".encode("latin-1"), "UTF-8"),
        (b"", "tom"),
        (b"tekst\n\n", "empty"),
    ],
)
def test_it_explains_files_it_cannot_use(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(source, tmp_path / "ut.csv")
    assert not (tmp_path / "ut.csv").exists()


def test_it_explains_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="not found"):
        run(tmp_path / "finnes-ikke.csv", tmp_path / "ut.csv")
