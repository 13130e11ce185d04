"""Every loader of the statistics gate reads the snapshot folder named by settings.SNAPSHOT_DIR."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from samfunnslab.core import statistics
from statbank.errors import StatInputError

REAL_SNAPSHOT = Path(django_settings.SNAPSHOT_DIR)


@pytest.fixture
def fresh_loaders():
    statistics.regions.cache_clear()
    statistics.national_projection.cache_clear()
    yield
    statistics.regions.cache_clear()
    statistics.national_projection.cache_clear()


def test_an_empty_snapshot_folder_means_no_outlines_rather_than_the_default_ones(
    settings, tmp_path: Path
):
    settings.SNAPSHOT_DIR = tmp_path
    assert statistics.geo() is None


def test_the_snapshot_and_regions_come_from_the_configured_folder(
    settings, tmp_path: Path, fresh_loaders
):
    settings.SNAPSHOT_DIR = tmp_path
    with pytest.raises((FileNotFoundError, StatInputError)):
        statistics.snapshot()
    with pytest.raises(FileNotFoundError):
        statistics.regions()


def test_a_copy_of_the_snapshot_elsewhere_is_read_from_there(
    settings, tmp_path: Path, fresh_loaders
):
    copy = tmp_path / "snapshot"
    shutil.copytree(REAL_SNAPSHOT, copy)
    settings.SNAPSHOT_DIR = copy
    assert statistics.geo() is not None
    assert statistics.snapshot().population.codes[0] == "0301"
    assert statistics.resolve_code("0101") == ("3101",)
    assert statistics.national_projection().edition == statistics.PROJECTION_EDITION
