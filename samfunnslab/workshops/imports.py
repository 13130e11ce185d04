"""Import a table of inputs from an earlier event (CSV or XLSX) into a workshop, all or nothing.

The table has the shape of our export (docs/workshop-data.md): spørsmål/tekst · type ·
svar/kommentar · tema · undertema · aktivitet · tid. Header names are matched loosely (case,
accents, punctuation and common synonyms, Norwegian or English); only a text column is required.
Every row is checked first; if any row is wrong, nothing is written and the facilitator gets a
list of (line, column, problem). Imported rows become contributions without a participant, in one
open activity per value of «aktivitet».
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samfunnslab.workshops import services
from samfunnslab.workshops.models import (
    CONTRIBUTION_KINDS,
    Activity,
    ActivityKind,
    Contribution,
    ContributionType,
    Workshop,
)
from textsort import clean, normalise

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
MAX_ROWS = 5000
MAX_TEXT = 500
MAX_LABEL = 100
MAX_ACTIVITY = 300
MAX_ANSWER = 2000
IMPORT_KEY_PREFIX = "import:"

# Canonical column → accepted header spellings after `header_key` (lower case, no accents/signs).
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
        "svartekst",
        "ord",
        "word",
    ),
    "type": ("type", "kategori", "category", "kind", "typeinnspill"),
    "answer": ("svarkommentar", "svar", "kommentar", "answer", "comment", "reply", "besvarelse"),
    "theme": ("tema", "theme", "topic", "emne"),
    "subtheme": ("undertema", "subtheme", "subtopic", "deltema", "tema2"),
    "activity": ("aktivitet", "activity", "slide", "sporsmalsside", "oppgave", "sesjon"),
    "time": ("tid", "time", "tidspunkt", "timestamp", "dato", "date", "created", "opprettet"),
}
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


@dataclass(frozen=True)
class ImportRow:
    """One checked row, ready to be stored."""

    line: int
    text: str
    type: str
    answer: str
    theme: str
    subtheme: str
    activity: str
    time: datetime | None


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


def map_columns(headers: Sequence[Any]) -> dict[str, int]:
    """Return canonical column → index for the headers we recognise (first match wins)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        for column, synonyms in COLUMN_SYNONYMS.items():
            if key in synonyms and column not in found:
                found[column] = index
                break
    return found


def read_table(data: bytes, filename: str = "") -> Table:
    """Read CSV (UTF-8, `;` or `,` or tab) or XLSX bytes into a Table; raise TableError if unreadable."""
    if len(data) > MAX_BYTES:
        raise TableError(_too_big(len(data)))
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


def _too_big(size: int) -> str:
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
    sheet = workbook.worksheets[0]
    rows = [
        (number, list(row)) for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]
    workbook.close()
    return _table(rows)


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


def check_rows(table: Table) -> tuple[list[ImportRow], list[RowError], int]:
    """Check every row; return the good rows, the errors and how many cells had HTML removed."""
    columns = map_columns(table.headers)
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


TEXT_FIELDS = ("text", "type", "answer", "theme", "subtheme", "activity")
# (field, column shown to the facilitator, longest allowed)
LENGTH_LIMITS = (
    ("text", "spørsmål/tekst", MAX_TEXT),
    ("theme", "tema", MAX_LABEL),
    ("subtheme", "undertema", MAX_LABEL),
    ("activity", "aktivitet", MAX_ACTIVITY),
    ("answer", "svar/kommentar", MAX_ANSWER),
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
    for name, column, limit in LENGTH_LIMITS:
        if len(texts[name]) > limit:
            message = _("Feltet har %(n)s tegn. Det kan ha høyst %(max)s.")
            errors.append(RowError(line, column, message % {"n": len(texts[name]), "max": limit}))
    return errors


def _check_row(line: int, values: dict[str, Any]) -> tuple[ImportRow | None, list[RowError], bool]:
    """Check one row; return it cleaned (or None), its errors and whether it held markup."""
    cells = {name: _text_cell(values.get(name)) for name in TEXT_FIELDS}
    texts = {name: text for name, (text, _markup) in cells.items()}
    had_markup = any(markup for _text, markup in cells.values())
    errors = _field_errors(line, texts)
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


# ------------------------------------------------------------------ writing


def import_keys(rows: Sequence[ImportRow]) -> list[str]:
    """Key each row by its content and how often that content came before in the file.

    Importing the same file again finds the same keys (nothing is added twice), while two people
    who wrote the same words in one file stay two rows.
    """
    seen: Counter[str] = Counter()
    keys = []
    for row in rows:
        parts = (
            row.activity,
            row.text,
            row.type,
            row.answer,
            row.theme,
            row.subtheme,
            row.time.isoformat() if row.time else "",
        )
        content = "\x1f".join(parts)
        keys.append(
            IMPORT_KEY_PREFIX
            + hashlib.sha256(f"{content}\x1e{seen[content]}".encode()).hexdigest()[:40]
        )
        seen[content] += 1
    return keys


def _activity_for(
    workshop: Workshop, prompt: str, themes: Iterable[str], cache: dict[str, Activity]
) -> Activity:
    """Return the workshop's text activity with this prompt, creating an open one if needed."""
    if prompt not in cache:
        existing = (
            workshop.activities.filter(prompt=prompt, kind__in=CONTRIBUTION_KINDS)
            .order_by("position", "id")
            .first()
        )
        cache[prompt] = existing or services.activity_add(
            workshop=workshop,
            kind=ActivityKind.OPEN,
            prompt=prompt,
            themes=sorted(set(themes)),
            moderated=False,
        )
    return cache[prompt]


def _themes_by_prompt(rows: Sequence[ImportRow], fallback: str) -> dict[str, set[str]]:
    themes: dict[str, set[str]] = {}
    for row in rows:
        themes.setdefault(row.activity or fallback, set()).add(row.theme)
    return {prompt: found - {""} for prompt, found in themes.items()}


def _create(row: ImportRow, activity: Activity, key: str, source: str) -> None:
    contribution = Contribution.objects.create(
        activity=activity,
        participant=None,
        text=row.text,
        normalised=normalise(row.text)[:500],
        contribution_type=row.type,
        theme=row.theme,
        subtheme=row.subtheme,
        comment=row.answer,
        imported_from=source[:200] or "import",
        idempotency_key=key,
    )
    if row.time is not None:  # created_at is set on insert; the original time wins
        Contribution.objects.filter(pk=contribution.pk).update(created_at=row.time)


def _store(
    workshop: Workshop, rows: Sequence[ImportRow], source: str, result: ImportResult
) -> None:
    fallback = (_("Importert fra %(file)s") % {"file": source or _("fil")})[:MAX_ACTIVITY]
    themes = _themes_by_prompt(rows, fallback)
    existing = set(
        Contribution.objects.filter(
            activity__workshop=workshop,
            idempotency_key__startswith=IMPORT_KEY_PREFIX,
        ).values_list("idempotency_key", flat=True)
    )
    activities: dict[str, Activity] = {}
    for row, key in zip(rows, import_keys(rows), strict=True):
        if key in existing:
            result.duplicates += 1
            continue
        prompt = row.activity or fallback
        _create(row, _activity_for(workshop, prompt, themes[prompt], activities), key, source)
        result.created += 1
    result.activities = list(activities)


def import_table(
    *, workshop: Workshop, uploaded_file: UploadedFileLike, user: AbstractBaseUser | None = None
) -> ImportResult:
    """Import an uploaded CSV/XLSX into the workshop: every row or none, with a row-by-row report."""
    size = uploaded_file.size or 0
    if size > MAX_BYTES:
        return ImportResult(errors=[RowError(None, "", _too_big(size))])
    data = uploaded_file.read(MAX_BYTES + 1)
    return import_bytes(workshop=workshop, data=data, filename=uploaded_file.name or "")


def import_bytes(*, workshop: Workshop, data: bytes, filename: str = "") -> ImportResult:
    """Import CSV/XLSX bytes into the workshop (see `import_table`)."""
    try:
        table = read_table(data, filename)
    except TableError as error:
        return ImportResult(errors=[RowError(None, "", error.message)])
    rows, errors, cleaned = check_rows(table)
    result = ImportResult(cleaned_markup=cleaned, errors=errors)
    if errors:
        return result
    with transaction.atomic():
        _store(workshop, rows, filename.rsplit("/", 1)[-1], result)
    return result
