"""Pictures on a model: the builder's upload page keeps clean pictures and refuses bad files plainly."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from samfunnslab.community_models import services, sources
from samfunnslab.community_models.models import ModelImage
from samfunnslab.community_models.sources import WorkshopRef
from samfunnslab.core.errors import Refusal
from samfunnslab.core.tests import image_files
from samfunnslab.workshops import services as workshop_services

pytestmark = pytest.mark.django_db


def _upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _post(client, model, data: bytes, *, name: str = "gjenstand.jpg", alt: str = "En plakat"):
    return client.post(
        reverse("community_models:images", args=[model.pk]),
        {"file": _upload(name, data), "alt_text": alt, "caption": ""},
    )


def test_a_photo_is_stored_shrunk_and_without_its_gps_position(facilitator, model):
    picture = services.image_add(
        model=model,
        user=facilitator,
        file=io.BytesIO(image_files.jpeg_with_gps((4000, 3000))),
        alt_text="Plakat: bygdekafeen er legekontor",
    )
    with default_storage.open(picture.file.name) as stored:
        image = Image.open(stored)
        assert image.size == (1600, 1200) == (picture.width, picture.height)
        assert dict(image.getexif()) == {}
    model.refresh_from_db()
    assert model.version == 2


def test_a_picture_keeps_the_workshop_it_came_from(facilitator, model):
    workshop = workshop_services.workshop_create(
        organisation=model.organisation,
        user=facilitator,
        title="Framtidsverksted",
        municipality_code="1106",
    )
    picture = services.image_add(
        model=model,
        user=facilitator,
        file=io.BytesIO(image_files.png()),
        alt_text="Skisse",
        workshop=WorkshopRef(workshop.pk, workshop.title),
    )
    assert (picture.source_workshop_id, picture.source_workshop_title) == (
        workshop.pk,
        workshop.title,
    )


def test_a_refused_picture_leaves_no_row_and_no_file(facilitator, model, settings):
    with pytest.raises(Refusal):
        services.image_add(
            model=model, user=facilitator, file=io.BytesIO(image_files.SVG), alt_text="Noe"
        )
    assert not ModelImage.objects.exists()
    assert not (settings.MEDIA_ROOT / "community_models").exists()


def test_a_picture_without_a_description_is_refused(facilitator, model):
    with pytest.raises(Refusal, match="Skriv hva bildet viser"):
        services.image_add(
            model=model, user=facilitator, file=io.BytesIO(image_files.png()), alt_text="  "
        )


def test_if_the_row_cannot_be_saved_the_file_is_deleted_again(
    facilitator, model, settings, monkeypatch
):
    def broken_save(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(ModelImage, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.image_add(
            model=model, user=facilitator, file=io.BytesIO(image_files.png()), alt_text="Skisse"
        )
    folder = settings.MEDIA_ROOT / "community_models" / str(model.pk)
    assert not folder.exists() or not any(folder.iterdir())


def test_removing_a_picture_deletes_its_file(
    facilitator, model, django_capture_on_commit_callbacks
):
    picture = services.image_add(
        model=model, user=facilitator, file=io.BytesIO(image_files.png()), alt_text="Skisse"
    )
    name = picture.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.image_remove(model=model, image=picture)
    assert not default_storage.exists(name)


def test_deleting_a_model_deletes_its_pictures_files(
    facilitator, model, django_capture_on_commit_callbacks
):
    picture = services.image_add(
        model=model, user=facilitator, file=io.BytesIO(image_files.png()), alt_text="Skisse"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.model_delete(model=model)
    assert not default_storage.exists(picture.file.name)


# ---------------------------------------------------------------- the page


def test_the_builder_links_to_the_pictures_page(client, facilitator, model):
    client.force_login(facilitator)
    html = client.get(reverse("community_models:builder", args=[model.pk])).content.decode()
    assert reverse("community_models:images", args=[model.pk]) in html


def test_an_uploaded_picture_shows_on_the_model_page_with_its_description(
    client, facilitator, model
):
    client.force_login(facilitator)
    response = _post(client, model, image_files.jpeg_with_gps(), alt="Avisforside fra 2060")
    assert response.status_code == 302
    picture = ModelImage.objects.get()
    html = client.get(reverse("community_models:detail", args=[model.pk])).content.decode()
    assert 'alt="Avisforside fra 2060"' in html
    served = client.get(reverse("community_models:image_file", args=[model.pk, picture.pk]))
    assert served["Content-Type"] == "image/jpeg"
    assert b"Testtelefon" not in b"".join(served.streaming_content)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (image_files.PDF_NAMED_JPG, "plakat.jpg", "ikke et bilde vi kan lese"),
        (image_files.big_file(20 * 1024 * 1024), "stort.jpg", "Bildet er for stort"),
        (image_files.png_bomb(), "bombe.png", "for mange piksler"),
    ],
    ids=["wrong type", "20 MB", "decompression bomb"],
)
def test_a_bad_file_is_refused_with_a_plain_message_next_to_the_field(
    client, facilitator, model, data, name, message
):
    client.force_login(facilitator)
    response = _post(client, model, data, name=name)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'aria-describedby="id_file-error"' in html and 'aria-invalid="true"' in html
    assert not ModelImage.objects.exists()


def test_a_missing_description_is_asked_for(client, facilitator, model):
    client.force_login(facilitator)
    response = _post(client, model, image_files.png(), alt="")
    assert response.status_code == 400
    assert "Skriv hva bildet viser" in response.content.decode()
    assert not ModelImage.objects.exists()


def test_a_viewer_cannot_upload_but_can_see_the_picture(client, colleague, facilitator, model):
    picture = services.image_add(
        model=model, user=facilitator, file=io.BytesIO(image_files.png()), alt_text="Skisse"
    )
    client.force_login(colleague)
    assert _post(client, model, image_files.png()).status_code == 403
    url = reverse("community_models:image_file", args=[model.pk, picture.pk])
    assert client.get(url).status_code == 200


def test_an_outsider_cannot_see_a_picture(client, outsider, facilitator, model):
    picture = services.image_add(
        model=model, user=facilitator, file=io.BytesIO(image_files.png()), alt_text="Skisse"
    )
    client.force_login(outsider)
    url = reverse("community_models:image_file", args=[model.pk, picture.pk])
    assert client.get(url).status_code == 403


def test_a_facilitator_removes_a_picture(client, facilitator, model):
    picture = services.image_add(
        model=model, user=facilitator, file=io.BytesIO(image_files.png()), alt_text="Skisse"
    )
    client.force_login(facilitator)
    url = reverse("community_models:image_remove", args=[model.pk, picture.pk])
    assert client.post(url).status_code == 302
    assert not ModelImage.objects.exists()


def _phone_photo(model, facilitator, *, approve: bool = True):
    """A photo sent from a phone in a workshop of the model's organisation."""
    from samfunnslab.workshops import photos

    workshop = workshop_services.workshop_create(
        organisation=model.organisation,
        user=facilitator,
        title="Utstilling fra framtiden",
        municipality_code="1106",
    )
    activity = workshop_services.activity_add(
        workshop=workshop, kind="photo", prompt="Ta bilde av gjenstanden"
    )
    workshop_services.workshop_open(workshop=workshop)
    photo, _created = photos.photo_submit(
        participant=workshop_services.participant_join(workshop=workshop),
        activity=activity,
        file=io.BytesIO(image_files.jpeg_with_gps((800, 600))),
        description="Avisforside fra 2060",
        idempotency_key="p1",
    )
    if approve:
        workshop_services.contribution_moderate(contribution=photo, action="approve")
    return photo


def test_an_approved_phone_photo_goes_on_the_model_with_where_it_came_from(
    client, facilitator, model
):
    photo = _phone_photo(model, facilitator)
    client.force_login(facilitator)
    page = client.get(reverse("community_models:images", args=[model.pk])).content.decode()
    assert "Bilder fra verkstedene" in page and "Avisforside fra 2060" in page
    response = client.post(
        reverse("community_models:image_from_workshop", args=[model.pk]),
        {"contribution": photo.pk},
    )
    assert response.status_code == 302
    picture = ModelImage.objects.get()
    assert picture.alt_text == "Avisforside fra 2060"
    assert (picture.source_contribution_id, picture.source_workshop_title) == (
        photo.pk,
        "Utstilling fra framtiden",
    )
    assert picture.source_activity_title == "Ta bilde av gjenstanden"
    assert picture.file.name != photo.picture.name  # the model's own copy
    # Offered no more, and a second try is refused.
    page = client.get(reverse("community_models:images", args=[model.pk])).content.decode()
    assert "Bilder fra verkstedene" not in page and "Fra verksted" in page
    with pytest.raises(Refusal, match="allerede i modellen"):
        services.image_add_from_workshop(
            model=model, user=facilitator, photo=sources.photo_get(facilitator, photo.pk)
        )


def test_a_photo_waiting_for_approval_cannot_go_on_a_model(client, facilitator, model):
    photo = _phone_photo(model, facilitator, approve=False)
    assert sources.photos_for(facilitator) == []
    client.force_login(facilitator)
    response = client.post(
        reverse("community_models:image_from_workshop", args=[model.pk]),
        {"contribution": photo.pk},
    )
    assert response.status_code == 404
    assert not ModelImage.objects.exists()


def test_a_phone_photo_is_not_offered_as_text_to_pull_in(facilitator, model):
    photo = _phone_photo(model, facilitator)
    refs = sources.contributions_for(facilitator, photo.activity.workshop_id)
    assert photo.pk not in [r.contribution_id for r in refs]


def test_another_organisations_photo_is_never_offered(facilitator, outsider, model):
    photo = _phone_photo(model, facilitator)
    assert sources.photo_get(facilitator, photo.pk) is not None
    assert sources.photo_get(outsider, photo.pk) is None
    assert sources.photos_for(outsider) == []
