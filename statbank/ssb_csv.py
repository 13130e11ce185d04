"""SSB Statbank CSV exports of table 07459 (ISO-8859-1, `;`, three header lines).

Two layouts occur:
- long (2020–2022): `"region";"sex";"age";"Persons 2020"`
- wide (2023–2024): `"region";"age";"Persons 2023 Males";"Persons 2023 Females"`
Regions look like `"K-3101 Halden"`; `K-21-22 Svalbard…`, `K-23 Continental shelf` and
`K-Rest Divided municalities and unknown` are not municipalities and are kept apart.
`map_to_2024` moves a year's codes to 2024 borders: only whole moves (weight 1) are summed, and a
2024 municipality that received part of a split code gets NaN ("no comparable figure", never 0).
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from statbank.cube import MAX_AGE, SEXES
from statbank.errors import StatInputError

ENCODING = "iso-8859-1"
REGION_RE = re.compile(r"^K-(\d{4}) (.+)$")
OTHER_REGION_RE = re.compile(r"^K-(21-22|23|Rest) (.+)$")
AGE_RE = re.compile(r"^(\d+) years?( or older)?$")
SEX_LABELS = {"Females": "female", "Males": "male"}
LONG_VALUE_RE = re.compile(r"^Persons (\d{4})$")
WIDE_VALUE_RE = re.compile(r"^Persons (\d{4}) (Males|Females)$")
MOJIBAKE_RE = re.compile("Ã[\x80-\xbf]|Â[\x80-\xbf]|\ufffd|ï¿½")


@dataclass(frozen=True)
class StatbankExport:
    """One year of a 07459 export: municipalities × sex × age (0–105, 105 = 105+)."""

    path: str
    year: int
    codes: tuple[str, ...]
    names: dict[str, str]
    values: npt.NDArray[np.float64]  # (municipalities, 2, 106)
    other_regions: dict[str, npt.NDArray[np.float64]] = field(default_factory=dict)

    def municipality(self, code: str) -> npt.NDArray[np.float64]:
        """Return the (2, 106) block of one municipality."""
        try:
            block: npt.NDArray[np.float64] = self.values[self.codes.index(code)]
            return block
        except ValueError:
            raise StatInputError(
                self.path, "municipality not in the export", dimension="region", value=code
            ) from None


def decode_export(path: Path, raw: bytes) -> str:
    """Decode an ISO-8859-1 export, refusing UTF-8 and garbled (double-encoded) text."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise StatInputError(
            path,
            "the file is UTF-8 (it has a byte-order mark); "
            "SSB's Statbank CSV exports are ISO-8859-1",
            dimension="encoding",
            value="utf-8-sig",
        )
    if any(b >= 0x80 for b in raw):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            line = next(
                n for n, text in enumerate(raw.splitlines(), 1) if any(b >= 0x80 for b in text)
            )
            raise StatInputError(
                path,
                "the file is UTF-8, but SSB's Statbank CSV exports are "
                "ISO-8859-1 (re-export it, or convert it with iconv -t latin1)",
                line=line,
                dimension="encoding",
                value="utf-8",
            )
    text = raw.decode(ENCODING)
    for number, text_line in enumerate(text.splitlines(), start=1):
        bad = MOJIBAKE_RE.search(text_line) or re.search("[\x80-\x9f]", text_line)
        if bad:
            raise StatInputError(
                path,
                "garbled characters: the file was not saved as ISO-8859-1",
                line=number,
                dimension="encoding",
                value=text_line[max(0, bad.start() - 10) : bad.end() + 10],
            )
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(2)
            handle.seek(0)
            if head == b"\x1f\x8b":
                with gzip.open(handle) as unzipped:
                    return unzipped.read()
            return handle.read()
    except FileNotFoundError:
        raise StatInputError(path, "file not found") from None
    except (OSError, EOFError) as exc:
        raise StatInputError(path, f"cannot be read ({exc})") from None


def _age(path: Path, line: int, raw: str) -> int:
    match = AGE_RE.match(raw)
    if not match or not 0 <= int(match.group(1)) <= MAX_AGE:
        raise StatInputError(
            path, "age must look like '7 years' (0–105)", line=line, dimension="age", value=raw
        )
    return int(match.group(1))


def _sex(path: Path, line: int, raw: str) -> int:
    if raw not in SEX_LABELS:
        raise StatInputError(
            path, "sex must be 'Females' or 'Males'", line=line, dimension="sex", value=raw
        )
    return SEXES.index(SEX_LABELS[raw])


def _count(path: Path, line: int, column: str, raw: str) -> float:
    if raw in ("..", ".", ":", "-"):
        return math.nan
    try:
        number = float(raw)
    except ValueError:
        raise StatInputError(
            path, "expected a number of persons", line=line, dimension=column, value=raw
        ) from None
    if number < 0 or number != int(number):
        raise StatInputError(
            path,
            "a number of persons must be a whole number ≥ 0",
            line=line,
            dimension=column,
            value=raw,
        )
    return number


def _layout(path: Path, header: Sequence[str]) -> tuple[int, list[tuple[int, int | None]]]:
    """Return (year, [(column, sex or None for a sex column)]) for a long or wide header."""
    if header[:3] == ["region", "sex", "age"] and len(header) == 4:
        match = LONG_VALUE_RE.match(header[3])
        if match:
            return int(match.group(1)), [(3, None)]
    if header[:2] == ["region", "age"] and len(header) >= 3:
        columns: list[tuple[int, int | None]] = []
        years: set[int] = set()
        for position, name in enumerate(header[2:], start=2):
            match = WIDE_VALUE_RE.match(name)
            if not match:
                raise StatInputError(
                    path,
                    "expected 'Persons YYYY Males/Females'",
                    line=3,
                    dimension="header",
                    value=name,
                )
            years.add(int(match.group(1)))
            columns.append((position, SEXES.index(SEX_LABELS[match.group(2)])))
        if len(years) == 1:
            return years.pop(), columns
        raise StatInputError(
            path, "one year per file is supported", line=3, dimension="header", value=sorted(years)
        )
    raise StatInputError(
        path,
        "unknown layout (expected region;sex;age;Persons YYYY or "
        "region;age;Persons YYYY Males;Persons YYYY Females)",
        line=3,
        dimension="header",
        value=";".join(header),
    )


def read_statbank_export(path: Path) -> StatbankExport:
    """Parse one 07459 Statbank CSV export (long or wide layout)."""
    lines = decode_export(path, _read_bytes(path)).splitlines()
    if len(lines) < 4 or not lines[0].startswith('"07459'):
        raise StatInputError(
            path,
            "expected a 07459 export with 3 header lines",
            line=1,
            dimension="title",
            value=lines[0][:60] if lines else "",
        )
    rows = list(csv.reader(io.StringIO("\n".join(lines[2:])), delimiter=";"))
    year, columns = _layout(path, rows[0])
    cells: dict[str, dict[tuple[int, int], float]] = {}
    names: dict[str, str] = {}
    for line, row in enumerate(rows[1:], start=4):
        if not row:
            continue
        if len(row) != len(rows[0]):
            raise StatInputError(
                path,
                f"expected {len(rows[0])} fields",
                line=line,
                dimension="row",
                value=";".join(row),
            )
        region = row[0]
        match = REGION_RE.match(region) or OTHER_REGION_RE.match(region)
        if not match:
            raise StatInputError(
                path,
                "regions look like 'K-3101 Halden'",
                line=line,
                dimension="region",
                value=region,
            )
        code = match.group(1)
        names[code] = match.group(2)
        age = _age(path, line, row[2] if columns[0][1] is None else row[1])
        block = cells.setdefault(code, {})
        for position, sex in columns:
            sex_index = _sex(path, line, row[1]) if sex is None else sex
            key = (sex_index, age)
            if key in block:
                raise StatInputError(
                    path,
                    f"duplicate cell for {code} {SEXES[sex_index]}",
                    line=line,
                    dimension="age",
                    value=age,
                )
            block[key] = _count(path, line, rows[0][position], row[position])
    return _assemble(path, year, cells, names)


def _assemble(
    path: Path, year: int, cells: dict[str, dict[tuple[int, int], float]], names: dict[str, str]
) -> StatbankExport:
    blocks: dict[str, npt.NDArray[np.float64]] = {}
    for code, block in cells.items():
        values = np.full((2, MAX_AGE + 1), np.nan)
        for sex in range(2):
            for age in range(MAX_AGE + 1):
                if (sex, age) not in block:
                    raise StatInputError(
                        path,
                        f"missing cell for {code} {SEXES[sex]} in {year}",
                        dimension="age",
                        value=age,
                    )
                values[sex, age] = block[(sex, age)]
        blocks[code] = values
    codes = tuple(sorted(c for c in blocks if c.isdigit() and len(c) == 4))
    if not codes:
        raise StatInputError(
            path, "no municipalities in the export", dimension="region", value=None
        )
    return StatbankExport(
        path=str(path),
        year=year,
        codes=codes,
        names={c: names[c] for c in codes},
        values=np.stack([blocks[c] for c in codes]),
        other_regions={c: v for c, v in blocks.items() if c not in codes},
    )


def map_to_2024(
    export: StatbankExport,
    parts: Mapping[str, Sequence[tuple[str, float]]],
    codes_2024: Sequence[str],
) -> npt.NDArray[np.float64]:
    """Sum the export onto 2024 codes (whole moves only); split receivers become NaN."""
    position = {code: i for i, code in enumerate(codes_2024)}
    out = np.zeros((len(codes_2024), 2, MAX_AGE + 1))
    received = np.zeros(len(codes_2024), dtype=bool)
    for i, code in enumerate(export.codes):
        if code not in parts:
            raise StatInputError(
                export.path,
                f"code not in the {export.year} code mapping",
                dimension="region",
                value=code,
            )
        targets = parts[code]
        for target, weight in targets:
            if target not in position:
                raise StatInputError(
                    export.path,
                    "maps to an unknown 2024 municipality",
                    dimension="region",
                    value=f"{code} → {target}",
                )
            if len(targets) == 1 and weight == 1.0:
                out[position[target]] += export.values[i]
                received[position[target]] = True
            else:
                out[position[target]] = np.nan
    out[~received] = np.nan
    return out
