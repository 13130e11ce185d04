"""Fixtures for the statbank tests: the shared real data folder and the committed snapshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SHARED_DATA_DIR", REPO.parent / "shared" / "data"))
SNAPSHOT = REPO / "data" / "snapshot"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The real source files (skips when this machine does not have them)."""
    if not (SHARED / "PROVENANCE.md").exists():
        pytest.skip(f"shared data folder {SHARED} is not available")
    return SHARED


@pytest.fixture(scope="session")
def snapshot_dir() -> Path:
    """The committed snapshot in data/snapshot/."""
    return SNAPSHOT


@pytest.fixture(scope="session")
def fixtures(shared: Path) -> Path:
    """The four real JSON-stat 2.0 answers from SSB."""
    return shared / "ssb" / "jsonstat_fixtures"
