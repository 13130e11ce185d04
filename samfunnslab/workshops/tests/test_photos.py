"""Photos from phones: cleaned, always held for the facilitator, refused plainly, deleted with the
workshop, and shown to nobody but staff until approved."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from samfunnslab.core.tests import image_files
from samfunnslab.workshops import housekeeping, pages, photos, retention, services
from samfunnslab.workshops.errors import Refusal
from samfunnslab.workshops.models import (
    Activity,
    ActivityKind,
    Contribution,
    ContributionStatus,
    Participant,
    Workshop,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo_activity(open_workshop: Workshop, add_activity: Callable[..., Activity]) -> Activity:
    activity = add_activity(ActivityKind.PHOTO, prompt="Ta bilde av gjenstanden fra 2060")
    services.workshop_show_activity(workshop=open_workshop, activity=activity)
    activity.refresh_from_db()
    return activity


def _send(
    participant: Participant,
    activity: Activity,
    data: bytes | None = None,
    *,
    description: str = "Plakat: bygdekafeen er legekontor",
    key: str = "k1",
) -> tuple[Contribution, bool]:
    return photos.photo_submit(
        participant=participant,
        activity=activity,
        file=io.BytesIO(image_files.jpeg_with_gps((4000, 3000)) if data is None else data),
        description=description,
        idempotency_key=key,
    )


def test_a_phone_photo_is_stored_shrunk_without_gps_and_held(make_participant, photo_activity):
    photo, created = _send(make_participant(), photo_activity)
    assert created and photo.status == ContributionStatus.PENDING
    with default_storage.open(photo.picture.name) as stored:
        image = Image.open(stored)
        assert image.size == (1600, 1200) == (photo.picture_width, photo.picture_height)
        assert dict(image.getexif()) == {}
    assert photo.text == "Plakat: bygdekafeen er legekontor"


def test_a_photo_waits_even_when_the_facilitator_turned_moderation_off(
    make_participant, photo_activity
):
    photo_activity.moderated = False
    photo_activity.save()
    photo, _created = _send(make_participant(), photo_activity)
    assert photo.status == ContributionStatus.PENDING
    assert "bilder godkjennes alltid før de vises" in pages.held_because(photo)


def test_a_retry_with_the_same_key_returns_the_stored_photo(make_participant, photo_activity):
    person = make_participant()
    first, _created = _send(person, photo_activity)
    again, created = _send(person, photo_activity, image_files.SVG)  # not even read again
    assert (again.pk, created) == (first.pk, False)
    assert Contribution.objects.filter(activity=photo_activity).count() == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (image_files.PDF_NAMED_JPG, "ikke et bilde vi kan lese"),
        (image_files.SVG, "ikke et bilde vi kan lese"),
        (image_files.big_file(20 * 1024 * 1024), "for stort"),
        (image_files.png_bomb(), "for mange piksler"),
        (image_files.jpeg_with_gps((800, 600))[:-4000], "delvis lastet opp"),
    ],
    ids=["pdf-named-jpg", "svg", "20-mb", "decompression-bomb", "cut-off"],
)
def test_a_bad_file_is_refused_at_the_file_field_and_leaves_nothing(
    make_participant, photo_activity, settings, data, reason
):
    with pytest.raises(photos.PhotoRefusal, match=reason) as refused:
        _send(make_participant(), photo_activity, data)
    assert refused.value.field == "file"
    assert not Contribution.objects.filter(activity=photo_activity).exists()
    assert not list((settings.MEDIA_ROOT / "workshops").glob("**/*.*"))


def test_a_photo_without_a_description_is_refused_at_the_text_field(
    make_participant, photo_activity
):
    with pytest.raises(photos.PhotoRefusal, match="Skriv hva bildet viser") as refused:
        _send(make_participant(), photo_activity, description="   ")
    assert refused.value.field == "text"


def test_a_locked_activity_refuses_a_photo_and_keeps_no_file(
    make_participant, photo_activity, settings
):
    services.activity_set_locked(activity=photo_activity, locked=True)
    photo_activity.refresh_from_db()
    with pytest.raises(Refusal, match="låst"):
        _send(make_participant(), photo_activity)
    assert not list((settings.MEDIA_ROOT / "workshops").glob("**/*.*"))


def test_a_phone_sends_at_most_the_activitys_number_of_photos(make_participant, photo_activity):
    person = make_participant()
    for n in range(photo_activity.max_entries):
        _send(person, photo_activity, image_files.png(), key=f"k{n}")
    with pytest.raises(Refusal, match="det meste du kan sende"):
        _send(person, photo_activity, image_files.png(), key="one-more")


def test_the_text_path_does_not_take_a_photo_without_its_picture(make_participant, photo_activity):
    from samfunnslab.workshops import answers

    with pytest.raises(Refusal, match="Send bildet med skjemaet"):
        answers.dispatch(
            make_participant(),
            photo_activity,
            {"action": "contribute", "text": "Bare tekst", "key": "t"},
            from_form=True,
        )


def test_the_queue_shows_the_photo_and_approving_puts_it_on_the_projector(
    make_participant, photo_activity, open_workshop, facilitator
):
    photo, _created = _send(make_participant(), photo_activity)
    queued = pages.cockpit_queue(open_workshop)
    assert queued[0]["picture"] and queued[0]["text"] == photo.text
    client = Client()
    client.force_login(facilitator)
    projector = reverse("workshops:presenter", args=[open_workshop.pk])
    picture_url = reverse("workshops:picture", args=[open_workshop.pk, photo.pk])
    assert picture_url not in client.get(projector).content.decode()
    services.contribution_moderate(contribution=photo, action="approve")
    assert picture_url in client.get(projector).content.decode()


def test_only_the_workshops_staff_see_the_picture(
    make_participant, photo_activity, open_workshop, facilitator, outsider
):
    photo, _created = _send(make_participant(), photo_activity)
    url = reverse("workshops:picture", args=[open_workshop.pk, photo.pk])
    staff = Client()
    staff.force_login(facilitator)
    response = staff.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(url).status_code in (403, 404)
    assert Client().get(url).status_code == 302  # the login page


def _joined(workshop: Workshop) -> Client:
    client = Client()
    client.post(
        reverse("workshops:participant_join", args=[workshop.join_code]),
        HTTP_ACCEPT="application/json",
    )
    return client


def _post(client: Client, workshop: Workshop, activity: Activity, data: bytes, text: str) -> Any:
    return client.post(
        reverse("workshops:participant_photo", args=[workshop.join_code]),
        {
            "activity": activity.pk,
            "key": "abc",
            "text": text,
            "file": SimpleUploadedFile("bilde.jpg", data, content_type="image/jpeg"),
        },
        HTTP_ACCEPT="application/json",
    )


def test_the_phone_gets_a_refusal_that_names_the_field(open_workshop, photo_activity):
    client = _joined(open_workshop)
    response = _post(client, open_workshop, photo_activity, image_files.png_bomb(), "Et bilde")
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "file" and "for mange piksler" in body["error"]
    stored = _post(client, open_workshop, photo_activity, image_files.png(), "Et bilde")
    assert stored.status_code == 200 and stored.json()["status"] == "pending"


def test_the_phone_form_offers_camera_and_gallery_and_asks_before_photographing_people(
    open_workshop, photo_activity
):
    page = _joined(open_workshop).get(
        reverse("workshops:participant", args=[open_workshop.join_code])
    )
    html = page.content.decode()
    # Pictures only, from the camera or from what is already on the phone (no `capture`, which
    # would force the camera and hide the phone's own pictures).
    assert 'accept="image/*"' in html and "capture=" not in html
    assert "Ikke ta bilde av personer uten at de har sagt ja" in html


def test_deleting_the_workshop_deletes_the_pictures(
    make_participant, photo_activity, open_workshop, facilitator, django_capture_on_commit_callbacks
):
    photo, _created = _send(make_participant(), photo_activity)
    name = photo.picture.name
    with django_capture_on_commit_callbacks(execute=True):
        housekeeping.workshop_delete(
            workshop=open_workshop, user=facilitator, confirm_title=open_workshop.title
        )
    assert not default_storage.exists(name)


def test_clearing_a_rehearsal_deletes_the_pictures(
    make_participant, photo_activity, open_workshop, facilitator, django_capture_on_commit_callbacks
):
    photo, _created = _send(make_participant(), photo_activity)
    with django_capture_on_commit_callbacks(execute=True):
        housekeeping.workshop_reset_answers(workshop=open_workshop, user=facilitator)
    assert not default_storage.exists(photo.picture.name)


def test_the_retention_purge_deletes_the_pictures(
    make_participant, photo_activity, open_workshop, django_capture_on_commit_callbacks
):
    photo, _created = _send(make_participant(), photo_activity)
    services.workshop_close(workshop=open_workshop)
    Workshop.objects.filter(pk=open_workshop.pk).update(
        closed_at=timezone.now() - timedelta(days=200)
    )
    with django_capture_on_commit_callbacks(execute=True):
        retention.participant_data_purge(before=retention.retention_cutoff())
    assert not default_storage.exists(photo.picture.name)
    photo.refresh_from_db()
    assert not photo.picture and photo.text == ""


def test_the_phone_remote_shows_the_picture_it_asks_to_approve(
    make_participant, photo_activity, open_workshop, facilitator
):
    photo, _created = _send(make_participant(), photo_activity)
    client = Client()
    client.force_login(facilitator)
    html = client.get(reverse("workshops:remote", args=[open_workshop.pk])).content.decode()
    assert reverse("workshops:picture", args=[open_workshop.pk, photo.pk]) in html
    assert f'alt="{photo.text}"' in html


def test_an_approved_photo_is_in_the_table_export_and_the_summary(
    make_participant, photo_activity, open_workshop
):
    from samfunnslab.workshops.exports import export_bytes
    from samfunnslab.workshops.summary_pdf import summary_pdf

    photo, _created = _send(make_participant(), photo_activity)
    assert photo.text not in export_bytes(open_workshop, "csv").decode("utf-8-sig")
    services.contribution_moderate(contribution=photo, action="approve")
    table = export_bytes(open_workshop, "csv").decode("utf-8-sig")
    assert photo.text in table and ",photo," in table
    assert summary_pdf(open_workshop).startswith(b"%PDF")


def test_without_javascript_a_refused_photo_comes_back_with_the_description_kept(
    open_workshop, photo_activity
):
    client = _joined(open_workshop)
    response = client.post(
        reverse("workshops:participant_photo", args=[open_workshop.join_code]),
        {
            "activity": photo_activity.pk,
            "key": "nojs",
            "text": "Plakat fra 2060",
            "file": SimpleUploadedFile("plakat.png", image_files.png_bomb(), "image/png"),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert ">Plakat fra 2060</textarea>" in html
    assert 'id="photo-error"' in html and "for mange piksler" in html
    assert 'aria-describedby="photo-error photo-file-help" aria-invalid="true"' in html


def test_the_cockpit_offers_no_paper_answer_for_a_photo_activity(
    photo_activity, open_workshop, facilitator
):
    client = Client()
    client.force_login(facilitator)
    html = client.get(reverse("workshops:console", args=[open_workshop.pk])).content.decode()
    assert "Legg inn svar fra papir" not in html
