"""The scoring command prints type and theme accuracy and the baselines for each table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).resolve().parents[3] / "textsort" / "tests" / "data"


def test_it_prints_accuracy_and_the_question_mark_baseline(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("score_suggestions", str(DATA / "samskaping-askim-2018.csv"), stdout=out)
    text = out.getvalue()
    assert "samskaping-askim-2018.csv: 35 rows, 6 themes from the table" in text
    assert "type: baseline «contains ? → spørsmål, else innspill»" in text
    assert "theme: suggested" in text and "%" in text


def test_an_english_xlsx_like_table_with_text_and_type_is_scored(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "Text,Type,Theme\nWhy is the bus late?,Question,buss\nLag flere benker,Suggestion,benker\n"
        "Det er mørkt i parken,Input,park\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("score_suggestions", str(table), stdout=out)
    assert "(3/3)" in out.getvalue().splitlines()[2]  # rules alone get all three types


def test_a_missing_file_stops_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="nope.csv"):
        call_command("score_suggestions", str(tmp_path / "nope.csv"))
