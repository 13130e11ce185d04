"""Where this app's statistics come from: the embedded snapshot, national projections, headline facts.

Everything here is loaded once per process. The national projections come from
`statbank.national.load_national` when the snapshot has them, and otherwise straight from the
shared CSV through `statbank.national.parse_projections` (same parser, no second copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings

from projection.national import NationalProjection
from statbank import reforms
from statbank.errors import StatInputError
from statbank.geo import GeoData, load_geo
from statbank.snapshot import Snapshot, load_regions, load_snapshot

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


def snapshot() -> Snapshot:
    """Return the configured snapshot (cached per process by statbank)."""
    return load_snapshot(snapshot_dir())


@lru_cache(maxsize=1)
def regions() -> RegionArrays:
    """Return the county and nation arrays of the snapshot."""
    raw = load_regions(snapshot_dir())
    years = tuple(int(y) for y in raw["years"])
    counties = np.stack([raw[f"county_{y}"] for y in years]).astype(np.float64)
    nation = np.stack([raw[f"nation_{y}"][0] for y in years]).astype(np.float64)
    codes = tuple(str(c) for c in raw["county_codes"])
    return RegionArrays(years, codes, counties, nation)


@lru_cache(maxsize=4)
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
    from statbank import national

    directory = snapshot_dir()
    if (directory / "national.npz").exists():
        return national.load_national(directory).inputs.projections
    return national.parse_projections(Path(settings.SHARED_DATA_DIR) / national.PROJECTIONS_CSV)


@lru_cache(maxsize=1)
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
