"""Import a table of inputs from an earlier event (CSV or XLSX) into a workshop, all or nothing.

The table has the shape of our export (docs/workshop-data.md): spørsmål/tekst · type ·
svar/kommentar · tema · undertema · aktivitet · tid, and optionally the structure columns
(aktivitetstype, gruppe, alternativ, verdi, stemmer, enig, uenig, står over, svarnummer,
alternativer, breddegrad, lengdegrad) that bring polls, idea-card groups, Q&A votes and statement
votes back as they were. Header names are matched loosely (case, accents, punctuation and common
synonyms, Norwegian or English), and `propose_mapping` shows which column becomes what before
anything is stored; headers that could mean two things are refused, never guessed. Every row is
checked first; if any row is wrong, nothing is written and the facilitator gets a list of (line,
column, problem). The writes are in `import_services`.

Spreadsheets are read within bounds that do not trust the file: the declared sheet size is
ignored, and reading stops at MAX_SHEET_ROWS rows, MAX_CELLS filled cells or READ_SECONDS.
"""

from __future__ import annotations

import csv
import io
import math
import re
import secrets
import tempfile
import time as time_module
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from time import monotonic
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samfunnslab.workshops import import_services
from samfunnslab.workshops.models import (
    ActivityKind,
    ContributionType,
    Workshop,
)
from samfunnslab.workshops.table import ImportRow
from textsort import clean

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
MAX_ROWS = 5000
MAX_SHEET_ROWS = 2 * MAX_ROWS  # physical rows read, blank ones included
MAX_COLUMNS = 40
MAX_CELLS = MAX_ROWS * 20
READ_SECONDS = 10.0
MAX_TEXT = 500
MAX_LABEL = 100
MAX_ACTIVITY = 300
MAX_ANSWER = 2000
IMPORT_KEY_PREFIX = import_services.IMPORT_KEY_PREFIX

# Canonical column → accepted header spellings after `header_key` (lower case, no accents/signs).
# A spelling belongs to one column only.
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": (
        "sporsmaltekst",
        "sporsmal",
        "tekst",
        "text",
        "innspill",
        "bidrag",
        "question",
        "questiontext",
        "contribution",
        "response",
        "responses",
        "svartekst",
        "ord",
        "word",
    ),
    "type": ("type", "kategori", "category", "typeinnspill", "contributiontype"),
    "answer": ("svarkommentar", "svar", "kommentar", "answer", "comment", "reply", "besvarelse"),
    "theme": ("tema", "theme", "topic", "emne"),
    "subtheme": ("undertema", "subtheme", "subtopic", "deltema", "tema2"),
    "activity": ("aktivitet", "activity", "slide", "sporsmalsside", "oppgave", "sesjon"),
    "time": ("tid", "time", "tidspunkt", "timestamp", "dato", "date", "created", "opprettet"),
    "kind": ("aktivitetstype", "activitykind", "activitytype", "kind"),
    "group": ("gruppe", "group", "bord", "table"),
    "option": ("alternativ", "option", "choice"),
    "value": ("verdi", "value", "poeng", "points", "plass", "place"),
    "votes": ("stemmer", "votes", "upvotes", "likes"),
    "agree": ("enig", "agree"),
    "disagree": ("uenig", "disagree"),
    "passed": ("starover", "pass", "passed"),
    "answer_number": ("svarnummer", "answernumber", "responsenumber"),
    "options": ("alternativer", "options", "choices"),
    "latitude": ("breddegrad", "lat", "latitude"),
    "longitude": ("lengdegrad", "lon", "lng", "longitude"),
    "text_lang": ("aktivitetssprak", "activitylanguage", "textlang"),
}
# What the facilitator sees for each column in the mapping preview.
ROLE_LABELS: dict[str, str] = {
    "text": gettext_lazy("tekst (innspillet, svaret eller ordet)"),
    "type": gettext_lazy("type (spørsmål, innspill, forslag)"),
    "answer": gettext_lazy("svar eller kommentar fra arrangøren"),
    "theme": gettext_lazy("tema"),
    "subtheme": gettext_lazy("undertema"),
    "activity": gettext_lazy("aktivitet (spørsmålet som ble stilt)"),
    "time": gettext_lazy("tid"),
    "kind": gettext_lazy("aktivitetstype"),
    "group": gettext_lazy("gruppe"),
    "option": gettext_lazy("alternativ eller kategori"),
    "value": gettext_lazy("verdi (tall)"),
    "votes": gettext_lazy("stemmer (tall)"),
    "agree": gettext_lazy("enig (tall)"),
    "disagree": gettext_lazy("uenig (tall)"),
    "passed": gettext_lazy("står over (tall)"),
    "answer_number": gettext_lazy("svarnummer"),
    "options": gettext_lazy("alle alternativer"),
    "latitude": gettext_lazy("breddegrad"),
    "longitude": gettext_lazy("lengdegrad"),
    "text_lang": gettext_lazy("aktivitetsspråk (nb eller nn)"),
}
IGNORE = ""
TYPE_VALUES: dict[str, str] = {
    "sporsmal": ContributionType.QUESTION,
    "question": ContributionType.QUESTION,
    "innspill": ContributionType.INPUT,
    "input": ContributionType.INPUT,
    "kommentar": ContributionType.INPUT,
    "comment": ContributionType.INPUT,
    "forslag": ContributionType.SUGGESTION,
    "suggestion": ContributionType.SUGGESTION,
    "ide": ContributionType.SUGGESTION,
    "idea": ContributionType.SUGGESTION,
}
_FORMULA_START = tuple("=+-@")
_DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
)


class TableError(Exception):
    """The file as a whole cannot be read; `message` is plain Norwegian for the facilitator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Table:
    """Header cells and data rows of a file, each row with its line number in the file."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]]


@dataclass(frozen=True)
class RowError:
    """One problem: the line in the file (None for the whole file), the column and what is wrong."""

    line: int | None
    column: str
    problem: str


@dataclass
class ImportResult:
    """What an import did: rows created, rows already there, activities used, and any errors."""

    created: int = 0
    duplicates: int = 0
    activities: list[str] = field(default_factory=list)
    cleaned_markup: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """Say in one plain sentence what happened."""
        if self.errors:
            return _("Ingenting ble importert: %(n)s feil i fila.") % {"n": len(self.errors)}
        return _("%(created)s rader importert, %(duplicates)s fantes fra før.") % {
            "created": self.created,
            "duplicates": self.duplicates,
        }


class UploadedFileLike(Protocol):
    name: str | None
    size: int | None

    def read(self, size: int = -1) -> bytes: ...


# ------------------------------------------------------------------ reading files


def header_key(header: Any) -> str:
    """Reduce a header cell to lower-case ASCII letters and digits ("Spørsmål / tekst" → "sporsmaltekst")."""
    text = str(header or "").strip().lower().replace("ø", "o").replace("æ", "ae").replace("å", "a")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def role_of(header: Any) -> str:
    """Return the column a header names ("Svar / kommentar" → "answer"), or IGNORE."""
    key = header_key(header)
    return next((role for role, names in COLUMN_SYNONYMS.items() if key in names), IGNORE)


def map_columns(headers: Sequence[Any]) -> dict[str, int]:
    """Return canonical column → index for the headers we recognise (first match wins)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        role = role_of(header)
        if role and role not in found:
            found[role] = index
    return found


@dataclass(frozen=True)
class Mapping:
    """Which column becomes what (index → role, IGNORE for unused) and why it cannot be used yet."""

    roles: list[str]
    problems: list[str] = field(default_factory=list)

    def columns(self) -> dict[str, int]:
        """Return role → column index for the columns in use."""
        return {role: index for index, role in enumerate(self.roles) if role}


def _repeats(table: Table, index: int) -> bool:
    """True when a column holds the same few texts again and again (a question, not answers)."""
    values = [_cell_text(cells[index]) for _line, cells in table.rows if index < len(cells)]
    filled = [v for v in values if v]
    return len(filled) >= 2 and len(set(filled)) * 2 <= len(filled)


def propose_mapping(table: Table) -> Mapping:
    """Propose a role per column from its header; say what is ambiguous instead of guessing.

    When two columns could hold the text (English `Question,Response`), the one that repeats the
    same question on every row is the activity and the other the text; when both vary, the
    facilitator must choose. A text column that only repeats itself beside a varied answer column
    is refused too: importing it would store the question as every answer.
    """
    roles = [role_of(h) for h in table.headers]
    problems: list[str] = []
    text_columns = [i for i, role in enumerate(roles) if role == "text"]
    if len(text_columns) > 1 and "activity" not in roles:
        repeating = [i for i in text_columns if _repeats(table, i)]
        varied = [i for i in text_columns if i not in repeating]
        if len(repeating) == 1 and len(varied) == 1:
            roles[repeating[0]] = "activity"
    for role in dict.fromkeys(r for r in roles if r):
        claimed = [table.headers[i] for i, r in enumerate(roles) if r == role]
        if len(claimed) > 1:
            problems.append(
                _("Kolonnene %(columns)s kan alle være «%(role)s». Velg hvilken som er hva.")
                % {"columns": ", ".join(f"«{c}»" for c in claimed), "role": ROLE_LABELS[role]}
            )
    if "text" in roles and "answer" in roles:
        text, answer = roles.index("text"), roles.index("answer")
        if _repeats(table, text) and not _repeats(table, answer):
            problems.append(
                _(
                    "Kolonnen «%(text)s» har den samme teksten på mange rader, mens «%(answer)s» "
                    "varierer. Er «%(text)s» spørsmålet og «%(answer)s» svarene? Velg selv."
                )
                % {"text": table.headers[text], "answer": table.headers[answer]}
            )
    return Mapping(roles=roles, problems=problems)


def mapping_from_choices(table: Table, choices: Sequence[str]) -> Mapping:
    """Check a facilitator's own choice of a role per column (each role at most once)."""
    roles = [c if c in ROLE_LABELS else IGNORE for c in choices][: len(table.headers)]
    roles += [IGNORE] * (len(table.headers) - len(roles))
    problems = [
        _("«%(role)s» er valgt for mer enn én kolonne.") % {"role": ROLE_LABELS[role]}
        for role, count in Counter(r for r in roles if r).items()
        if count > 1
    ]
    return Mapping(roles=roles, problems=problems)


def read_table(data: bytes, filename: str = "") -> Table:
    """Read CSV (UTF-8, `;` or `,` or tab) or XLSX bytes into a Table; raise TableError if unreadable."""
    if len(data) > MAX_BYTES:
        raise TableError(too_big(len(data)))
    if not data.strip():
        raise TableError(_("Fila er tom."))
    lower = filename.lower()
    if lower.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            _(
                "Gamle Excel-filer (.xls) kan ikke leses. Lagre som .xlsx eller CSV "
                "(UTF-8) og prøv igjen."
            )
        )
    if data.startswith(b"PK\x03\x04") or lower.endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(_decode(data))


def too_big(size: int) -> str:
    return _("Fila er for stor (%(size).1f MB). Største tillatte størrelse er %(max)s MB.") % {
        "size": size / 1024 / 1024,
        "max": MAX_BYTES // 1024 // 1024,
    }


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
            _(
                "Fila er ikke lagret som UTF-8, så æ, ø og å ville blitt feil. I Excel: "
                "velg «Lagre som» → «CSV UTF-8», og prøv igjen."
            )
        ) from None


def _read_csv(text: str) -> Table:
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = max(";,\t", key=lambda d: (header_line.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise TableError(_("CSV-fila kunne ikke leses (%(error)s).") % {"error": error}) from None
    return _table([(line, list(row)) for line, row in raw])


def _read_xlsx(data: bytes) -> Table:
    """Read the first sheet, never trusting its declared size (`A1:ZZ100000` costs nothing)."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise TableError(_("Excel-fila er for stor når den pakkes ut."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except TableError:
        raise
    except Exception:  # openpyxl raises many kinds for a broken or foreign file
        raise TableError(
            _("Fila kunne ikke leses som Excel (.xlsx). Er den skadet, eller en annen filtype?")
        ) from None
    try:
        return _table(_sheet_rows(workbook.worksheets[0]))
    finally:
        workbook.close()


def _sheet_rows(sheet: Any) -> list[tuple[int, list[Any]]]:
    """Read rows as they are in the file, within MAX_SHEET_ROWS, MAX_CELLS and READ_SECONDS."""
    sheet.reset_dimensions()  # else openpyxl pads every row to the declared width and height
    deadline = monotonic() + READ_SECONDS
    rows: list[tuple[int, list[Any]]] = []
    cells = 0
    too_big = _("Excel-fila er for stor. Den kan ha høyst %(rows)s rader.") % {"rows": MAX_ROWS}
    try:
        for number, row in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            if number > MAX_SHEET_ROWS or monotonic() > deadline:
                raise TableError(too_big)
            values = list(row)
            while values and values[-1] is None:  # padded up to MAX_COLUMNS by openpyxl
                values.pop()
            cells += sum(1 for v in values if v is not None)
            if cells > MAX_CELLS:
                raise TableError(too_big)
            rows.append((number, values))
    except TableError:
        raise
    except Exception:  # a broken sheet inside a valid zip
        raise TableError(
            _("Fila kunne ikke leses som Excel (.xlsx). Er den skadet, eller en annen filtype?")
        ) from None
    return rows


def _table(rows: list[tuple[int, list[Any]]]) -> Table:
    filled = [(line, row) for line, row in rows if any(_cell_text(v) for v in row)]
    if not filled:
        raise TableError(_("Fila er tom."))
    (_line, headers), data = filled[0], filled[1:]
    if len(data) > MAX_ROWS:
        raise TableError(
            _("Fila har %(n)s rader. Største tillatte antall er %(max)s.")
            % {"n": len(data), "max": MAX_ROWS}
        )
    return Table(headers=[_cell_text(h) for h in headers], rows=data)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def unescape_formula(text: str) -> str:
    """Undo our export's guard against spreadsheet formulas ("'=SUM(A1)" → "=SUM(A1)")."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


# ------------------------------------------------------------------ checking rows


def check_rows(
    table: Table, mapping: Mapping | None = None
) -> tuple[list[ImportRow], list[RowError], int]:
    """Check every row; return the good rows, the errors and how many cells had HTML removed."""
    mapping = mapping or propose_mapping(table)
    if mapping.problems:
        return [], [RowError(None, "", problem) for problem in mapping.problems], 0
    columns = mapping.columns()
    if "text" not in columns:
        wanted = ", ".join(("spørsmål/tekst", "tekst", "text"))
        return (
            [],
            [
                RowError(
                    None,
                    "spørsmål/tekst",
                    _(
                        "Fant ingen kolonne med teksten. Første rad må ha en overskrift som %(wanted)s."
                    )
                    % {"wanted": wanted},
                )
            ],
            0,
        )
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    cleaned = 0
    for line, cells in table.rows:
        values = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        row, row_errors, had_markup = _check_row(line, values)
        cleaned += had_markup
        errors += row_errors
        if row is not None:
            rows.append(row)
    return rows, errors, cleaned


def _text_cell(value: Any) -> tuple[str, bool]:
    raw = unescape_formula(_cell_text(value))
    text = clean(raw)
    return text, bool(re.search(r"<[a-zA-Z/!][^>]*>", raw))


TEXT_FIELDS = (
    "text",
    "type",
    "answer",
    "theme",
    "subtheme",
    "activity",
    "kind",
    "group",
    "option",
    "options",
    "text_lang",
)
# (field, column shown to the facilitator)
WHOLE_NUMBERS = (
    ("value", "verdi"),
    ("votes", "stemmer"),
    ("agree", "enig"),
    ("disagree", "uenig"),
    ("passed", "står over"),
    ("answer_number", "svarnummer"),
)
DEGREES = (("latitude", "breddegrad", 90.0), ("longitude", "lengdegrad", 180.0))
MAX_COUNT = 100_000
# (field, column shown to the facilitator, longest allowed)
LENGTH_LIMITS = (
    ("text", "spørsmål/tekst", MAX_TEXT),
    ("theme", "tema", MAX_LABEL),
    ("subtheme", "undertema", MAX_LABEL),
    ("activity", "aktivitet", MAX_ACTIVITY),
    ("answer", "svar/kommentar", MAX_ANSWER),
    ("group", "gruppe", MAX_LABEL),
    ("option", "alternativ", MAX_ACTIVITY),
    ("options", "alternativer", MAX_ANSWER),
)


def _field_errors(line: int, texts: dict[str, str]) -> list[RowError]:
    errors = []
    if not texts["text"]:
        errors.append(RowError(line, "spørsmål/tekst", _("Teksten mangler.")))
    if _contribution_type(texts["type"]) is None:
        message = _(
            "Ukjent type «%(value)s». Bruk spørsmål, innspill eller forslag, eller la "
            "feltet stå tomt."
        )
        errors.append(RowError(line, "type", message % {"value": texts["type"][:40]}))
    if texts["kind"] and _activity_kind(texts["kind"]) is None:
        message = _("Ukjent aktivitetstype «%(value)s».")
        errors.append(RowError(line, "aktivitetstype", message % {"value": texts["kind"][:40]}))
    if _text_lang(texts["text_lang"]) is None:
        message = _(
            "Ukjent aktivitetsspråk «%(value)s». Bruk nb eller nn, eller la feltet stå tomt."
        )
        errors.append(
            RowError(line, "aktivitetsspråk", message % {"value": texts["text_lang"][:40]})
        )
    for name, column, limit in LENGTH_LIMITS:
        if len(texts[name]) > limit:
            message = _("Feltet har %(n)s tegn. Det kan ha høyst %(max)s.")
            errors.append(RowError(line, column, message % {"n": len(texts[name]), "max": limit}))
    return errors


def _activity_kind(raw: str) -> str | None:
    """Read an activity kind written as its code ("choice") or its Norwegian name ("Flervalg")."""
    key = header_key(raw)
    for kind in ActivityKind:
        if key in (header_key(kind.value), header_key(str(kind.label))):
            return kind.value
    return None


def _text_lang(raw: str) -> str | None:
    """Read an activity language: "nb" or "nn" (also "bokmål", "nynorsk"); "" when empty."""
    key = header_key(raw)
    if not key:
        return ""
    return {"nb": "nb", "bokmal": "nb", "nn": "nn", "nynorsk": "nn"}.get(key)


def _number(raw: Any, *, decimals: bool) -> float | int | None:
    """Read a number cell: Excel numbers, "12", "12,5" (Norwegian comma); None when empty."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        number = float(str(raw).strip().replace("\u2212", "-").replace(",", "."))
    if not math.isfinite(number):
        raise ValueError
    if decimals:
        return number
    if not number.is_integer():
        raise ValueError
    return int(number)


def _numbers(line: int, values: dict[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    found: dict[str, Any] = {}
    errors: list[RowError] = []
    for name, column in WHOLE_NUMBERS:
        try:
            found[name] = _number(values.get(name), decimals=False)
        except ValueError:
            errors.append(RowError(line, column, _("Skriv et helt tall.")))
            continue
        if found[name] is not None and not 0 <= found[name] <= MAX_COUNT and name != "value":
            errors.append(RowError(line, column, _("Tallet er utenfor det mulige.")))
    for name, column, limit in DEGREES:
        try:
            found[name] = _number(values.get(name), decimals=True)
        except ValueError:
            errors.append(RowError(line, column, _("Skriv et tall i desimalgrader.")))
            continue
        if found[name] is not None and not -limit <= found[name] <= limit:
            errors.append(RowError(line, column, _("Tallet er utenfor det mulige.")))
    return found, errors


def _check_row(line: int, values: dict[str, Any]) -> tuple[ImportRow | None, list[RowError], bool]:
    """Check one row; return it cleaned (or None), its errors and whether it held markup."""
    cells = {name: _text_cell(values.get(name)) for name in TEXT_FIELDS}
    texts = {name: text for name, (text, _markup) in cells.items()}
    had_markup = any(markup for _text, markup in cells.values())
    errors = _field_errors(line, texts)
    numbers, number_errors = _numbers(line, values)
    errors += number_errors
    moment, time_error = parse_time(values.get("time"))
    if time_error:
        errors.append(RowError(line, "tid", time_error))
    if errors:
        return None, errors, had_markup
    row = ImportRow(
        line=line,
        text=texts["text"],
        type=_contribution_type(texts["type"]) or "",
        answer=texts["answer"],
        theme=texts["theme"],
        subtheme=texts["subtheme"],
        activity=texts["activity"],
        time=moment,
        kind=_activity_kind(texts["kind"]) or "" if texts["kind"] else "",
        group=texts["group"],
        option=texts["option"],
        options=texts["options"],
        text_lang=_text_lang(texts["text_lang"]) or "",
        **numbers,
    )
    return row, [], had_markup


def _contribution_type(raw: str) -> str | None:
    if not raw:
        return ""
    return TYPE_VALUES.get(header_key(raw))


def parse_time(value: Any) -> tuple[datetime | None, str]:
    """Read a time cell (Excel date, ISO 8601 or dd.mm.yyyy hh:mm) as an aware datetime."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, datetime):
        return _aware(value), ""
    if isinstance(value, date):
        return _aware(datetime.combine(value, time())), ""
    text = str(value).strip()
    try:
        return _aware(datetime.fromisoformat(text)), ""
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return _aware(datetime.strptime(text, pattern)), ""
        except ValueError:
            continue
    return None, _(
        "Forstår ikke tidspunktet «%(value)s». Skriv det som 16.08.2024 10:15 eller "
        "2024-08-16T10:15."
    ) % {"value": text[:40]}


def _aware(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


# ------------------------------------------------------------------ importing


def import_table(
    *,
    workshop: Workshop,
    uploaded_file: UploadedFileLike,
    user: AbstractBaseUser | None = None,
    mapping: Sequence[str] | None = None,
) -> ImportResult:
    """Import an uploaded CSV/XLSX into the workshop: every row or none, with a row-by-row report."""
    size = uploaded_file.size or 0
    if size > MAX_BYTES:
        return ImportResult(errors=[RowError(None, "", too_big(size))])
    data = uploaded_file.read(MAX_BYTES + 1)
    return import_bytes(
        workshop=workshop, data=data, filename=uploaded_file.name or "", mapping=mapping
    )


def import_bytes(
    *,
    workshop: Workshop,
    data: bytes,
    filename: str = "",
    mapping: Sequence[str] | None = None,
) -> ImportResult:
    """Import CSV/XLSX bytes into the workshop (see `import_table`).

    `mapping` is the facilitator's role per column from the preview; without it the headers
    decide, and a file whose headers are ambiguous is refused.
    """
    rows, result = _checked(data, filename, mapping)
    if result.errors:
        return result
    try:
        stored = import_services.table_import(
            workshop=workshop, rows=rows, source=filename.rsplit("/", 1)[-1]
        )
    except import_services.RowRefusal as refusal:
        result.errors.append(RowError(refusal.line, refusal.column, refusal.message))
        return result
    result.created, result.duplicates, result.activities = (
        stored.created,
        stored.duplicates,
        stored.activities,
    )
    return result


# ------------------------------------------------------------------ preview


def check_bytes(
    data: bytes, filename: str = "", mapping: Sequence[str] | None = None
) -> ImportResult:
    """Read and check a file as an import would, storing nothing (for the preview)."""
    rows, result = _checked(data, filename, mapping)
    result.created = len(rows)
    return result


def _checked(
    data: bytes, filename: str, mapping: Sequence[str] | None
) -> tuple[list[ImportRow], ImportResult]:
    try:
        table = read_table(data, filename)
    except TableError as error:
        return [], ImportResult(errors=[RowError(None, "", error.message)])
    chosen = mapping_from_choices(table, mapping) if mapping is not None else None
    rows, errors, cleaned = check_rows(table, chosen)
    return rows, ImportResult(cleaned_markup=cleaned, errors=errors)


STASH_SECONDS = 3600


def _stash_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "samfunnslab-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def stash_upload(data: bytes) -> str:
    """Keep an uploaded file between the preview and the import; return its random token."""
    folder = _stash_dir()
    now = time_module.time()
    for old in folder.glob("*.upload"):
        if now - old.stat().st_mtime > STASH_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    (folder / f"{token}.upload").write_bytes(data)
    return token


def stashed_upload(token: str) -> bytes | None:
    """Return a stashed file, or None when the token is unknown, malformed or expired."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{24}", token or ""):
        return None
    path = _stash_dir() / f"{token}.upload"
    if not path.exists() or time_module.time() - path.stat().st_mtime > STASH_SECONDS:
        return None
    return path.read_bytes()


def drop_stash(token: str) -> None:
    """Forget a stashed file once it is imported."""
    if re.fullmatch(r"[A-Za-z0-9_-]{24}", token or ""):
        (_stash_dir() / f"{token}.upload").unlink(missing_ok=True)


@dataclass(frozen=True)
class Preview:
    """What the facilitator sees before anything is stored: columns, their roles and a few rows."""

    headers: list[str]
    mapping: Mapping
    sample: list[list[str]]
    row_count: int


PREVIEW_ROWS = 5


def preview_bytes(data: bytes, filename: str = "") -> Preview:
    """Read a file and propose its column mapping; raises TableError when it cannot be read."""
    table = read_table(data, filename)
    sample = [
        [_cell_text(cells[i]) if i < len(cells) else "" for i in range(len(table.headers))]
        for _line, cells in table.rows[:PREVIEW_ROWS]
    ]
    return Preview(
        headers=table.headers,
        mapping=propose_mapping(table),
        sample=sample,
        row_count=len(table.rows),
    )
