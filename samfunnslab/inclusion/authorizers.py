"""Who may see the inclusion view and enter paper answers: staff of the owning organisation.

Members of the organisation (viewers too) may see who took part; facilitators and admins may enter
paper sheets. Participants and outsiders see nothing here: even suppressed tables are for staff.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from samfunnslab.workshops import authorizers as workshop_authorizers
from samfunnslab.workshops.models import Workshop

UserLike = AbstractBaseUser | AnonymousUser


def can_enter_paper(user: UserLike, workshop: Workshop) -> bool:
    """Facilitators and admins of the owning organisation may enter paper answers."""
    return workshop_authorizers.can_run_workshop(user, workshop)


def workshop_for_viewer(user: UserLike, pk: int) -> Workshop:
    """Return the workshop or raise 404/PermissionDenied unless the user may see its inclusion view."""
    return workshop_authorizers.workshop_for_watcher(user, pk)


def workshop_for_paper(user: UserLike, pk: int) -> Workshop:
    """Return the workshop or raise 404/PermissionDenied unless the user may enter paper answers."""
    return workshop_authorizers.workshop_for_runner(user, pk)
