"""The ASGI handler runs synchronous request code on a few long-lived threads."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from django.core.signals import request_started

from samfunnslab.core.asgi import PooledThreadsASGIHandler

pytestmark = pytest.mark.django_db(transaction=True)


async def _get(handler: PooledThreadsASGIHandler, path: str) -> int:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }
    communicator = ApplicationCommunicator(handler, scope)
    await communicator.send_input({"type": "http.request", "body": b""})
    start = await communicator.receive_output(timeout=10)
    await communicator.receive_output(timeout=10)  # the body
    await communicator.send_input({"type": "http.disconnect"})
    await communicator.wait(timeout=10)
    return int(start["status"])


async def test_requests_reuse_the_same_long_lived_thread() -> None:
    handler = PooledThreadsASGIHandler(threads=1)
    threads: list[str] = []

    def remember(**kwargs: Any) -> None:
        threads.append(threading.current_thread().name)

    request_started.connect(remember)
    try:
        assert await _get(handler, "/healthz") == 200
        assert await _get(handler, "/healthz") == 200
    finally:
        request_started.disconnect(remember)
    assert len(threads) == 2
    assert threads[0] == threads[1]
    assert threads[0].startswith("django-sync-0")


async def test_each_request_goes_to_the_least_busy_thread() -> None:
    handler = PooledThreadsASGIHandler(threads=3)
    handler.busy = [2, 0, 1]
    threads: list[str] = []

    def remember(**kwargs: Any) -> None:
        threads.append(threading.current_thread().name)

    request_started.connect(remember)
    try:
        assert await _get(handler, "/healthz") == 200
    finally:
        request_started.disconnect(remember)
    assert threads[0].startswith("django-sync-1")
    assert handler.busy == [2, 0, 1]  # given back afterwards


def test_phones_never_take_the_thread_kept_for_staff_pages() -> None:
    handler = PooledThreadsASGIHandler(threads=3)
    handler.busy = [0, 5, 5]
    assert handler.pick("/d/ABC123/aktivitet/") in (1, 2)
    assert handler.pick("/verksted/4/vis/") == 0
    handler.busy = [9, 5, 5]
    assert handler.pick("/verksted/4/vis/") in (1, 2)  # staff may use any idle thread


async def test_the_middleware_chain_and_the_view_run_in_one_go_on_the_request_thread() -> None:
    handler = PooledThreadsASGIHandler(threads=1)
    chain = handler._middleware_chain
    threads: list[str] = []

    def recording(request: Any) -> Any:
        threads.append(threading.current_thread().name)
        return chain(request)  # synchronous all the way: no hop back to the event loop

    handler._middleware_chain = recording
    assert await _get(handler, "/healthz") == 200
    assert len(threads) == 1 and threads[0].startswith("django-sync-0")
