"""Writes: local workforce figures (a new row per entry) and group sessions with their answers."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.accounts.authorizers import UserLike, require_edit
from samfunnslab.accounts.models import Organisation
from samfunnslab.core.errors import Refusal
from samfunnslab.scenarios.authorizers import require_session_owner
from samfunnslab.scenarios.choices import PATHS_BY_KEY, STATEMENTS_BY_KEY, Choices
from samfunnslab.scenarios.models import GroupResponse, GroupSession, LocalWorkforceFigures

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud from a projector
CODE_LENGTH = 6


def local_figures_record(
    *,
    user: UserLike,
    organisation: Organisation,
    municipality_code: str,
    users: tuple[int | None, int | None, int | None] = (None, None, None),
    care_fte: float | None = None,
    fte_per_employed: float | None = None,
    note: str = "",
) -> LocalWorkforceFigures:
    """Record a municipality's own figures as a new entry (earlier entries are kept)."""
    require_edit(user, organisation)
    return LocalWorkforceFigures.objects.create(
        organisation=organisation,
        municipality_code=municipality_code,
        users_0_66=users[0],
        users_67_79=users[1],
        users_80=users[2],
        care_fte=care_fte,
        fte_per_employed=fte_per_employed,
        note=note,
        created_by=user if user.is_authenticated else None,
    )


def _new_code() -> str:
    """Return a short join code not used by any session."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not GroupSession.objects.filter(code=code).exists():
            return code


def group_session_open(
    *,
    user: UserLike,
    organisation: Organisation,
    municipality_code: str,
    title: str,
    alternative: str = "MMMM",
) -> GroupSession:
    """Open a group session with a short code that participants type on their phones."""
    require_edit(user, organisation)
    return GroupSession.objects.create(
        code=_new_code(),
        title=title,
        organisation=organisation,
        municipality_code=municipality_code,
        alternative=alternative,
        created_by=user,
    )


def group_session_set_open(*, user: UserLike, session: GroupSession, is_open: bool) -> None:
    """Open or close a group session for answers."""
    require_session_owner(user, session)
    session.is_open = is_open
    session.save(update_fields=["is_open"])


@transaction.atomic
def group_response_submit(
    *, session: GroupSession, participant: str, choices: Choices
) -> GroupResponse:
    """Store (or replace) one anonymous participant's answers."""
    if not session.is_open:
        raise Refusal(_("Gruppeøkten er avsluttet og tar ikke imot flere svar."))
    answers = {k: v for k, v in choices.answers.items() if k in STATEMENTS_BY_KEY}
    paths = sorted(p for p in choices.paths if p in PATHS_BY_KEY)
    response, _created = GroupResponse.objects.update_or_create(
        session=session, participant=participant, defaults={"answers": answers, "paths": paths}
    )
    return response
