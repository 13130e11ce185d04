"""Test helpers: copies of the shipped templates owned by an organisation."""

from __future__ import annotations

from typing import Any

from samfunnslab.methods.models import Process
from samfunnslab.methods.services import process_copy


def copy_of(slug: str, *, organisation: Any, user: Any = None, name: str = "") -> Process:
    """Return an editable copy of the shipped template with this slug."""
    return process_copy(
        source=Process.objects.get(slug=slug), organisation=organisation, user=user, name=name
    )
