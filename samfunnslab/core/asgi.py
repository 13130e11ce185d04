"""Django's ASGI handler, with synchronous views run on a few long-lived threads.

Django gives every HTTP request its own thread for synchronous code (asgiref's
`ThreadSensitiveContext`), so every request starts a thread and, since connections belong to
threads, opens and closes a database connection. In a live workshop a thousand phones join
and fetch within seconds, and that per-request set-up becomes most of the work. Here each
request borrows one of `ASGI_SYNC_THREADS` long-lived single-thread executors instead (the least
busy one), through asgiref's own `ThreadSensitiveContext(executor=…)`. Sync code still runs one
call at a time per thread, as Django expects, and connections are kept for `DB_CONN_MAX_AGE`.

The middleware chain runs in its synchronous form, in one go on that thread, as under WSGI.
Django's async chain hops between the event loop and a thread at every sync-only middleware and
for each `process_request`/`process_response` of the others (about a dozen hops a request here,
measured as a quarter of a phone's join); one hop a request is enough when every view is sync.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponseBase

# Participants' pages: many phones at once. Everything else (the facilitator's console, the
# projector, Min kommune, the API) gets a thread of its own, so a crowd of phones fetching their
# pages never holds up the facilitator pressing "next".
CROWD_PREFIXES = ("/d/", "/delta/")


class PooledThreadsASGIHandler(ASGIHandler):
    def __init__(self, threads: int | None = None) -> None:
        super().__init__()
        self.load_middleware(is_async=False)  # the sync chain: see the module's docstring
        count = threads or int(os.environ.get("ASGI_SYNC_THREADS", "4"))
        self.executors = [
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"django-sync-{i}")
            for i in range(max(1, count))
        ]
        self.busy = [0] * len(self.executors)

    def pick(self, path: str) -> int:
        """Return the least busy thread for this path: the first one is kept for staff pages."""
        if len(self.busy) == 1:
            return 0
        if path.startswith(CROWD_PREFIXES):
            crowd = self.busy[1:]
            return 1 + crowd.index(min(crowd))
        return self.busy.index(min(self.busy))

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        """Run the whole (synchronous) middleware chain and view on this request's thread."""
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        index = self.pick(scope.get("path", ""))
        self.busy[index] += 1
        try:
            async with ThreadSensitiveContext(executor=self.executors[index]):
                await super().__call__(scope, receive, send)
        finally:
            self.busy[index] -= 1


def get_asgi_application() -> PooledThreadsASGIHandler:
    """Set Django up and return the handler (like `django.core.asgi.get_asgi_application`)."""
    import django

    django.setup(set_prefix=False)
    return PooledThreadsASGIHandler()
