"""Parsers for the classification files: municipalities, counties, BA regions, centrality."""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from statbank.errors import StatInputError

CODE_RE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class MunicipalityInfo:
    code: str
    name: str
    county_code: str
    county_name: str
    ba_region_code: str
    ba_region_name: str
    centrality_class: int
    centrality_index: int

    def as_dict(self) -> dict[str, object]:
        """Return the record as a plain dict (for JSON)."""
        return asdict(self)


def read_csv_rows(path: Path, required: set[str]) -> list[dict[str, str]]:
    """Read a UTF-8 CSV and check that its header has the required columns."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = required - set(reader.fieldnames or [])
            if missing:
                raise StatInputError(path, f"missing column(s) {sorted(missing)}", line=1)
            return list(reader)
    except UnicodeDecodeError as exc:
        raise StatInputError(
            path, f"not UTF-8 encoded ({exc.reason} at byte {exc.start})"
        ) from None
    except FileNotFoundError:
        raise StatInputError(path, "file not found") from None


def _check_code(path: Path, line: int, code: str) -> str:
    if not CODE_RE.match(code):
        raise StatInputError(
            path,
            "municipality codes are four digits",
            line=line,
            dimension="municipality_code",
            value=code,
        )
    return code


def parse_centrality(path: Path) -> dict[str, tuple[int, int]]:
    """Return {code: (class 1–6, index 0–1000)}."""
    rows = read_csv_rows(path, {"municipality_code", "centrality_class", "centrality_index"})
    result: dict[str, tuple[int, int]] = {}
    for line, row in enumerate(rows, start=2):
        code = _check_code(path, line, row["municipality_code"])
        try:
            klass, index = int(row["centrality_class"]), int(row["centrality_index"])
        except ValueError:
            raise StatInputError(
                path,
                "centrality must be whole numbers",
                line=line,
                dimension="centrality_class",
                value=row["centrality_class"],
            ) from None
        if not 1 <= klass <= 6:
            raise StatInputError(
                path,
                "centrality class must be 1–6",
                line=line,
                dimension="centrality_class",
                value=klass,
            )
        result[code] = (klass, index)
    return result


def parse_municipalities(
    municipalities_csv: Path, centrality_csv: Path
) -> tuple[MunicipalityInfo, ...]:
    """Join the municipality/county/BA-region table with the centrality table."""
    centrality = parse_centrality(centrality_csv)
    rows = read_csv_rows(
        municipalities_csv,
        {
            "municipality_code",
            "municipality_name",
            "county_code",
            "county_name",
            "ba_region_code",
            "ba_region_name",
        },
    )
    infos = []
    for line, row in enumerate(rows, start=2):
        code = _check_code(municipalities_csv, line, row["municipality_code"])
        if code not in centrality:
            raise StatInputError(
                centrality_csv,
                "municipality has no centrality class",
                dimension="municipality_code",
                value=code,
            )
        klass, index = centrality[code]
        infos.append(
            MunicipalityInfo(
                code=code,
                name=row["municipality_name"],
                county_code=row["county_code"],
                county_name=row["county_name"],
                ba_region_code=row["ba_region_code"],
                ba_region_name=row["ba_region_name"],
                centrality_class=klass,
                centrality_index=index,
            )
        )
    return tuple(sorted(infos, key=lambda info: info.code))


def parse_code_mapping(path: Path) -> list[tuple[int, str, str, float]]:
    """Return (year, code_in_year, code_2024, weight) rows of the municipal reform mapping."""
    rows = read_csv_rows(path, {"year", "code_in_year", "municipality_code_2024", "weight"})
    out = []
    for line, row in enumerate(rows, start=2):
        out.append(
            (
                int(row["year"]),
                _check_code(path, line, row["code_in_year"]),
                _check_code(path, line, row["municipality_code_2024"]),
                float(row["weight"]),
            )
        )
    return out
