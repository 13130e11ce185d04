"""Every PDF the app makes goes through here: tagged for accessibility (PDF/UA-1).

WeasyPrint writes the structure tree (headings, paragraphs, tables, lists: `/StructTreeRoot`,
`/MarkInfo /Marked true`), takes the document language from `<html lang>` (`/Lang`) and the title
from `<title>` (the document information and XMP metadata, shown as the window title). A template
without either is refused, since PDF/UA requires both. WeasyPrint is imported here only (an
import-linter contract keeps it so) and lazily: it loads Pango and fonts, which pages without a PDF
need not pay for.
"""

from __future__ import annotations

PDF_VARIANT = "pdf/ua-1"


class UntitledDocument(ValueError):
    """The HTML for a PDF has no `<title>` or no `<html lang>`; a programming error, not user input."""


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render one HTML document to a tagged PDF (PDF/UA-1) with its language and title."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url).render()
    if not (document.metadata.title or "").strip() or not document.metadata.lang:
        raise UntitledDocument("a PDF needs <title> and <html lang> (PDF/UA)")
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))
