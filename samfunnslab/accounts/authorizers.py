"""Who may see and edit what. Every app's own authorizers build on these three questions.

A member sees what their organisation owns; admins and facilitators may also edit it; viewers only
read. Objects can be shared with other organisations by the owning app (e.g. a `shared` flag).
Participants in workshops never have accounts and are handled by the workshops app.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from samfunnslab.accounts.models import Membership, Organisation, Role

EDITOR_ROLES = (Role.ADMIN, Role.FACILITATOR)

UserLike = AbstractBaseUser | AnonymousUser


def organisations_for(user: UserLike) -> list[Organisation]:
    """Return the organisations the user is a member of."""
    if not user.is_authenticated:
        return []
    return [
        m.organisation for m in Membership.objects.filter(user=user).select_related("organisation")
    ]


def role_in(user: UserLike, organisation: Organisation | None) -> str | None:
    """Return the user's role in the organisation, or None for outsiders."""
    if organisation is None or not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    return membership.role if membership else None


def can_view(user: UserLike, organisation: Organisation | None, *, shared: bool = False) -> bool:
    """Members of the owner may view; anyone may view what is shared."""
    return shared or role_in(user, organisation) is not None or getattr(user, "is_superuser", False)


def can_edit(user: UserLike, organisation: Organisation | None) -> bool:
    """Admins and facilitators of the owner may edit."""
    return role_in(user, organisation) in EDITOR_ROLES or getattr(user, "is_superuser", False)


def require_view(
    user: UserLike, organisation: Organisation | None, *, shared: bool = False
) -> None:
    """Raise PermissionDenied unless the user may view."""
    if not can_view(user, organisation, shared=shared):
        raise PermissionDenied


def require_edit(user: UserLike, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless the user may edit."""
    if not can_edit(user, organisation):
        raise PermissionDenied


def editable_organisations(user: UserLike) -> list[Organisation]:
    """Return the organisations in which the user may create and edit things."""
    if not user.is_authenticated:
        return []
    qs = Membership.objects.filter(user=user, role__in=EDITOR_ROLES).select_related("organisation")
    return [m.organisation for m in qs]
