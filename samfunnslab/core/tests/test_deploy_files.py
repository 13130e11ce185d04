"""The production files are consistent: compose.yaml, the Dockerfile, the Caddyfile and the env.

No Docker daemon runs where these tests run, so the image is never built here; these tests check
what can be checked without one: the compose file parses and hangs together, every COPY source and
stage exists, the commands it runs exist, and the documented env matches the settings.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))
    return data


def test_compose_has_database_redis_app_proxy_and_retention(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"db", "redis", "migrate", "web", "retention", "caddy"}
    assert compose["services"]["db"]["image"].startswith("postgres:")
    assert compose["services"]["redis"]["image"].startswith("redis:")
    assert compose["services"]["caddy"]["image"].startswith("caddy:")


def test_every_dependency_and_volume_in_compose_is_defined(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        assert "image" in service or "build" in service, name
        for dependency, condition in (service.get("depends_on") or {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            assert condition["condition"] in {"service_healthy", "service_completed_successfully"}
            if condition["condition"] == "service_healthy":
                assert "healthcheck" in services[dependency], dependency
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), volume
            else:
                assert source in compose["volumes"], volume
        env_file = service.get("env_file")
        if env_file:
            assert (ROOT / f"{env_file}.example").is_file(), env_file


def test_the_app_runs_several_uvicorn_workers_behind_caddy(compose: dict[str, Any]) -> None:
    dockerfile = (ROOT / "Dockerfile").read_text("utf-8")
    assert "--workers ${WEB_CONCURRENCY}" in dockerfile
    assert "--no-access-log" in dockerfile
    assert compose["services"]["web"]["environment"]["WEB_CONCURRENCY"].startswith(
        "${WEB_CONCURRENCY"
    )
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text("utf-8")
    assert "reverse_proxy web:8000" in caddyfile
    assert "encode zstd gzip" in caddyfile
    assert "read_header" in caddyfile


def test_the_commands_compose_runs_exist(compose: dict[str, Any]) -> None:
    from django.core.management import get_commands

    commands = get_commands()
    for name, service in compose["services"].items():
        text = (
            " ".join(service.get("command", [])) if isinstance(service.get("command"), list) else ""
        )
        for command in re.findall(r"manage\.py (\w+)", text):
            assert command in commands, f"{name} runs unknown manage.py {command}"


def test_the_dockerfile_copies_only_files_that_exist_and_names_its_stages() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text("utf-8")
    stages = re.findall(r"^FROM \S+ AS (\w+)", dockerfile, flags=re.MULTILINE)
    assert stages == ["assets", "build", "runtime"]
    for line in dockerfile.splitlines():
        if line.startswith("COPY --from="):
            source = line.split()[1].removeprefix("--from=")
            assert source in stages or "/" in source, line
        elif line.startswith("COPY ") and not line.startswith("COPY . ."):
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), line
    assert (
        "npm ci" in dockerfile and "compilemessages" in dockerfile and "collectstatic" in dockerfile
    )
    assert "USER samfunnslab" in dockerfile


def test_the_documented_env_names_only_settings_that_exist() -> None:
    settings_text = (ROOT / "config" / "settings.py").read_text("utf-8")
    env_example = (ROOT / "deploy" / "production.env.example").read_text("utf-8")
    names = re.findall(r"^#?\s*([A-Z_]+)=", env_example, flags=re.MULTILINE)
    assert "SECRET_KEY" in names and "DEBUG" in names
    for name in names:
        if name in {"WEB_CONCURRENCY", "DATABASE_URL"}:
            continue  # read by the uvicorn command line and dj-database-url
        assert f'"{name}"' in settings_text, f"{name} is documented but never read"


def test_the_backup_scripts_are_valid_bash() -> None:
    for script in ("backup.sh", "restore.sh"):
        subprocess.run(["bash", "-n", str(ROOT / "deploy" / script)], check=True)


def test_uploaded_pictures_are_kept_in_a_volume_outside_the_container(
    compose: dict[str, Any],
) -> None:
    assert "media:/app/media" in [v.split("  ")[0] for v in compose["services"]["web"]["volumes"]]
    assert "media" in compose["volumes"]
    assert "mkdir -p /app/media" in (ROOT / "Dockerfile").read_text("utf-8")
