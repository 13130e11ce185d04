"""The one gate to the statistics: every app reaches the embedded snapshot through this module.

The folder is always `settings.SNAPSHOT_DIR` (statbank's loaders take an explicit folder and have
no default), so one setting means one snapshot on every page. Everything is loaded once per process
and folder: `per_snapshot` is `lru_cache` keyed on the folder too, for the apps' own derived
figures (rates, baselines, page figures), so changing `SNAPSHOT_DIR` never serves a stale number.

The national projections come from `statbank.national.load_national` when the snapshot has them,
and otherwise straight from the shared CSV through `statbank.national.parse_projections` (same
parser, no second copy). An import-linter contract keeps the apps from importing
`statbank.snapshot`, `statbank.national` or `statbank.geo` themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import numpy as np
from django.conf import settings

from projection.national import NationalProjection
from statbank import reforms
from statbank.classifications import MunicipalityInfo
from statbank.cube import PopulationCube
from statbank.errors import StatInputError
from statbank.geo import GeoData, load_geo, project_to_svg, svg_path
from statbank.national import CARE_SOURCE, LABOUR_SOURCE, NationalData, load_national
from statbank.snapshot import (
    Snapshot,
    load_code_mapping,
    load_population,
    load_regions,
    load_snapshot,
)

__all__ = [
    "CARE_SOURCE",
    "LABOUR_SOURCE",
    "GeoData",
    "HeadlineFact",
    "MunicipalityInfo",
    "NationalData",
    "PopulationCube",
    "RegionArrays",
    "Snapshot",
    "code_mapping",
    "geo",
    "headline_facts",
    "municipality",
    "national",
    "national_at",
    "national_projection",
    "per_snapshot",
    "population",
    "population_at",
    "project_to_svg",
    "regions",
    "resolve_code",
    "snapshot",
    "snapshot_dir",
    "svg_path",
]

P = ParamSpec("P")
R = TypeVar("R")

PROJECTION_EDITION = 2026
PROJECTION_ALTERNATIVE = "MMMM"
PROJECTION_TABLE = "14746"


@dataclass(frozen=True)
class RegionArrays:
    """County and nation population blocks: (years, regions, 2, 106)."""

    years: tuple[int, ...]
    county_codes: tuple[str, ...]
    counties: np.ndarray
    nation: np.ndarray  # (years, 2, 106)

    def county(self, code: str) -> np.ndarray:
        """Return the (years, 2, 106) block of one county, or raise KeyError."""
        if code not in self.county_codes:
            raise KeyError(f"unknown county code {code!r}")
        return self.counties[:, self.county_codes.index(code)]


@dataclass(frozen=True)
class HeadlineFact:
    """One row of the Norge 2040 headline facts, with its source."""

    fact_id: str
    value: str
    unit: str
    period: str
    source_name: str
    source_url: str


def snapshot_dir() -> Path:
    """Return the configured snapshot directory (`settings.SNAPSHOT_DIR`)."""
    return Path(settings.SNAPSHOT_DIR)


def per_snapshot(maxsize: int | None = 128) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache a function of the statistics per process AND snapshot folder (`lru_cache` + folder)."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @lru_cache(maxsize=maxsize)
        def cached(_directory: Path, *args: Any, **kwargs: Any) -> R:
            return function(*args, **kwargs)

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            return cached(snapshot_dir(), *args, **kwargs)

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return wrapper

    return decorate


def snapshot() -> Snapshot:
    """Return the configured snapshot (cached per process and folder by statbank)."""
    return load_snapshot(snapshot_dir())


def population(*, until_year: int | None = None) -> PopulationCube:
    """Return the registered population cube (up to `until_year` when given)."""
    return load_population(snapshot_dir(), until_year=until_year)


def population_at(directory: Path, *, until_year: int | None = None) -> PopulationCube:
    """Return the population cube of another snapshot folder (commands with --snapshot-dir)."""
    return load_population(directory, until_year=until_year)


def national_at(directory: Path, *, until_year: int | None = None) -> NationalData:
    """Return the national inputs of another snapshot folder (commands with --snapshot-dir)."""
    return load_national(directory, until_year=until_year)


def municipality(code: str) -> MunicipalityInfo:
    """Return one municipality's classification, or raise KeyError."""
    return snapshot().info(code)


@per_snapshot(maxsize=4)
def national(*, until_year: int | None = None) -> NationalData:
    """Return the snapshot's national inputs as known in `until_year` (FileNotFoundError if none)."""
    return load_national(snapshot_dir(), until_year=until_year)


def code_mapping() -> dict[str, dict[str, list[list[object]]]]:
    """Return {year: {code_in_year: [[code_2024, weight], ...]}} from the snapshot."""
    return load_code_mapping(snapshot_dir())


@per_snapshot(maxsize=1)
def regions() -> RegionArrays:
    """Return the county and nation arrays of the snapshot."""
    raw = load_regions(snapshot_dir())
    years = tuple(int(y) for y in raw["years"])
    counties = np.stack([raw[f"county_{y}"] for y in years]).astype(np.float64)
    nation = np.stack([raw[f"nation_{y}"][0] for y in years]).astype(np.float64)
    codes = tuple(str(c) for c in raw["county_codes"])
    return RegionArrays(years, codes, counties, nation)


@per_snapshot(maxsize=4)
def national_projection(
    edition: int = PROJECTION_EDITION, alternative: str = PROJECTION_ALTERNATIVE
) -> NationalProjection:
    """Return SSB's national projection of one edition and alternative (age groups, both sexes)."""
    for series in _national_series():
        if series.edition == edition and series.alternative == alternative:
            return series
    raise KeyError(f"no national projection {edition} {alternative}")


def _national_series() -> tuple[NationalProjection, ...]:
    """Read all national projection series from the snapshot, or from the shared CSV."""
    from statbank.national import PROJECTIONS_CSV, parse_projections

    directory = snapshot_dir()
    if (directory / "national.npz").exists():
        return national().inputs.projections
    return parse_projections(Path(settings.SHARED_DATA_DIR) / PROJECTIONS_CSV)


@per_snapshot(maxsize=1)
def headline_facts() -> dict[str, HeadlineFact]:
    """Return the Norge 2040 headline facts by id, from the snapshot (or the shared CSV)."""
    from statbank import headline

    rows = headline.load_headline(snapshot_dir())
    if not rows:
        path = Path(settings.SHARED_DATA_DIR) / headline.HEADLINE_CSV
        rows = headline.read_headline_csv(path) if path.exists() else []
    return {
        row["fact_id"]: HeadlineFact(
            row["fact_id"],
            row["value"],
            row["unit"],
            row["reference_period"],
            row["source_name"],
            row["source"],
        )
        for row in rows
    }


def resolve_code(code: str) -> tuple[str, ...]:
    """Return the 2024 code(s) for a current or historical municipality code (empty if unknown)."""
    if code in snapshot().population.codes:
        return (code,)
    try:
        return tuple(dict.fromkeys(reforms.resolve_code(code, snapshot_dir=snapshot_dir())))
    except StatInputError:
        return ()


def geo() -> GeoData | None:
    """Return the simplified Kartverket outlines, or None while the snapshot has none."""
    try:
        return load_geo(snapshot_dir())
    except StatInputError:
        return None
