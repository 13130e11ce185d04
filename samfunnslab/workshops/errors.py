"""The one exception the workshops raise when they say no, always with a plain Norwegian reason."""

from __future__ import annotations

from django.utils.functional import Promise


class Refusal(Exception):
    """A refused request: `message` is shown to the person as is; `status` is the HTTP status."""

    def __init__(self, message: str | Promise, *, status: int = 400) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.status = status
