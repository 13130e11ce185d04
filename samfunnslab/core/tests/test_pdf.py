from __future__ import annotations

import ast
import io
import pathlib

import pytest
from pypdf import PdfWriter

from samfunnslab.core.pdf import UntitledDocument, html_to_pdf
from samfunnslab.core.tests.pdf_checks import assert_tagged

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_a_pdf_is_tagged_with_its_language_and_title() -> None:
    pdf = html_to_pdf(
        '<html lang="nn"><head><title>Oppsummering</title></head>'
        "<body><h1>Kva vi høyrde</h1><table><tr><th>Tal</th></tr><tr><td>5</td></tr></table>"
        "</body></html>"
    )
    assert_tagged(pdf, lang="nn", title="Oppsummering")


def test_the_check_fails_on_an_untagged_pdf() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Uten tagger"})
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(AssertionError, match="not tagged"):
        assert_tagged(buffer.getvalue(), title="Uten tagger")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Uten språk</title></head><body><p>x</p></body></html>",
        '<html lang="nb"><head></head><body><p>Uten tittel</p></body></html>',
    ],
)
def test_a_document_without_language_or_title_is_refused(html: str) -> None:
    with pytest.raises(UntitledDocument):
        html_to_pdf(html)


def _imports_weasyprint(path: pathlib.Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else []
        )
        if any(name == "weasyprint" or name.startswith("weasyprint.") for name in names):
            return True
    return False


def test_only_core_pdf_imports_weasyprint() -> None:
    importers = [
        path.relative_to(ROOT).as_posix()
        for folder in ("samfunnslab", "config", "statbank")
        for path in (ROOT / folder).rglob("*.py")
        if _imports_weasyprint(path)
    ]
    assert importers == ["samfunnslab/core/pdf.py"]
