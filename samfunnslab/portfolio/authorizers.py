"""Who may see and change what in the portfolio (one place, tested with personas).

The shipped initiatives are public; an organisation's own initiatives, portfolio tree, pilots and
milestones are seen by its members and changed by its admins and facilitators.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from samfunnslab.accounts.authorizers import UserLike, can_edit, can_view, organisations_for
from samfunnslab.portfolio.models import Initiative, Milestone, Pilot, PortfolioNode


def visible_initiatives(user: UserLike) -> QuerySet[Initiative]:
    """Return the shared catalogue plus the user's organisations' own initiatives."""
    if getattr(user, "is_superuser", False):
        return Initiative.objects.all()
    return Initiative.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=organisations_for(user))
    )


def visible_nodes(user: UserLike) -> QuerySet[PortfolioNode]:
    """Return the portfolio nodes of the user's organisations."""
    return PortfolioNode.objects.filter(organisation__in=organisations_for(user))


def visible_pilots(user: UserLike) -> QuerySet[Pilot]:
    """Return the pilots of the user's organisations."""
    return Pilot.objects.filter(organisation__in=organisations_for(user))


def visible_milestones(user: UserLike) -> QuerySet[Milestone]:
    """Return the milestones of the user's organisations."""
    return Milestone.objects.filter(organisation__in=organisations_for(user))


def get_initiative_for_view(user: UserLike, pk: int) -> Initiative:
    """Return a visible initiative or raise Http404 / PermissionDenied."""
    initiative = get_object_or_404(Initiative, pk=pk)
    if initiative.organisation is not None and not can_view(user, initiative.organisation):
        raise PermissionDenied
    return initiative


def get_pilot_for_view(user: UserLike, pk: int) -> Pilot:
    """Return the pilot or raise Http404 / PermissionDenied."""
    pilot = get_object_or_404(Pilot.objects.select_related("organisation", "node"), pk=pk)
    if not can_view(user, pilot.organisation):
        raise PermissionDenied
    return pilot


def get_pilot_for_edit(user: UserLike, pk: int) -> Pilot:
    """Return the pilot if the user may change it, or raise."""
    pilot = get_pilot_for_view(user, pk)
    if not can_edit(user, pilot.organisation):
        raise PermissionDenied
    return pilot
