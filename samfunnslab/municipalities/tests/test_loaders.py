"""Every loader of Min kommune reads the snapshot folder named by settings.SNAPSHOT_DIR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samfunnslab.municipalities import loaders
from statbank.errors import StatInputError
from statbank.snapshot import SNAPSHOT_DIR


@pytest.fixture
def fresh_loaders():
    loaders.regions.cache_clear()
    loaders.national_projection.cache_clear()
    yield
    loaders.regions.cache_clear()
    loaders.national_projection.cache_clear()


def test_an_empty_snapshot_folder_means_no_outlines_rather_than_the_default_ones(
    settings, tmp_path: Path
):
    settings.SNAPSHOT_DIR = tmp_path
    assert loaders.geo() is None


def test_the_snapshot_and_regions_come_from_the_configured_folder(
    settings, tmp_path: Path, fresh_loaders
):
    settings.SNAPSHOT_DIR = tmp_path
    with pytest.raises((FileNotFoundError, StatInputError)):
        loaders.snapshot()
    with pytest.raises(FileNotFoundError):
        loaders.regions()


def test_a_copy_of_the_snapshot_elsewhere_is_read_from_there(
    settings, tmp_path: Path, fresh_loaders
):
    copy = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT_DIR, copy)
    settings.SNAPSHOT_DIR = copy
    assert loaders.geo() is not None
    assert loaders.snapshot().population.codes[0] == "0301"
    assert loaders.resolve_code("0101") == ("3101",)
    assert loaders.national_projection().edition == loaders.PROJECTION_EDITION
