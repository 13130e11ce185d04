"""The one formula guard for every CSV/XLSX export (workshops, community models, lab).

A cell whose text starts with one of `FORMULA_START` is run as a formula by Excel, LibreOffice
and Google Sheets ("=HYPERLINK(…)", "+cmd|…", "@SUM(…)"): an export must never hand a
participant's or editor's text to a spreadsheet that way. Text is prefixed with an apostrophe,
which spreadsheets show as plain text; numbers, dates and empty cells are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula ("=HYPERLINK(…)")."""
    return "'" + value if value.startswith(FORMULA_START) else value


def safe_cell(value: Any) -> Any:
    """Neutralise a cell if it is text; leave other values as they are."""
    return neutralise(value) if isinstance(value, str) else value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """Neutralise every text cell of a row."""
    return [safe_cell(value) for value in row]


def safe_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """Neutralise every text value of a csv.DictWriter row."""
    return {key: safe_cell(value) for key, value in row.items()}
