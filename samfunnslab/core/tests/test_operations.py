"""Health endpoints, the access log without client IPs, JSON log lines and the error webhook."""

from __future__ import annotations

import json
import logging
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from samfunnslab.core.logging import JsonFormatter, WebhookHandler


@pytest.mark.django_db
def test_readyz_reports_database_redis_and_snapshot_ok(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok", "snapshot": "ok"}


@pytest.mark.django_db
def test_readyz_is_unavailable_without_the_snapshot(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.SNAPSHOT_DIR = tmp_path
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["snapshot"].startswith("snapshot: no readable MANIFEST")


@pytest.mark.django_db
def test_readyz_is_unavailable_when_redis_does_not_answer(client: Client, settings: Any) -> None:
    with socket_on_loopback() as port:  # a port where nothing listens once closed
        pass
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("redis: ")


def test_livez_answers_without_touching_the_database() -> None:
    assert Client().get("/livez").json() == {"status": "ok"}


@pytest.mark.django_db
def test_the_access_log_has_path_and_status_but_no_client_ip(client: Client, caplog: Any) -> None:
    with caplog.at_level(logging.INFO, logger="samfunnslab.access"):
        client.get("/delta/", REMOTE_ADDR="203.0.113.7")
    records = [r for r in caplog.records if r.name == "samfunnslab.access"]
    assert records and records[-1].path == "/delta/" and records[-1].status == 200
    line = JsonFormatter().format(records[-1])
    assert "203.0.113.7" not in line
    assert json.loads(line)["path"] == "/delta/"


@pytest.mark.django_db
def test_the_access_log_keeps_the_ip_only_when_asked(
    client: Client, caplog: Any, settings: Any
) -> None:
    settings.LOG_CLIENT_IP = True
    with caplog.at_level(logging.INFO, logger="samfunnslab.access"):
        client.get("/delta/", REMOTE_ADDR="203.0.113.7")
    assert caplog.records[-1].client_ip == "203.0.113.7"


def test_json_lines_carry_level_logger_message_and_exception() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed %s", ("here",), exc_info=sys.exc_info()
        )
    payload = json.loads(JsonFormatter().format(record))
    assert payload["level"] == "ERROR" and payload["message"] == "failed here"
    assert "ValueError: boom" in payload["exception"]


class socket_on_loopback:  # noqa: N801 - used as a context manager
    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return int(self.sock.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def test_the_error_webhook_posts_error_records_as_json() -> None:
    received: list[dict[str, Any]] = []
    done = threading.Event()

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers["Content-Length"])
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()
            done.set()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        handler = WebhookHandler(f"http://127.0.0.1:{server.server_port}/hook")
        logger = logging.getLogger("samfunnslab.test.webhook")
        logger.addHandler(handler)
        logger.warning("not sent")
        logger.error("database went away", extra={"workshop": 7})
        assert done.wait(10)
        handler.records.join()
        logger.removeHandler(handler)
    finally:
        server.shutdown()
    assert [r["message"] for r in received] == ["database went away"]
    assert received[0]["workshop"] == 7
