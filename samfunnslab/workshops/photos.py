"""Photos from phones («Bilder fra mobilen»): a picture of the group's artefact with a description.

A participant takes or picks a photo on the phone and writes what it shows (the description is the
picture's text alternative, and the contribution's text). The picture goes through the one cleaner
for uploaded pictures (`core.images`: decoded, turned upright, shrunk, written anew without EXIF or
GPS) before anything is stored. Every photo waits for the facilitator, whatever the activity's
moderation setting says: a picture may show a person, a name or a number plate, and the projector
is a wall in a public room. Files are read back only through the app's views (staff, or the
projector once approved), never from a public folder, and are deleted with their rows (a rehearsal
cleared, the workshop deleted, or the retention purge).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from samfunnslab.core import images
from samfunnslab.workshops import services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    Participant,
)


class PhotoRefusal(Refusal):
    """A refusal about one field of the photo form (`file` or `text`), so the phone can tie the
    message to that field and keep everything else the person gave."""

    def __init__(self, message: str, *, field: str, status: int = 400) -> None:
        super().__init__(message, status=status)
        self.field = field


def check_description(activity: Activity, text: str) -> str:
    """Refuse a missing or too long description before the picture is decoded (cheap first)."""
    if not (text or "").strip():
        raise PhotoRefusal(
            _("Skriv hva bildet viser, slik at de som ikke ser det også får det med seg."),
            field="text",
        )
    try:
        return services.clean_contribution_text(activity, text)
    except Refusal as refusal:
        raise PhotoRefusal(refusal.message, field="text", status=refusal.status) from None


def clean_picture(file: IO[bytes] | None) -> images.CleanImage:
    """Return the cleaned picture, or refuse in plain words tied to the file field."""
    if file is None:
        raise PhotoRefusal(_("Velg et bilde å sende, eller ta et nytt."), field="file")
    try:
        return images.clean_image(file, max_bytes=settings.IMAGE_MAX_BYTES)
    except Refusal as refusal:
        raise PhotoRefusal(refusal.message, field="file", status=refusal.status) from None


def photo_submit(
    *,
    participant: Participant,
    activity: Activity,
    file: IO[bytes] | None,
    description: str,
    idempotency_key: str,
) -> tuple[Contribution, bool]:
    """Clean and store a phone's photo with its description, held for the facilitator.

    A retry with the same key returns the stored photo without reading the file again. The
    picture is cleaned before anything is written; if the row cannot be stored (the activity was
    locked meanwhile, the phone's limit is reached) the file is deleted again.
    """
    if activity.kind != ActivityKind.PHOTO:
        raise Refusal(_("Denne aktiviteten tar ikke imot bilder."))
    stored = Contribution.objects.filter(
        participant=participant, idempotency_key=idempotency_key, activity=activity
    ).first()
    if stored is not None and idempotency_key:
        return stored, False
    text = check_description(activity, description)
    clean = clean_picture(file)
    name = default_storage.save(
        f"workshops/{activity.workshop_id}/photo.{clean.extension}", ContentFile(clean.content)
    )
    try:
        return _store(participant, activity, text, idempotency_key, name, clean)
    except BaseException:
        default_storage.delete(name)
        raise


def _store(
    participant: Participant,
    activity: Activity,
    text: str,
    key: str,
    name: str,
    clean: images.CleanImage,
) -> tuple[Contribution, bool]:
    with transaction.atomic():
        contribution, created = services.contribution_submit(
            participant=participant, activity=activity, text=text, idempotency_key=key
        )
        if not created:  # a concurrent try with this key won: keep its picture
            default_storage.delete(name)
            return contribution, False
        contribution.picture.name = name
        contribution.picture_type = clean.content_type
        contribution.picture_width, contribution.picture_height = clean.width, clean.height
        contribution.status = ContributionStatus.PENDING
        contribution.save(
            update_fields=["picture", "picture_type", "picture_width", "picture_height", "status"]
        )
    return contribution, True


def picture_names(contributions: QuerySet[Contribution]) -> list[str]:
    """Return the stored picture files of these contributions (before they are deleted)."""
    return [name for name in contributions.exclude(picture="").values_list("picture", flat=True)]


def delete_pictures_on_commit(names: Iterable[str]) -> None:
    """Delete picture files once the deletion of their rows is committed (never before)."""
    names = list(names)
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
