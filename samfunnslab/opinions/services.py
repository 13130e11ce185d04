"""Writes of the opinions app: one community model per opinion group (model teams), all or none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.community_models import services as model_services
from samfunnslab.community_models.models import CommunityModel
from samfunnslab.community_models.sources import WorkshopRef
from samfunnslab.core.errors import Refusal
from samfunnslab.workshops.models import Activity


@transaction.atomic
def group_models_create(
    *,
    activity: Activity,
    user: AbstractBaseUser | AnonymousUser,
    seeds: Sequence[Mapping[str, Any]],
) -> list[CommunityModel]:
    """Form one model team per opinion group: a community model each, named after the group's
    characteristic statement, with the team rules and the disagreements in its story; the smallest
    group's model is marked as the minority model. Once per map: the teams stay separate."""
    Activity.objects.select_for_update().filter(pk=activity.pk).first()  # one click at a time
    if CommunityModel.objects.filter(source_activity_id=activity.pk).exists():
        raise Refusal(_("Modellteamene fra dette meningskartet er allerede laget."), status=409)
    if len(seeds) < 2:
        raise Refusal(
            _(
                "Meningskartet har ikke to grupper ennå. Modellteam lages når grupper har dannet seg."
            )
        )
    workshop = activity.workshop
    source = model_services.Provenance(
        WorkshopRef(workshop.pk, workshop.title), str(_("Form modellteam fra meningskartet"))
    )
    models = []
    for seed in seeds:
        model = model_services.model_create(
            organisation=workshop.organisation,
            user=user,
            name=seed["name"][:120],
            municipality_code=workshop.municipality_code,
            pitch=seed["headline"][:300],
            story=seed["text"],
            provenance=source,
        )
        model.source_activity_id = activity.pk
        model.source_group = seed["letter"]
        model.is_minority_model = bool(seed["minority"])
        model.save(update_fields=["source_activity_id", "source_group", "is_minority_model"])
        models.append(model)
    return models
