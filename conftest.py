"""Project-wide test setup: no network except loopback, and named personas for access tests."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: Any) -> bool:
    if isinstance(address, str):  # AF_UNIX
        return True
    host = address[0]
    if host in ("localhost", "testserver"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise OSError(f"Network access is disabled in tests (tried {address!r})")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise OSError(f"Network access is disabled in tests (tried {address!r})")
    return _real_connect_ex(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load the shipped content (`manage.py sync_content`) once into each test database.

    Migrations hold only schema, so this is how tests get the method library, the register and the
    initiatives. Each pytest-xdist worker has its own test database and runs this once. Tests on a
    transactional database run last (pytest-django orders them so) and flush the content.
    """
    from samfunnslab.core.content import content_sync

    with django_db_blocker.unblock():
        content_sync()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Hash test passwords with a fast hasher; production uses Argon2 (tested in accounts)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _answers_for_activities_never_shown(settings: Any) -> None:
    """Most unit tests answer activities without first showing each on the projector.

    In production phones may answer only an activity that has been shown (or a self-paced
    workshop's); the tests of that rule switch it back on (`WORKSHOP_ANSWERS_ONLY_SHOWN`).
    """
    settings.WORKSHOP_ANSWERS_ONLY_SHOWN = False


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path_factory: Any) -> None:
    """Write uploaded pictures to a fresh temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _clear_cache() -> Any:
    """Give every test a clean cache (the Redis run shares one server)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def organisation(db: Any) -> Any:
    from samfunnslab.accounts.services import organisation_create

    return organisation_create(name="Haugesund kommune", municipality_code="1106")


@pytest.fixture
def other_organisation(db: Any) -> Any:
    from samfunnslab.accounts.services import organisation_create

    return organisation_create(name="Karmøy kommune", municipality_code="1149")


@pytest.fixture
def facilitator(organisation: Any) -> Any:
    """Alice: a facilitator in Haugesund."""
    from samfunnslab.accounts.services import user_create

    return user_create(
        username="alice", password="correct-horse-battery", organisation=organisation
    )


@pytest.fixture
def colleague(organisation: Any) -> Any:
    """Bob: a viewer in the same organisation as Alice."""
    from samfunnslab.accounts.models import Role
    from samfunnslab.accounts.services import user_create

    return user_create(
        username="bob",
        password="correct-horse-battery",
        organisation=organisation,
        role=Role.VIEWER,
    )


@pytest.fixture
def outsider(other_organisation: Any) -> Any:
    """Charlie: a facilitator in another municipality."""
    from samfunnslab.accounts.services import user_create

    return user_create(
        username="charlie", password="correct-horse-battery", organisation=other_organisation
    )
