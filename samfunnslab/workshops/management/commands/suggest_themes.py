"""Suggest a type (spørsmål/innspill/forslag) and a theme for every text in a CSV or XLSX file.

    manage.py suggest_themes --in innspill.xlsx --out forslag.csv [--themes temaer.txt]

The input needs a text column (`text`, `tekst` or `spørsmål/tekst`); the output is UTF-8 CSV with
the columns text,type,theme. These are suggestions for a person to check, not decisions.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samfunnslab.workshops.exports import neutralise
from samfunnslab.workshops.imports import TableError, map_columns, read_table, unescape_formula
from textsort import DEFAULT_THEMES, Theme, clean, suggest_kind, suggest_themes, themes_from_names

OUTPUT_COLUMNS = ("text", "type", "theme")


def suggestion_rows(texts: list[str], themes: tuple[Theme, ...]) -> list[tuple[str, str, str]]:
    """Return (text, suggested type, suggested theme or "") for each text."""
    rows = []
    for text in texts:
        best = suggest_themes(text, themes, limit=1)
        rows.append((text, suggest_kind(text).kind.value, best[0].theme if best else ""))
    return rows


def read_texts(path: Path) -> list[str]:
    """Read the non-empty cells of the text column of a CSV or XLSX file."""
    table = read_table(path.read_bytes(), path.name)
    column = map_columns(table.headers).get("text")
    if column is None:
        raise TableError(
            f"No text column in {path.name}: the first row must have a header named "
            f"text, tekst or spørsmål/tekst (found: {', '.join(table.headers)})."
        )
    cells = (row[column] if column < len(row) else None for _line, row in table.rows)
    return [text for cell in cells if (text := clean(unescape_formula(str(cell or ""))))]


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Write rows as UTF-8 CSV with a header line; formula-like cells are neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


class Command(BaseCommand):
    help = "Suggest type and theme for each text of a CSV/XLSX file; write text,type,theme as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--in", dest="source", required=True, help="CSV or XLSX file to read")
        parser.add_argument("--out", dest="target", required=True, help="CSV file to write")
        parser.add_argument(
            "--themes",
            help="text file: one theme per line, optionally "
            "'name: keyword, keyword'; default: the built-in vocabulary",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source, target = Path(options["source"]), Path(options["target"])
        if not source.is_file():
            raise CommandError(f"Input file not found: {source}")
        themes = self._themes(options.get("themes"))
        try:
            texts = read_texts(source)
        except TableError as error:
            raise CommandError(f"{source.name}: {error.message}") from None
        if not texts:
            raise CommandError(f"{source.name}: the text column is empty.")
        rows = suggestion_rows(texts, themes)
        write_csv(target, rows)
        themed = sum(1 for row in rows if row[2])
        self.stdout.write(f"Wrote {len(rows)} rows to {target} ({themed} with a theme).")

    def _themes(self, path: str | None) -> tuple[Theme, ...]:
        if not path:
            return DEFAULT_THEMES
        try:
            lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read the theme file {path}: {error}") from None
        themes = themes_from_names(lines)
        if not themes:
            raise CommandError(f"The theme file {path} has no themes (one per line).")
        return themes
