"""The workshops' refusals are the project's one `Refusal` (samfunnslab.core.errors)."""

from __future__ import annotations

from samfunnslab.core.errors import Refusal

__all__ = ["Refusal"]
