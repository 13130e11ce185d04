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


def structure_roles(pdf: bytes) -> list[str]:
    """Return the structure types of the PDF's tag tree in reading order (H1, P, Table, Figure…)."""
    reader = PdfReader(io.BytesIO(pdf))
    roles: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                roles.append(str(node["/S"]).lstrip("/"))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return roles
