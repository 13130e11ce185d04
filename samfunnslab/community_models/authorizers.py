"""Who may see, edit and fork community models (one place, tested with personas).

Members of the owning organisation see a model; its admins and facilitators edit it. A shared model
(like the examples) can be seen by anyone and forked by anyone who may edit in some organisation.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from samfunnslab.accounts.authorizers import (
    UserLike,
    can_edit,
    can_view,
    editable_organisations,
    organisations_for,
)
from samfunnslab.community_models.models import CommunityModel


def visible_models(user: UserLike) -> QuerySet[CommunityModel]:
    """Return the models the user may see: shared ones and their organisations' own."""
    if getattr(user, "is_superuser", False):
        return CommunityModel.objects.all()
    return CommunityModel.objects.filter(
        Q(shared=True) | Q(organisation__in=organisations_for(user))
    ).distinct()


def can_view_model(user: UserLike, model: CommunityModel) -> bool:
    """Return whether the user may see the model."""
    return can_view(user, model.organisation, shared=model.shared)


def can_edit_model(user: UserLike, model: CommunityModel) -> bool:
    """Return whether the user may change the model."""
    return can_edit(user, model.organisation)


def can_fork_model(user: UserLike, model: CommunityModel) -> bool:
    """Return whether the user may copy the model into an organisation of theirs."""
    return can_view_model(user, model) and bool(editable_organisations(user))


def get_model_for_view(user: UserLike, pk: int) -> CommunityModel:
    """Return the model or raise Http404 / PermissionDenied."""
    model = get_object_or_404(
        CommunityModel.objects.select_related("organisation", "parent"), pk=pk
    )
    if not can_view_model(user, model):
        raise PermissionDenied
    return model


def get_model_for_edit(user: UserLike, pk: int) -> CommunityModel:
    """Return the model if the user may edit it, or raise Http404 / PermissionDenied."""
    model = get_model_for_view(user, pk)
    if not can_edit_model(user, model):
        raise PermissionDenied
    return model
