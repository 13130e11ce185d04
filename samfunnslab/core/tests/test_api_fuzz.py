"""A property-based fuzzer (schemathesis) against the API's own OpenAPI schema, in-process (WSGI).

Every operation in /api/v1/openapi.json is called with generated parameters; each answer must be
no server error and must match what the schema declares (status codes, content type, body, and a
schema-valid request is never refused). Half of the generated municipality numbers are replaced
by real ones from the snapshot, so the 200 answers are checked as well as the 404s.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from config.wsgi import application
from samfunnslab.core import statistics

MAX_EXAMPLES = 25  # per operation; the whole file stays well under a minute on a quiet machine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Keep the test's database connection open between calls, as Django's test client does.

    The in-process WSGI app sends `request_started`/`request_finished`, whose `close_old_connections` closes the
    connection of the test's transaction on PostgreSQL (the next call then fails with «the
    connection is closed»); the test client disconnects it the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
REAL_CODES = [m.code for m in statistics.snapshot().municipalities]


@schema.hook
def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> Any:
    """Keep the generated municipality number, or use a real one (equally likely)."""
    if not path_parameters or "code" not in path_parameters:
        return st.just(path_parameters)
    real = st.sampled_from(REAL_CODES).map(lambda code: {**path_parameters, "code": code})
    return st.one_of(st.just(path_parameters), real)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_api_answer_matches_the_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()
