"""Export everything said in a workshop as one table: XLSX, CSV or JSON.

Columns (docs/workshop-data.md): spørsmål/tekst · type · svar/kommentar · tema · undertema ·
aktivitet · tid. One row per visible contribution and per answer to a choice, scale, ranking or
points activity. No participant token, id, group or self-description is written, and rows are
ordered by activity and time, never by participant, so rows cannot be tied to one person.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samfunnslab.workshops.models import (
    RESPONSE_KINDS,
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    ContributionType,
    Response,
    Workshop,
)

COLUMNS = ("spørsmål/tekst", "type", "svar/kommentar", "tema", "undertema", "aktivitet", "tid")
FORMATS = ("xlsx", "csv", "json")
TYPE_LABELS = {
    ContributionType.QUESTION: "spørsmål",
    ContributionType.INPUT: "innspill",
    ContributionType.SUGGESTION: "forslag",
}
# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


@dataclass(frozen=True)
class ExportRow:
    """One line of the exported table, in the order of COLUMNS."""

    text: str
    type: str
    answer: str
    theme: str
    subtheme: str
    activity: str
    time: datetime

    def cells(self) -> list[str]:
        """Return the row as text cells, time as local ISO 8601 to the second."""
        local = timezone.localtime(self.time).replace(microsecond=0)
        return [*astuple(self)[:-1], local.isoformat()]


def neutralise(value: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula ("=HYPERLINK(…)")."""
    return "'" + value if value.startswith(FORMULA_START) else value


# ------------------------------------------------------------------ rows


def response_text(activity: Activity, value: dict[str, Any]) -> str:
    """Describe one answer to a choice, scale, ranking or points activity in words."""
    options = activity.options
    if activity.kind == ActivityKind.CHOICE:
        return str(options[value["choice"]])
    if activity.kind == ActivityKind.SCALE:
        number = value.get("value")
        return _("Vet ikke") if number is None else f"{number} av {activity.scale_max}"
    if activity.kind == ActivityKind.RANKING:
        return "; ".join(f"{place}. {options[i]}" for place, i in enumerate(value["order"], 1))
    return "; ".join(
        f"{option}: {points}" for option, points in zip(options, value["points"], strict=True)
    )


def _statement_tally(contribution: Contribution) -> str:
    votes = list(contribution.votes.values_list("vote", flat=True))
    return _("enig %(agree)s, uenig %(disagree)s, står over %(passed)s") % {
        "agree": votes.count(1),
        "disagree": votes.count(-1),
        "passed": votes.count(0),
    }


def _comment(contribution: Contribution) -> str:
    """The organisers' answer or comment; else the tally of a statement or "besvart" for Q&A."""
    if contribution.comment:
        return contribution.comment
    if contribution.activity.kind == ActivityKind.STATEMENTS:
        return _statement_tally(contribution)
    if contribution.activity.kind == ActivityKind.QA and contribution.answered:
        return _("besvart")
    return ""


def _type_label(contribution: Contribution) -> str:
    if not contribution.contribution_type:
        return ""
    return TYPE_LABELS.get(ContributionType(contribution.contribution_type), "")


def _contribution_row(contribution: Contribution) -> ExportRow:
    return ExportRow(
        text=contribution.text,
        type=_type_label(contribution),
        answer=_comment(contribution),
        theme=contribution.theme,
        subtheme=contribution.subtheme,
        activity=contribution.activity.prompt,
        time=contribution.created_at,
    )


def export_rows(workshop: Workshop) -> list[ExportRow]:
    """Return the workshop's visible contributions and all answers, by activity then time."""
    contributions = Contribution.objects.filter(
        activity__workshop=workshop, status=ContributionStatus.VISIBLE
    ).select_related("activity")
    responses = Response.objects.filter(
        activity__workshop=workshop, activity__kind__in=RESPONSE_KINDS
    ).select_related("activity")
    rows = [
        (
            (c.activity.position, c.activity_id, _second(c.created_at), c.pk),
            _contribution_row(c),
        )
        for c in contributions
    ]
    rows += [
        (
            (r.activity.position, r.activity_id, _second(r.created_at), r.pk),
            ExportRow(
                text=response_text(r.activity, r.value),
                type="",
                answer="",
                theme="",
                subtheme="",
                activity=r.activity.prompt,
                time=r.created_at,
            ),
        )
        for r in responses
    ]
    # Within one second, creation order: an imported file keeps the order of its lines.
    rows.sort(key=lambda item: item[0])
    return [row for _key, row in rows]


def _second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


# ------------------------------------------------------------------ formats


def rows_to_csv(rows: Iterable[ExportRow]) -> bytes:
    """Write the rows as CSV: comma-separated, UTF-8 with a BOM so Excel reads æøå right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row.cells()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rows_to_xlsx(rows: Iterable[ExportRow], *, title: str) -> bytes:
    """Write the rows as an Excel workbook; text cells never become formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Innspill"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row.cells(), start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = neutralise(value)
            cell.data_type = "s"
    for letter, width in zip("ABCDEFG", (60, 12, 40, 20, 20, 40, 26), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    workbook.properties.title = title[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_to_json(rows: Sequence[ExportRow], *, workshop: Workshop) -> bytes:
    """Write the rows as JSON: the workshop, the column names and one object per row."""
    document = {
        "workshop": {
            "title": workshop.title,
            "municipality_code": workshop.municipality_code,
            "session_label": workshop.session_label,
        },
        "exported_at": timezone.localtime().replace(microsecond=0).isoformat(),
        "columns": list(COLUMNS),
        "rows": [dict(zip(COLUMNS, row.cells(), strict=True)) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def export_bytes(workshop: Workshop, fmt: str) -> bytes:
    """Return the workshop's table in one of FORMATS."""
    rows = export_rows(workshop)
    if fmt == "xlsx":
        return rows_to_xlsx(rows, title=workshop.title)
    if fmt == "csv":
        return rows_to_csv(rows)
    if fmt == "json":
        return rows_to_json(rows, workshop=workshop)
    raise ValueError(f"unknown export format {fmt!r}; use one of {FORMATS}")


def export_filename(workshop: Workshop, fmt: str) -> str:
    """Name the file after the workshop and today's date: verksted-12-fremtidens-skole-2026-11-22.xlsx."""
    slug = slugify(workshop.title)[:50] or "verksted"
    return f"verksted-{workshop.pk}-{slug}-{timezone.localdate().isoformat()}.{fmt}"


def export_response(workshop: Workshop, fmt: str) -> HttpResponse:
    """Return the export as a download (the caller checks that the user may see the workshop)."""
    response = HttpResponse(export_bytes(workshop, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(workshop, fmt)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
