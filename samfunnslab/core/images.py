"""The one cleaner for uploaded pictures: decode, check, shrink and re-encode, or refuse plainly.

A picture is trusted only after Pillow has decoded it: the file name and the browser's content
type are never believed. What comes out is a new file written from the decoded pixels, so nothing
of the original file survives: no EXIF (camera, time, GPS position), no comments, no hidden data
after the image. Phones write rotated pictures with an orientation tag; the pixels are turned
upright before the tag is dropped.

`picture_response` is the one way a stored picture goes out again: through a view that has checked
who may see it, privately cached, never sniffed.

Refusals (`Refusal`, plain and translated): too large a file, not a picture we read (JPEG, PNG,
WebP, GIF), a picture with more pixels than we decode (a "decompression bomb": a small file that
unpacks to gigabytes), or a broken file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from samfunnslab.core.errors import Refusal

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo is 2–6 MB
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone camera, far below a bomb
MAX_EDGE = 1600  # the longest side after shrinking: sharp on a projector, small to store
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


@dataclass(frozen=True)
class CleanImage:
    """A decoded, shrunk and re-encoded picture, ready to store."""

    content: bytes
    width: int
    height: int
    extension: str  # "jpg" or "png"
    content_type: str


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _read_limited(file: IO[bytes], max_bytes: int) -> bytes:
    """Read at most one byte past the limit, and refuse a file over it."""
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Refusal(
            _(
                "Bildet er for stort. Største filstørrelse er %(max)s MB. Ta et nytt bilde med "
                "lavere oppløsning, eller send et mindre bilde."
            )
            % {"max": _megabytes(max_bytes)}
        )
    if not data:
        raise Refusal(_("Filen er tom. Velg et bilde."))
    return data


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Decode the picture fully, refusing what is not a readable picture or is too many pixels."""
    too_many = _(
        "Bildet har for mange piksler til at vi kan lese det trygt (over %(max)s megapiksler). "
        "Send et mindre bilde."
    ) % {"max": max_pixels // 1_000_000}
    try:
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)  # reads the header only
        if image.width * image.height > max_pixels:
            raise Refusal(too_many)
        image.load()
    except Image.DecompressionBombError:  # Pillow's own, global limit
        raise Refusal(too_many) from None
    except UnidentifiedImageError:
        raise Refusal(
            _(
                "Filen er ikke et bilde vi kan lese. Send et bilde i JPEG-, PNG-, WebP- eller "
                "GIF-format."
            )
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise Refusal(_("Bildet er ødelagt eller bare delvis lastet opp. Prøv igjen.")) from None
    return image


# WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on for the whole process, so a cut-off file
# would decode into a half-grey picture without an error: we check the end of the data ourselves.
def _jpeg_complete(data: bytes) -> bool:
    """Walk the JPEG's segments and scans; True when the image's own end marker is reached (data
    after it, such as a phone's motion-photo video, is ignored)."""
    at = 2  # after the start marker FFD8
    while at + 2 <= len(data):
        if data[at] != 0xFF:
            return False
        marker = data[at + 1]
        if marker == 0xD9:
            return True
        if marker == 0xFF or 0xD0 <= marker <= 0xD7:
            at += 1 if marker == 0xFF else 2
            continue
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xDA:  # a scan: compressed data until the next real marker
            while at + 1 < len(data) and not (
                data[at] == 0xFF and data[at + 1] not in (0x00, *range(0xD0, 0xD8))
            ):
                at += 1
    return False


def _check_complete(image_format: str | None, data: bytes) -> None:
    """Refuse a JPEG or PNG that stops before its end (an upload that broke off)."""
    complete = {
        "JPEG": _jpeg_complete,
        "PNG": lambda d: b"IEND" in d,
    }.get(image_format or "", lambda d: True)
    if not complete(data):
        raise Refusal(_("Bildet er ødelagt eller bare delvis lastet opp. Prøv igjen."))


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def clean_image(
    file: IO[bytes],
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_edge: int = MAX_EDGE,
) -> CleanImage:
    """Return the picture decoded, turned upright, shrunk to `max_edge` and re-encoded without
    metadata; raise `Refusal` for anything else."""
    data = _read_limited(file, max_bytes)
    image = _open(data, max_pixels)
    _check_complete(image.format, data)
    image.seek(0)  # the first frame of an animation
    upright = ImageOps.exif_transpose(image) or image
    transparent = _has_transparency(upright)
    pixels = upright.convert("RGBA" if transparent else "RGB")
    pixels.info = {}  # no comment, profile or EXIF carried over into the new file
    pixels.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if transparent:
        pixels.save(out, format="PNG", optimize=True)
        extension, content_type = "png", "image/png"
    else:
        pixels.save(out, format="JPEG", quality=85, optimize=True)
        extension, content_type = "jpg", "image/jpeg"
    return CleanImage(out.getvalue(), pixels.width, pixels.height, extension, content_type)


def picture_response(file: FieldFile, content_type: str) -> FileResponse:
    """Stream a stored picture to someone a view has let see it; 404 when the file is gone."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: no file attached
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
