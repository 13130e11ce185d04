"""Pictures on a model: an artefact, a sketch or a poster, uploaded in the builder or brought over
from a phone activity, always cleaned (`core.images`) and always with a description."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.community_models.models import CommunityModel, ModelImage
from samfunnslab.community_models.services.common import (
    SHORT_MAX,
    UserLike,
    provenance_fields,
    touch,
    user_or_none,
)
from samfunnslab.community_models.sources import ContributionRef, PhotoRef, WorkshopRef, open_photo
from samfunnslab.core import images
from samfunnslab.core.cleaning import clean_text
from samfunnslab.core.errors import Refusal

IMAGES_MAX = 60  # per model


def clean_alt_text(text: str) -> str:
    """Return the picture's description, which everyone who cannot see it depends on."""
    if not (text or "").strip():
        raise Refusal(
            _("Skriv hva bildet viser, slik at de som ikke ser det også får det med seg.")
        )
    return clean_text(text, label=_("Hva viser bildet?"), max_length=SHORT_MAX)


def _save_with_file(picture: ModelImage, clean: images.CleanImage) -> None:
    """Write the cleaned file, then the row; if the row cannot be saved, delete the file again."""
    picture.file.name = default_storage.save(
        f"community_models/{picture.model_id}/picture.{clean.extension}",
        ContentFile(clean.content),
    )
    try:
        picture.save()
        touch(picture.model)
    except Exception:
        default_storage.delete(picture.file.name)
        raise


@transaction.atomic
def image_add(
    *,
    model: CommunityModel,
    user: UserLike | None,
    file: IO[bytes],
    alt_text: str,
    caption: str = "",
    workshop: WorkshopRef | None = None,
    contribution: ContributionRef | None = None,
) -> ModelImage:
    """Clean a picture and attach it to the model with where it came from (all or nothing)."""
    alt = clean_alt_text(alt_text)
    caption = clean_text(caption, label=_("Bildetekst"), max_length=SHORT_MAX)
    if model.images.count() >= IMAGES_MAX:
        raise Refusal(
            _("Modellen har allerede %(n)s bilder. Fjern et før du legger til et nytt.")
            % {"n": IMAGES_MAX}
        )
    clean = images.clean_image(file, max_bytes=settings.IMAGE_MAX_BYTES)
    if contribution is not None:
        origin = provenance_fields(contribution)
    elif workshop is not None:
        origin = {"source_workshop_id": workshop.id, "source_workshop_title": workshop.title[:200]}
    else:
        origin = {}
    picture = ModelImage(
        model=model,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        alt_text=alt,
        caption=caption,
        uploaded_by=user_or_none(user),
        **origin,
    )
    _save_with_file(picture, clean)
    return picture


def image_add_from_workshop(
    *, model: CommunityModel, user: UserLike | None, photo: PhotoRef
) -> ModelImage:
    """Put an approved photo from a workshop's phones on the model, keeping where it came from
    (workshop, activity, contribution, description); the model gets a copy of its own."""
    if model.images.filter(source_contribution_id=photo.ref.contribution_id).exists():
        raise Refusal(_("Dette bildet er allerede i modellen."))
    try:
        handle = open_photo(photo)
    except FileNotFoundError:
        raise Refusal(
            _("Vi finner ikke bildet lenger. Det kan være slettet."), status=404
        ) from None
    with handle:
        return image_add(
            model=model, user=user, file=handle, alt_text=photo.ref.text, contribution=photo.ref
        )


@transaction.atomic
def image_remove(*, model: CommunityModel, image: ModelImage) -> None:
    """Take a picture off the model and delete its file once the removal is saved."""
    if image.model_id != model.pk:
        raise Refusal(_("Bildet hører ikke til denne modellen."), status=404)
    name = image.file.name
    image.delete()
    transaction.on_commit(lambda: default_storage.delete(name))
    touch(model)
