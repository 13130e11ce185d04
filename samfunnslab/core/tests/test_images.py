"""The picture cleaner: what it keeps, what it removes, and what it refuses in plain words."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image, ImageFile

from samfunnslab.core import images
from samfunnslab.core.errors import Refusal
from samfunnslab.core.tests import image_files


def _open(clean: images.CleanImage) -> Image.Image:
    return Image.open(io.BytesIO(clean.content))


def test_a_photo_loses_its_gps_position_camera_and_comment() -> None:
    clean = images.clean_image(io.BytesIO(image_files.jpeg_with_gps()))
    result = _open(clean)
    assert dict(result.getexif()) == {}
    assert result.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert "comment" not in result.info and b"secret" not in clean.content
    assert b"Testtelefon" not in clean.content
    assert (clean.extension, clean.content_type) == ("jpg", "image/jpeg")


def test_a_rotated_phone_photo_is_turned_upright_before_the_tag_is_dropped() -> None:
    clean = images.clean_image(io.BytesIO(image_files.jpeg_with_gps((400, 200), orientation=6)))
    assert (clean.width, clean.height) == (200, 400)
    assert _open(clean).size == (200, 400)


def test_a_large_picture_is_shrunk_to_the_longest_edge_keeping_its_shape() -> None:
    clean = images.clean_image(io.BytesIO(image_files.png((3000, 1500))), max_edge=1000)
    assert (clean.width, clean.height) == (1000, 500)


def test_a_small_picture_keeps_its_size() -> None:
    clean = images.clean_image(io.BytesIO(image_files.png((300, 200))))
    assert (clean.width, clean.height) == (300, 200)


def test_a_transparent_picture_stays_a_png_with_its_transparency() -> None:
    clean = images.clean_image(io.BytesIO(image_files.png(transparent=True)))
    assert clean.extension == "png"
    assert _open(clean).mode == "RGBA"


def test_a_file_over_the_limit_is_refused_before_it_is_decoded() -> None:
    with pytest.raises(Refusal, match="for stort. Største filstørrelse er 10,0 MB"):
        images.clean_image(io.BytesIO(image_files.big_file(20 * 1024 * 1024)))


def test_a_pdf_named_like_a_photo_is_refused() -> None:
    with pytest.raises(Refusal, match="ikke et bilde vi kan lese"):
        images.clean_image(io.BytesIO(image_files.PDF_NAMED_JPG))


def test_an_svg_is_refused() -> None:
    with pytest.raises(Refusal, match="ikke et bilde vi kan lese"):
        images.clean_image(io.BytesIO(image_files.SVG))


def test_a_decompression_bomb_is_refused_without_unpacking_it() -> None:
    with pytest.raises(Refusal, match="for mange piksler"):
        images.clean_image(io.BytesIO(image_files.png_bomb()))


def test_a_picture_over_our_own_pixel_limit_is_refused() -> None:
    with pytest.raises(Refusal, match="for mange piksler"):
        images.clean_image(io.BytesIO(image_files.png_bomb(8_000, 6_000)), max_pixels=40_000_000)


@pytest.mark.parametrize(
    "load_truncated", [False, True], ids=["pillow default", "after weasyprint"]
)
def test_a_cut_off_picture_is_refused(
    monkeypatch: pytest.MonkeyPatch, load_truncated: bool
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated)
    data = image_files.jpeg_with_gps((800, 800))
    with pytest.raises(Refusal, match="ødelagt"):
        images.clean_image(io.BytesIO(data[: len(data) // 2]))


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(Refusal, match="tom"):
        images.clean_image(io.BytesIO(b""))


def test_a_phone_photo_with_a_video_after_its_end_is_accepted() -> None:
    data = image_files.jpeg_with_gps((400, 300)) + b"\x00\x00\x00\x18ftypmp42" + bytes(5000)
    assert images.clean_image(io.BytesIO(data)).width == 400


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_a_whole_jpeg_is_accepted_and_a_cut_one_is_not_in_either_encoding(
    monkeypatch: pytest.MonkeyPatch, progressive: bool
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    out = io.BytesIO()
    noise = Image.effect_noise((300, 300), 60).convert("RGB")
    noise.save(out, "JPEG", progressive=progressive)
    data = out.getvalue()
    assert images.clean_image(io.BytesIO(data)).width == 300
    with pytest.raises(Refusal, match="ødelagt"):
        images.clean_image(io.BytesIO(data[:-200]))
