"""Production settings: the secret key, check --deploy, security headers, cookies and passwords."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = ROOT / "deploy" / "production.env.example"


def documented_production_env() -> dict[str, str]:
    """The environment of deploy/production.env.example with a freshly generated SECRET_KEY."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    for line in PRODUCTION_ENV.read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    # No PostgreSQL/Redis connection is made by `check --deploy`; keep it on SQLite regardless.
    env["DATABASE_URL"] = "sqlite:///:memory:"
    env.pop("REDIS_URL")
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_a_secret_key_refuses_to_start_with_one_clear_sentence() -> None:
    env = {**os.environ, "DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "refuses to start: DEBUG=0 needs a real SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_off_refuses_a_short_or_development_secret_key() -> None:
    for key in ("changeme", "django-insecure-" + "x" * 60):
        result = manage("check", env={**os.environ, "DEBUG": "0", "SECRET_KEY": key})
        assert result.returncode != 0, key


def test_check_deploy_is_clean_with_the_documented_production_environment() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=documented_production_env())
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_development_key_is_flagged_by_check_deploy() -> None:
    env = {**os.environ}
    env.pop("DEBUG", None)
    env.pop("SECRET_KEY", None)
    result = manage("check", "--deploy", env=env)
    assert "security.W009" in result.stderr + result.stdout


@pytest.mark.django_db
def test_responses_carry_csp_nosniff_and_referrer_policy(client: Client) -> None:
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_hsts_is_sent_for_https_behind_the_proxy_header(settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    assert "Strict-Transport-Security" not in client.get("/")
    behind_proxy = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_ssl_redirect_spares_the_health_endpoints(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/").status_code == 301
    assert client.get("/livez").status_code == 200


@pytest.mark.django_db
def test_the_participant_cookie_is_secure_when_secure_cookies_is_on(
    settings: Any, organisation: Any, facilitator: Any
) -> None:
    from samfunnslab.workshops import services

    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="Møte", municipality_code="1106"
    )
    workshop = services.workshop_open(workshop=workshop)
    settings.SECURE_COOKIES = True
    response = Client().post(f"/d/{workshop.join_code}/bli-med/")
    cookie = response.cookies[f"deltaker_{workshop.pk}"]
    assert cookie["secure"]
    assert cookie["httponly"]


@pytest.mark.django_db
def test_user_create_refuses_a_weak_password() -> None:
    from samfunnslab.accounts.services import user_create

    with pytest.raises(ValidationError):
        user_create(username="kari", password="1")
    with pytest.raises(ValidationError):
        user_create(username="kari", password="1234567890")


@pytest.mark.django_db
def test_load_demo_creates_the_demo_login_only_when_asked(settings: Any) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from samfunnslab.core.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME

    def demo_can_log_in() -> bool:
        return get_user_model().objects.get(username=DEMO_USERNAME).check_password(DEMO_PASSWORD)

    settings.DEMO_LOGIN = False
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not demo_can_log_in()
    settings.DEMO_LOGIN = True
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert demo_can_log_in()
    settings.DEMO_LOGIN = False
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not demo_can_log_in()


def test_production_never_enables_the_demo_login() -> None:
    env = {**documented_production_env(), "DEMO_LOGIN": "1"}
    code = "from django.conf import settings; print(settings.DEMO_LOGIN)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.django_db
def test_the_api_docs_are_served_from_our_own_static_files(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle" in html
    assert "cdn" not in html.lower()
    assert '<html lang="en">' in html
