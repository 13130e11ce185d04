"""What every test of a PDF can ask: is it tagged (PDF/UA), in which language, with which title."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.generic import BooleanObject


def assert_tagged(pdf: bytes, *, lang: str = "nb", title: str = "") -> None:
    """Assert the PDF has a structure tree, is marked, has the language and a (given) title."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "no structure tree: the PDF is not tagged"
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/Lang"] == lang
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert reader.metadata is not None and (reader.metadata.title or "").strip()
    assert title in reader.metadata.title
    assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
