"""Export everything said in a workshop as one table: XLSX, CSV or JSON.

Columns (docs/workshop-data.md): spørsmål/tekst · type · svar/kommentar · tema · undertema ·
aktivitet · tid, then the structure a re-import restores: aktivitetstype · gruppe · alternativ ·
verdi · stemmer · enig · uenig · står over · svarnummer · alternativer · breddegrad · lengdegrad,
and last `aktivitetsspråk`: the language the activity's prompt and options are written in.
One row per visible contribution, per choice or scale answer, and per option of a ranking or
points answer. No participant token, id or self-description is written; `svarnummer` counts the
answers of one activity in time order, so it ties the rows of one ranking together but never
one person's answers across activities. Rows are ordered by activity and time.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from samfunnslab.core.spreadsheet import neutralise as neutralise  # re-exported for callers
from samfunnslab.workshops.models import (
    OPTION_KINDS,
    RESPONSE_KINDS,
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    ContributionType,
    Response,
    Workshop,
)
from samfunnslab.workshops.table import StructureCells

COLUMNS = (
    "spørsmål/tekst",
    "type",
    "svar/kommentar",
    "tema",
    "undertema",
    "aktivitet",
    "tid",
    "aktivitetstype",
    "gruppe",
    "alternativ",
    "verdi",
    "stemmer",
    "enig",
    "uenig",
    "står over",
    "svarnummer",
    "alternativer",
    "breddegrad",
    "lengdegrad",
    "aktivitetsspråk",
)
# Columns that hold whole numbers (XLSX writes them as numbers) and decimal degrees.
NUMBER_COLUMNS = ("verdi", "stemmer", "enig", "uenig", "står over", "svarnummer")
DEGREE_COLUMNS = ("breddegrad", "lengdegrad")
OPTION_SEPARATOR = " | "
FORMATS = ("xlsx", "csv", "json")
TYPE_LABELS = {
    ContributionType.QUESTION: "spørsmål",
    ContributionType.INPUT: "innspill",
    ContributionType.SUGGESTION: "forslag",
}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
ANSWERED = "besvart"

Cell = str | int | float | datetime | None


FIELDS = (
    "text",
    "type",
    "answer",
    "theme",
    "subtheme",
    "activity",
    "time",
    *(f.name for f in fields(StructureCells)),
    "text_lang",
)


@dataclass(frozen=True)
class ExportRow(StructureCells):
    """One line of the exported table, in the order of COLUMNS.

    The first seven fields are words; the rest keep the structure a re-import needs: the
    activity's kind, the idea card's group, the option and its number (a choice, a place in a
    ranking, points, a step on a scale), Q&A upvotes and statement votes as counts, the answer's
    number within its activity (so the rows of one ranking belong together, never a person's id
    across activities), the activity's options and a map pin's position. Last, the language the
    activity's prompt and options are written in (`Activity.text_lang`); a re-import restores it.
    """

    text: str
    type: str
    answer: str
    theme: str
    subtheme: str
    activity: str
    time: datetime
    text_lang: str = "nb"

    def values(self) -> list[Cell]:
        """Return the row with numbers as numbers and the time as a local, second-exact time."""
        local = timezone.localtime(self.time).replace(microsecond=0)
        return [local if name == "time" else getattr(self, name) for name in FIELDS]

    def cells(self) -> list[str]:
        """Return the row as text cells, time as local ISO 8601 to the second."""
        return [_text(value) for value in self.values()]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


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


def options_cell(activity: Activity) -> str:
    """The activity's options in one cell ("Skole | Helse"), or its scale as "1-5"."""
    if activity.kind == ActivityKind.SCALE:
        return f"1-{activity.scale_max}"
    if activity.kind in (*OPTION_KINDS, ActivityKind.MAP):
        return OPTION_SEPARATOR.join(str(o) for o in activity.options)
    return ""


def response_rows(response: Response, number: int) -> list[ExportRow]:
    """One row for a choice or scale answer; one row per option for a ranking or points."""
    activity = response.activity
    base = {
        "type": "",
        "answer": "",
        "theme": "",
        "subtheme": "",
        "activity": activity.prompt,
        "time": response.created_at,
        "kind": activity.kind,
        "answer_number": number,
        "options": options_cell(activity),
        "text_lang": activity.text_lang,
    }
    value = response.value
    options = activity.options
    if activity.kind == ActivityKind.CHOICE:
        label = str(options[value["choice"]])
        return [ExportRow(text=label, option=label, value=value["choice"] + 1, **base)]
    if activity.kind == ActivityKind.SCALE:
        return [ExportRow(text=response_text(activity, value), value=value.get("value"), **base)]
    if activity.kind == ActivityKind.RANKING:
        return [
            ExportRow(text=f"{place}. {options[i]}", option=str(options[i]), value=place, **base)
            for place, i in enumerate(value["order"], 1)
        ]
    return [
        ExportRow(text=f"{option}: {points}", option=str(option), value=points, **base)
        for option, points in zip(options, value["points"], strict=True)
    ]


def _type_label(contribution: Contribution) -> str:
    if not contribution.contribution_type:
        return ""
    return TYPE_LABELS.get(ContributionType(contribution.contribution_type), "")


def _contribution_row(contribution: Contribution) -> ExportRow:
    kind = contribution.activity.kind
    answer = contribution.comment
    if not answer and kind == ActivityKind.QA and contribution.answered:
        answer = ANSWERED
    tally: dict[str, int | None] = {"agree": None, "disagree": None, "passed": None}
    if kind == ActivityKind.STATEMENTS:
        votes = [v.vote for v in contribution.votes.all()]
        tally = {"agree": votes.count(1), "disagree": votes.count(-1), "passed": votes.count(0)}
    return ExportRow(
        text=contribution.text,
        type=_type_label(contribution),
        answer=answer,
        theme=contribution.theme,
        subtheme=contribution.subtheme,
        activity=contribution.activity.prompt,
        time=contribution.created_at,
        kind=kind,
        group=contribution.group.name if contribution.group else "",
        votes=len(contribution.upvotes.all()) if kind == ActivityKind.QA else None,
        option=contribution.category,
        latitude=contribution.latitude,
        longitude=contribution.longitude,
        options=options_cell(contribution.activity),
        text_lang=contribution.activity.text_lang,
        **tally,
    )


def export_rows(workshop: Workshop) -> list[ExportRow]:
    """Return the workshop's visible contributions and all answers, by activity then time."""
    contributions = (
        Contribution.objects.filter(activity__workshop=workshop, status=ContributionStatus.VISIBLE)
        .select_related("activity", "group")
        .prefetch_related("votes", "upvotes")
    )
    responses = (
        Response.objects.filter(activity__workshop=workshop, activity__kind__in=RESPONSE_KINDS)
        .select_related("activity")
        .order_by("activity_id", "created_at", "id")
    )
    keyed: list[tuple[tuple[Any, ...], list[ExportRow]]] = [
        (
            (c.activity.position, c.activity_id, _second(c.created_at), c.pk),
            [_contribution_row(c)],
        )
        for c in contributions
    ]
    numbers: Counter[int] = Counter()
    for r in responses:
        numbers[r.activity_id] += 1
        key = (r.activity.position, r.activity_id, _second(r.created_at), r.pk)
        keyed.append((key, response_rows(r, numbers[r.activity_id])))
    # Within one second, creation order: an imported file keeps the order of its lines.
    keyed.sort(key=lambda item: item[0])
    return [row for _key, rows in keyed for row in rows]


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
    """Write the rows as an Excel workbook: numbers as numbers, times as times, text never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Innspill"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row.values(), start=1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, datetime):
                cell.value = value.replace(tzinfo=None)  # Excel has no time zones: local time
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(value, int | float):
                cell.value = value
            elif value:
                cell.value = neutralise(value)
                cell.data_type = "s"
    widths = (60, 12, 40, 20, 20, 40, 20, 14, 16, 24, 8, 8, 8, 8, 10, 11, 40, 11, 11, 15)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
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
        "rows": [dict(zip(COLUMNS, [_json(v) for v in row.values()], strict=True)) for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _json(value: Cell) -> Cell:
    return value.isoformat() if isinstance(value, datetime) else value


def pins_geojson(workshop: Workshop) -> bytes:
    """Every visible map pin of the workshop as a GeoJSON FeatureCollection (WGS 84)."""
    pins = Contribution.objects.filter(
        activity__workshop=workshop,
        activity__kind=ActivityKind.MAP,
        status=ContributionStatus.VISIBLE,
        latitude__isnull=False,
        longitude__isnull=False,
    ).select_related("activity")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [pin.longitude, pin.latitude]},
            "properties": {
                "category": pin.category,
                "comment": pin.text if pin.text != pin.category else "",
                "activity": pin.activity.prompt,
                "activity_lang": pin.activity.text_lang,
                "time": timezone.localtime(pin.created_at).replace(microsecond=0).isoformat(),
            },
        }
        for pin in pins.order_by("activity__position", "id")
    ]
    document = {"type": "FeatureCollection", "name": workshop.title, "features": features}
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
    """Name the file after the workshop and today's date: verksted-12-fremtidens-skåla-2026-11-22.xlsx."""
    slug = slugify(workshop.title, allow_unicode=True)[:50] or "verksted"
    return f"verksted-{workshop.pk}-{slug}-{timezone.localdate().isoformat()}.{fmt}"


def export_response(workshop: Workshop, fmt: str) -> HttpResponse:
    """Return the export as a download (the caller checks that the user may see the workshop)."""
    response = HttpResponse(export_bytes(workshop, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        True, export_filename(workshop, fmt)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
