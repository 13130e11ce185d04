"""The one hand-off to the workshops app: start a live workshop pre-filled with a step's activities."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.core.errors import Refusal
from samfunnslab.methods.models import ProcessItem


def workshop_for_item(*, item: ProcessItem, user: AbstractBaseUser) -> tuple[int, str]:
    """Create a draft workshop with the step's activities; return its id and console URL."""
    from samfunnslab.workshops import services as workshops

    process, step = item.process, item.step
    if step is None:
        raise Refusal(_("Bare steg fra biblioteket kan startes som verksted."))
    if process.organisation is None or not process.organisation.municipality_code:
        raise Refusal(_("Organisasjonen mangler kommunenummer, som verkstedet trenger."))
    label = _("Møte %(m)s · prosessversjon %(v)s") % {"m": item.meeting, "v": process.version}
    with transaction.atomic():
        workshop = workshops.workshop_create(
            organisation=process.organisation,
            user=user,
            title=f"{process.name}: {step.name}"[:200],
            municipality_code=process.organisation.municipality_code,
            session_label=label[:100],
            easy_language=process.easy_language or item.use_easy_variant,
        )
        for activity in step.activities:
            workshops.activity_add(
                workshop=workshop,
                kind=activity["kind"],
                prompt=activity["prompt"],
                prompt_easy=activity.get("prompt_easy", ""),
                options=activity.get("options", ()),
                themes=activity.get("themes", ()),
                statements=activity.get("statements", ()),
                scale_low_label=activity.get("scale_low", ""),
                scale_high_label=activity.get("scale_high", ""),
            )
    return workshop.pk, reverse("workshops:console", args=[workshop.pk])
