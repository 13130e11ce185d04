"""Database work from async code: the hot path checks its connection at most once a second."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.db import OperationalError, connections

from samfunnslab.core import dbthread

pytestmark = pytest.mark.django_db(transaction=True)


class Checks:
    """Counts the health checks (`is_usable`) and the new connections of whatever thread runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.opened = 0
        dbthread._tidied_at.clear()  # every thread is due a tidy-up
        wrapper_class = type(connections["default"])
        original = wrapper_class.is_usable
        original_connect = wrapper_class.get_new_connection

        def counted(wrapper: Any) -> bool:
            self.count += 1
            return bool(original(wrapper))

        def counted_connect(wrapper: Any, params: Any) -> Any:
            self.opened += 1
            return original_connect(wrapper, params)

        monkeypatch.setattr(wrapper_class, "is_usable", counted)
        monkeypatch.setattr(wrapper_class, "get_new_connection", counted_connect)
        # as in production (config/settings.py): checks on
        assert connections["default"].settings_dict["CONN_HEALTH_CHECKS"]


def query() -> int:
    from django.db import connection as here  # the connection of the thread this runs on

    with here.cursor() as cursor:
        cursor.execute("SELECT 1")
        return int(cursor.fetchone()[0])


def run_many(wrap: Any, times: int) -> None:
    async def many() -> None:
        for _ in range(times):
            assert await wrap(query)() == 1

    async_to_sync(many)()


def test_twenty_calls_in_a_row_check_the_connection_at_most_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checks = Checks(monkeypatch)
    run_many(dbthread.seldom_checked_sync_to_async, 20)
    # One tidy-up for the twenty calls: it checks a connection that is open (SQLite here), or
    # finds it past its age and the next query opens a fresh one, which needs no check
    # (PostgreSQL under the test runner). Either way the twenty calls share one connection.
    assert checks.count <= 1
    assert checks.opened <= 1
    assert checks.count + checks.opened >= 1, "the calls were tidied once before the first"


def test_channels_own_wrapper_checks_before_every_call_which_is_what_this_spares(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checks = Checks(monkeypatch)
    run_many(database_sync_to_async, 20)
    assert checks.count >= 19


def test_after_a_second_the_connection_is_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = Checks(monkeypatch)
    clock = [1000.0]
    monkeypatch.setattr(dbthread, "clock", lambda: clock[0])
    run_many(dbthread.seldom_checked_sync_to_async, 3)
    before = checks.count
    clock[0] += dbthread.TIDY_EVERY_SECONDS
    run_many(dbthread.seldom_checked_sync_to_async, 3)
    assert checks.count == before + 1


def test_a_call_that_fails_has_its_connection_tidied_before_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tidied: list[str] = []
    monkeypatch.setattr(dbthread, "close_old_connections", lambda: tidied.append("tidy"))
    run_many(dbthread.seldom_checked_sync_to_async, 1)
    tidied.clear()

    def broken() -> None:
        raise OperationalError("server closed the connection unexpectedly")

    async def fail() -> None:
        await dbthread.seldom_checked_sync_to_async(broken)()

    with pytest.raises(OperationalError):
        async_to_sync(fail)()
    assert tidied == ["tidy"]
