"""Who may enter local workforce figures and run group sessions in Scenariofabrikken."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from samfunnslab.accounts import authorizers as base
from samfunnslab.accounts.models import Organisation
from samfunnslab.scenarios.models import GroupSession


def editing_organisation(user: base.UserLike, code: str) -> Organisation | None:
    """Return the organisation the user enters figures for: the municipality's own, else the first."""
    organisations = base.editable_organisations(user)
    own = [o for o in organisations if o.municipality_code == code]
    return (own or organisations or [None])[0]


def require_figures_editor(user: base.UserLike, code: str) -> Organisation:
    """Return the organisation to record figures for, or raise PermissionDenied."""
    organisation = editing_organisation(user, code)
    if organisation is None:
        raise PermissionDenied
    return organisation


def require_session_owner(user: base.UserLike, session: GroupSession) -> None:
    """Raise PermissionDenied unless the user may run (close, open) this group session."""
    base.require_edit(user, session.organisation)


def can_see_session_results(user: base.UserLike, session: GroupSession) -> bool:
    """Members of the owning organisation may see the results of a group session."""
    return base.can_view(user, session.organisation)
