"""Structured logs: one JSON object per line, an access log without client IPs, an error hook.

- `JsonFormatter` writes time, level, logger, message and any `extra=` fields as one JSON line
  (LOG_FORMAT=json, the production default).
- `AccessLogMiddleware` logs method, path, status and duration per request on the
  `samfunnslab.access` logger. Participants' IP addresses are personal data and, next to a join code,
  say who was in which workshop, so the client address is left out unless LOG_CLIENT_IP=1. The
  uvicorn access log (which always has the IP) is switched off in `make serve-prod` and the image.
- `WebhookHandler` is the error-reporting hook: with ERROR_WEBHOOK_URL set, every ERROR record is
  POSTed as JSON to that URL from a background thread (a chat webhook, an incident tool or a
  collector of your choice); failures to deliver are dropped, never raised into the request.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line (extra fields included, exceptions as text)."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                payload[key] = (
                    value if isinstance(value, str | int | float | bool | None) else str(value)
                )
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


access_logger = logging.getLogger("samfunnslab.access")


class AccessLogMiddleware:
    """Log each request without the client's IP address (unless LOG_CLIENT_IP=1)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        if access_logger.isEnabledFor(logging.INFO):
            extra: dict[str, Any] = {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            if getattr(settings, "LOG_CLIENT_IP", False):
                extra["client_ip"] = request.META.get("REMOTE_ADDR", "")
            access_logger.info(
                "%s %s %s", request.method, request.path, response.status_code, extra=extra
            )
        return response


class WebhookHandler(logging.Handler):
    """POST ERROR records as JSON to a URL, from one background thread (never blocks a request)."""

    def __init__(self, url: str, timeout: float = 5.0, capacity: int = 100) -> None:
        super().__init__(level=logging.ERROR)
        self.url = url
        self.timeout = timeout
        self.records: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=capacity)
        self.formatter_json = JsonFormatter()
        self.thread = threading.Thread(target=self._deliver, name="error-webhook", daemon=True)
        self.thread.start()

    def emit(self, record: logging.LogRecord) -> None:
        # In a storm of errors the first hundred queued are enough to act on.
        with contextlib.suppress(queue.Full):
            self.records.put_nowait(json.loads(self.formatter_json.format(record)))

    def _deliver(self) -> None:
        while True:
            payload = self.records.get()
            request = urllib.request.Request(  # noqa: S310 - the operator's own URL
                self.url,
                data=json.dumps(payload).encode("utf-8"),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout):  # noqa: S310
                    pass
            except OSError:
                pass
            finally:
                self.records.task_done()
