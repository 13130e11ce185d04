"""The one cleaner for uploaded pictures: decode, check, shrink and re-encode, or refuse plainly.

A picture is trusted only after Pillow has decoded it: the file name and the browser's content
type are never believed. What comes out is a new file written from the decoded pixels, so nothing
of the original file survives: no EXIF (camera, time, GPS position), no comments, no hidden data
after the image. Phones write rotated pictures with an orientation tag; the pixels are turned
upright before the tag is dropped.

Refusals (`Refusal`, plain and translated): too large a file, not a picture we read (JPEG, PNG,
WebP, GIF), a picture with more pixels than we decode (a "decompression bomb": a small file that
unpacks to gigabytes), or a broken file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO

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
    image = _open(_read_limited(file, max_bytes), max_pixels)
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
