"""The Norge 2040 headline facts (sourced statements about the health and care workforce).

`build_headline` copies the facts from the shared CSV into the embedded snapshot, so the app
shows them with their sources on any machine, not only where the shared data folder lies beside
the repository.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from statbank.errors import StatInputError

HEADLINE_CSV = "headline/norway_2040_headline_facts.csv"
HEADLINE_JSON = "headline.json"
COLUMNS = ("fact_id", "value", "unit", "reference_period", "source_name", "source")


def read_headline_csv(path: Path) -> list[dict[str, str]]:
    """Return the facts of the CSV, each with the columns the app uses, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise StatInputError(path, "columns missing", dimension="column", value=missing)
        return [{c: row[c] for c in COLUMNS} for row in reader]


def build_headline(source_dir: Path, out_dir: Path) -> list[Path]:
    """Write headline.json from the shared CSV (sorted keys, so rebuilds are byte-identical)."""
    facts = read_headline_csv(source_dir / HEADLINE_CSV)
    out = out_dir / HEADLINE_JSON
    out.write_text(json.dumps(facts, sort_keys=True, ensure_ascii=False, indent=0) + "\n", "utf-8")
    return [out]


def load_headline(snapshot_dir: Path) -> list[dict[str, str]]:
    """Return the facts embedded in the snapshot (empty when this snapshot has none)."""
    path = snapshot_dir / HEADLINE_JSON
    if not path.exists():
        return []
    facts: list[dict[str, str]] = json.loads(path.read_text("utf-8"))
    return facts
