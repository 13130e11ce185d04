"""The structure columns of the workshop table, shared by the export and the import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class StructureCells:
    """The columns after `tid` that a re-import restores (shared by export and import rows)."""

    kind: str = ""
    group: str = ""
    option: str = ""
    value: int | None = None
    votes: int | None = None
    agree: int | None = None
    disagree: int | None = None
    passed: int | None = None
    answer_number: int | None = None
    options: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class ImportRow(StructureCells):
    """One checked row, ready to be stored."""

    line: int
    text: str
    type: str
    answer: str
    theme: str
    subtheme: str
    activity: str
    time: datetime | None
    text_lang: str = ""
    """The activity's language from `aktivitetsspråk` ("nb", "nn"), "" when the file has none."""
