"""manage.py export_guide: list the slugs, write a PDF, and explain unknown slugs."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.core.management import CommandError, call_command


def test_list_prints_one_slug_per_line(db):
    out = io.StringIO()
    call_command("export_guide", "--list", stdout=out)
    assert out.getvalue().splitlines() == [
        "barn-og-unge",
        "full-pri-lab",
        "innbyggerverksted-fremtidsfrekvens",
        "kommunestyrekveld",
    ]


def test_it_writes_the_guide_as_pdf(db, tmp_path):
    target = tmp_path / "veileder.pdf"
    call_command(
        "export_guide",
        "--process",
        "barn-og-unge",
        "--out",
        str(target),
        "--start",
        "10:00",
        stdout=io.StringIO(),
    )
    reader = pypdf.PdfReader(target)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "10:00–10:10" in text and "CC BY 4.0" in text


def test_an_unknown_slug_lists_the_valid_ones(db, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("export_guide", "--process", "finnes-ikke", "--out", str(tmp_path / "x.pdf"))
    assert "finnes-ikke" in str(error.value) and "kommunestyrekveld" in str(error.value)
    assert not (tmp_path / "x.pdf").exists()


def test_a_bad_start_time_is_explained(db, tmp_path):
    with pytest.raises(CommandError, match="tt:mm"):
        call_command(
            "export_guide",
            "--process",
            "barn-og-unge",
            "--out",
            str(tmp_path / "x.pdf"),
            "--start",
            "kl 7",
        )


def test_it_needs_process_and_out(db):
    with pytest.raises(CommandError, match="--process"):
        call_command("export_guide")
