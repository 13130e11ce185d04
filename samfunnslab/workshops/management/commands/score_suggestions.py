"""Score the type and theme suggestions against tables with known answers.

    manage.py score_suggestions tabell.csv [flere.xlsx …]

Each table needs a text column and a type and/or theme column (the import's header names:
`tekst`/`spørsmål/tekst`/`text`, `type`, `tema`/`theme`). Types are spørsmål, innspill or
forslag (any case, English too). Prints, per table, the accuracy of the suggestions (each row
suggested from the others), of the rules and theme names alone, and of the baselines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samfunnslab.workshops.imports import (
    TYPE_VALUES,
    TableError,
    header_key,
    map_columns,
    read_table,
    unescape_formula,
)
from samfunnslab.workshops.models import ContributionType
from textsort import clean
from textsort.kinds import Kind
from textsort.scoring import Accuracy, Score, score_table
from textsort.suggest import Example

KIND_OF_TYPE = {
    ContributionType.QUESTION: Kind.QUESTION,
    ContributionType.INPUT: Kind.INPUT,
    ContributionType.SUGGESTION: Kind.SUGGESTION,
}


def read_examples(path: Path) -> list[Example]:
    """Read (text, type, theme) rows of a CSV or XLSX file; unknown types count as unknown."""
    table = read_table(path.read_bytes(), path.name)
    columns = map_columns(table.headers)
    if "text" not in columns:
        raise TableError(f"No text column in {path.name} (found: {', '.join(table.headers)}).")

    def cell(row: list[Any], name: str) -> str:
        index = columns.get(name)
        value = row[index] if index is not None and index < len(row) else ""
        return clean(unescape_formula(str(value or "")))

    examples = []
    for _line, row in table.rows:
        text = cell(row, "text")
        if not text:
            continue
        raw_type = TYPE_VALUES.get(header_key(cell(row, "type")), "")
        kind = KIND_OF_TYPE.get(ContributionType(raw_type)) if raw_type else None
        examples.append(Example(text=text, type=str(kind or ""), theme=cell(row, "theme")))
    return examples


def _line(label: str, accuracy: Accuracy) -> str:
    return f"  {label:<58} {100 * accuracy.share:5.1f} %  ({accuracy.right}/{accuracy.total})"


def report(name: str, score: Score) -> list[str]:
    """Say in lines what the suggestions scored on one table."""
    return [
        f"{name}: {score.rows} rows, {len(score.themes)} themes from the table",
        _line("type: suggested (rules + learned from the other rows)", score.type_learned),
        _line("type: rules alone", score.type_rules),
        _line("type: baseline «contains ? → spørsmål, else innspill»", score.type_question_mark),
        _line(
            f"type: baseline «contains ? → spørsmål, else {score.majority_other_type}»",
            score.type_question_mark_majority,
        ),
        _line("theme: suggested (theme names + learned from other rows)", score.theme_learned),
        _line("theme: theme names alone", score.theme_names),
        _line("theme: baseline «the most common theme»", score.theme_majority),
    ]


class Command(BaseCommand):
    help = "Score type and theme suggestions against tables with known answers (text,type,theme)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("tables", nargs="+", help="CSV or XLSX files with known answers")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in options["tables"]:
            path = Path(name)
            try:
                examples = read_examples(path)
            except (OSError, TableError) as error:
                message = getattr(error, "message", str(error))
                raise CommandError(f"{path}: {message}") from None
            for line in report(path.name, score_table(examples)):
                self.stdout.write(line)
