"""Writes of the opinions app: one community model per opinion group, all or none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.community_models import services as model_services
from samfunnslab.community_models.models import CommunityModel
from samfunnslab.community_models.sources import WorkshopRef
from samfunnslab.workshops.models import Activity


@transaction.atomic
def group_models_create(
    *,
    activity: Activity,
    user: AbstractBaseUser | AnonymousUser,
    seeds: Sequence[Mapping[str, str]],
) -> list[CommunityModel]:
    """Create one community model per opinion group (letter, headline, text), linked to the workshop."""
    workshop = activity.workshop
    source = model_services.Provenance(
        WorkshopRef(workshop.pk, workshop.title), str(_("Meningskartet"))
    )
    return [
        model_services.model_create(
            organisation=workshop.organisation,
            user=user,
            name=(
                _("Visjon %(letter)s fra %(title)s")
                % {"letter": seed["letter"], "title": workshop.title}
            )[:120],
            municipality_code=workshop.municipality_code,
            pitch=seed["headline"][:300],
            story=seed["text"],
            provenance=source,
        )
        for seed in seeds
    ]
