"""The one exception every service raises when it says no, always with a plain, translated reason.

Services raise `Refusal(_("…"))` (or several messages at once with `Refusal([...])`); views catch
it and show `refusal.messages` next to the form, or `refusal.message` as one line, with
`refusal.status` as the HTTP status. Messages are built with gettext inside the request, so they are
already in the person's language; a lazy string is resolved when the refusal is raised.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise

Message = str | Promise


class Refusal(Exception):
    """A refused request: `message` is shown to the person as is; `status` is the HTTP status.

    `messages` lists every reason (one per refused field) and `message` joins them with spaces.
    """

    def __init__(self, message: Message | Iterable[Message], *, status: int = 400) -> None:
        if isinstance(message, str | Promise):
            messages = [str(message)]
        else:
            messages = [str(m) for m in message]
        self.messages: list[str] = messages
        self.message = " ".join(messages)
        self.status = status
        super().__init__(self.message)
