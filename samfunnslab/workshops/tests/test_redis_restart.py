"""Faults: two server processes, a Redis of the test's own that stops and restarts mid-workshop.

While Redis is down, answers are still stored (the cache degrades to each process's memory; the
live event is lost, not the answer). After Redis is back, the rooms re-join their groups and the
phone on server A gets live updates again for answers posted to server B — on the same socket,
without restarting anything. Needs PostgreSQL (two processes share the database).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from e2e.server import AppServer
from samfunnslab.core.tests.redis_process import RedisProcess
from samfunnslab.workshops.models import Response, Workshop
from samfunnslab.workshops.tests.test_scaleout import _database_url, _join
from samfunnslab.workshops.tests.test_scaleout import live_workshop as live_workshop  # fixture

pytestmark = [pytest.mark.scaleout, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_process(tmp_path: Path) -> Iterator[RedisProcess]:
    (tmp_path / "redis").mkdir()
    server = RedisProcess(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def two_servers(
    tmp_path: Path, redis_process: RedisProcess
) -> Iterator[tuple[AppServer, AppServer]]:
    env = {"DATABASE_URL": _database_url(), "REDIS_URL": redis_process.url}
    servers = (AppServer(tmp_path / "a", env=env), AppServer(tmp_path / "b", env=env))
    for server in servers:
        server.workdir.mkdir()
        server.start()
    yield servers
    for server in servers:
        server.stop()


def _answer(phone: httpx.Client, code: str, activity_id: int, key: str) -> httpx.Response:
    return phone.post(
        f"/d/{code}/svar/",
        json={"action": "answer", "activity": activity_id, "key": key, "value": {"choice": 1}},
        headers={"X-CSRFToken": phone.cookies["csrftoken"], "Accept": "application/json"},
    )


def _total_seen(socket: ClientConnection, expected: int) -> int:
    """Read events until an activity total reaches `expected` (or the socket goes quiet)."""
    total = -1
    while total < expected:
        try:
            event = json.loads(socket.recv(timeout=45))
        except TimeoutError:
            return total
        if event.get("type") == "activity":
            total = event["activity"]["total"]
    return total


def test_live_updates_resume_after_a_redis_restart_and_answers_are_kept_while_it_is_down(
    two_servers: tuple[AppServer, AppServer], redis_process: RedisProcess, live_workshop: Workshop
) -> None:
    server_a, server_b = two_servers
    code = live_workshop.join_code
    activity = live_workshop.activities.get()
    phones = [httpx.Client(base_url=server_b.url, timeout=15) for _ in range(3)]
    watcher = httpx.Client(base_url=server_a.url, timeout=15)
    try:
        for phone in [*phones, watcher]:
            _join(phone, code)
        cookie = "; ".join(f"{name}={value}" for name, value in watcher.cookies.items())
        ws_url = server_a.url.replace("http://", "ws://") + f"/ws/d/{code}/"
        with connect(
            ws_url, additional_headers={"Cookie": cookie, "Origin": server_a.url}, open_timeout=10
        ) as socket:
            assert json.loads(socket.recv(timeout=10))["type"] == "state"
            assert _answer(phones[0], code, activity.pk, "before").json()["created"] is True
            assert _total_seen(socket, 1) == 1

            redis_process.stop()
            while_down = _answer(phones[1], code, activity.pk, "during")
            assert while_down.status_code == 200, while_down.text
            assert while_down.json()["created"] is True
            assert Response.objects.filter(activity=activity).count() == 2

            redis_process.start()
            # The room on A re-joins with backoff and resyncs; answers keep coming in meanwhile.
            # Each answer after the restart is a new chance for an event to reach the phone.
            total = -1
            for attempt in range(8):
                assert _answer(phones[2], code, activity.pk, f"after-{attempt}").status_code == 200
                total = _total_seen(socket, 3)
                if total == 3:
                    break
            assert total == 3, "no live update reached server A's phone after Redis came back"
    finally:
        for client in [*phones, watcher]:
            client.close()
