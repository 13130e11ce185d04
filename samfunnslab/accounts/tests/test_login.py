from __future__ import annotations

from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse


def test_passwords_are_hashed_with_argon2(db, settings):
    from config import settings as project_settings
    from samfunnslab.accounts.services import user_create

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = user_create(username="dora", password="correct-horse-battery")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_a_facilitator_can_log_in(client, facilitator):
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302


def test_a_wrong_password_gives_a_plain_message(client, facilitator):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    assert "Feil brukernavn eller passord" in response.content.decode()


def test_repeated_failures_lock_the_account(client, facilitator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "Midlertidig sperret" in response.content.decode()
