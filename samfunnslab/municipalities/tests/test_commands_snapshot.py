"""The build_snapshot and fetch_ssb management commands."""

from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from samfunnslab.municipalities.management.commands import build_snapshot as build_command
from samfunnslab.municipalities.management.commands import fetch_ssb as fetch_command
from statbank.fetch import SsbClient

SHARED = Path(settings.SHARED_DATA_DIR)
FIXTURE = SHARED / "ssb/jsonstat_fixtures/07459_halden_3101_2005-2026_sex_age_jsonstat2.json"
CONFIG = Path(settings.BASE_DIR) / "statbank/tests/fixtures/pxwebapi_v2/config.json"

needs_shared = pytest.mark.skipif(
    not (SHARED / "PROVENANCE.md").exists(), reason="shared data folder not available"
)


def test_build_snapshot_lists_the_geo_builder() -> None:
    assert "statbank.geo.build_geo" in build_command.BUILDERS
    assert "statbank.national.build_national" in build_command.BUILDERS


@needs_shared
def test_build_snapshot_builds_into_the_given_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_command, "BUILDERS", ("statbank.geo.build_geo",))
    out = io.StringIO()
    call_command(
        "build_snapshot", "--source", str(SHARED), "--out", str(tmp_path / "snap"), stdout=out
    )
    assert "geo.json" in out.getvalue() and "Snapshot built" in out.getvalue()
    manifest = json.loads((tmp_path / "snap/MANIFEST.json").read_text())
    assert "kartverket/kommuner_2024_S.topojson" in manifest["sources"]


def test_build_snapshot_refuses_a_missing_source_folder(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "build_snapshot", "--source", str(tmp_path / "nope"), "--out", str(tmp_path / "snap")
        )


@needs_shared
def test_a_failed_build_says_the_snapshot_was_not_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_command, "BUILDERS", ("statbank.geo.build_geo",))
    snap = tmp_path / "snap"
    call_command(
        "build_snapshot", "--source", str(SHARED), "--out", str(snap), stdout=io.StringIO()
    )
    before = (snap / "geo.json").read_bytes()
    broken = tmp_path / "broken"
    (broken / "kartverket").mkdir(parents=True)
    (broken / "kartverket/kommuner_2024_S.topojson").write_text("{not json", "utf-8")
    with pytest.raises(CommandError, match="snapshot was not changed.*kommuner_2024_S.topojson"):
        call_command("build_snapshot", "--source", str(broken), "--out", str(snap))
    assert (snap / "geo.json").read_bytes() == before


def mock_client(handler: httpx.MockTransport, cache: Path) -> SsbClient:
    """An SsbClient on a mock transport that never really waits."""
    return SsbClient(
        client=httpx.Client(transport=handler), cache_dir=cache, sleep=lambda seconds: None
    )


@needs_shared
def test_fetch_ssb_saves_the_json_stat_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = json.loads(FIXTURE.read_text("utf-8"))
    metadata = {k: v for k, v in answer.items() if k != "value"}
    seen: list[httpx.Request] = []

    def ssb(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/config"):
            return httpx.Response(200, content=CONFIG.read_bytes())
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, json=metadata)
        return httpx.Response(200, content=FIXTURE.read_bytes())

    monkeypatch.setattr(
        fetch_command, "make_client", lambda cache: mock_client(httpx.MockTransport(ssb), cache)
    )
    out = io.StringIO()
    call_command(
        "fetch_ssb",
        "--table",
        "07459",
        "--years",
        "2024-2026",
        "--region",
        "3101",
        "--out",
        str(tmp_path / "ssb"),
        stdout=out,
    )
    saved = tmp_path / "ssb/07459_2024-2026.json"
    assert saved.read_bytes() == FIXTURE.read_bytes()
    assert "3 request(s)" in out.getvalue() and "CC BY 4.0" in out.getvalue()
    assert "Limits: https://data.ssb.no/api/pxwebapi/v2/config" in out.getvalue()
    data = seen[2]
    assert data.method == "POST"
    sent = {s["variableCode"]: s["valueCodes"] for s in json.loads(data.content)["selection"]}
    assert sent["Region"] == ["*"]  # 3101 is every region the recorded table has
    assert sent["Tid"] == ["2024", "2025", "2026"]
    assert any((tmp_path / "ssb/.cache").iterdir())


def test_fetch_ssb_offline_gives_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)

    monkeypatch.setattr(
        fetch_command, "make_client", lambda cache: mock_client(httpx.MockTransport(offline), cache)
    )
    with pytest.raises(CommandError, match="Nothing was fetched from SSB. Cannot reach SSB"):
        call_command("fetch_ssb", "--table", "14746", "--region", "0301", "--out", str(tmp_path))


def test_fetch_ssb_refuses_a_malformed_year(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="YYYY"):
        call_command(
            "fetch_ssb",
            "--table",
            "07459",
            "--years",
            "next",
            "--region",
            "0301",
            "--out",
            str(tmp_path),
        )
