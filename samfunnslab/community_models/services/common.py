"""Limits and helpers shared by the community-model services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from samfunnslab.community_models.models import CommunityModel
from samfunnslab.community_models.sources import ContributionRef, WorkshopRef
from samfunnslab.core.cleaning import clean_text
from samfunnslab.core.errors import Refusal

UserLike = AbstractBaseUser | AnonymousUser

NAME_MAX = 120
SHORT_MAX = 300
LONG_MAX = 20_000
HORIZON_MIN, HORIZON_MAX = 2030, 2050
PULL_KINDS = ("actor", "factor", "assumption", "value", "relation")


def clean_horizon(year: int | str | None) -> int:
    """Return a horizon year between 2030 and 2050."""
    try:
        number = int(str(year).strip())
    except (TypeError, ValueError):
        raise Refusal(_("Horisontåret må være et årstall.")) from None
    if not HORIZON_MIN <= number <= HORIZON_MAX:
        raise Refusal(
            _("Horisontåret må være mellom %(min)s og %(max)s.")
            % {"min": HORIZON_MIN, "max": HORIZON_MAX}
        )
    return number


@dataclass(frozen=True)
class Provenance:
    """Where a model came from: one of the user's workshops (or none) and a method step."""

    workshop: WorkshopRef | None = None
    step: str = ""


def provenance_set(model: CommunityModel, provenance: Provenance) -> None:
    """Copy the provenance onto the model (not saved; the caller saves)."""
    model.source_workshop_id = provenance.workshop.id if provenance.workshop else None
    model.source_workshop_title = provenance.workshop.title[:200] if provenance.workshop else ""
    model.source_step = clean_text(provenance.step, label=_("Metodesteg"), max_length=200)


def touch(model: CommunityModel) -> None:
    """Count one more change to the model."""
    model.version += 1
    model.save(update_fields=["version", "updated_at"])


def user_or_none(user: UserLike | None) -> AbstractBaseUser | None:
    """Return the user if signed in, else None."""
    return user if user is not None and user.is_authenticated else None  # type: ignore[return-value]


def provenance_fields(ref: ContributionRef | None) -> dict[str, Any]:
    """Return the link-back fields for a part that came from a workshop contribution."""
    if ref is None:
        return {}
    return {
        "source_workshop_id": ref.workshop_id,
        "source_workshop_title": ref.workshop_title[:200],
        "source_activity_id": ref.activity_id,
        "source_activity_title": ref.activity_title[:200],
        "source_contribution_id": ref.contribution_id,
        "source_text": ref.text,
    }
