"""Shipped content: the one way the database gets the content files that come with the code.

Each entry names an idempotent service that loads one app's content files (TOML under
`samfunnslab/<app>/content/`) into the database. `manage.py sync_content` runs them all, after
`migrate`: `make run` (through `load_demo`), the `migrate` service of compose.yaml, and the tests
(a session fixture in the root conftest.py, once per test database). Migrations hold only schema.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from django.db import transaction

# (label, "module:function"): the function takes no arguments and may run any number of times.
CONTENT_SYNCS: tuple[tuple[str, str], ...] = (
    ("methods", "samfunnslab.methods.services:library_sync"),
    ("lab", "samfunnslab.lab.services:register_seed"),
    ("portfolio", "samfunnslab.portfolio.services:initiatives_seed"),
)


def _function(dotted: str) -> Callable[[], object]:
    module, name = dotted.split(":")
    function: Callable[[], object] = getattr(importlib.import_module(module), name)
    return function


@transaction.atomic
def content_sync() -> dict[str, object]:
    """Load every app's shipped content (safe to run again); return what each sync reported."""
    return {label: _function(dotted)() for label, dotted in CONTENT_SYNCS}
