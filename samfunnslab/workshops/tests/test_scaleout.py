"""Scale-out: two server processes share one workshop through PostgreSQL and Redis.

A phone's socket is on server A; the answer is posted to server B; A's phone still gets the live
update, because the Channels layer is Redis. Runs in the PostgreSQL + Redis pass of `make test`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.db import connection
from websockets.sync.client import connect

from e2e.server import AppServer
from samfunnslab.workshops import services
from samfunnslab.workshops.models import ActivityKind, Workshop

pytestmark = [
    pytest.mark.scaleout,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs REDIS_URL (and DATABASE_URL=postgres://…): run `make test`",
    ),
    pytest.mark.django_db(transaction=True),
]


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://… so that two processes share the database")
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[AppServer, AppServer]]:
    env = {"DATABASE_URL": _database_url(), "REDIS_URL": os.environ["REDIS_URL"]}
    servers = (AppServer(tmp_path / "a", env=env), AppServer(tmp_path / "b", env=env))
    for server in servers:
        server.workdir.mkdir()
        server.start()
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture
def live_workshop(organisation: Any, facilitator: Any) -> Workshop:
    workshop = services.workshop_create(
        organisation=organisation, user=facilitator, title="To servere", municipality_code="1106"
    )
    services.activity_add(
        workshop=workshop, kind=ActivityKind.CHOICE, prompt="Hva?", options=["Ja", "Nei"]
    )
    return services.workshop_open(workshop=workshop)


def _join(client: httpx.Client, code: str) -> None:
    client.get(f"/d/{code}/").raise_for_status()
    client.post(
        f"/d/{code}/bli-med/",
        headers={"X-CSRFToken": client.cookies["csrftoken"], "Accept": "application/json"},
    ).raise_for_status()


def test_an_answer_posted_to_one_server_reaches_a_phone_on_the_other(
    two_servers: tuple[AppServer, AppServer], live_workshop: Workshop
) -> None:
    server_a, server_b = two_servers
    code = live_workshop.join_code
    activity = live_workshop.activities.get()
    with httpx.Client(base_url=server_b.url, timeout=10) as phone:
        _join(phone, code)
        cookie = "; ".join(f"{name}={value}" for name, value in phone.cookies.items())
        ws_url = server_a.url.replace("http://", "ws://") + f"/ws/d/{code}/"
        with connect(
            ws_url, additional_headers={"Cookie": cookie, "Origin": server_a.url}, open_timeout=10
        ) as socket:
            assert json.loads(socket.recv(timeout=10))["type"] == "state"
            body = {
                "action": "answer",
                "activity": activity.pk,
                "key": "scale-1",
                "value": {"choice": 1},
            }
            reply = phone.post(
                f"/d/{code}/svar/",
                json=body,
                headers={"X-CSRFToken": phone.cookies["csrftoken"], "Accept": "application/json"},
            )
            assert reply.json()["created"] is True
            event = json.loads(socket.recv(timeout=10))
    assert event["type"] == "activity"
    assert event["activity"]["total"] == 1
