"""Municipal reforms: map any municipality code used since 2006 to the 2024 municipality (or parts).

The mapping is the snapshot's `code_mapping.json` ({year: {code_in_year: [[code_2024, weight]]}}),
built from csdata's redistricting table. A code that was split (1507 Ålesund → 1508 Ålesund and
1580 Haram) maps to several 2024 codes; the weights are csdata's fixed shares, not population
shares, so split codes have no comparable figure at 2024 borders.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from statbank.errors import StatInputError
from statbank.snapshot import load_code_mapping


@lru_cache(maxsize=4)
def _mapping(snapshot_dir: Path) -> dict[int, dict[str, tuple[tuple[str, float], ...]]]:
    raw = load_code_mapping(snapshot_dir)
    return {
        int(year): {
            code: tuple((str(target), float(str(weight))) for target, weight in parts)
            for code, parts in codes.items()
        }
        for year, codes in raw.items()
    }


def resolve_weighted(
    code: str, year: int | None = None, *, snapshot_dir: Path
) -> list[tuple[str, float]]:
    """Return [(code_2024, weight), ...] for a code valid in `year` (any year when None)."""
    directory = Path(snapshot_dir)
    mapping = _mapping(directory)
    path = directory / "code_mapping.json"
    if year is not None:
        if year not in mapping:
            raise StatInputError(
                path,
                f"the mapping covers {min(mapping)}–{max(mapping)}",
                dimension="year",
                value=year,
            )
        years = [year]
    else:
        years = sorted(mapping, reverse=True)
    for candidate in years:
        if code in mapping[candidate]:
            return list(mapping[candidate][code])
    where = f"in {year}" if year is not None else "in any year"
    raise StatInputError(
        path, f"unknown municipality code {where}", dimension="municipality_code", value=code
    )


def resolve_code(code: str, year: int | None = None, *, snapshot_dir: Path) -> list[str]:
    """Return the 2024 code(s) that a historical municipality code belongs to (several if split)."""
    return [target for target, _ in resolve_weighted(code, year, snapshot_dir=snapshot_dir)]


def is_split(code: str, year: int | None = None, *, snapshot_dir: Path) -> bool:
    """True when the code was divided between several 2024 municipalities."""
    return len(resolve_weighted(code, year, snapshot_dir=snapshot_dir)) > 1


def whole_code_mapping(year: int, *, snapshot_dir: Path) -> dict[str, str]:
    """Return {code_in_year: code_2024} for the codes of `year` that moved whole (weight 1)."""
    directory = Path(snapshot_dir)
    mapping = _mapping(directory)
    if year not in mapping:
        raise StatInputError(
            directory / "code_mapping.json",
            f"the mapping covers {min(mapping)}–{max(mapping)}",
            dimension="year",
            value=year,
        )
    return {
        code: parts[0][0]
        for code, parts in mapping[year].items()
        if len(parts) == 1 and parts[0][1] == 1.0
    }
